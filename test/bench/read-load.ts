/**
 * A keep-alive undici GET load loop, run as its own process so it does not share an event loop with
 * the server it measures. Args: <url template> <seconds> <concurrency> [<keys> [<pad>]]; `{key}` in
 * the template is replaced by a random integer below <keys>, zero-padded to <pad> digits, per request. Prints one JSON line:
 * { requests, seconds, rate, p50Ms, p99Ms, errors }.
 */
import { Agent, request } from 'undici';

const [template = '', secondsArg = '5', concurrencyArg = '64', keysArg = '1', padArg = '0'] =
  process.argv.slice(2);
const seconds = Number(secondsArg);
const concurrency = Number(concurrencyArg);
const keys = Number(keysArg);
const pad = Number(padArg);

const agent = new Agent({ connections: concurrency, keepAliveTimeout: 30_000, pipelining: 1 });
const latencies: number[] = [];
let errors = 0;
const started = performance.now();
const until = started + seconds * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      const url = template.replace('{key}', String(Math.floor(Math.random() * keys)).padStart(pad, '0'));
      const t0 = performance.now();
      const res = await request(url, { dispatcher: agent });
      await res.body.dump();
      latencies.push(performance.now() - t0);
      if (res.statusCode !== 200) errors += 1;
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
await agent.close();
latencies.sort((a, b) => a - b);
const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
process.stdout.write(
  `${JSON.stringify({
    requests: latencies.length,
    seconds: elapsed,
    rate: latencies.length / elapsed,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    errors,
  })}\n`,
);
