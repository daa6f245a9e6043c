#!/usr/bin/env bash
# Scores MOTChallenge result files (<results>/<sequence>.txt) against each sequence's gt/gt.txt with the
# MOTChallenge rules (TrackEval's MotChallenge2DBox preprocessing, IoU 0.5) and prints a Markdown table of
# HOTA, DetA, AssA, LocA, MOTA, MOTP, IDF1, IDP, IDR, IDs, Frag, FP, FN, MT, ML per sequence plus a combined
# row (io.stride.core.evaluation; HOTA over the thresholds 0.05..0.95 as TrackEval).
# Usage: scripts/mot_eval.sh RESULTS_DIR SEQUENCE_DIR...
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/bytetrack_run.sh" io.stride.bytetrack.mot.eval.MotEvalCommand "$@"
