#!/usr/bin/env bash
# Checks the Docker setup as far as a machine without a Docker engine can (CI has none):
#   1. compose.yaml, alone and with compose.gpu.yaml, is a valid Compose file: `docker-compose config`.
#   2. Every compose service runs a pinned image or is built from a Dockerfile (and stage) that exists; every
#      *-service module of the root pom is a compose service; every dependency on a service's health has a
#      health check to wait for; every long-running service has a memory limit and a restart policy (always,
#      unless-stopped or on-failure); Prometheus scrapes every Stride service at the port it listens on.
#   3. Every environment variable compose or a Dockerfile sets on a Stride service is one the service reads: a
#      ${VAR} placeholder of its application.yaml, or the environment form of a key of its application.yaml or
#      of a @ConfigurationProperties record of the service or of pipeline-core (Spring's relaxed binding:
#      stride.yolox.model-path <- STRIDE_YOLOX_MODELPATH). A job built from our Dockerfile must read its
#      variables in a file it copies in.
#   4. The Dockerfiles build with CI's Maven command (.ci/run): the same wrapper, batch mode, a phase CI's phase
#      includes, and no flag CI does not use except those that only narrow or quiet the build; their JDK is the
#      pom's java.version.
#   5. The deployment is closed until configured (docs/compose-security.md): compose refuses to render without
#      STRIDE_API_KEY or GRAFANA_ADMIN_PASSWORD; every Stride service gets the operator key from that required
#      variable; every container is read-only, drops every capability, runs with no-new-privileges and, where
#      built here, as a non-root user; every published port names its host address, 127.0.0.1 unless
#      STRIDE_BIND_ADDRESS is set, and only the backend, MediaMTX and Grafana follow STRIDE_BIND_ADDRESS;
#      MediaMTX authorises publishers and players through the backend's /rtsp/auth; Grafana has no anonymous access.
# Compose is rendered with stand-in values for the required variables, never with an .env file or the caller's.
# Installs Debian's docker-compose (which brings python3 and PyYAML) when missing; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker-compose >/dev/null
fi

# Debian's python3: the one docker-compose brought, with PyYAML (a python3 earlier on PATH may lack it).
exec /usr/bin/python3 - <<'PY'
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import yaml

COMPOSE_FILES = [["compose.yaml"], ["compose.yaml", "compose.gpu.yaml"]]
CI_SCRIPT = ".ci/run"
CORE_MODULE = "pipeline-core"
# Read by the JVM or the shell, not by Spring.
NOT_SPRING = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_HOME", "PATH"}
# Flags a Dockerfile may add to CI's Maven command: they only quiet the build or narrow it to one service.
NARROWING_FLAGS = {"-q", "-DskipTests", "-am"}
LIFECYCLE = ["validate", "compile", "test", "package", "verify", "install", "deploy"]
# Stand-ins for the variables compose.yaml requires, so that it renders; section 5 checks that it does not without.
REQUIRED_VARIABLES = {"STRIDE_API_KEY": "check-compose-operator-key",
                      "GRAFANA_ADMIN_PASSWORD": "check-compose-grafana-password"}
BIND_VARIABLE = "STRIDE_BIND_ADDRESS"
# The services whose ports STRIDE_BIND_ADDRESS opens: the ones with a login of their own that people use. Kafka's
# host listener, Prometheus and the stages' ports have none or are for this host's operator only.
OPENABLE = {"backend", "mediamtx", "grafana"}
ACCESS_POLICY = "pipeline-core/src/main/java/io/stride/core/security/AccessPolicy.java"

passed, failed = [], []


def check(ok, what):
    (passed if ok else failed).append(what)
    print(("  ok    " if ok else "  FAIL  ") + what)
    return ok


# --- 1. compose parses ---------------------------------------------------------------------------------
EMPTY_ENV_FILE = tempfile.NamedTemporaryFile(prefix="check_compose", suffix=".env")


def render(files, **variables):
    """`docker-compose config` of the files with exactly these Stride variables: none from an .env file beside
    compose.yaml (a developer's own key) or from the caller's environment."""
    env = {k: v for k, v in os.environ.items() if k not in REQUIRED_VARIABLES and k != BIND_VARIABLE
           and not k.startswith("STRIDE_") and not k.startswith("GRAFANA_")}
    env.update(variables)
    args = (["docker-compose", "--env-file", EMPTY_ENV_FILE.name] + [a for f in files for a in ("-f", f)]
            + ["config"])
    return subprocess.run(args, capture_output=True, text=True, env=env)


