/**
 * The highest offset a live view has applied, and a wait for a given offset. After a commit the
 * builder waits until its own view has applied the records it wrote before it answers: the
 * read-committed end offset (LSO) that waitUntilCaughtUp() reads can lag a just-committed
 * transaction until the coordinator has written its markers, so "caught up" alone is not proof
 * that the write is visible. Once this instance has seen its record, the markers are written and
 * every other instance's waitUntilCaughtUp() includes it (read-your-writes on any instance).
 */
import { AppError } from '../../libs/errors/index.ts';

export class AppliedOffset {
  private applied = -1n;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly topic: string) {}

  /** Call from the view's change listener with each applied record's offset. */
  observe(offset: string): void {
    const value = BigInt(offset);
    if (value <= this.applied) return;
    this.applied = value;
    for (const waiter of [...this.waiters]) waiter();
  }

  waitFor(offset: string, timeoutMs: number): Promise<void> {
    const target = BigInt(offset);
    if (this.applied >= target) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new AppError('kafka', `${this.topic}: offset ${offset} not applied after ${timeoutMs} ms`, {
            retriable: true,
          }),
        );
      }, timeoutMs);
      const check = () => {
        if (this.applied < target) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }
}
