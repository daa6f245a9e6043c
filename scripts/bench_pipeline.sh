#!/usr/bin/env bash
# Issue 4's benchmark, one command. On one clip, in one run: the per-frame cost of every step of every stage in
# process (YOLOX split into preprocess / inference / postprocess), JPEG encode/decode and Kafka transport costs,
# the same models in one plain in-process loop (the baseline: decode → YOLOX → ByteTrack → draw → H.264 MP4), the
# real fleet end to end (the five services from their executable jars against a KRaft broker, upload → completed),
# the fleet / baseline ratio, where the fleet's CPU and time went against issue 15's per-process budgets, the idle
# fleet's CPU per process and thread, the time from upload to the first annotated frame (first task after start-up,
# and the warm ones), and yolox-service start-up with and without pre-extracted ONNX Runtime natives. Prints
# Markdown tables and writes them into docs/performance.md.
#
# Usage: scripts/bench_pipeline.sh [clip] [--frames N] [--pose-model FILE|exact] [--set property=value]... [--help]
#   clip defaults to $STRIDE_SHARED_DIR/videos/people-walking_1280x720_10s.mp4. Without --pose-model, pose
#   estimation is off in the baseline and the fleet (no RTMPose weights ship with the test data).
#   --pose-model exact runs pose with the tests' exact-answer model (RTMPose-m's interface, a model that costs next
#   to nothing) and prints the pose stage's cost per frame and per person, the model's share apart, from which a
#   real model's cost follows from its latency per crop. A run with pose on writes its tables into a section of
#   their own (docs/performance.md, "Pose on"), leaving the pose-off tables as they were.
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

# shellcheck source=lib/harness.sh
source "$root/scripts/lib/harness.sh"
build_harness bench STRIDE_BENCH_SKIP_BUILD

report_args=()
[[ "$report" == "-" ]] || report_args=(--report "$report")

argfile="$(harness_argfile bench)"

# The fleet finds the services' jars relative to e2e-tests, as the end-to-end test does; the files named on the
# command line are taken relative to where the script was run.
caller_dir="$PWD"
cd "$module"
# shellcheck disable=SC2086
exec java -Xmx1g -XX:+UseSerialGC ${JAVA_OPTS:-} "-Dstride.caller-dir=$caller_dir" "@$argfile" \
  io.stride.e2e.bench.PipelineBenchmark \
  --command "scripts/bench_pipeline.sh${*:+ $*}" "${report_args[@]}" "$@"
