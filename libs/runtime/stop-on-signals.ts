/**
 * Graceful shutdown of a service process (ARCHITECTURE: finish in-flight work, commit, leave the
 * group): on the first SIGTERM or SIGINT, runs `stop` once, then exits 0, or 1 when stopping failed.
 */
import type { Logger } from './logger.ts';

export function stopOnSignals(logger: Logger, stop: () => Promise<void>, message = 'stopping'): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, message);
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
