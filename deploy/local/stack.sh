#!/usr/bin/env bash
# Local stack without Docker: Apache Kafka (KRaft) and Apicurio Registry (Confluent-compatible API),
# both from Maven Central, bound to 127.0.0.1. Runtime files live in .local/.
#
#   stack.sh up | down | status | logs | env
#   stack.sh stop-registry | start-registry | restart-registry     (registry only, by its PID file)
#   stack.sh kill-broker N | stop-broker N | start-broker N   (N = 1..3 with 3 brokers; 1 on a single node)
#
# up is idempotent (a running stack is left alone), waits for readiness with a timeout, and prints
# the environment variables to use. down stops only the processes whose PIDs it recorded.
#
# STACK_BROKERS=1 (default): one combined broker+controller on STACK_KAFKA_PORT / STACK_CONTROLLER_PORT.
# STACK_BROKERS=3: three combined nodes, a 3-voter quorum, replication factor 3, min ISR 2; node N
# listens on STACK_KAFKA_PORT + 2(N-1) and STACK_CONTROLLER_PORT + 2(N-1) (9092/9094/9096 and
# 9093/9095/9097 by default). The mode is remembered in the state dir, so down/env/status of a
# running stack need no STACK_BROKERS.
#
# The registry keeps its schemas in an H2 file database under the state dir (apicurio/data), so ids
# and subjects survive a restart of the registry or of the whole stack.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOCAL="${STACK_DIR:-$ROOT/.local}"          # state: data, logs, PID files
RUNTIME="${STACK_RUNTIME_DIR:-$ROOT/.local/runtime}" # downloaded jars, shared by every stack dir
KAFKA_PORT="${STACK_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${STACK_CONTROLLER_PORT:-9093}"
REGISTRY_PORT="${STACK_REGISTRY_PORT:-8081}"
REGISTRY_MGMT_PORT="${STACK_REGISTRY_MGMT_PORT:-$((REGISTRY_PORT + 10000))}"  # Quarkus health/metrics
BROKER_HEAP="${STACK_BROKER_HEAP:-512m}"    # per node in 3-broker mode (single node: 1g as before)
APICURIO_VERSION="3.3.3"
READY_TIMEOUT="${STACK_READY_TIMEOUT:-90}"
A="$LOCAL/apicurio"
KAFKA_LIB="$RUNTIME/kafka-lib"
APICURIO_HOME="$RUNTIME/apicurio-$APICURIO_VERSION"
LOG4J="-Dlog4j2.configurationFile=$ROOT/deploy/local/log4j2.properties"

# Mode: explicit STACK_BROKERS wins, else the mode recorded by the last up, else single node.
BROKERS="${STACK_BROKERS:-$(cat "$LOCAL/brokers" 2>/dev/null || echo 1)}"
case "$BROKERS" in 1|3) ;; *) echo "stack: STACK_BROKERS must be 1 or 3 (got $BROKERS)" >&2; exit 2 ;; esac

node_dir() { if [ "$BROKERS" = 1 ]; then echo "$LOCAL/kafka"; else echo "$LOCAL/kafka-$1"; fi; }
node_port() { echo $((KAFKA_PORT + 2 * ($1 - 1))); }
node_ctrl_port() { echo $((CONTROLLER_PORT + 2 * ($1 - 1))); }
bootstrap_servers() {
  local list="" i
  for i in $(seq 1 "$BROKERS"); do list="${list:+$list,}127.0.0.1:$(node_port "$i")"; done
  echo "$list"
}

# Apicurio 3.2+ is compiled for Java 21: use a JDK >= 21 (Temurin 25 on the dev machines).
find_java21() {
  if [ -n "${REGISTRY_JAVA_HOME:-}" ]; then echo "$REGISTRY_JAVA_HOME/bin/java"; return; fi
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    [ -x "$d/bin/java" ] && { echo "$d/bin/java"; return; }
  done
  local v; v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  if [ "${v:-0}" -ge 21 ]; then command -v java; return; fi
  echo "stack: Apicurio Registry $APICURIO_VERSION needs Java 21+; set REGISTRY_JAVA_HOME" >&2; exit 1
}

