#!/usr/bin/env bash
# Soak under faults, not in CI: runs the fleet with scripts/start_local_pipeline.sh (which restarts what dies), keeps
# uploading a mix of the shared videos at a bounded rate for a while, SIGKILLs a random service's java process at
# random intervals, then waits for every task to end, audits every completed one frame by frame and prints one line:
#   soak: tasks=N completed=N failed=N frames=N lost=N doubled=N restarts=N peak_rss_mib=backend:X,yolox:X,...
# Exits non-zero when a task failed (or did not end) or a frame was lost or doubled. Always stops the fleet.
#
# A completed task is sound when its MP4 has as many frames as the source decodes to (ffprobe -count_frames) and
# its JSON Lines have one line per frame, with the frame indices 0..n-1 each once. lost/doubled add up, over the
# tasks, the frames missing/extra in whichever of the two is further off.
#
# Usage: scripts/soak_faults.sh [--minutes N] [--kill-every MIN-MAX] [--upload-every S] [--max-pending N]
#                               [--drain-minutes N] [--video FILE]... [--seed N]
#   --minutes N          how long to upload and kill                                      (default: 60)
#   --kill-every MIN-MAX seconds between two kills, drawn uniformly                       (default: 60-180)
#   --upload-every S     seconds between two uploads...                                   (default: 15)
#   --max-pending N      ...while fewer than N tasks are unfinished                       (default: 3)
#   --drain-minutes N    after the last upload, how long tasks may take to end            (default: 20)
#   --video FILE         a video of the mix (repeatable; name in the videos folder or a path) (default: all *.mp4)
#   --seed N             seed of the random draws, to replay a run's choices
#
# Environment (all optional):
#   STRIDE_SHARED_DIR  test data; the videos are in its videos/          (default: ../shared)
#   SOAK_HOME          the fleet's STRIDE_HOME, wiped at start            (default: ./data/soak-faults)
#   SOAK_KAFKA_PORT    broker port (and the next one, its controller's)   (default: 29092)
#   SOAK_BASE_PORT     backend port; the stages use the next four         (default: 28080)
# Needs curl, ffprobe (Debian: ffmpeg) and python3. The fleet's logs stay in $SOAK_HOME/logs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shared="${STRIDE_SHARED_DIR:-$root/../shared}"
home="${SOAK_HOME:-$root/data/soak-faults}"
kafka_port="${SOAK_KAFKA_PORT:-29092}"
base_port="${SOAK_BASE_PORT:-28080}"
api="http://localhost:$base_port"
services=(backend yolox bytetrack rtmpose annotation)

usage() { sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; }
say() { echo "[soak $(date +%T)] $*"; }
die() { echo "[soak] $*" >&2; exit 2; }

minutes=60 kill_min=60 kill_max=180 upload_every=15 max_pending=3 drain_minutes=20 videos=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --kill-every) kill_min="${2%-*}"; kill_max="${2#*-}"; shift 2 ;;
    --upload-every) upload_every="$2"; shift 2 ;;
    --max-pending) max_pending="$2"; shift 2 ;;
    --drain-minutes) drain_minutes="$2"; shift 2 ;;
    --video) [[ -f "$2" ]] && videos+=("$2") || videos+=("$shared/videos/$2"); shift 2 ;;
    --seed) RANDOM="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $1" ;;
  esac
