/**
 * When each destination exports (SPEC §3 batch schedule): its 5-field cron, in UTC. The next run of
 * a destination is its next cron time after its last successful export (or after the service
 * started, when it never exported). A failed run is tried again after `retryMs` (or at the next cron
 * time if that is sooner) until one succeeds; the watermark only moves on success. Mode of a run:
 * FULL only -> full; ITER only -> iter; both -> full for the first export, iter afterwards (a full
 * file is also available on demand: trigger / replay). Exports run one at a time per destination
 * here, and one per destination across instances through the SQL lease.
 */
import { CronExpressionParser } from 'cron-parser';
import type { Logger } from '../../libs/runtime/logger.ts';
import type { DestinationConfig } from '../../libs/schema/index.ts';
import { type Store } from '../../libs/store/index.ts';
import { lastSuccessfulExport } from './store/export-history.ts';
import { type ExportMode } from './store/stream-users.ts';
import type { S2sDeliveryMetrics } from './metrics.ts';
import type { ExportResult } from './run-export.ts';

export interface ExportSchedulerDeps {
  store: Store;
  destinations(): DestinationConfig[];
  run(destination: DestinationConfig, mode: ExportMode): Promise<ExportResult>;
  metrics: S2sDeliveryMetrics;
  logger: Logger;
  checkMs: number;
  retryMs: number;
  now?: () => number;
}

interface Plan {
  schedule: string;
  nextDueAt: number;
}

export function nextCronTime(schedule: string, after: number): number {
  return CronExpressionParser.parse(schedule, { tz: 'UTC', currentDate: new Date(after) })
    .next()
    .getTime();
}

export function scheduledMode(syncModes: readonly ('FULL' | 'ITER')[], exportedBefore: boolean): ExportMode {
  if (!syncModes.includes('ITER')) return 'full';
  if (!syncModes.includes('FULL')) return 'iter';
  return exportedBefore ? 'iter' : 'full';
}

export class ExportScheduler {
  private readonly plans = new Map<number, Plan>();
  private readonly running = new Map<number, Promise<ExportResult>>();
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt: number;
  private readonly now: () => number;
  private stopped = false;

  constructor(private readonly deps: ExportSchedulerDeps) {
    this.now = deps.now ?? Date.now;
    this.startedAt = this.now();
  }

  start(): void {
    this.timer = setInterval(() => {
      void this.tick().catch((error: unknown) =>
        this.deps.logger.warn({ err: error }, 'export check failed'),
      );
    }, this.deps.checkMs);
    this.timer.unref();
    void this.tick().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'export check failed'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  /** Runs an export of a destination now (API trigger, replay); waits for a run in progress first. */
  async trigger(destination: DestinationConfig, mode: ExportMode): Promise<ExportResult> {
    await this.running.get(destination.id)?.catch(() => undefined);
    return this.launch(destination, mode);
  }

  async tick(): Promise<void> {
    if (this.stopped) return;
    const now = this.now();
    for (const destination of this.deps.destinations()) {
      const batch = destination.s2s?.batch;
      if (destination.type !== 'S2S' || destination.status !== 'ACTIVE' || !batch) {
        this.plans.delete(destination.id);
        continue;
      }
      let plan = this.plans.get(destination.id);
      if (plan === undefined || plan.schedule !== batch.schedule) {
        const last = await lastSuccessfulExport(this.deps.store, destination.id);
        plan = {
          schedule: batch.schedule,
          nextDueAt: nextCronTime(batch.schedule, last?.startedAt ?? this.startedAt),
        };
        this.plans.set(destination.id, plan);
      }
      this.deps.metrics.exportNextDue(destination.id, scheduledMode(batch.syncModes, true), plan.nextDueAt);
      if (plan.nextDueAt > now || this.running.has(destination.id)) continue;
      const exportedBefore = (await lastSuccessfulExport(this.deps.store, destination.id)) !== null;
      void this.launch(destination, scheduledMode(batch.syncModes, exportedBefore));
    }
  }

  private launch(destination: DestinationConfig, mode: ExportMode): Promise<ExportResult> {
    const run = this.deps
      .run(destination, mode)
      .then((result) => {
        this.afterRun(destination, result);
        return result;
      })
      .finally(() => this.running.delete(destination.id));
    this.running.set(destination.id, run);
    run.catch((error: unknown) => {
      this.deps.logger.warn({ err: error, destinationId: destination.id }, 'export run failed');
      this.retryLater(destination);
    });
    return run;
  }

  private afterRun(destination: DestinationConfig, result: ExportResult): void {
    const plan = this.plans.get(destination.id);
    if (plan === undefined) return;
    if (result.kind === 'done' && result.record.outcome === 'succeeded') {
      plan.nextDueAt = nextCronTime(plan.schedule, Math.max(this.now(), result.record.startedAt));
    } else if (result.kind === 'busy') {
      // Another instance runs it: replan from the history at the next check.
      this.plans.delete(destination.id);
    } else {
      this.retryLater(destination);
    }
  }

  private retryLater(destination: DestinationConfig): void {
    const plan = this.plans.get(destination.id);
    if (plan === undefined) return;
    plan.nextDueAt = Math.min(this.now() + this.deps.retryMs, nextCronTime(plan.schedule, this.now()));
  }
}
