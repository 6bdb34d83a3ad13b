/**
 * A service's `main.ts` run as its own process, as deployed, for the crash tests: started,
 * killed with SIGKILL (no graceful shutdown), started again with the same environment. Whatever is
 * still running when the test ends is killed by the cleanup it registers.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export class ServiceProcess {
  private child: ChildProcess | undefined;

  constructor(
    private readonly main: string,
    private readonly env: NodeJS.ProcessEnv,
    cleanups: (() => Promise<unknown>)[],
  ) {
    cleanups.push(() => this.kill());
  }

  start(): ChildProcess {
    this.child = spawn(process.execPath, ['--import', 'tsx', this.main], {
      env: this.env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return this.child;
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
