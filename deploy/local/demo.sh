#!/usr/bin/env bash
# The demo (`npm run demo`): installs dependencies if needed, starts the local stack unless
# KAFKA_BROKERS / SCHEMA_REGISTRY_URL point at an existing cluster, runs the demo, and stops the
# stack again if it started it (also on Ctrl-C).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
[ -d node_modules ] || npm ci --no-audit --no-fund

started=0
stop_stack() { [ "$started" = 1 ] && bash deploy/local/stack.sh down >/dev/null || true; }
trap stop_stack EXIT
if [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${SCHEMA_REGISTRY_URL:-}" ]; then
  bash deploy/local/stack.sh status >/dev/null 2>&1 || started=1
  bash deploy/local/stack.sh up
  eval "$(bash deploy/local/stack.sh env)"
  [ "${KEEP_STACK:-0}" = 1 ] && started=0
fi
node --import tsx services/demo/main.ts "$@"
