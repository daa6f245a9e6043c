#!/usr/bin/env bash
# Builds one Maven module and the modules it needs and runs one of its main classes on the JVM, from the reactor's
# target/classes: nothing needs to be installed in ~/.m2 first. Maven (the project's wrapper) runs offline first and
# online only if a dependency is missing; its output is shown only when the build fails. JAVA_OPTS is passed to java.
# Usage: scripts/module_run.sh MODULE MAIN_CLASS [ARGS...]     e.g. scripts/module_run.sh backend-service io.stride…
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module_name="${1:?usage: module_run.sh MODULE MAIN_CLASS [ARGS...]}"
main="${2:?usage: module_run.sh MODULE MAIN_CLASS [ARGS...]}"
shift 2
module="$root/$module_name"

# test-compile (tests skipped) so that the reactor resolves sibling test-jars as bytetrack_run.sh explains.
cpfile="$module/target/runtime.classpath"
build=("$root/mvnw" -B -q -Dstyle.color=never -f "$root/pom.xml" -pl "$module_name" -am test-compile
       -Dmaven.test.skip=true dependency:build-classpath -Dmdep.outputFile=target/runtime.classpath
       -Dmdep.includeScope=runtime)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! "${build[@]}" -o >"$log" 2>&1; then
  echo "offline build failed; retrying with the network" >&2
  if ! "${build[@]}" >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
fi
rm -f "$log"

# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "$module/target/classes:$(cat "$cpfile")" "$main" "$@"
