#!/usr/bin/env bash
# The demo (`npm run demo`): installs dependencies and builds (web UI + JavaScript) if needed,
# starts the local stack unless KAFKA_BROKERS / SCHEMA_REGISTRY_URL point at an existing cluster,
# runs the demo (dist/deploy/demo/main.js, compiled from deploy/demo/: the all-in-one, sample
# destinations, traffic, summary), and stops the stack again if it started it (also on Ctrl-C).
# DEMO_HEADLESS=1 exits after the summary.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
[ -d node_modules ] || npm ci --no-audit --no-fund
# The compiled build (dist/, git-ignored: the web UI and the services as JavaScript), made or brought
# up to date when a source is newer; the demo runs it with plain node, as deployed.
node deploy/tools/build.mjs --if-stale

started=0
stop_stack() { [ "$started" = 1 ] && bash deploy/local/stack.sh down >/dev/null || true; }
trap stop_stack EXIT
if [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${SCHEMA_REGISTRY_URL:-}" ]; then
  bash deploy/local/stack.sh status >/dev/null 2>&1 || started=1
  bash deploy/local/stack.sh up
  eval "$(bash deploy/local/stack.sh env)"
  [ "${KEEP_STACK:-0}" = 1 ] && started=0
fi
node dist/deploy/demo/main.js "$@"
