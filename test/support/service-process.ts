/**
 * A service's main run as its own process, as deployed (compiled, plain node: compiled-entry.ts),
 * for the crash tests: started,
 * killed with SIGKILL (no graceful shutdown), started again with the same environment. Whatever is
 * still running when the test ends is killed by the cleanup it registers. Its log (stdout and
 * stderr, every start appended) goes to `.local/service-logs/<prefix><service>.log`, stderr also to
 * the test's stderr, so a failed CI run leaves what the process said.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { compiledEntry } from './compiled-entry.ts';

export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exitedAs: string | undefined;

  constructor(
    private readonly main: string,
    private readonly env: NodeJS.ProcessEnv,
    cleanups: (() => Promise<unknown>)[],
  ) {
    cleanups.push(() => this.kill());
  }

  start(): ChildProcess {
    mkdirSync('.local/service-logs', { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [compiledEntry(this.main)], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.on('data', (chunk: Buffer) => {
      log.write(chunk);
      process.stderr.write(chunk);
    });
    this.exitedAs = undefined;
    child.once('exit', (code, signal) => {
      if (this.child === child) this.exitedAs = `code ${code}, signal ${signal}`;
      log.end(`-- exited (code ${code}, signal ${signal}) at ${new Date().toISOString()}\n`);
    });
    this.child = child;
    return child;
  }

  /** How the last started process ended, while it is not running again (undefined while it runs). */
  exited(): string | undefined {
    return this.exitedAs;
  }

  /** Where its output goes. */
  get logFile(): string {
    return `.local/service-logs/${this.env.TOPIC_PREFIX ?? ''}${basename(dirname(this.main))}.log`;
  }

  /** SIGKILL, and wait until the process is gone (a no-op when it is not running). */
  async kill(): Promise<void> {
    const victim = this.child;
    if (!victim || victim.exitCode !== null || victim.signalCode !== null) return;
    const gone = new Promise((resolve) => victim.once('exit', resolve));
    victim.kill('SIGKILL');
    await gone;
  }
}
