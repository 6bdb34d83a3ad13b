/**
 * The demo (`npm run demo`, via deploy/local/demo.sh): runs the whole product on the local stack
 * (or the cluster named by KAFKA_BROKERS / SCHEMA_REGISTRY_URL) and prints a summary; see
 * run-demo.ts for the flow. Interactive: keeps everything running until Ctrl-C. DEMO_HEADLESS=1:
 * exits after the summary, with code 1 when a check failed.
 */
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../../libs/config/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { demoConfigSchema } from './config.ts';
import { printSummary } from './print-summary.ts';
import { runDemo } from './run-demo.ts';
import type { RunningAllInOne } from './spawn-all-in-one.ts';
import type { PartnerSink } from './partner-sink.ts';

const config = loadConfig(demoConfigSchema);
const logger = createLogger('demo', config.logLevel === 'info' ? 'warn' : config.logLevel);
const out = (line: string) => process.stdout.write(`${line}\n`);
const tty = process.stdout.isTTY === true;

let running: { allInOne: RunningAllInOne; sink: PartnerSink } | undefined;
let stopping = false;
let lastStep = -1;
const stop = async (code: number) => {
  if (stopping && code !== 0) return;
  stopping = true;
  if (running) {
    out('stopping the services (finishing in-flight work)...');
    const exit = await running.allInOne.stop();
    await running.sink.close();
    out(`stopped (all-in-one exit code ${exit})`);
  }
  process.exit(code);
};
process.once('SIGINT', () => void stop(130));
process.once('SIGTERM', () => void stop(143));

try {
  const { result } = await runDemo(config, {
    logger,
    say: out,
    stopping: () => stopping,
    started: (allInOne, sink) => {
      running = { allInOne, sink };
    },
    progress: (done, total) => {
      const pct = Math.floor((done / total) * 100);
      const bar = `publishing [${'#'.repeat(Math.floor(pct / 4)).padEnd(25)}] ${String(pct).padStart(3)}% ${done}/${total} events`;
      if (tty) process.stdout.write(`\r${bar}${done === total ? '\n' : ''}`);
      else if (Math.floor(pct / 10) !== lastStep) {
        lastStep = Math.floor(pct / 10);
        out(bar);
      }
    },
  });
  for (const line of printSummary(result, { showToken: !config.demoHeadless })) out(line);
  if (config.demoSummaryFile !== '') writeFileSync(config.demoSummaryFile, JSON.stringify(result, null, 2));
  if (config.demoHeadless) await stop(result.ok ? 0 : 1);
  else out('\neverything keeps running: explore the URLs above; Ctrl-C stops it all.');
} catch (error) {
  if (!stopping) {
    out(`demo failed: ${(error as Error).message}`);
    await stop(1);
  }
}
