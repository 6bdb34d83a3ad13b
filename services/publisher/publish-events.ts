/**
 * Validates JSON lines and publishes the valid ones in batches (qualification events by default,
 * ID syncs with their own line validator); invalid lines are reported with their line number and
 * never sent. `send` is injected, so the same code runs in dry-run mode and in tests.
 */
import type { QualificationEvent } from '../../libs/schema/index.ts';
import { validateLine } from './validate-line.ts';

export type LineResult<T> =
  { kind: 'blank' } | { kind: 'valid'; event: T } | { kind: 'invalid'; errors: string[] };

export interface LineError {
  line: number;
  errors: string[];
}

export interface PublishSummary {
  lines: number;
  blank: number;
  valid: number;
  invalid: number;
  sent: number;
  errors: LineError[];
}

export interface PublishOptions<T = QualificationEvent> {
  /** Sends one batch of valid records (in input order); absent = dry run. */
  send?: (events: T[]) => Promise<void>;
  batchSize?: number;
  onError?: (error: LineError) => void;
  /** One line -> its record or its problems (default: qualification events). */
  validate?: (line: string) => LineResult<T>;
}

export async function publishEvents<T = QualificationEvent>(
  lines: AsyncIterable<string> | Iterable<string>,
  options: PublishOptions<T> = {},
): Promise<PublishSummary> {
  const validate = options.validate ?? (validateLine as unknown as (line: string) => LineResult<T>);
  const summary: PublishSummary = { lines: 0, blank: 0, valid: 0, invalid: 0, sent: 0, errors: [] };
  const batchSize = options.batchSize ?? 500;
  let batch: T[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    if (options.send) {
      await options.send(batch);
      summary.sent += batch.length;
    }
    batch = [];
  };
  for await (const line of lines) {
    summary.lines += 1;
    const result = validate(line);
    if (result.kind === 'blank') summary.blank += 1;
    else if (result.kind === 'invalid') {
      summary.invalid += 1;
      const error = { line: summary.lines, errors: result.errors };
      summary.errors.push(error);
      options.onError?.(error);
    } else {
      summary.valid += 1;
      batch.push(result.event);
      if (batch.length >= batchSize) await flush();
    }
  }
  await flush();
  return summary;
}