configs = {}
for files in COMPOSE_FILES:
    result = render(files, **REQUIRED_VARIABLES)
    name = " + ".join(files)
    if check(result.returncode == 0, f"{name} is a valid Compose file" +
             ("" if result.returncode == 0 else ": " + result.stderr.strip())):
        configs[name] = yaml.safe_load(result.stdout)
if not configs:
    print(f"check_compose: {len(passed)} passed, {len(failed)} failed")
    sys.exit(1)


# --- helpers ---------------------------------------------------------------------------------------------
def root_pom():
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    pom = ET.parse("pom.xml").getroot()
    modules = [m.text for m in pom.findall("m:modules/m:module", ns)]
    profiles = {p.text for p in pom.findall("m:profiles/m:profile/m:id", ns)}
    java = pom.find("m:properties/m:java.version", ns).text
    return modules, profiles, java


MODULES, PROFILES, JAVA_VERSION = root_pom()


def dockerfile_stages(path):
    """Instructions of each stage: {stage name or index: [instruction lines]}, continuation lines joined."""
    stages, current = {}, None
    text = open(path).read()
    text = re.sub(r"\\\n", " ", text)
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"FROM\s+(\S+)(?:\s+AS\s+(\S+))?", line, re.I)
        if m:
            current = m.group(2) or f"#{len(stages)}"
            stages[current] = [line]
        elif current is not None:
            stages[current].append(line)
    return stages


def env_name(prop):
    return prop.replace("-", "").replace(".", "_").upper()


def kebab(name):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()


