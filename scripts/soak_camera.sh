#!/usr/bin/env bash
# Camera soak, one command (not CI): one camera through the real fleet (the five services from their executable
# jars against a KRaft broker) for two hours by default. The camera is real: Stride's RTSP relay, with the ffmpeg
# command-line tool publishing a clip looped in real time; it is killed once half-way for 30 s to exercise a
# reconnect. Every minute: each service's RSS and Java heap after a full GC, the recordings' disk
# ({results}/{id}/segments/), the broker's log size, the camera's counters from GET /status/{id}. Segments are short
# (1 min) and the retention small (100 MB, a few segments of annotated 720p) so that a run reaches the long-running
# case: retention deleting.
# Prints the table and a verdict (memory flat, disk bounded, reconnects as expected); exit 1 when it fails.
#
# Usage: scripts/soak_camera.sh [clip] [--minutes N] [--interval SECONDS] [--segment-seconds N] [--max-bytes SIZE]
#                               [--outage-at MINUTE] [--outage SECONDS] [--max-heap-growth MIB]
#                               [--set property=value]... [--help]
#   A shorter run: scripts/soak_camera.sh --minutes 15 --max-bytes 80MB
#   A --max-bytes below one segment keeps no closed segment at all (each is deleted as it closes).
#
# Environment (all optional):
#   STRIDE_SHARED_DIR        models and videos                               (default: ../shared)
#   STRIDE_SOAK_SKIP_BUILD   1 to use what is already built
#   JAVA_OPTS                extra options for the harness's JVM
#
# Needs ffmpeg on the PATH. Builds the five services and e2e-tests first (Maven, offline if it can), as
# soak_memory.sh does. Run no second fleet meanwhile: the services' memory is what is measured.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STRIDE_SHARED_DIR="${STRIDE_SHARED_DIR:-$root/../shared}"

# shellcheck source=lib/harness.sh
source "$root/scripts/lib/harness.sh"
require_ffmpeg camera-soak
build_harness camera-soak STRIDE_SOAK_SKIP_BUILD
exec_harness camera-soak 1g io.stride.e2e.soak.CameraSoak "$@"
