/**
 * A minimal keep-alive HTTP sink for benchmarks, run as its own process so it does not share an
 * event loop with the service under test. Answers 200 to everything; on stdin `count` it prints the
 * receipt count, on `stats` the count, the duplicates (same X-Delivery-Id twice) and, for requests
 * whose path carries `t=<eventTimeMs>`, the event-to-receipt latencies.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

let count = 0;
let latencies: number[] = [];
const ids = new Map<string, number>();
const server = createServer((req, res) => {
  count += 1;
  const url = req.url ?? '';
  const t = /[?&]t=(\d+)/.exec(url);
  if (t) latencies.push(Date.now() - Number(t[1]));
  const id = String(req.headers['x-delivery-id'] ?? '');
  if (id) ids.set(id, (ids.get(id) ?? 0) + 1);
  res.writeHead(200, { 'content-length': '0' }).end();
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  for (const line of chunk.split('\n').filter(Boolean)) {
    if (line === 'reset') {
      count = 0;
      latencies = [];
      ids.clear();
    }
    if (line === 'count') process.stdout.write(`${JSON.stringify({ count })}\n`);
    if (line === 'stats') {
      const duplicates = [...ids.values()].filter((n) => n > 1).length;
      process.stdout.write(`${JSON.stringify({ count, latencies, duplicates })}\n`);
    }
  }
});
