/**
 * Runs the all-in-one (services/all-in-one/main) as a child process, as an operator would: its
 * JSON logs go to a file, its `all-in-one ready` line gives the URL of every service, and stop()
 * sends SIGTERM and waits for the graceful exit. The child gets its own process group only when
 * asked (detached), so a terminal Ctrl-C reaches it directly otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type Env } from '../../libs/config/index.ts';
import { childEnv } from '../../libs/config/child-env.ts';
import type { ServiceName } from '../../services/all-in-one/start-all-in-one.ts';

// Compiled (dist/, `npm run build`), the demo starts the compiled all-in-one with plain node; run
// from the sources (tsx, tests), the all-in-one's sources.
const COMPILED = import.meta.url.endsWith('.js');
const MAIN = fileURLToPath(
  new URL(`../../services/all-in-one/main.${COMPILED ? 'js' : 'ts'}`, import.meta.url),
);
const NODE_ARGS = COMPILED ? [MAIN] : ['--import', 'tsx', MAIN];

export interface RunningAllInOne {
  pid: number;
  urls: Record<ServiceName, string>;
  groups: Record<string, string>;
  /** Resolves with the exit code once the child exited. */
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

export async function spawnAllInOne(
  env: Env,
  options: { logFile: string; timeoutMs?: number },
): Promise<RunningAllInOne> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(process.execPath, NODE_ARGS, {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<{ urls: Record<ServiceName, string>; groups: Record<string, string> }>(
    (resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `all-in-one not ready within ${options.timeoutMs ?? 90_000} ms (log: ${options.logFile})`,
            ),
          ),
        options.timeoutMs ?? 90_000,
      );
      void exited.then((code) => {
        clearTimeout(timer);
        reject(
          new Error(`all-in-one exited with code ${code} before it was ready (log: ${options.logFile})`),
        );
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        log.write(`${line}\n`);
        if (!line.includes('"all-in-one ready"')) return;
        clearTimeout(timer);
        const parsed = JSON.parse(line) as {
          urls: Record<ServiceName, string>;
          groups: Record<string, string>;
        };
        resolve({ urls: parsed.urls, groups: parsed.groups });
      });
    },
  );
  let started: { urls: Record<ServiceName, string>; groups: Record<string, string> };
  try {
    started = await ready;
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return {
    pid: child.pid as number,
    ...started,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      log.end();
      return code;
    },
  };
}
