/**
 * Validates JSON lines and publishes the valid ones (topic `<prefix>qualifications`, key = uuid,
 * Confluent wire-format Avro) in batches; invalid lines are reported with their line number and
 * never sent. `send` is injected, so the same code runs in dry-run mode and in tests.
 */
import type { QualificationEvent } from '../../libs/schema/index.ts';
import { validateLine } from './validate-line.ts';

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

export interface PublishOptions {
  /** Sends one batch of valid events (in input order); absent = dry run. */
  send?: (events: QualificationEvent[]) => Promise<void>;
  batchSize?: number;
  onError?: (error: LineError) => void;
}

export async function publishEvents(
  lines: AsyncIterable<string> | Iterable<string>,
  options: PublishOptions = {},
): Promise<PublishSummary> {
  const summary: PublishSummary = { lines: 0, blank: 0, valid: 0, invalid: 0, sent: 0, errors: [] };
  const batchSize = options.batchSize ?? 500;
  let batch: QualificationEvent[] = [];
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
    const result = validateLine(line);
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
