#!/usr/bin/env bash
# Builds bytetrack-service and the modules it needs and runs one of its main classes (scripts/module_run.sh).
# Usage: scripts/bytetrack_run.sh [--test-classpath] MAIN_CLASS [ARGS...]
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
if [[ "${1:-}" == "--test-classpath" ]]; then
  shift
  exec "$here/module_run.sh" --test-classpath bytetrack-service "$@"
fi
exec "$here/module_run.sh" bytetrack-service "$@"