# A PID file's process is alive: exists and is not a zombie (a SIGKILLed JVM can linger as one).
# A process is gone when it no longer exists, or is a zombie with no thread left (a killed JVM's
# main thread turns zombie first while its other threads, holding the sockets, still exit).
pid_alive() {
  kill -0 "$1" 2>/dev/null || return 1
  grep -qs '^[0-9]* ([^)]*) Z' "/proc/$1/stat" || return 0
  [ "$(ls "/proc/$1/task" 2>/dev/null | wc -l)" -gt 1 ]
}
alive() { [ -f "$1" ] && pid_alive "$(cat "$1")"; }

print_env() {
  echo "export KAFKA_BROKERS=$(bootstrap_servers)"
  echo "export SCHEMA_REGISTRY_URL=http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7"
}

fetch() {
  if ! ls "$KAFKA_LIB"/kafka_2.13-*.jar >/dev/null 2>&1; then
    echo "stack: fetching Kafka runtime from Maven Central..."
    mvn -B -q -f "$ROOT/deploy/local/pom.xml" -Dlib.dir="$KAFKA_LIB" dependency:copy-dependencies
  fi
  if [ ! -f "$APICURIO_HOME/quarkus-run.jar" ]; then
    echo "stack: fetching Apicurio Registry $APICURIO_VERSION from Maven Central..."
    mkdir -p "$APICURIO_HOME"
    mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all" -DoutputDirectory="$APICURIO_HOME"
    tar -xzf "$APICURIO_HOME/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz" -C "$APICURIO_HOME"
    rm -f "$APICURIO_HOME/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz"
  fi
}

# Refuses to mix modes in one state dir while something runs (the ports and data dirs differ).
check_mode() {
  local recorded; recorded=$(cat "$LOCAL/brokers" 2>/dev/null || echo 1)
  [ "$recorded" = "$BROKERS" ] && return
  local d
  for d in "$LOCAL"/kafka "$LOCAL"/kafka-[0-9]; do
    if alive "$d/pid"; then
      echo "stack: a $recorded-broker stack runs in $LOCAL; run down first (or use another STACK_DIR)" >&2; exit 1
    fi
  done
}

# Writes node N's server.properties and formats its storage once (all nodes share one cluster id).
prepare_node() {
  local n=$1 dir; dir=$(node_dir "$n")
  mkdir -p "$dir/data" "$dir/logs"
  if [ "$BROKERS" = 1 ]; then
    sed -e "s#@DATA_DIR@#$dir/data#" -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" \
      "$ROOT/deploy/local/server.properties" > "$dir/server.properties"
  else
    local voters="" i
    for i in $(seq 1 "$BROKERS"); do voters="${voters:+$voters,}$i@127.0.0.1:$(node_ctrl_port "$i")"; done
    sed -e "s#@DATA_DIR@#$dir/data#" -e "s#@NODE_ID@#$n#" -e "s#@VOTERS@#$voters#" \
      -e "s#@KAFKA_PORT@#$(node_port "$n")#g" -e "s#@CONTROLLER_PORT@#$(node_ctrl_port "$n")#g" \
      "$ROOT/deploy/local/cluster.properties" > "$dir/server.properties"
  fi
  if [ ! -f "$dir/data/meta.properties" ]; then
    local log="$LOG4J -Dkafka.logs.dir=$dir/logs" id
    if [ "$BROKERS" = 1 ]; then
      id=$(java $log -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)
    else
      [ -s "$LOCAL/cluster-id" ] || java $log -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1 > "$LOCAL/cluster-id"
      id=$(cat "$LOCAL/cluster-id")
    fi
    java $log -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format -t "$id" -c "$dir/server.properties" --ignore-formatted > "$dir/format.log" 2>&1
  fi
}

start_node() {
  local n=$1 dir; dir=$(node_dir "$n")
  local name="kafka"; [ "$BROKERS" = 1 ] || name="kafka-$n"
  if alive "$dir/pid"; then echo "stack: $name already running (pid $(cat "$dir/pid"))"; return; fi
  prepare_node "$n"
  local heap="-Xms256m -Xmx1g"; [ "$BROKERS" = 1 ] || heap="-Xms128m -Xmx$BROKER_HEAP"
  nohup java $heap -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    $LOG4J -Dkafka.logs.dir="$dir/logs" -cp "$KAFKA_LIB/*" kafka.Kafka "$dir/server.properties" > "$dir/server.log" 2>&1 &
  echo $! > "$dir/pid"
  echo "stack: $name started (pid $!)"
}

