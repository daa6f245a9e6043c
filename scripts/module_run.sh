#!/usr/bin/env bash
# Builds one Maven module and the modules it needs and runs one of its main classes on the JVM, from the reactor's
# target/classes: nothing needs to be installed in ~/.m2 first. Maven (the project's wrapper) runs offline first and
# online only if a dependency is missing; its output is shown only when the build fails. JAVA_OPTS is passed to java,
# MAVEN_OPTS to Maven. --test-classpath runs with the module's test classes and test dependencies too.
# Usage: scripts/module_run.sh [--test-classpath] MODULE MAIN_CLASS [ARGS...]
#        e.g. scripts/module_run.sh backend-service io.stride.backend.evaluation.MotLineCountCommand --help
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scope=runtime
skip_tests=-Dmaven.test.skip=true
if [[ "${1:-}" == "--test-classpath" ]]; then
  scope=test
  skip_tests=-Dmaven.test.skip=false
  shift
fi
usage="usage: module_run.sh [--test-classpath] MODULE MAIN_CLASS [ARGS...]"
module_name="${1:?$usage}"
main="${2:?$usage}"
shift 2
module="$root/$module_name"
classes="$module/target/classes"
[[ "$scope" == test ]] && classes="$module/target/test-classes:$classes"

# -am builds the modules it needs in the same reactor, so the classpath names their target/classes instead of jars
# that only an earlier 'install' would have put in ~/.m2. The reactor finds pipeline-core's test-jar (a test
# dependency, which dependency:build-classpath resolves whatever the scope) only once test-compile ran, hence
# test-compile always, with the tests' compilation skipped when they are not wanted. The output file is per module.
cpfile="$module/target/$scope.classpath"
build=("$root/mvnw" -B -q -Dstyle.color=never -f "$root/pom.xml" -pl "$module_name" -am test-compile "$skip_tests"
       dependency:build-classpath "-Dmdep.outputFile=target/$scope.classpath" "-Dmdep.includeScope=$scope")
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
