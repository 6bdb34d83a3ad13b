#!/usr/bin/env bash
# Local PostgreSQL without Docker, for dev, tests and CI: a private cluster under .local/postgres,
# listening on 127.0.0.1 only, never the distribution's own cluster (which this script leaves alone).
#
#   postgres.sh up | down | status | env
#
# Needs Debian's `postgresql` package (initdb/pg_ctl from /usr/lib/postgresql/<ver>/bin); installs
# nothing itself: `apt-get install -y postgresql`. up is idempotent (a running cluster is left alone),
# waits for readiness with a timeout and prints `export DATABASE_URL=...`. down stops only this
# cluster (pg_ctl stop -D on its data directory, i.e. the PID in its postmaster.pid).
#
# Root: initdb and postgres refuse to run as root. When this script runs as root it runs them as the
# `postgres` OS user (created by the package) through `runuser`, and gives that user the
# .local/postgres directory (or /var/tmp/segdest-postgres-<hash> when the checkout's directories are
# not traversable by it, see below). As any other user the cluster simply belongs to that user.
#
# Dev/test only: trust authentication, bound to 127.0.0.1, database and role `segdest`.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LOCAL="${STACK_DIR:-$ROOT/.local}"
PG="$LOCAL/postgres"
# As root the cluster belongs to `postgres`, which must be able to reach it. A checkout under a
# private directory (e.g. /root) is not reachable: the cluster then lives in a directory named
# after the checkout under /var/tmp instead (POSTGRES_DIR overrides either choice).
if [ -n "${POSTGRES_DIR:-}" ]; then
  PG="$POSTGRES_DIR"
elif [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
  mkdir -p "$LOCAL"
  if ! runuser -u postgres -- test -x "$LOCAL" 2>/dev/null; then
    PG="/var/tmp/segdest-postgres-$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
  fi
fi
DATA="$PG/data"
SOCKETS="$PG/run"
LOG="$PG/postgres.log"
PORT="${POSTGRES_PORT:-55432}"
DB="segdest"
ROLE="segdest"
READY_TIMEOUT="${POSTGRES_READY_TIMEOUT:-60}"

find_bin() {
  if [ -n "${POSTGRES_BIN:-}" ]; then echo "$POSTGRES_BIN"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "postgres: no PostgreSQL server found under /usr/lib/postgresql/<ver>/bin;" \
      "install it with: apt-get install -y postgresql (or set POSTGRES_BIN)" >&2
    exit 1
  fi
  echo "$dir"
}

# Runs a server-side command as the cluster owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$PG" && runuser -u postgres -- "$@")
  else
    (cd "$PG" && "$@")
  fi
}

print_env() {
  echo "export DATABASE_URL=postgres://$ROLE@127.0.0.1:$PORT/$DB"
}

running() { [ -f "$DATA/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

prepare_dir() {
  mkdir -p "$PG"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "postgres: running as root needs the 'postgres' OS user (apt-get install -y postgresql)" >&2; exit 1; }
    chown postgres:postgres "$PG"
    chmod 700 "$PG"
    if ! runuser -u postgres -- test -w "$PG"; then
      echo "postgres: user 'postgres' cannot reach $PG; make its parent directories traversable (chmod o+x)" >&2
      exit 1
    fi
  fi
  as_owner mkdir -p "$SOCKETS"
}

init_cluster() {
  [ -f "$DATA/PG_VERSION" ] && return
  echo "postgres: initdb $DATA"
  as_owner "$BIN/initdb" -D "$DATA" -U "$ROLE" --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG/initdb.log" 2>&1 \
    || { echo "postgres: initdb failed; see $PG/initdb.log" >&2; tail -20 "$PG/initdb.log" >&2; exit 1; }
  echo "include_if_exists = 'segdest.conf'" | as_owner tee -a "$DATA/postgresql.conf" >/dev/null
}

write_conf() {
  # Unix socket paths are limited to 107 bytes; a deep checkout falls back to TCP only.
  local sockets="$SOCKETS"
  [ ${#SOCKETS} -gt 90 ] && sockets=""
  as_owner tee "$DATA/segdest.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$sockets'
max_connections = 200
shared_buffers = 128MB
logging_collector = off
EOF
}

wait_ready() {
  local deadline=$(( $(date +%s) + READY_TIMEOUT ))
  until "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -d postgres -U "$ROLE"; do
    running || { echo "postgres: server exited during start; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "postgres: not ready after ${READY_TIMEOUT}s; see $LOG" >&2; exit 1; }
    sleep 0.2
  done
}

ensure_database() {
  local psql=("$BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d postgres -v ON_ERROR_STOP=1 -tA)
  if [ "$("${psql[@]}" -c "select 1 from pg_database where datname = '$DB'")" != "1" ]; then
    "${psql[@]}" -c "create database $DB"
  fi
}

case "${1:-}" in
  up)
    BIN=$(find_bin)
    prepare_dir
    init_cluster
    if running; then
      echo "postgres: already running (pid $(head -1 "$DATA/postmaster.pid"), 127.0.0.1:$PORT)"
    else
      if (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; then
        echo "postgres: port $PORT is taken by another process; set POSTGRES_PORT" >&2
        exit 1
      fi
      write_conf
      as_owner touch "$LOG"
      as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -t "$READY_TIMEOUT" -w start >/dev/null \
        || { echo "postgres: pg_ctl start failed; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; }
      echo "postgres: started (pid $(head -1 "$DATA/postmaster.pid"))"
    fi
    wait_ready
    ensure_database
    print_env
    ;;
  down)
    BIN=$(find_bin)
    if running; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -t 60 -w stop >/dev/null
      echo "postgres: stopped"
    else
      echo "postgres: not running"
    fi
    ;;
  status)
    BIN=$(find_bin)
    if running; then
      echo "postgres: running (pid $(head -1 "$DATA/postmaster.pid"), 127.0.0.1:$PORT, data $DATA)"
    else
      echo "postgres: stopped"
      exit 3
    fi
    ;;
  env) print_env ;;
  *) echo "usage: postgres.sh up | down | status | env" >&2; exit 2 ;;
esac