start_registry() {
  if alive "$A/pid"; then echo "stack: registry already running (pid $(cat "$A/pid"))"; return; fi
  local java; java=$(find_java21)
  mkdir -p "$A/data"
  cd "$A"
  # SQL storage (Apicurio's default kind) on an H2 *file* instead of its default jdbc:h2:mem: URL.
  # WRITE_DELAY=0: every commit reaches the file at once, so even a SIGKILL loses no registration.
  nohup "$java" -Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$REGISTRY_PORT" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$REGISTRY_MGMT_PORT" \
    -Dapicurio.rules.global.compatibility=BACKWARD \
    -Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=h2 \
    -Dapicurio.datasource.url="jdbc:h2:file:$A/data/registry;WRITE_DELAY=0" \
    -Dapicurio.datasource.jdbc.initial-size=2 -Dapicurio.datasource.jdbc.min-size=2 \
    -Dapicurio.datasource.jdbc.max-size=20 \
    -jar "$APICURIO_HOME/quarkus-run.jar" > "$A/registry.log" 2>&1 &
  echo $! > "$A/pid"
  cd "$ROOT"
  echo "stack: registry started (pid $!)"
}

wait_node() {
  local n=$1 deadline=$2 dir; dir=$(node_dir "$n")
  until (exec 3<>/dev/tcp/127.0.0.1/"$(node_port "$n")") 2>/dev/null && grep -q "Kafka Server started" "$dir/server.log" 2>/dev/null; do
    alive "$dir/pid" || { echo "stack: kafka node $n exited during start; see $dir/server.log" >&2; grep -m5 -E "ERROR|FATAL" "$dir/server.log" >&2; tail -20 "$dir/server.log" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "stack: kafka node $n not ready after ${READY_TIMEOUT}s; see $dir/server.log" >&2; exit 1; }
    sleep 0.5
  done
}

# 3-broker mode: all brokers in the metadata and every partition's ISR complete.
wait_cluster() {
  local deadline=$1 out=""
  until out=$(node "$ROOT/deploy/local/cluster-check.mjs" "$(bootstrap_servers)" "$BROKERS" 2>&1); do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "stack: cluster not complete after ${READY_TIMEOUT}s: $out" >&2; exit 1; }
    sleep 1
  done
}

wait_registry() {
  local deadline=$1
  until curl -fsS "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7/subjects" >/dev/null 2>&1; do
    alive "$A/pid" || { echo "stack: registry exited during start; see $A/registry.log" >&2; grep -m5 -E "ERROR|FATAL" "$A/registry.log" >&2; tail -20 "$A/registry.log" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "stack: registry not ready after ${READY_TIMEOUT}s; see $A/registry.log" >&2; exit 1; }
    sleep 0.5
  done
}

deadline() { echo $(( $(date +%s) + READY_TIMEOUT )); }

# Sends SIGTERM to each PID file given, then waits for all (30 s, then SIGKILL). Stopping the
# nodes of a cluster together keeps the quorum alive while each one shuts down.
stop_all() {
  local pidfile pids=() files=()
  for pidfile in "$@"; do
    local name; name=$(basename "$(dirname "$pidfile")"); [ "$name" = apicurio ] && name=registry
    if ! alive "$pidfile"; then rm -f "$pidfile"; echo "stack: $name not running"; continue; fi
    pids+=("$(cat "$pidfile")"); files+=("$pidfile")
    kill -TERM "$(cat "$pidfile")"
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  local i pid
  for _ in $(seq 1 60); do
    local any=0; for pid in "${pids[@]}"; do pid_alive "$pid" && any=1; done
    [ "$any" = 1 ] || break; sleep 0.5
  done
  for i in "${!pids[@]}"; do
    local name; name=$(basename "$(dirname "${files[$i]}")"); [ "$name" = apicurio ] && name=registry
    if pid_alive "${pids[$i]}"; then
      echo "stack: $name did not stop in 30s, killing pid ${pids[$i]}"; kill -KILL "${pids[$i]}"
      # Gone only once every thread has exited (a killed JVM lingers for a moment).
      for _ in $(seq 1 80); do pid_alive "${pids[$i]}" || break; sleep 0.25; done
    fi
    rm -f "${files[$i]}"
    echo "stack: $name stopped"
  done
}

