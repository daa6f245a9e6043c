#!/usr/bin/env bash
# Runs the whole Stride fleet on this machine without Docker: a real Apache Kafka broker (KRaft, from
# Maven Central) and the five services. Builds what is missing, waits until everything is healthy,
# prints the upload URL, and stops everything on Ctrl-C or SIGTERM.
#
# It supervises: a service or the broker that exits on its own (a crash, a SIGKILL) is started again after a
# back-off that doubles from STRIDE_RESTART_DELAY_S up to STRIDE_RESTART_MAX_DELAY_S and starts over once the
# process has stayed up STRIDE_RESTART_RESET_S. Each restart is said on the console and appended to
# $STRIDE_HOME/logs/restarts.log, one line each: "ISO-time service exit-status restart-count". The java process
# of each is in $STRIDE_HOME/run/<name>.pid (kafka, backend, yolox, bytetrack, rtmpose, annotation).
#
# Usage: scripts/start_local_pipeline.sh
# Environment (all optional):
#   STRIDE_HOME                where the broker data, uploads, results and logs go   (default: ./data/local)
#   STRIDE_MODELS_DIR          where models are downloaded to and looked for first   (default: ./models; then ../shared/models)
#   STRIDE_KAFKA_PORT          broker port                                           (default: 9092)
#   STRIDE_BASE_PORT           backend port; the stages use the next four             (default: 8080)
#   STRIDE_RTSP_PORT           the embedded RTSP server's port, what stream_url says (default: 8554)
#   STRIDE_BIND_ADDRESS        the address the services and the RTSP server listen on (default: 127.0.0.1,
#                              this machine only; 0.0.0.0 for every interface)
#   STRIDE_SECURITY_APIKEY     the operator key every service then requires (default: none, open on the address)
#   STRIDE_REBUILD=1           rebuild the services even when their jars exist
#   STRIDE_RESTART_DELAY_S     first wait before a restart, seconds                  (default: 1)
#   STRIDE_RESTART_MAX_DELAY_S longest wait before a restart, seconds                (default: 30)
#   STRIDE_RESTART_RESET_S     uptime after which the wait starts over, seconds      (default: 60)
#   STRIDE_STOP_TIMEOUT_S      on stop, how long a process may take before SIGKILL   (default: 30)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
home=${STRIDE_HOME:-$root/data/local}
kafka_port=${STRIDE_KAFKA_PORT:-9092}
base_port=${STRIDE_BASE_PORT:-8080}
rtsp_port=${STRIDE_RTSP_PORT:-8554}
services=(backend yolox bytetrack rtmpose annotation)
restart_delay=${STRIDE_RESTART_DELAY_S:-1}
restart_max_delay=${STRIDE_RESTART_MAX_DELAY_S:-30}
restart_reset=${STRIDE_RESTART_RESET_S:-60}
stop_timeout=${STRIDE_STOP_TIMEOUT_S:-30}
mkdir -p "$home/logs" "$home/jobs" "$home/results" "$home/run"

say() { printf '\033[1m[stride]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[stride] %s\033[0m\n' "$*" >&2; exit 1; }

command -v java >/dev/null || die "Java 17 or newer is required (apt-get install openjdk-17-jdk-headless)."

# --- build ------------------------------------------------------------------------------------------
jar_of() { ls "$root/$1-service/target/$1-service-"*-exec.jar 2>/dev/null | head -n 1; }
needs_build=${STRIDE_REBUILD:-0}
for s in "${services[@]}"; do [ -n "$(jar_of "$s")" ] || needs_build=1; done
if [ "$needs_build" = 1 ]; then
  say "Building the services (first run takes a few minutes)…"
  ./mvnw -B -q -DskipTests -pl backend-service,yolox-service,bytetrack-service,rtmpose-service,annotation-service -am package
fi

# --- models ---------------------------------------------------------------------------------------
# Downloads go to STRIDE_MODELS_DIR (default ./models); a model not there is also looked for in ../shared/models.
models=${STRIDE_MODELS_DIR:-$root/models}
find_model() { # prints the model's path, or nothing when it is nowhere
  for dir in "$models" "$root/../shared/models"; do
    if [ -f "$dir/$1" ]; then echo "$dir/$1"; return 0; fi
  done
  return 0
}
if [ -z "$(find_model yolox_nano.onnx)" ] || [ -z "$(find_model rtmpose-m.onnx)" ]; then
  say "Fetching missing models into $models …"
  scripts/download_models.sh "$models" || true
fi
yolox_model=$(find_model yolox_nano.onnx)
[ -n "$yolox_model" ] || die "No YOLOX model in $models. Run scripts/download_models.sh or set STRIDE_MODELS_DIR."
pose_model=$(find_model rtmpose-m.onnx)
pose_enabled=true
if [ -z "$pose_model" ]; then
  pose_enabled=false pose_model=$models/rtmpose-m.onnx
  say "No RTMPose model (scripts/download_models.sh could not fetch it): running with pose estimation OFF."
fi
say "Models: $yolox_model, $( $pose_enabled && echo "$pose_model" || echo "no pose model")"

