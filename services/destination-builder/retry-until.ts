/**
 * Retries a start-up step that fails while a dependency is briefly away (a broker restarting, a
 * coordinator moving): exponential backoff from `initialMs` to `maxMs`, each failure logged, until
 * `deadlineMs` has passed; then the last error is thrown, so the caller's process exits for its
 * supervisor instead of waiting for ever. Errors `retriable` rejects are thrown at once.
 */
import type { Logger } from '../../libs/runtime/logger.ts';

export interface RetryUntilOptions {
  /** What is being attempted, for the log. */
  what: string;
  logger: Logger;
  deadlineMs: number;
  initialMs?: number;
  maxMs?: number;
  retriable?(error: unknown): boolean;
  /** Set when the caller stops: no further attempt. */
  signal?: AbortSignal;
}

export async function retryUntil<T>(step: () => Promise<T>, options: RetryUntilOptions): Promise<T> {
  const deadline = Date.now() + options.deadlineMs;
  let delay = options.initialMs ?? 200;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      const retriable = options.retriable?.(error) ?? true;
      if (!retriable || options.signal?.aborted || Date.now() + delay > deadline) throw error;
      options.logger.warn({ err: error, attempt, retryInMs: delay }, `${options.what} failed, retrying`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, options.maxMs ?? 5000);
    }
  }
}