done
[[ ${#videos[@]} -gt 0 ]] || videos=("$shared/videos/"*.mp4)
for v in "${videos[@]}"; do [[ -f "$v" ]] || die "no video $v: set STRIDE_SHARED_DIR or --video"; done
for tool in curl ffprobe python3; do command -v "$tool" >/dev/null || die "$tool is required (ffprobe: apt-get install ffmpeg)"; done
(( kill_min > 0 && kill_max >= kill_min )) || die "--kill-every wants MIN-MAX seconds, MIN > 0"

rm -rf "$home"
mkdir -p "$home/soak"
tasks="$home/soak/tasks.tsv"   # task_id <TAB> source video
: > "$tasks"

# --- the fleet ------------------------------------------------------------------------------------------------
fleet_pid=''
stop_fleet() {
  [[ -n "$fleet_pid" ]] || return 0
  say "stopping the fleet…"
  kill -TERM "$fleet_pid" 2>/dev/null || true
  # Its own stop gives each process 30 s and then kills it: two rounds (services, then the broker) and a margin.
  local deadline=$((SECONDS + 90)) pidfile
  while kill -0 "$fleet_pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.5; done
  if kill -0 "$fleet_pid" 2>/dev/null; then
    kill -KILL "$fleet_pid" 2>/dev/null || true
    for pidfile in "$home"/run/*.pid; do [[ -f "$pidfile" ]] && kill -KILL "$(cat "$pidfile")" 2>/dev/null; done
  fi
  wait "$fleet_pid" 2>/dev/null || true
  fleet_pid=''
}
trap 'stop_fleet; exit 130' INT TERM
trap stop_fleet EXIT

say "starting the fleet (STRIDE_HOME=$home, backend on :$base_port, broker on :$kafka_port)…"
# Own RTSP port too, so that a fleet already running on this machine does not collide with this one.
STRIDE_HOME="$home" STRIDE_KAFKA_PORT="$kafka_port" STRIDE_BASE_PORT="$base_port" \
  STRIDE_RTSP_EMBEDDED_PORT=$((base_port + 474)) \
  scripts/start_local_pipeline.sh > "$home/soak/fleet.log" 2>&1 &
fleet_pid=$!
deadline=$((SECONDS + 900))   # a first run builds the services
until grep -q 'All services are up' "$home/soak/fleet.log" 2>/dev/null; do
  kill -0 "$fleet_pid" 2>/dev/null || { tail -20 "$home/soak/fleet.log" >&2; die "the fleet did not start"; }
  (( SECONDS < deadline )) || { tail -20 "$home/soak/fleet.log" >&2; die "the fleet was not up within 15 min"; }
  sleep 2
done
say "fleet up; ${minutes} min of uploads (every ${upload_every} s, at most ${max_pending} unfinished) and kills (every ${kill_min}-${kill_max} s)"

# --- helpers --------------------------------------------------------------------------------------------------
declare -A peak_kib=() ended=()   # service -> largest VmRSS seen; task -> its final status
sample_rss() {
  local s pid kib
  for s in kafka "${services[@]}"; do
    pid=$(cat "$home/run/$s.pid" 2>/dev/null) || continue
    kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || continue
    [[ -n "$kib" ]] && (( kib > ${peak_kib[$s]:-0} )) && peak_kib[$s]=$kib
  done
  return 0
}

status_of() { # task id -> queued|running|completed|failed|cancelled, or "unknown" while the backend is down
  curl -fs --max-time 5 "$api/status/$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' \
    2>/dev/null || echo unknown
}

pending=0
poll_tasks() { # records the tasks that ended; sets pending to the number that did not
  local id video status
  pending=0
  while IFS=$'\t' read -r id video; do
    [[ -n "${ended[$id]:-}" ]] && continue
    status=$(status_of "$id")
    case "$status" in
      completed|failed|cancelled) ended[$id]=$status; say "task $id ($(basename "$video")): $status" ;;
      *) pending=$((pending + 1)) ;;
    esac
  done < "$tasks"
}

upload() {
  local video=${videos[RANDOM % ${#videos[@]}]} answer id
  if answer=$(curl -fs --max-time 120 -F "file=@$video" "$api/upload"); then
    id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["task_id"])' <<< "$answer")
    printf '%s\t%s\n' "$id" "$video" >> "$tasks"
    say "uploaded $(basename "$video"): task $id"
  else
    say "upload of $(basename "$video") refused or failed (backend restarting or queue full); later"
  fi
}

kills=0
kill_random_service() {
  local s=${services[RANDOM % ${#services[@]}]} pid
  pid=$(cat "$home/run/$s.pid" 2>/dev/null) || { say "no $s process to kill (restarting)"; return 0; }
  if kill -KILL "$pid" 2>/dev/null; then kills=$((kills + 1)); say "SIGKILL $s (pid $pid)"; fi
}

random_between() { echo $(( $1 + RANDOM % ($2 - $1 + 1) )); }

# --- uploads and kills ----------------------------------------------------------------------------------------
end=$((SECONDS + minutes * 60))
next_upload=$SECONDS next_kill=$((SECONDS + $(random_between "$kill_min" "$kill_max"))) next_poll=$SECONDS
while (( SECONDS < end )); do
  sample_rss
  if (( SECONDS >= next_poll )); then poll_tasks; next_poll=$((SECONDS + 5)); fi
  if (( SECONDS >= next_upload && pending < max_pending )); then
    upload
    pending=$((pending + 1)) next_upload=$((SECONDS + upload_every))
  fi
  if (( SECONDS >= next_kill )); then
    kill_random_service
    next_kill=$((SECONDS + $(random_between "$kill_min" "$kill_max")))
  fi
  sleep 3
done

say "no more uploads or kills; waiting up to ${drain_minutes} min for the tasks to end…"
deadline=$((SECONDS + drain_minutes * 60))
poll_tasks
while (( pending > 0 && SECONDS < deadline )); do
  sleep 5
  sample_rss
  poll_tasks
done

# --- audit ----------------------------------------------------------------------------------------------------
count_frames() { # decodable video frames of a file
  ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$1" | head -n 1
}
jsonl_audit() { # file, n -> "missing extra": indices of 0..n-1 absent, lines beyond one per index
  python3 - "$1" "$2" <<'PY'
import json, sys
n, seen, lines = int(sys.argv[2]), set(), 0
for line in open(sys.argv[1]):
    if line.strip():
        lines += 1
        try:
            seen.add(json.loads(line)["frame"])
        except (ValueError, KeyError, TypeError):
            pass  # a line that is not a frame's counts as an extra one
valid = len(seen & set(range(n)))
print(n - valid, lines - valid)
PY
}

declare -A source_frames=()
n_tasks=0 n_completed=0 n_failed=0 frames=0 lost=0 doubled=0
audit_dir="$home/soak/audit"
mkdir -p "$audit_dir"
while IFS=$'\t' read -r id video; do
  n_tasks=$((n_tasks + 1))
  status=${ended[$id]:-unfinished}
  if [[ "$status" != completed ]]; then
    n_failed=$((n_failed + 1))
    say "task $id ($(basename "$video")) ended $status"
    continue
  fi
  n_completed=$((n_completed + 1))
  [[ -n "${source_frames[$video]:-}" ]] || source_frames[$video]=$(count_frames "$video")
  n=${source_frames[$video]}
  frames=$((frames + n))
  mp4="$audit_dir/$id.mp4" jsonl="$audit_dir/$id.jsonl"
  curl -fs -o "$mp4" "$api/result/$id" || : > "$mp4"
  curl -fs -o "$jsonl" "$api/result/$id/annotations" || : > "$jsonl"
  mp4_frames=$(count_frames "$mp4" 2>/dev/null || true)
  mp4_frames=${mp4_frames:-0}
  read -r missing extra < <(jsonl_audit "$jsonl" "$n")
  task_lost=$(( missing > n - mp4_frames ? missing : n - mp4_frames ))
  task_doubled=$(( extra > mp4_frames - n ? extra : mp4_frames - n ))
  (( task_lost > 0 )) || task_lost=0
  (( task_doubled > 0 )) || task_doubled=0
  lost=$((lost + task_lost)) doubled=$((doubled + task_doubled))
  if (( task_lost + task_doubled > 0 )); then
    say "task $id ($(basename "$video")): source $n frames, MP4 $mp4_frames, JSON Lines missing $missing extra $extra (kept in $audit_dir)"
  else
    rm -f "$mp4" "$jsonl"
  fi
done < "$tasks"

restarts=$(grep -c . "$home/logs/restarts.log" 2>/dev/null || true)
rss=""
for s in "${services[@]}" kafka; do rss+="${rss:+,}$s:$(( ${peak_kib[$s]:-0} / 1024 ))"; done
stop_fleet
say "$kills processes killed; the fleet's restarts are in $home/logs/restarts.log"
echo "soak: tasks=$n_tasks completed=$n_completed failed=$n_failed frames=$frames lost=$lost doubled=$doubled restarts=${restarts:-0} peak_rss_mib=$rss"
(( n_failed == 0 && lost == 0 && doubled == 0 && n_completed > 0 ))
