#!/usr/bin/env bash
# Builds bytetrack-service and the modules it needs (pipeline-core) and runs one of its main classes on the JVM.
# Usage: scripts/bytetrack_run.sh [--test-classpath] MAIN_CLASS [ARGS...]
# Maven (the project's wrapper) runs offline first and online only if a dependency is missing. Works on a fresh
# clone: nothing needs to be installed in ~/.m2 first. JAVA_OPTS is passed to java; MAVEN_OPTS to Maven.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/bytetrack-service"
scope=runtime
skip_tests=-Dmaven.test.skip=true
classes="$module/target/classes"
if [[ "${1:-}" == "--test-classpath" ]]; then
  scope=test
  skip_tests=-Dmaven.test.skip=false
  classes="$module/target/test-classes:$module/target/classes"
  shift
fi
main="${1:?usage: bytetrack_run.sh [--test-classpath] MAIN_CLASS [ARGS...]}"
shift

# -am builds pipeline-core in the same reactor, so the classpath names its target/classes instead of a jar that only
# an earlier 'install' would have put in ~/.m2. The reactor finds pipeline-core's test-jar (a test dependency, which
# dependency:build-classpath resolves whatever the scope) only once test-compile ran, hence test-compile always,
# with the tests' compilation skipped when they are not wanted. The output file is relative, i.e. per module.
cpfile="$module/target/$scope.classpath"
build=("$root/mvnw" -B -q -Dstyle.color=never -f "$root/pom.xml" -pl bytetrack-service -am test-compile "$skip_tests"
       dependency:build-classpath "-Dmdep.outputFile=target/$scope.classpath" "-Dmdep.includeScope=$scope")
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
