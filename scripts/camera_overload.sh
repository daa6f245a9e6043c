#!/usr/bin/env bash
# Camera overload measurement, one command (not CI): a camera faster than the pipeline (60 fps 1080p by default)
# through the real fleet (the five services from their executable jars against a KRaft broker). The source is a
# real clip scaled and brought to 60 fps, each frame stamped with its index, written once and published looped in
# real time by the ffmpeg command-line tool (-re -stream_loop -1 -c copy) to Stride's RTSP relay. A player reads
# the camera task's stream_url and decodes the stamps: frame k of the file leaves the publisher k/60 s into each
# pass, so each decoded frame gives its source-to-stream latency (measured from when ffmpeg was started, so
# FFmpeg's own start-up counts against the pipeline). Prints the latency (median, p95, max; per half-minute), the
# frames dropped, each service's memory before and after; exit 1 when the maximum latency reaches the bound (2 s).
#
# Usage: scripts/camera_overload.sh [clip] [--minutes N] [--size WxH] [--fps N] [--loop-seconds N]
#                                   [--max-latency SECONDS] [--set property=value]... [--help]
#
# Environment (all optional):
#   STRIDE_SHARED_DIR        models and videos                               (default: ../shared)
#   STRIDE_SOAK_SKIP_BUILD   1 to use what is already built
#   JAVA_OPTS                extra options for the harness's JVM
#
# Needs ffmpeg on the PATH. Builds the five services and e2e-tests first, as soak_memory.sh does.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STRIDE_SHARED_DIR="${STRIDE_SHARED_DIR:-$root/../shared}"

# shellcheck source=lib/harness.sh
source "$root/scripts/lib/harness.sh"
require_ffmpeg camera-overload
build_harness camera-overload STRIDE_SOAK_SKIP_BUILD
exec_harness camera-overload 1g io.stride.e2e.soak.CameraOverload "$@"