def flatten(node, prefix=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from flatten(value, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix


def split_top_level(text):
    """Splits at commas outside (), {}, <> and string literals."""
    parts, depth, current, quote = [], 0, [], None
    for ch in text:
        if quote:
            current.append(ch)
            if ch == quote:
                quote = None
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "({<":
            depth += 1
        elif ch in ")}>":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    if "".join(current).strip():
        parts.append("".join(current))
    return parts


def strip_annotations(text):
    out, i = [], 0
    while i < len(text):
        m = re.match(r"@[\w.]+\s*", text[i:])
        if m:
            i += m.end()
            if i < len(text) and text[i] == "(":
                depth = 0
                while i < len(text):
                    depth += {"(": 1, ")": -1}.get(text[i], 0)
                    i += 1
                    if depth == 0:
                        break
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def record_components(source, name):
    """[(component name, simple type name)] of `record name(...)` in the source, or None."""
    m = re.search(r"\brecord\s+" + re.escape(name) + r"\s*\(", source)
    if not m:
        return None
    i, depth = m.end(), 1
    while depth:
        depth += {"(": 1, ")": -1}.get(source[i], 0)
        i += 1
    components = []
    for part in split_top_level(source[m.end():i - 1]):
        words = strip_annotations(re.sub(r"/\*.*?\*/", "", part, flags=re.S)).split()
        if len(words) >= 2:
            components.append((words[-1], re.sub(r"<.*", "", words[-2]).split(".")[-1]))
    return components


def java_sources(module):
    root = os.path.join(module, "src", "main", "java")
    for directory, _, files in os.walk(root):
        for f in files:
            if f.endswith(".java"):
                yield open(os.path.join(directory, f)).read()


def bound_properties(module):
    """Every property a @ConfigurationProperties record of the module binds, nested records followed."""
    sources = list(java_sources(module)) + list(java_sources(CORE_MODULE))
    properties = set()

    def walk(source, record, prefix, seen):
        components = record_components(source, record)
        if components is None:
            for other in sources:
                components = record_components(other, record)
                if components is not None:
                    source = other
                    break
        if components is None or record in seen:
            return
        for name, type_name in components:
            prop = f"{prefix}.{kebab(name)}"
            properties.add(prop)
            walk(source, type_name, prop, seen | {record})

    for source in sources:
        for m in re.finditer(r'@ConfigurationProperties\(\s*(?:prefix\s*=\s*|value\s*=\s*)?"([^"]+)"\s*\)'
                             r'(?:\s*@\w+(?:\([^)]*\))?)*\s*public\s+record\s+(\w+)', source):
            walk(source, m.group(2), m.group(1), frozenset())
    return properties


def readable_variables(module):
    """Environment variables the Spring service in the module reads, and where each comes from."""
    yaml_path = os.path.join(module, "src", "main", "resources", "application.yaml")
    text = open(yaml_path).read()
    names = {v: "placeholder in application.yaml" for v in re.findall(r"\$\{([A-Z][A-Z0-9_]*)[:}]", text)}
    for key in flatten(yaml.safe_load(text)):
        names.setdefault(env_name(key), f"application.yaml key {key}")
    for prop in bound_properties(module):
        names.setdefault(env_name(prop), f"@ConfigurationProperties {prop}")
    return names


# --- 2. services, Dockerfiles, health, limits, scraping --------------------------------------------------
prometheus = yaml.safe_load(open("monitoring/prometheus/prometheus.yml"))
scraped = {(t, job.get("metrics_path", "/metrics"))
           for job in prometheus["scrape_configs"] for sc in job.get("static_configs", []) for t in sc["targets"]}
dockerfiles = set()
for config_name, config in configs.items():
    services = config["services"]
    stride_modules = set()
    for name, svc in services.items():
        where = f"[{config_name}] service {name}"
        build = svc.get("build")
        if build:
            dockerfile = os.path.relpath(os.path.join(build["context"], build.get("dockerfile", "Dockerfile")))
            if not check(os.path.isfile(dockerfile), f"{where} is built from {dockerfile}, which exists"):
                continue
            dockerfiles.add(dockerfile)
            stages = dockerfile_stages(dockerfile)
            target = build.get("target")
            if target:
                check(target in stages, f"{where}: {dockerfile} has the stage {target}")
            module_arg = (build.get("args") or {}).get("SERVICE")
            if module_arg:
                module = f"{module_arg}-service"
                stride_modules.add(module)
                check(module in MODULES and os.path.isfile(os.path.join(module, "pom.xml")),
                      f"{where} builds the module {module} of the root pom")
        else:
            image = svc.get("image", "")
            check(re.fullmatch(r"[\w./-]+:[\w.-]+", image) is not None and not image.endswith(":latest"),
                  f"{where} runs a pinned image ({image})")
        one_shot = any(dep.get("condition") == "service_completed_successfully" and dep_name == name
                       for other in services.values() for dep_name, dep in (other.get("depends_on") or {}).items())
        if not one_shot:
            check("mem_limit" in svc, f"{where} has a memory limit")
            # Stages and the broker recover from a crash only if something starts them again (docs/reliability.md).
            # A one-shot job (another service waits for it to complete) ends on purpose and is not restarted.
            restart = str(svc.get("restart", "no"))
            check(restart in ("always", "unless-stopped") or restart.startswith("on-failure"),
                  f"{where} has a restart policy (restart: {restart})")
        for dep_name, dep in (svc.get("depends_on") or {}).items():
            if dep.get("condition") == "service_healthy":
                target_svc = services[dep_name]
                own = "healthcheck" in target_svc
                inherited = target_svc.get("build") and any(
                    line.upper().startswith("HEALTHCHECK")
                    for stage in [list(dockerfile_stages(os.path.relpath(os.path.join(
                        target_svc["build"]["context"], target_svc["build"].get("dockerfile", "Dockerfile"))))
                                       .values())[-1]] for line in stage)
                check(own or bool(inherited), f"{where} waits for {dep_name} to be healthy, which has a health check")
        if build and (build.get("args") or {}).get("SERVICE"):
            check(any(d == "kafka" and v.get("condition") == "service_healthy"
                      for d, v in (svc.get("depends_on") or {}).items()),
                  f"{where} starts once Kafka is healthy")
            port = str((svc.get("environment") or {}).get("SERVER_PORT", ""))
            check(bool(port) and (f"{name}:{port}", "/actuator/prometheus") in scraped,
                  f"{where}: Prometheus scrapes {name}:{port}/actuator/prometheus")
            for mapping in svc.get("ports") or []:
                target = mapping.get("target") if isinstance(mapping, dict) else mapping.split(":")[-1].split("/")[0]
                check(str(target) == port, f"{where} publishes the port it listens on ({port})")
    services_modules = sorted(m for m in MODULES if m.endswith("-service"))
    check(sorted(stride_modules) == services_modules,
          f"[{config_name}] every service module runs in compose: {services_modules}")

# --- 3. environment variables are read -------------------------------------------------------------------
for config_name, config in configs.items():
    for name, svc in config["services"].items():
        build = svc.get("build")
        if not build:
            continue
        dockerfile = os.path.relpath(os.path.join(build["context"], build.get("dockerfile", "Dockerfile")))
        stages = dockerfile_stages(dockerfile)
        stage = stages.get(build.get("target")) or list(stages.values())[-1]
        variables = dict(svc.get("environment") or {})
        for line in stage:
            if line.upper().startswith("ENV "):
                for token in shlex.split(line[4:]):
                    if "=" in token:
                        variables.setdefault(token.split("=", 1)[0], "(Dockerfile)")
        module_arg = (build.get("args") or {}).get("SERVICE")
        if module_arg:
            readable = readable_variables(f"{module_arg}-service")
            for variable in sorted(variables):
                if variable in NOT_SPRING:
                    continue
                if variable.startswith("SPRING_KAFKA_"):
                    # Spring Boot's KafkaProperties (TLS, SASL), which KafkaClients applies to every client.
                    check(True, f"[{config_name}] {name} reads {variable} (spring.kafka.*, applied by KafkaClients)")
                    continue
                check(variable in readable, f"[{config_name}] {name} reads {variable}"
                      + (f" ({readable[variable]})" if variable in readable else ": no property or placeholder binds it"))
        else:
            copied = [shlex.split(line)[-2] for line in stage if line.upper().startswith("COPY ")
                      and "--from" not in line and len(shlex.split(line)) >= 3]
            texts = "".join(open(p).read() for p in copied if os.path.isfile(p))
            for variable in sorted(variables):
                check(re.search(r"\b" + variable + r"\b", texts) is not None,
                      f"[{config_name}] {name} reads {variable} (in {', '.join(copied) or 'no copied file'})")

# --- 4. Maven command and JDK of every Dockerfile ---------------------------------------------------------
def mvnw_command(text):
    """The words of the first ./mvnw command in the shell text, up to the next control operator."""
    start = text.find("./mvnw")
    if start < 0:
        return None
    lexer = shlex.shlex(text[start:].split("\n")[0], posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    words = []
    for word in lexer:
        if word in ("&&", "||", ";", "|", "&"):
            break
        words.append(word)
    return words


def phases_and_flags(tokens):
    phases, flags, i = [], [], 1
    while i < len(tokens):
        token = tokens[i]
        if token in ("-pl", "-f", "-rf"):
            flags.append(token + " " + tokens[i + 1])
            i += 2
            continue
        (flags if token.startswith("-") or token.startswith("$") else phases).append(token)
        i += 1
    return phases, flags


ci_lines = [line for line in open(CI_SCRIPT).read().splitlines() if not line.lstrip().startswith("#")]
ci = mvnw_command("\n".join(ci_lines))
check(ci is not None, f"{CI_SCRIPT} builds with ./mvnw")
ci_phases, ci_flags = phases_and_flags(ci or ["./mvnw"])
for dockerfile in sorted(dockerfiles | {os.path.join("docker", f) for f in os.listdir("docker")
                                        if f.startswith("Dockerfile") and not f.endswith(".dockerignore")}):
    stages = dockerfile_stages(dockerfile)
    for stage_name, lines in stages.items():
        run = " ".join(line for line in lines if line.upper().startswith("RUN"))
        where = f"{dockerfile} stage {stage_name}"
        tokens = mvnw_command(run)
        if tokens is None:
            if re.search(r"(^|[\s/;&|])mvn\s", run):
                check(False, f"{where} runs Maven without CI's wrapper ./mvnw")
            continue
        phases, flags = phases_and_flags(tokens)
        check(tokens[0] == ci[0], f"{where} builds with {ci[0]}, as CI does")
        check("-B" in flags and "-B" in ci_flags, f"{where} runs Maven in batch mode, as CI does")
        check(all(p in LIFECYCLE for p in phases + ci_phases)
              and max(LIFECYCLE.index(p) for p in phases) <= max(LIFECYCLE.index(p) for p in ci_phases),
              f"{where} runs {phases}, which CI's {ci_phases} includes")
        args = {m.group(1): m.group(2) for line in lines
                for m in [re.match(r'ARG\s+(\w+)(?:=(.*))?', line)] if m}
        extra = []
        for flag in flags:
            if flag in ci_flags or flag in NARROWING_FLAGS or flag.startswith("-pl ") or flag == "-B":
                continue
            if flag.startswith("-P") and flag[2:] in PROFILES:
                continue
            arg = re.fullmatch(r"\$\{?(\w+)}?", flag)
            if arg and args.get(arg.group(1)) in ('""', "", "''"):
                continue
            extra.append(flag)
        check(not extra, f"{where} adds no flag CI does not use" + (f": {extra}" if extra else ""))
    for stage_name, lines in stages.items():
        base = lines[0].split()[1]
        jdk = re.search(r"temurin[-:](\d+)", base)
        if jdk:
            check(jdk.group(1) == JAVA_VERSION, f"{dockerfile} stage {stage_name} runs Java {jdk.group(1)}, "
                                                f"the pom's java.version {JAVA_VERSION}")


# --- 5. closed until configured ----------------------------------------------------------------------------
def host_ips(svc):
    """(host address or None, mapping) of every published port; docker-compose writes IP:PUBLISHED:TARGET/PROTO."""
    for mapping in svc.get("ports") or []:
        if isinstance(mapping, dict):
            yield mapping.get("host_ip"), mapping
        else:
            parts = str(mapping).split("/")[0].rsplit(":", 2)
            yield (parts[0] if len(parts) == 3 and parts[0] else None), mapping


def has_no_new_privileges(svc):
    return any(re.fullmatch(r"no-new-privileges(?:[:=]true)?", str(opt)) for opt in svc.get("security_opt") or [])


def is_stride_service(svc):
    return bool(((svc.get("build") or {}).get("args") or {}).get("SERVICE"))


def stage_user(svc):
    build = svc["build"]
    stages = dockerfile_stages(os.path.relpath(os.path.join(build["context"], build.get("dockerfile", "Dockerfile"))))
    stage = stages.get(build.get("target")) or list(stages.values())[-1]
    users = [line.split()[1] for line in stage if line.upper().startswith("USER ")]
    return users[-1] if users else None


def required(value, variable):
    """Whether a raw compose value is exactly ${VARIABLE:?message}: compose stops when it is unset or empty."""
    return re.fullmatch(r"\$\{" + variable + r":\?[^}]+\}", str(value)) is not None


# Compose refuses to start without each required variable, unset or empty, and says which.
for files in COMPOSE_FILES:
    name = " + ".join(files)
    for variable in REQUIRED_VARIABLES:
        for missing in ("unset", "empty"):
            others = {k: v for k, v in REQUIRED_VARIABLES.items() if k != variable}
            if missing == "empty":
                others[variable] = ""
            result = render(files, **others)
            check(result.returncode != 0 and variable in result.stderr,
                  f"[{name}] does not render with {variable} {missing}, and says so")

# The raw file, anchors merged: the value each service is given before interpolation.
raw_services = yaml.safe_load(open(COMPOSE_FILES[0][0]))["services"]
rtsp_auth_path = re.search(r'RTSP_AUTH_PATH\s*=\s*"([^"]+)"', open(ACCESS_POLICY).read()).group(1)
backend_sources = "".join(java_sources("backend-service"))
check(re.search(r"@PostMapping\(\s*(?:(?:path|value)\s*=\s*)?(?:AccessPolicy\.)?RTSP_AUTH_PATH\b", backend_sources)
      is not None, f"the backend answers POST {rtsp_auth_path} (AccessPolicy.RTSP_AUTH_PATH)")

open_key = REQUIRED_VARIABLES["STRIDE_API_KEY"]
for files in COMPOSE_FILES:
    config_name = " + ".join(files)
    if config_name not in configs:
        continue  # it did not render: section 1 failed already
    opened = render(files, **REQUIRED_VARIABLES, **{BIND_VARIABLE: "192.0.2.10"})
    opened_services = yaml.safe_load(opened.stdout)["services"] if opened.returncode == 0 else {}
    check(opened.returncode == 0, f"[{config_name}] renders with {BIND_VARIABLE} set")
    for name, svc in configs[config_name]["services"].items():
        where = f"[{config_name}] service {name}"
        check(svc.get("read_only") is True, f"{where} is read-only (read_only: true)")
        check("ALL" in (svc.get("cap_drop") or []), f"{where} drops every capability (cap_drop: [ALL])")
        check(has_no_new_privileges(svc), f"{where} runs with no-new-privileges")
        user = str(svc.get("user", ""))
        if user:
            check(user.split(":")[0] not in ("root", "0"), f"{where} does not run as root (user: {user})")
        if svc.get("build"):
            built_user = stage_user(svc)
            check(user or (built_user and built_user.split(":")[0] not in ("root", "0")),
                  f"{where} runs as the image's non-root user ({built_user})")
        if is_stride_service(svc):
            env = svc.get("environment") or {}
            check(env.get("STRIDE_SECURITY_APIKEY") == open_key,
                  f"{where} gets the operator key from STRIDE_API_KEY (STRIDE_SECURITY_APIKEY)")
            raw = ((raw_services.get(name) or {}).get("environment") or {}).get("STRIDE_SECURITY_APIKEY")
            check(required(raw, "STRIDE_API_KEY"), f"{where}: STRIDE_SECURITY_APIKEY is ${{STRIDE_API_KEY:?...}}, "
                  "required" + ("" if required(raw, "STRIDE_API_KEY") else f", not {raw}"))
        for ip, mapping in host_ips(svc):
            check(ip == "127.0.0.1", f"{where} publishes {mapping} on 127.0.0.1 by default")
        for ip, mapping in host_ips(opened_services.get(name, {})):
            expected = "192.0.2.10" if name in OPENABLE else "127.0.0.1"
            check(ip == expected, f"{where} publishes {mapping} on {expected} when {BIND_VARIABLE}=192.0.2.10")

    services = configs[config_name]["services"]
    mediamtx = [(n, s) for n, s in services.items() if str(s.get("image", "")).startswith("bluenviron/mediamtx")]
    for name, svc in mediamtx:
        where = f"[{config_name}] service {name}"
        mounted = None
        for volume in svc.get("volumes") or []:
            source, target = ((volume.get("source"), volume.get("target")) if isinstance(volume, dict)
                              else tuple(str(volume).split(":")[:2]))
            if target == "/mediamtx.yml":
                mounted = os.path.relpath(source)
        if not check(mounted is not None and os.path.isfile(mounted), f"{where} mounts its configuration ({mounted})"):
            continue
        mtx = yaml.safe_load(open(mounted)) or {}
        backend_port = str((services["backend"].get("environment") or {}).get("SERVER_PORT", "8080"))
        hook = f"http://backend:{backend_port}{rtsp_auth_path}"
        check(mtx.get("authMethod") == "http", f"{where}: {mounted} authenticates over HTTP (authMethod: http)")
        check(mtx.get("authHTTPAddress") == hook, f"{where}: {mounted} asks {hook} ({mtx.get('authHTTPAddress')})")
        excluded = mtx.get("authHTTPExclude")
        exempt = {str(e.get("action")) for e in excluded or [] if isinstance(e, dict)}
        check(isinstance(excluded, list) and not exempt & {"publish", "read", "playback"},
              f"{where}: {mounted} sets authHTTPExclude and exempts no publisher or player ({sorted(exempt)})")
    check(bool(mediamtx), f"[{config_name}] runs MediaMTX")

    grafana = [(n, s) for n, s in services.items() if str(s.get("image", "")).startswith("grafana/grafana")]
    for name, svc in grafana:
        where = f"[{config_name}] service {name}"
        env = svc.get("environment") or {}
        check(str(env.get("GF_AUTH_ANONYMOUS_ENABLED", "")).lower() == "false",
              f"{where} has anonymous access off (GF_AUTH_ANONYMOUS_ENABLED: {env.get('GF_AUTH_ANONYMOUS_ENABLED')})")
        raw = ((raw_services.get(name) or {}).get("environment") or {}).get("GF_SECURITY_ADMIN_PASSWORD")
        check(required(raw, "GRAFANA_ADMIN_PASSWORD")
              and env.get("GF_SECURITY_ADMIN_PASSWORD") == REQUIRED_VARIABLES["GRAFANA_ADMIN_PASSWORD"],
              f"{where} takes its admin password from GRAFANA_ADMIN_PASSWORD, required")

print(f"check_compose: {len(passed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
PY
