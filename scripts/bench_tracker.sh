#!/usr/bin/env bash
# JMH benchmark of one ByteTracker update at 10, 100 and 500 detections (µs per update).
# Usage: scripts/bench_tracker.sh [JMH options, e.g. -p detections=500 -wi 1 -i 3]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/bytetrack_run.sh" --test-classpath org.openjdk.jmh.Main TrackerUpdateBenchmark "$@"
