/**
 * Process-level policy of every service (docs/reliability.md): an unhandled promise rejection is a
 * bug to log and count, not a reason to end a process that is otherwise working (Node's default is
 * to exit); what must restart the process is decided by the consumers' supervisor
 * (libs/kafka/supervised-consumer.ts gives up -> `exitForRestart`).
 */
import type { Logger } from './logger.ts';

let unhandled = 0;

export function guardProcess(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    unhandled += 1;
    logger.error({ err: reason, unhandledRejections: unhandled }, 'unhandled promise rejection');
  });
}

/** Ends the process non-zero so that its supervisor starts it again. */
export function exitForRestart(logger: Logger, reason: string): void {
  logger.fatal({ reason }, 'exiting for a restart by the process supervisor');
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 200).unref();
}

export function unhandledRejections(): number {
  return unhandled;
}
