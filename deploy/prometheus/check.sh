#!/usr/bin/env bash
# Validates the Prometheus config, the alert rules and their unit tests (CI calls this).
# Needs promtool: Debian/Ubuntu `apt-get install -y --no-install-recommends prometheus`.
set -euo pipefail
cd "$(dirname "$0")"
command -v promtool >/dev/null || { echo "promtool not found: apt-get install -y --no-install-recommends prometheus" >&2; exit 2; }
promtool check config prometheus.yml
promtool check rules rules/*.yml
promtool test rules tests/*.test.yml
