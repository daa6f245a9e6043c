# Sourced by the scripts that run a harness main class from e2e-tests' test classpath (bench_pipeline.sh,
# soak_memory.sh, soak_camera.sh, camera_overload.sh): builds the five services' executable jars and that classpath,
# writes the java argument file and runs the harness.

# build_harness TAG SKIP_VARIABLE: builds (offline if it can) unless the named variable is 1; Maven's output is shown
# only when the build fails, so that the harness's own output stays readable.
build_harness() {
  local tag="$1" skip_var="$2" root module
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  module="$root/e2e-tests"
  if [[ "${!skip_var:-0}" != 1 ]]; then
    local log
    # The wrapper: the Maven version CI uses, not whatever mvn is on PATH. -am builds pipeline-core in the same
    # reactor, so a fresh clone needs no earlier 'install'.
    local build=("$root/mvnw" -B -q -Dstyle.color=never -f "$root/pom.xml" -DskipTests
           -pl backend-service,yolox-service,bytetrack-service,rtmpose-service,annotation-service,e2e-tests -am
           package dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test)
    log="$(mktemp)"
    echo "[$tag] Building the services and the harness…"
    if ! "${build[@]}" -o >"$log" 2>&1; then
      echo "[$tag] offline build failed; retrying with the network" >&2
      if ! "${build[@]}" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        exit 1
      fi
    fi
    rm -f "$log"
  fi
  [[ -s "$module/target/test.classpath" ]] || { echo "no $module/target/test.classpath: run without $skip_var" >&2; exit 1; }
}

# harness_module: prints the path of e2e-tests, the module the harnesses' main classes are in.
harness_module() {
  echo "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/e2e-tests"
}

# harness_argfile NAME: writes e2e-tests/target/NAME.args with the classpath and prints its path. The classpath goes
# in an argument file because ONNX Runtime 1.29.0 crashes the JVM (SIGSEGV) while loading its natives when the java
# command line is longer than about 4 KB, and this classpath is about 16 KB.
harness_argfile() {
  local module argfile
  module="$(harness_module)"
  argfile="$module/target/$1.args"
  printf -- '-cp "%s"\n' "$module/target/test-classes:$(cat "$module/target/test.classpath")" > "$argfile"
  echo "$argfile"
}

# require_ffmpeg TAG: exits 2 unless the ffmpeg command-line tool, the camera's publisher, is on the PATH; checked
# before the build so that a machine without it fails at once.
require_ffmpeg() {
  command -v ffmpeg >/dev/null || { echo "[$1] needs ffmpeg on the PATH (the camera's publisher)" >&2; exit 2; }
}

# exec_harness NAME HEAP MAIN_CLASS [ARG]...: replaces the script with MAIN_CLASS of e2e-tests' test classes, run
# from e2e-tests (the fleet finds the services' jars relative to it) with -Xmx HEAP and the argument file NAME.args;
# a file named on the command line is taken relative to where the script was run.
exec_harness() {
  local name="$1" heap="$2" main_class="$3" argfile caller_dir="$PWD"
  shift 3
  argfile="$(harness_argfile "$name")"
  cd "$(harness_module)"
  # shellcheck disable=SC2086
  exec java "-Xmx$heap" -XX:+UseSerialGC ${JAVA_OPTS:-} "-Dstride.caller-dir=$caller_dir" "@$argfile" \
    "$main_class" "$@"
}
