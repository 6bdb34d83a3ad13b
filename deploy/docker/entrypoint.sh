#!/bin/sh
# Container entrypoint: `<service>` = a folder of services/ with a main.ts (destination-builder,
# router, url-delivery, cookie-delivery, s2s-delivery, lag-exporter, bootstrap, all-in-one, publisher).
set -eu
service="${1:-all-in-one}"
shift || true
main="/app/services/${service}/main.ts"
if [ ! -f "$main" ]; then
  echo "unknown service '${service}'; one of: $(ls /app/services | tr '\n' ' ')" >&2
  exit 64
fi
exec node --import tsx "$main" "$@"
