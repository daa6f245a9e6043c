#!/usr/bin/env bash
# How far line counts from tracking are from the truth: runs ByteTrack on each MOTChallenge sequence's public
# detections (scripts/mot_track.sh, default settings), then counts the crossings of each line with the analytics'
# rules (docs/analytics.md) over the tracker's tracks and over the ground-truth tracks, and prints a Markdown table
# of both counts and the error (tracker − truth) per line and direction.
# Usage: scripts/mot_line_counts.sh [--line NAME:X1,Y1,X2,Y2]... SEQUENCE_DIR...
#   e.g. scripts/mot_line_counts.sh ../shared/mot17/MOT17-02-FRCNN ../shared/mot17/MOT17-04-FRCNN
#   Without --line: across:0,540,1920,540 and down:960,0,960,1080, the middle of MOT17's 1920x1080 frame.
set -euo pipefail

scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
lines=()
sequences=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --line) lines+=(--line "${2:?--line needs NAME:X1,Y1,X2,Y2}"); shift 2 ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) sequences+=("$1"); shift ;;
  esac
done
[[ ${#sequences[@]} -gt 0 ]] || { echo "usage: mot_line_counts.sh [--line NAME:X1,Y1,X2,Y2]... SEQUENCE_DIR..." >&2; exit 2; }

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
"$scripts/mot_track.sh" --out "$results" "${sequences[@]}" >&2
"$scripts/module_run.sh" backend-service io.stride.backend.evaluation.MotLineCountCommand \
  --results "$results" ${lines[@]+"${lines[@]}"} "${sequences[@]}"
