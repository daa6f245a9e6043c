#!/usr/bin/env bash
# Memory soak, one command: one long task (10,000 frames by default, the clip looped) through the real fleet (the
# five services from their executable jars against a KRaft broker), each service's resident set (RSS) sampled
# against the frames it has processed. Prints, per service, the RSS at ~1k, ~5k and ~10k frames, its peak, and the
# slope in MiB per 1,000 frames after the first tenth of the frames (least squares), for the RSS and for the part
# outside the Java heap's address range (the heap grows into its -Xmx reservation as its pages are first touched;
# native leaks, e.g. JavaCV frames or ONNX tensors, show outside it). Fails (exit 1) when a service's off-heap
# slope is above the bound (--max-slope, default 5 MiB per 1,000 frames).
#
# Usage: scripts/soak_memory.sh [clip] [--frames N] [--size WxH] [--interval SECONDS] [--max-slope MIB]
#                               [--set property=value]... [--help]
#   clip defaults to $STRIDE_SHARED_DIR/videos/people-walking_1280x720_10s.mp4. Pose estimation is off (no
#   RTMPose weights ship with the test data) unless --set stride.rtmpose.enabled=true and a model are given.
#   A quick check: scripts/soak_memory.sh --frames 1000 --size 640x360
#
# Environment (all optional):
#   STRIDE_SHARED_DIR        models and videos                               (default: ../shared)
#   STRIDE_SOAK_SKIP_BUILD   1 to use what is already built
#   JAVA_OPTS                extra options for the harness's JVM
#
# Builds the five services and e2e-tests first (Maven, offline if it can). A 10,000-frame 720p run takes about ten
# minutes on two cores. Run nothing else meanwhile (no second fleet): the services' memory is what is measured.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STRIDE_SHARED_DIR="${STRIDE_SHARED_DIR:-$root/../shared}"

# shellcheck source=lib/harness.sh
source "$root/scripts/lib/harness.sh"
build_harness soak STRIDE_SOAK_SKIP_BUILD

# The harness holds the broker and reads the whole upload into memory: 2 GB of heap.
exec_harness soak 2g io.stride.e2e.soak.MemorySoak "$@"
