#!/usr/bin/env bash
# Builds bytetrack-service (that module only) and runs one of its main classes on the JVM.
# Usage: scripts/bytetrack_run.sh [--test-classpath] MAIN_CLASS [ARGS...]
# Maven runs offline first and online only if a dependency is missing. JAVA_OPTS is passed to java.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/bytetrack-service"
scope=runtime
goal=compile
classes="$module/target/classes"
if [[ "${1:-}" == "--test-classpath" ]]; then
  scope=test
  goal=test-compile
  classes="$module/target/test-classes:$module/target/classes"
  shift
fi
main="${1:?usage: bytetrack_run.sh [--test-classpath] MAIN_CLASS [ARGS...]}"
shift

cpfile="$module/target/$scope.classpath"
build=(mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -pl bytetrack-service "$goal"
       dependency:build-classpath "-Dmdep.outputFile=$cpfile" "-Dmdep.includeScope=$scope")
# Maven's output is shown only when the build fails, so that the command's own output stays clean.
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
exec java ${JAVA_OPTS:-} -cp "$classes:$(cat "$cpfile")" "$main" "$@"
