#!/usr/bin/env bash
# The demo (`npm run demo`): installs dependencies (and builds the web UI) if needed, starts the local
# stack unless KAFKA_BROKERS / SCHEMA_REGISTRY_URL point at an existing cluster, runs the demo
# (services/demo/main.ts: the all-in-one, sample destinations, traffic, summary), and stops the
# stack again if it started it (also on Ctrl-C). DEMO_HEADLESS=1 exits after the summary.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
[ -d node_modules ] || npm ci --no-audit --no-fund
# The builder serves the web UI from its build output (git-ignored); build it once.
if [ ! -f services/destination-builder/ui/dist/index.html ] && grep -q '"build:ui"' package.json; then
  npm run -s build:ui >/dev/null || echo "warning: the web UI did not build; the demo runs without it" >&2
fi

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
