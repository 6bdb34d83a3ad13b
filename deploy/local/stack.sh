#!/usr/bin/env bash
# Local stack without Docker: Apache Kafka (KRaft, single node) and Apicurio Registry (Confluent-
# compatible API), both from Maven Central, bound to 127.0.0.1. Runtime files live in .local/.
#
#   stack.sh up | down | status | logs | env
#
# up is idempotent (a running stack is left alone), waits for readiness with a timeout, and prints
# the environment variables to use. down stops only the processes whose PIDs it recorded.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOCAL="${STACK_DIR:-$ROOT/.local}"          # state: data, logs, PID files
RUNTIME="${STACK_RUNTIME_DIR:-$ROOT/.local/runtime}" # downloaded jars, shared by every stack dir
KAFKA_PORT="${STACK_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${STACK_CONTROLLER_PORT:-9093}"
REGISTRY_PORT="${STACK_REGISTRY_PORT:-8081}"
REGISTRY_MGMT_PORT="${STACK_REGISTRY_MGMT_PORT:-$((REGISTRY_PORT + 10000))}"  # Quarkus health/metrics
APICURIO_VERSION="3.3.3"
READY_TIMEOUT="${STACK_READY_TIMEOUT:-90}"
K="$LOCAL/kafka"
A="$LOCAL/apicurio"
KAFKA_LIB="$RUNTIME/kafka-lib"
APICURIO_HOME="$RUNTIME/apicurio-$APICURIO_VERSION"

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

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

print_env() {
  echo "export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"
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

start_kafka() {
  if alive "$K/pid"; then echo "stack: kafka already running (pid $(cat "$K/pid"))"; return; fi
  mkdir -p "$K/data" "$K/logs"
  sed -e "s#@DATA_DIR@#$K/data#" -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" \
    "$ROOT/deploy/local/server.properties" > "$K/server.properties"
  local log="-Dlog4j2.configurationFile=$ROOT/deploy/local/log4j2.properties -Dkafka.logs.dir=$K/logs"
  if [ ! -f "$K/data/meta.properties" ]; then
    local id; id=$(java $log -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)
    java $log -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format -t "$id" -c "$K/server.properties" --ignore-formatted > "$K/format.log" 2>&1
  fi
  nohup java -Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    $log -cp "$KAFKA_LIB/*" kafka.Kafka "$K/server.properties" > "$K/server.log" 2>&1 &
  echo $! > "$K/pid"
  echo "stack: kafka started (pid $!)"
}

start_registry() {
  if alive "$A/pid"; then echo "stack: registry already running (pid $(cat "$A/pid"))"; return; fi
  local java; java=$(find_java21)
  mkdir -p "$A"
  cd "$A"
  nohup "$java" -Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$REGISTRY_PORT" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$REGISTRY_MGMT_PORT" \
    -Dapicurio.rules.global.compatibility=BACKWARD \
    -jar "$APICURIO_HOME/quarkus-run.jar" > "$A/registry.log" 2>&1 &
  echo $! > "$A/pid"
  cd "$ROOT"
  echo "stack: registry started (pid $!)"
}

wait_ready() {
  local deadline=$(( $(date +%s) + READY_TIMEOUT ))
  until (exec 3<>/dev/tcp/127.0.0.1/"$KAFKA_PORT") 2>/dev/null && grep -q "Kafka Server started" "$K/server.log" 2>/dev/null; do
    alive "$K/pid" || { echo "stack: kafka exited during start; see $K/server.log" >&2; grep -m5 -E "ERROR|FATAL" "$K/server.log" >&2; tail -20 "$K/server.log" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "stack: kafka not ready after ${READY_TIMEOUT}s; see $K/server.log" >&2; exit 1; }
    sleep 0.5
  done
  until curl -fsS "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7/subjects" >/dev/null 2>&1; do
    alive "$A/pid" || { echo "stack: registry exited during start; see $A/registry.log" >&2; grep -m5 -E "ERROR|FATAL" "$A/registry.log" >&2; tail -20 "$A/registry.log" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "stack: registry not ready after ${READY_TIMEOUT}s; see $A/registry.log" >&2; exit 1; }
    sleep 0.5
  done
}

stop_one() {
  local name=$1 pidfile=$2
  if ! alive "$pidfile"; then rm -f "$pidfile"; echo "stack: $name not running"; return; fi
  local pid; pid=$(cat "$pidfile")
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then echo "stack: $name did not stop in 30s, killing pid $pid"; kill -KILL "$pid"; fi
  rm -f "$pidfile"
  echo "stack: $name stopped"
}

case "${1:-}" in
  up)
    start=$(date +%s%3N)
    fetch
    start_kafka
    start_registry
    wait_ready
    elapsed=$(( $(date +%s%3N) - start ))
    printf "stack: ready in %d.%03ds\n" $((elapsed / 1000)) $((elapsed % 1000))
    print_env
    ;;
  down)
    stop_one registry "$A/pid"
    stop_one kafka "$K/pid"
    ;;
  status)
    code=0
    if alive "$K/pid"; then echo "kafka: running (pid $(cat "$K/pid"), 127.0.0.1:$KAFKA_PORT)"; else echo "kafka: stopped"; code=3; fi
    if alive "$A/pid"; then echo "registry: running (pid $(cat "$A/pid"), http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7)"; else echo "registry: stopped"; code=3; fi
    exit $code
    ;;
  logs)
    tail -n "${LINES:-50}" "$K/server.log" "$A/registry.log" 2>/dev/null || echo "stack: no logs yet"
    ;;
  env) print_env ;;
  *) echo "usage: stack.sh up | down | status | logs | env" >&2; exit 2 ;;
esac
