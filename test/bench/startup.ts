/**
 * `npm run bench:startup`: one service (url-delivery; BENCH_STARTUP_SERVICE picks another data-plane
 * service) started as its own process, ROUNDS times each way, alternating: compiled (`node
 * dist/services/<name>/main.js`, as deployed) and from the sources (`node --import tsx .../main.ts`,
 * as before issue 16). Prints, per way, the median and worst time from spawn to the `started` log
 * line and to the first 200 on /readyz, the resident memory (VmRSS) once ready, and the same run's
 * baseline: a bare `node -e ''` start. Needs the local stack (KAFKA_BROKERS, SCHEMA_REGISTRY_URL).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { compiledEntry, ROOT } from '../support/compiled-entry.ts';
import { brokers, registryUrl, testEnvironment } from '../support/stack.ts';

const SERVICE = process.env.BENCH_STARTUP_SERVICE ?? 'url-delivery';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MAIN = `services/${SERVICE}/main.ts`;
const WAYS = {
  compiled: [compiledEntry(MAIN)],
  source: ['--import', 'tsx', MAIN],
} as const;
type Way = keyof typeof WAYS;

interface Sample {
  startedMs: number;
  readyMs: number;
  rssMb: number;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}

async function startOnce(way: Way, env: Record<string, string>): Promise<Sample> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...WAYS[way]], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const address = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${SERVICE} (${way}) exited with ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; address?: string };
        if (entry.msg === `${SERVICE} started` && entry.address) resolve(entry.address);
      });
    });
    const startedMs = performance.now() - t0;
    for (;;) {
      const status = await fetch(`${address}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const readyMs = performance.now() - t0;
    return { startedMs, readyMs, rssMb: rssMb(child.pid!) };
  } finally {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const worst = (values: number[]) => Math.max(...values);

const env = await testEnvironment(`bench-startup-${SERVICE}`);
const serviceEnv = {
  KAFKA_BROKERS: brokers.join(','),
  SCHEMA_REGISTRY_URL: registryUrl,
  TOPIC_PREFIX: env.prefix,
  GROUP_ID: `${env.prefix}${SERVICE}`,
  HTTP_HOST: '127.0.0.1',
  HTTP_PORT: '0',
  LOG_LEVEL: 'info',
  DATABASE_URL: `sqlite::memory:`,
};

const bare: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '']);
  bare.push(performance.now() - t0);
}
const samples: Record<Way, Sample[]> = { compiled: [], source: [] };
for (let i = 0; i < ROUNDS; i++) {
  // Alternate, so that a slow minute of the machine hits both ways alike.
  for (const way of i % 2 === 0 ? (['compiled', 'source'] as const) : (['source', 'compiled'] as const)) {
    samples[way].push(await startOnce(way, serviceEnv));
  }
}

console.log(`${SERVICE}: ${ROUNDS} starts each way, node ${process.version}`);
console.log(`baseline: bare node start, median ${median(bare).toFixed(0)} ms`);
for (const way of ['compiled', 'source'] as const) {
  const s = samples[way];
  console.log(
    `${way.padEnd(8)} spawn -> started: median ${median(s.map((x) => x.startedMs)).toFixed(0)} ms (worst ${worst(s.map((x) => x.startedMs)).toFixed(0)}); ` +
      `-> ready: median ${median(s.map((x) => x.readyMs)).toFixed(0)} ms (worst ${worst(s.map((x) => x.readyMs)).toFixed(0)}); ` +
      `RSS when ready: median ${median(s.map((x) => x.rssMb)).toFixed(0)} MB`,
  );
}
const ratio = (key: keyof Sample) =>
  (median(samples.compiled.map((x) => x[key])) / median(samples.source.map((x) => x[key]))).toFixed(2);
console.log(
  `compiled / source: started ${ratio('startedMs')}, ready ${ratio('readyMs')}, RSS ${ratio('rssMb')}`,
);
