#!/usr/bin/env bash
# Plots what the Grafana dashboard shows, without Grafana: uploads videos to a running fleet, scrapes every
# service's /actuator/prometheus each second while they go through, and draws frames per second, batch latency
# (p50, p95), consumer lag per stage, tasks by state, errors and the detector's phase latency into one PNG with
# gnuplot.
#
# Usage: scripts/plot_metrics.sh VIDEO [VIDEO...]      (all uploaded at once, so they compete as real tasks do)
#
# Environment (all optional):
#   STRIDE_BASE_PORT      backend port; the stages listen on the next four, as scripts/start_local_pipeline.sh
#                         starts them                                                     (default 8080)
#   STRIDE_PLOT_OUT       the PNG                                                         (default docs/metrics.png)
#   STRIDE_PLOT_DATA      where the raw scrapes and plotted series are kept               (default a temporary directory)
#   STRIDE_PLOT_WINDOW    seconds over which rates and percentiles are taken             (default 5)
#   STRIDE_PLOT_TIMEOUT   seconds to wait for the tasks to end                            (default 900)
#
# Example, against a fleet on other ports:
#   STRIDE_KAFKA_PORT=19092 STRIDE_BASE_PORT=18080 scripts/start_local_pipeline.sh &
#   STRIDE_BASE_PORT=18080 scripts/plot_metrics.sh ../shared/videos/people-walking_1280x720_10s.mp4
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
base_port=${STRIDE_BASE_PORT:-8080}
out=${STRIDE_PLOT_OUT:-$root/docs/metrics.png}
window=${STRIDE_PLOT_WINDOW:-5}
timeout=${STRIDE_PLOT_TIMEOUT:-900}
data=${STRIDE_PLOT_DATA:-$(mktemp -d)}
services=(backend yolox bytetrack rtmpose annotation)
# Seconds of scraping before the upload and after the last task ends, so the plot shows the pipeline at rest.
settle=3

