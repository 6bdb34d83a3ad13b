import { describe, expect, it } from 'vitest';
import type { RunnerHooks } from '../kafka/consumer-runner.ts';
import { createMetrics } from './create-metrics.ts';
import { consumerMetrics } from './consumer-metrics.ts';
import { parseExposition, sampleValue } from './parse-exposition.ts';

describe('consumerMetrics', () => {
  it('records batches and dead letters through the runner hooks', async () => {
    const registry = createMetrics('router');
    const { hooks } = consumerMetrics(registry);
    const runnerHooks: RunnerHooks = hooks; // plugs into ConsumerRunnerOptions.hooks as is
    expect(runnerHooks).toBe(hooks);
    hooks.onBatchDone({ topic: 'qualifications', records: 40, seconds: 0.2 });
    hooks.onBatchDone({ topic: 'qualifications', records: 2, seconds: 0.01 });
    hooks.onDeadLetter('bad_magic_byte', 'qualifications');
    const s = parseExposition(await registry.metrics());
    const topic = { topic: 'qualifications', service: 'router' };
    expect(sampleValue(s, 'segdest_consumer_records_total', topic)).toBe(42);
    expect(sampleValue(s, 'segdest_consumer_batch_size_records_count', topic)).toBe(2);
    expect(sampleValue(s, 'segdest_consumer_batch_duration_seconds_sum', topic)).toBeCloseTo(0.21);
    expect(sampleValue(s, 'segdest_dead_letters_total', { ...topic, reason: 'bad_magic_byte' })).toBe(1);
  });
});
