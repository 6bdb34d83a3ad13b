#!/usr/bin/env bash
# The project's test command (`npm test`): static checks, unit tests, then the integration tests
# against the real Kafka broker, schema registry and PostgreSQL. Services given by the environment
# (KAFKA_BROKERS + SCHEMA_REGISTRY_URL, DATABASE_URL) are used as they are; otherwise the local
# stack is started, and stopped again at the end if this script started it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

started_stack=0
started_pg=0
cleanup() {
  [ "$started_pg" = 1 ] && bash deploy/local/postgres.sh down || true
  [ "$started_stack" = 1 ] && bash deploy/local/stack.sh down || true
}
trap cleanup EXIT

echo "== static checks"
npx tsc --noEmit
npm run build:ui --silent >/dev/null   # type-checks and builds the web UI the browser tests load
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
[ -x deploy/prometheus/check.sh ] && bash deploy/prometheus/check.sh

echo "== unit tests"
npx vitest run --project unit

if [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${SCHEMA_REGISTRY_URL:-}" ]; then
  if ! bash deploy/local/stack.sh status >/dev/null 2>&1; then started_stack=1; fi
  bash deploy/local/stack.sh up
  eval "$(bash deploy/local/stack.sh env)"
fi
if [ -z "${DATABASE_URL:-}" ] && [ -f deploy/local/postgres.sh ]; then
  if ! bash deploy/local/postgres.sh status >/dev/null 2>&1; then started_pg=1; fi
  bash deploy/local/postgres.sh up
  eval "$(bash deploy/local/postgres.sh env)"
fi

echo "== integration tests (Kafka $KAFKA_BROKERS, registry $SCHEMA_REGISTRY_URL${DATABASE_URL:+, PostgreSQL})"
npx vitest run --project integration