say() { printf '\033[1m[plot]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[plot] %s\033[0m\n' "$*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: $0 VIDEO [VIDEO...]"
for video in "$@"; do [ -f "$video" ] || die "no such video: $video"; done
if ! command -v gnuplot >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Installing gnuplot (Debian's gnuplot-nox)…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnuplot-nox >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnuplot-nox >/dev/null; }
  else
    die "gnuplot is required (apt-get install gnuplot-nox)"
  fi
fi

url_of() { echo "http://localhost:$((base_port + $1))"; }
for i in "${!services[@]}"; do
  curl -fs "$(url_of "$i")/actuator/prometheus" >/dev/null \
    || die "${services[$i]}-service does not answer at $(url_of "$i")/actuator/prometheus; is the fleet running?"
done
mkdir -p "$data" "$(dirname "$out")"
raw=$data/scrapes.txt
: > "$raw"

# --- scrape: one line per sample, "round seconds sample" -------------------------------------------------
scrape_forever() {
  local round=0 start now
  start=$(date +%s.%N)
  while true; do
    now=$(date +%s.%N)
    local t
    t=$(awk -v a="$start" -v b="$now" 'BEGIN { printf "%.2f", b - a }')
    for i in "${!services[@]}"; do
      curl -fs --max-time 2 "$(url_of "$i")/actuator/prometheus" | grep '^stride_' | sed "s/^/$round $t /" || true
    done >> "$raw"
    round=$((round + 1))
    sleep 1
  done
}
scrape_forever &
scraper=$!
trap 'kill $scraper 2>/dev/null || true' EXIT
sleep "$settle"

# --- run: upload every video at once, wait for every task to end ---------------------------------------
tasks=()
for video in "$@"; do
  answer=$(curl -fs -F "file=@$video" "$(url_of 0)/upload") || die "upload of $video failed"
  task=$(sed -n 's/.*"task_id":"\([^"]*\)".*/\1/p' <<<"$answer")
  [ -n "$task" ] || die "no task id in the answer to the upload of $video: $answer"
  say "$(basename "$video") → task $task"
  tasks+=("$task")
done
deadline=$((SECONDS + timeout))
for task in "${tasks[@]}"; do
  while true; do
    status=$(curl -fs "$(url_of 0)/status/$task" | sed -n 's/.*"status":"\([^"]*\)".*/\1/p')
    case "$status" in completed|failed|cancelled) say "task $task $status"; break ;; esac
    [ $SECONDS -lt $deadline ] || die "task $task not done within $timeout s (status: $status)"
    sleep 1
  done
done
sleep "$settle"
kill $scraper 2>/dev/null || true
wait $scraper 2>/dev/null || true
trap - EXIT

# --- series: rates and percentiles over a sliding window, as Prometheus' rate() and histogram_quantile() ---
awk -v window="$window" -v dir="$data" '
function label(s, key,    pattern) {
  pattern = key "=\"[^\"]*\""
  if (match(s, pattern)) return substr(s, RSTART + length(key) + 2, RLENGTH - length(key) - 3)
  return ""
}
# Value of quantile q from cumulative bucket counts of rounds a (older) and b (newer).
function quantile(q, stage, a, b,    n, i, les, le, total, rank, prev_le, prev_count, count) {
  n = split(bounds[stage], les, " ")
  total = bucket[b, stage, "+Inf"] - bucket[a, stage, "+Inf"]
  if (total <= 0) return "NaN"
  rank = q * total; prev_le = 0; prev_count = 0
  for (i = 1; i <= n; i++) {
    le = les[i]
    count = bucket[b, stage, le] - bucket[a, stage, le]
    if (count >= rank) {
      if (le == "+Inf") return prev_le
      if (count == prev_count) return le
      return prev_le + (le - prev_le) * (rank - prev_count) / (count - prev_count)
    }
    prev_le = le; prev_count = count
  }
  return prev_le
}
{
  round = $1; t[round] = $2; rounds = round > rounds ? round : rounds
  name = $3; sub(/\{.*/, "", name)
  labels = $3; value = $NF
  stage = label(labels, "stage")
  if (name == "stride_stage_frames_out_total") out[round, stage] = value
  else if (name == "stride_stage_consumer_lag") lag[round, stage] = value
  else if (name == "stride_tasks") tasks[round, label(labels, "state")] = value
  else if (name == "stride_stage_errors_total") errors[round, stage] += value
  else if (name == "stride_stage_batch_seconds_bucket") {
    le = label(labels, "le")
    bucket[round, stage, le] = value
    if (!((stage, le) in known)) { known[stage, le] = 1; les_of[stage] = les_of[stage] " " le }
  } else if (name == "stride_stage_phase_seconds_sum" && stage == "yolox") psum[round, label(labels, "phase")] = value
  else if (name == "stride_stage_phase_seconds_count" && stage == "yolox") pcount[round, label(labels, "phase")] = value
}
END {
  split("yolox bytetrack rtmpose annotation", stages, " ")
  split("queued running completed failed cancelled", states, " ")
  split("preprocess inference postprocess", phases, " ")
  # Bucket bounds in numeric order, +Inf last.
  for (s in les_of) {
    n = split(les_of[s], raw_les, " "); m = 0
    for (i = 1; i <= n; i++) if (raw_les[i] != "+Inf") sorted[++m] = raw_les[i] + 0
    for (i = 2; i <= m; i++) { v = sorted[i]; for (j = i - 1; j >= 1 && sorted[j] > v; j--) sorted[j + 1] = sorted[j]; sorted[j + 1] = v }
    bounds[s] = ""
    for (i = 1; i <= m; i++) bounds[s] = bounds[s] sprintf("%.9g ", sorted[i])
    bounds[s] = bounds[s] "+Inf"
    # The exposition writes bounds in its own format ("0.001", "1.0"): index the counts by the numeric form too.
    for (r = 0; r <= rounds; r++) for (i = 1; i <= n; i++) if (raw_les[i] != "+Inf")
      bucket[r, s, sprintf("%.9g", raw_les[i] + 0)] = bucket[r, s, raw_les[i]]
  }
  fps = dir "/fps.dat"; lat = dir "/latency.dat"; lg = dir "/lag.dat"; tk = dir "/tasks.dat"
  er = dir "/errors.dat"; ph = dir "/phases.dat"
  for (r = 0; r <= rounds; r++) {
    if (!(r in t)) continue
    for (a = r; a > 0 && t[r] - t[a - 1] <= window; a--) ;
    line = t[r]; lline = t[r]; pline = t[r]
    for (i = 1; i <= 4; i++) {
      s = stages[i]
      dt = t[r] - t[a]
      line = line " " ((dt > 0 && (r, s) in out && (a, s) in out) ? (out[r, s] - out[a, s]) / dt : "NaN")
      lline = lline " " (s in les_of && a < r ? quantile(0.5, s, a, r) " " quantile(0.95, s, a, r) : "NaN NaN")
    }
    print line > fps; print lline > lat
    line = t[r]; for (i = 1; i <= 4; i++) line = line " " (((r, stages[i]) in lag) ? lag[r, stages[i]] : "NaN"); print line > lg
    line = t[r]; for (i = 1; i <= 5; i++) line = line " " (((r, states[i]) in tasks) ? tasks[r, states[i]] : "NaN"); print line > tk
    line = t[r]; for (i = 1; i <= 4; i++) line = line " " (errors[r, stages[i]] + 0); print line > er
    for (i = 1; i <= 3; i++) {
      p = phases[i]; dc = pcount[r, p] - pcount[a, p]
      pline = pline " " (dc > 0 ? 1000 * (psum[r, p] - psum[a, p]) / dc : "NaN")
    }
    print pline > ph
  }
}' "$raw"

# --- plot ------------------------------------------------------------------------------------------------
names=$(for video in "$@"; do basename "$video"; done | paste -sd, - | sed 's/,/, /g')
gnuplot <<GNUPLOT
set terminal pngcairo size 1600,1200 font "DejaVu Sans,11" noenhanced
set output "$out"
set datafile missing "NaN"
set key top right
set grid
set xlabel "seconds since the scraping began (uploads after ${settle} s)"
set multiplot layout 3,2 title "Stride, scraped from /actuator/prometheus every second during an end-to-end run: $names" font ",13"
set title "Frames per second by stage (rate over ${window} s)"
set ylabel "frames / s"
plot for [i=2:5] "$data/fps.dat" using 1:i with lines lw 2 title word("yolox bytetrack rtmpose annotation", i-1)
set title "Batch latency by stage, p50 (dashed) and p95 (over ${window} s)"
set ylabel "ms per batch"
set logscale y
plot for [i=0:3] "$data/latency.dat" using 1:(1000*column(2*i+3)) with lines lw 2 lc i+1 title word("yolox bytetrack rtmpose annotation", i+1)." p95", \
     for [i=0:3] "$data/latency.dat" using 1:(1000*column(2*i+2)) with lines lw 1 dt 2 lc i+1 notitle
unset logscale y
set title "Consumer lag by stage (records waiting in Kafka)"
set ylabel "records"
plot for [i=2:5] "$data/lag.dat" using 1:i with steps lw 2 title word("yolox bytetrack rtmpose annotation", i-1)
set title "Tasks by state"
set ylabel "tasks"
plot for [i=2:6] "$data/tasks.dat" using 1:i with steps lw 2 title word("queued running completed failed cancelled", i-1)
set title "YOLOX phases, mean per call (over ${window} s)"
set ylabel "ms"
plot for [i=2:4] "$data/phases.dat" using 1:i with lines lw 2 title word("preprocess inference postprocess", i-1)
set title "Errors by stage (tasks failed, cumulative)"
set ylabel "errors"
set yrange [0:1<*]
plot for [i=2:5] "$data/errors.dat" using 1:i with steps lw 2 title word("yolox bytetrack rtmpose annotation", i-1)
unset multiplot
GNUPLOT
say "Wrote $out (series in $data)"