broker_index() {
  if [ "$BROKERS" = 1 ]; then
    # Single node: broker 1 is the only one (a full outage, for the broker restart fault test).
    case "${2:-1}" in 1) echo 1 ;; *) echo "usage: stack.sh $1 1 (single-node stack)" >&2; exit 2 ;; esac
    return
  fi
  case "${2:-}" in 1|2|3) echo "$2" ;; *) echo "usage: stack.sh $1 1|2|3" >&2; exit 2 ;; esac
}

case "${1:-}" in
  up)
    start=$(date +%s%3N)
    check_mode
    fetch
    mkdir -p "$LOCAL"
    echo "$BROKERS" > "$LOCAL/brokers"
    # First use: format every node's storage in parallel (one JVM each, a few seconds apiece).
    if [ "$BROKERS" != 1 ] && [ ! -s "$LOCAL/cluster-id" ]; then
      java $LOG4J -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1 > "$LOCAL/cluster-id"
    fi
    for n in $(seq 1 "$BROKERS"); do alive "$(node_dir "$n")/pid" || prepare_node "$n" & done
    wait
    for n in $(seq 1 "$BROKERS"); do start_node "$n"; done
    start_registry
    d=$(deadline)
    for n in $(seq 1 "$BROKERS"); do wait_node "$n" "$d"; done
    [ "$BROKERS" = 1 ] || wait_cluster "$d"
    wait_registry "$d"
    elapsed=$(( $(date +%s%3N) - start ))
    printf "stack: ready in %d.%03ds\n" $((elapsed / 1000)) $((elapsed % 1000))
    print_env
    ;;
  down)
    files=("$A/pid")
    for d in "$LOCAL"/kafka "$LOCAL"/kafka-[0-9]; do [ -f "$d/pid" ] && files+=("$d/pid"); done
    stop_all "${files[@]}"
    ;;
  status)
    code=0
    for n in $(seq 1 "$BROKERS"); do
      dir=$(node_dir "$n"); name=$(basename "$dir")
      if alive "$dir/pid"; then echo "$name: running (pid $(cat "$dir/pid"), 127.0.0.1:$(node_port "$n"))"; else echo "$name: stopped"; code=3; fi
    done
    if alive "$A/pid"; then echo "registry: running (pid $(cat "$A/pid"), http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7)"; else echo "registry: stopped"; code=3; fi
    exit $code
    ;;
  logs)
    logs=()
    for n in $(seq 1 "$BROKERS"); do logs+=("$(node_dir "$n")/server.log"); done
    tail -n "${LINES:-50}" "${logs[@]}" "$A/registry.log" 2>/dev/null || echo "stack: no logs yet"
    ;;
  env) print_env ;;
  stop-registry) stop_all "$A/pid" ;;
  start-registry)
    fetch; start_registry; wait_registry "$(deadline)"; echo "stack: registry ready"
    ;;
  restart-registry)
    stop_all "$A/pid"; start_registry; wait_registry "$(deadline)"; echo "stack: registry ready"
    ;;
  kill-broker)
    n=$(broker_index kill-broker "${2:-}"); dir=$(node_dir "$n")
    if ! alive "$dir/pid"; then echo "stack: kafka-$n not running"; exit 0; fi
    pid=$(cat "$dir/pid"); kill -KILL "$pid"
    for _ in $(seq 1 80); do pid_alive "$pid" || break; sleep 0.25; done
    rm -f "$dir/pid"
    echo "stack: kafka-$n killed (SIGKILL, pid $pid)"
    ;;
  stop-broker)
    n=$(broker_index stop-broker "${2:-}"); stop_all "$(node_dir "$n")/pid"
    ;;
  start-broker)
    n=$(broker_index start-broker "${2:-}")
    start=$(date +%s%3N)
    start_node "$n"; d=$(deadline); wait_node "$n" "$d"; wait_cluster "$d"
    elapsed=$(( $(date +%s%3N) - start ))
    printf "stack: kafka-%d back in the cluster, every ISR complete, in %d.%03ds\n" "$n" $((elapsed / 1000)) $((elapsed % 1000))
    ;;
  *)
    echo "usage: stack.sh up | down | status | logs | env | stop-registry | start-registry | restart-registry" >&2
    echo "       stack.sh kill-broker N | stop-broker N | start-broker N   (STACK_BROKERS=3)" >&2
    exit 2
    ;;
esac
