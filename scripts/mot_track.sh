#!/usr/bin/env bash
# Runs bytetrack-service's ByteTracker on MOTChallenge sequence folders (seqinfo.ini + det/det.txt) and writes
# <out>/<sequence>.txt rows "frame,id,x,y,w,h,score,-1,-1,-1".
# Usage: scripts/mot_track.sh --out DIR [--track-thresh X] [--match-thresh X] [--track-buffer N] ... SEQUENCE_DIR...
#        scripts/mot_track.sh --help    lists every option with its default
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/bytetrack_run.sh" io.stride.bytetrack.mot.MotTrackCommand "$@"