# --- processes --------------------------------------------------------------------------------------
# supervise NAME CMD...: runs CMD (output to logs/NAME.log) in a background subshell that starts it again whenever
# it exits, until that subshell gets SIGTERM: then it passes SIGTERM on to CMD, waits for it and ends. The subshell
# owns CMD, so stopping the subshells stops everything and nothing else can restart what was stopped.
supervised=()              # names, in the order they were started: kafka first
declare -A supervisor_of   # name -> pid of its supervising subshell
supervise() {
  local name=$1; shift
  : > "$home/logs/$name.log"
  (
    set +e   # a child's non-zero exit is what this loop handles, not a reason to end it
    stopping=0 child='' restarts=0 delay=$restart_delay
    # A trapped signal interrupts `wait` at once; the loops below then wait again for the child to end.
    trap 'stopping=1; [ -n "$child" ] && kill -TERM "$child" 2>/dev/null' TERM
    while :; do
      started=$SECONDS
      "$@" >> "$home/logs/$name.log" 2>&1 &
      child=$!
      echo "$child" > "$home/run/$name.pid"
      [ $stopping = 0 ] || kill -TERM "$child" 2>/dev/null
      wait "$child"; status=$?
      while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done
      # Stopped on purpose, or the script itself is gone (killed with SIGKILL): no restart.
      if [ $stopping = 1 ] || ! kill -0 $$ 2>/dev/null; then break; fi
      [ $((SECONDS - started)) -lt "$restart_reset" ] || delay=$restart_delay
      restarts=$((restarts + 1))
      say "$name exited with status $status after $((SECONDS - started)) s; restart #$restarts in $delay s"
      echo "$(date -Iseconds) $name $status $restarts" >> "$home/logs/restarts.log"
      echo "=== restart #$restarts after exit status $status ($(date -Iseconds)) ===" >> "$home/logs/$name.log"
      sleep "$delay" & child=$!
      wait "$child"
      [ $stopping = 0 ] || break
      delay=$((delay * 2 > restart_max_delay ? restart_max_delay : delay * 2))
    done
    rm -f "$home/run/$name.pid"
  ) 2>> "$home/logs/$name.log" &  # bash's own "PID Killed" notes go with the service's log, not on the console
  supervised+=("$name")
  supervisor_of[$name]=$!
}

stop_supervised() { # NAME...: stops each one's supervisor (and so its process); SIGKILL after STRIDE_STOP_TIMEOUT_S
  local deadline=$((SECONDS + stop_timeout)) name pid
  for name in "$@"; do kill -TERM "${supervisor_of[$name]}" 2>/dev/null || true; done
  for name in "$@"; do
    while kill -0 "${supervisor_of[$name]}" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  done
  for name in "$@"; do
    pid=${supervisor_of[$name]}
    kill -0 "$pid" 2>/dev/null || continue
    say "$name did not stop within $stop_timeout s: killing it."
    # Its supervisor, already stopping, ends by itself once the process is gone.
    [ ! -f "$home/run/$name.pid" ] || kill -KILL "$(cat "$home/run/$name.pid")" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null && sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}

