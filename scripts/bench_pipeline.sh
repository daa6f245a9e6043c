#!/usr/bin/env bash
# Issue 4's benchmark, one command. On one clip, in one run: the per-frame cost of every step of every stage in
# process (YOLOX split into preprocess / inference / postprocess), JPEG encode/decode and Kafka transport costs,
# the same models in one plain in-process loop (the baseline: decode → YOLOX → ByteTrack → draw → H.264 MP4), the
# real fleet end to end (the five services from their executable jars against a KRaft broker, upload → completed),
# the fleet / baseline ratio, where the fleet's CPU and time went, and yolox-service start-up with and without
# pre-extracted ONNX Runtime natives. Prints Markdown tables and writes them into docs/performance.md.
#
# Usage: scripts/bench_pipeline.sh [clip] [--frames N] [--pose-model FILE] [--set property=value]... [--help]
#   clip defaults to $STRIDE_SHARED_DIR/videos/people-walking_1280x720_10s.mp4. Without --pose-model, pose
#   estimation is off in the baseline and the fleet (no RTMPose weights ship with the test data).
#
# Environment (all optional):
#   STRIDE_SHARED_DIR        models and videos                               (default: ../shared)
#   STRIDE_BENCH_REPORT      Markdown file for the tables; "-" for none      (default: docs/performance.md)
#   STRIDE_BENCH_SKIP_BUILD  1 to use what is already built
#   JAVA_OPTS                extra options for the harness's JVM
#
# Builds the five services and e2e-tests first (Maven, offline if it can). About five minutes on two cores; the
# fleet and the baseline share the CPU with everything else on the machine, so run it when the machine is idle.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/e2e-tests"
export STRIDE_SHARED_DIR="${STRIDE_SHARED_DIR:-$root/../shared}"
report="${STRIDE_BENCH_REPORT:-$root/docs/performance.md}"
cpfile="$module/target/test.classpath"

if [[ "${STRIDE_BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  mvn_cmd=mvn
  command -v mvn >/dev/null || mvn_cmd="$root/mvnw"
  build=("$mvn_cmd" -B -q -Dstyle.color=never -f "$root/pom.xml" -DskipTests
         -pl backend-service,yolox-service,bytetrack-service,rtmpose-service,annotation-service,e2e-tests -am
         package dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test)
  # Maven's output is shown only when the build fails, so that the benchmark's own output stays readable.
  log="$(mktemp)"
  trap 'rm -f "$log"' EXIT
  echo "[bench] Building the services and the harness…"
  if ! "${build[@]}" -o >"$log" 2>&1; then
    echo "[bench] offline build failed; retrying with the network" >&2
    if ! "${build[@]}" >"$log" 2>&1; then
      cat "$log" >&2
      exit 1
    fi
  fi
fi
[[ -s "$cpfile" ]] || { echo "no $cpfile: run without STRIDE_BENCH_SKIP_BUILD" >&2; exit 1; }

report_args=()
[[ "$report" == "-" ]] || report_args=(--report "$report")

# The classpath goes in an argument file: ONNX Runtime 1.29.0 crashes the JVM (SIGSEGV) while loading its natives
# when the java command line is longer than about 4 KB, and this classpath is about 16 KB.
argfile="$module/target/bench.args"
printf -- '-cp "%s"\n' "$module/target/test-classes:$(cat "$cpfile")" > "$argfile"

# The fleet finds the services' jars relative to e2e-tests, as the end-to-end test does; the files named on the
# command line are taken relative to where the script was run.
caller_dir="$PWD"
cd "$module"
# shellcheck disable=SC2086
exec java -Xmx1g -XX:+UseSerialGC ${JAVA_OPTS:-} "-Dstride.bench.caller-dir=$caller_dir" "@$argfile" \
  io.stride.e2e.bench.PipelineBenchmark \
  --command "scripts/bench_pipeline.sh${*:+ $*}" "${report_args[@]}" "$@"
