import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { QualificationEvent } from '../../libs/schema/index.ts';
import { publishEvents } from './publish-events.ts';

const EXAMPLES = readFileSync(
  new URL('../../docs/examples/qualification-events.jsonl', import.meta.url),
  'utf8',
);

describe('publishEvents', () => {
  it('sends valid lines in order and in batches, reports invalid ones by line number', async () => {
    const batches: QualificationEvent[][] = [];
    const lines = [
      ...EXAMPLES.trimEnd().split('\n'),
      '',
      '{not json',
      ...EXAMPLES.trimEnd().split('\n').slice(0, 2),
    ];
    const summary = await publishEvents(lines, {
      batchSize: 3,
      send: async (events) => void batches.push(events),
    });
    expect(summary).toMatchObject({ lines: 7, blank: 1, valid: 4, invalid: 2, sent: 4 });
    expect(summary.errors).toEqual([
      { line: 3, errors: ['unknown platform "smart-tv"'] },
      { line: 5, errors: [expect.stringMatching(/^malformed JSON/)] },
    ]);
    expect(batches.map((b) => b.length)).toEqual([3, 1]);
    expect(batches.flat().map((e) => e.eventId.slice(-2))).toEqual(['01', '02', '01', '02']);
  });

  it('sends nothing in a dry run', async () => {
    const summary = await publishEvents(EXAMPLES.split('\n'));
    expect(summary).toMatchObject({ valid: 2, invalid: 1, blank: 1, sent: 0 });
  });
});
