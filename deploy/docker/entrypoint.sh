#!/bin/sh
# Container entrypoint: `<service>` = a compiled service with a main (destination-builder, router,
# url-delivery, cookie-delivery, s2s-delivery, lag-exporter, bootstrap, all-in-one, publisher), run
# with plain node from dist/ (`npm run build`, the Dockerfile's build stage).
set -eu
service="${1:-all-in-one}"
shift || true
main="/app/dist/services/${service}/main.js"
if [ ! -f "$main" ]; then
  echo "unknown service '${service}'; one of: $(ls /app/dist/services | tr '\n' ' ')" >&2
  exit 64
fi
exec node --enable-source-maps "$main" "$@"