stop_all() {
  trap - INT TERM EXIT
  say "Stopping…"
  # The services first, while the broker is still there for them to leave their consumer groups cleanly.
  local name services_running=()
  for name in "${supervised[@]}"; do [ "$name" = kafka ] || services_running+=("$name"); done
  [ ${#services_running[@]} -eq 0 ] || stop_supervised "${services_running[@]}"
  [ -z "${supervisor_of[kafka]:-}" ] || stop_supervised kafka
  wait 2>/dev/null || true
}
# Ctrl-C or SIGTERM is a normal stop (exit 0); EXIT also cleans up after a failure, keeping its status.
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

wait_for() { # name, command, seconds
  local deadline=$((SECONDS + $3))
  until eval "$2" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "$1 did not become ready within $3 s; see $home/logs/$1.log"
    sleep 0.5
  done
}

# --- Kafka (KRaft, single node) ---------------------------------------------------------------------
say "Starting Kafka on localhost:$kafka_port…"
classpath_file=$home/kafka.classpath
if [ ! -s "$classpath_file" ] || [ scripts/local-kafka/pom.xml -nt "$classpath_file" ]; then
  ./mvnw -B -q -f scripts/local-kafka/pom.xml dependency:build-classpath -Dmdep.outputFile="$classpath_file"
fi
kafka_cp=$(cat "$classpath_file")
kafka_dir=$home/kafka
mkdir -p "$kafka_dir"
cat > "$kafka_dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:$((kafka_port + 1))
listeners=PLAINTEXT://localhost:$kafka_port,CONTROLLER://localhost:$((kafka_port + 1))
advertised.listeners=PLAINTEXT://localhost:$kafka_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$kafka_dir/data
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
offsets.topic.num.partitions=3
message.max.bytes=33554432
PROPS
kafka_java=(java -Xmx1g -Dlog4j2.configurationFile="$root/scripts/local-kafka/log4j2.properties" -cp "$kafka_cp")
if [ ! -f "$kafka_dir/data/meta.properties" ]; then
  "${kafka_java[@]}" kafka.tools.StorageTool format --standalone -t "$("${kafka_java[@]}" kafka.tools.StorageTool random-uuid)" \
    -c "$kafka_dir/server.properties" > "$home/logs/kafka-format.log" 2>&1 || die "Formatting Kafka storage failed; see $home/logs/kafka-format.log"
fi
supervise kafka "${kafka_java[@]}" kafka.Kafka "$kafka_dir/server.properties"
wait_for kafka "(exec 3<>/dev/tcp/localhost/$kafka_port)" 60

# --- ONNX Runtime natives -------------------------------------------------------------------------
# ONNX Runtime unpacks its native libraries from its jar into a temp directory at every start (about 6 s for the
# 580 MB GPU build). Extracted once here, per ONNX Runtime jar, the model services load them in place.
ort_opts=()
ort_jar=$(unzip -Z1 "$(jar_of yolox)" 2>/dev/null | grep -m 1 '^BOOT-INF/lib/onnxruntime.*\.jar$' || true)
if [ -n "$ort_jar" ]; then
  ort_natives=$home/native/$(basename "$ort_jar" .jar)
  if [ ! -d "$ort_natives" ]; then
    ort_tmp=$(mktemp -d)
    mkdir -p "$home/native"
    unzip -q -j "$(jar_of yolox)" "$ort_jar" -d "$ort_tmp" \
      && unzip -q -j "$ort_tmp/$(basename "$ort_jar")" 'ai/onnxruntime/native/linux-x64/*' -d "$ort_natives.part" \
      && mv "$ort_natives.part" "$ort_natives" || say "Could not extract the ONNX Runtime natives; it unpacks them itself."
    rm -rf "$ort_tmp" "$ort_natives.part"
  fi
  [ -d "$ort_natives" ] && ort_opts=(-Donnxruntime.native.path="$ort_natives")
fi

# --- services ---------------------------------------------------------------------------------------
export KAFKA_BOOTSTRAP_SERVERS=localhost:$kafka_port
export STRIDE_JOBS_DIR=$home/jobs STRIDE_RESULTS_DIR=$home/results
export STRIDE_YOLOX_MODELPATH=$yolox_model STRIDE_RTMPOSE_MODELPATH=$pose_model
export STRIDE_RTMPOSE_ENABLED=$pose_enabled
# The backend shows on its page which services this script restarted.
export STRIDE_SERVICES_RESTARTSLOG=$home/logs/restarts.log
export STRIDE_RTSP_EMBEDDED_PORT=$rtsp_port STRIDE_RTSP_PUBLISHURL=rtsp://localhost:$rtsp_port \
  STRIDE_BACKEND_RTSPPORT=$rtsp_port
# This machine only, unless asked otherwise: the run has no operator key unless one is set.
bind_address=${STRIDE_BIND_ADDRESS:-127.0.0.1}
export SERVER_ADDRESS=$bind_address STRIDE_RTSP_EMBEDDED_BINDHOST=$bind_address
port=$base_port
for s in "${services[@]}"; do
  say "Starting $s-service on port $port…"
  jvm_opts=()
  case $s in yolox|rtmpose) jvm_opts=(${ort_opts[@]+"${ort_opts[@]}"}) ;; esac
  # Stages that only pass small records on spend more CPU on C2 compiling than on their work (docs/performance.md).
  if [ "$s" = bytetrack ] || { [ "$s" = rtmpose ] && ! $pose_enabled; }; then jvm_opts+=(-XX:TieredStopAtLevel=1); fi
  supervise "$s" env SERVER_PORT=$port java -Xmx1g ${jvm_opts[@]+"${jvm_opts[@]}"} -jar "$(jar_of "$s")"
  port=$((port + 1))
done
port=$base_port
for s in "${services[@]}"; do
  wait_for "$s" "curl -fs http://localhost:$port/actuator/health | grep -q UP" 180
  port=$((port + 1))
done

say "All services are up. Logs: $home/logs  Results: $home/results"
if [ -n "${STRIDE_SECURITY_APIKEY:-}" ]; then
  say "Listening on $bind_address; every request needs the operator key (X-API-Key header)."
else
  say "Listening on $bind_address with no operator key: open to whoever reaches that address" \
    "(set STRIDE_SECURITY_APIKEY to require one)."
fi
key_header=""
[ -z "${STRIDE_SECURITY_APIKEY:-}" ] || key_header='-H "X-API-Key: $STRIDE_SECURITY_APIKEY" '
say "Upload a video:   curl ${key_header}-F file=@video.mp4 http://localhost:$base_port/upload"
say "Then poll:        curl ${key_header}http://localhost:$base_port/status/<task_id>"
say "And download:     curl ${key_header}-o result.mp4 http://localhost:$base_port/result/<task_id>"
say "Press Ctrl-C to stop. A process that exits is restarted (logs/restarts.log)."
# The supervisors end only when stopped; a trapped Ctrl-C or SIGTERM interrupts this wait.
wait "${supervisor_of[@]}" || true
die "The supervisors ended unexpectedly; see the logs in $home/logs."
