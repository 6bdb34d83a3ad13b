/* global fetch, AbortSignal */
// Container healthcheck without curl: `node deploy/docker/healthcheck.mjs <port> [path]` exits 0
// when http://127.0.0.1:<port><path> (default /readyz) answers 2xx within 3 s.
const [port, path = '/readyz'] = process.argv.slice(2);
fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(3000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
