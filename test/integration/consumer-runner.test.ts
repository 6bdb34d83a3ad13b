import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CommittedOffsets,
  ConsumerRunner,
  PartitionProducers,
  createProducer,
  type KafkaMessage,
  type Producer,
} from '../../libs/kafka/index.ts';
import type { DeadLetter } from '../../libs/schema/index.ts';
import { sampleEvent } from '../support/samples.ts';
import { collectTopic, testEnvironment, testLogger, waitFor } from '../support/stack.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

/** A fresh environment with `count` events on the qualifications topic, in produce requests of `per`, and an empty output topic. */
async function relayInput(label: string, count: number, per: number) {
  const env = await testEnvironment(label, 1);
  const producer = createProducer(env.kafka);
  await producer.connect();
  cleanups.push(() => producer.disconnect());
  const outputTopic = `${env.prefix}relay-out`;
  const admin = env.kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: outputTopic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const events = Array.from({ length: count }, () => sampleEvent());
  for (let i = 0; i < events.length; i += per) {
    await producer.send({
      topic: env.topics.qualifications,
      messages: events
        .slice(i, i + per)
        .map((e) => ({ key: e.uuid, value: env.serdes.qualificationEvent.encode(e) })),
    });
  }
  return { env, events, outputTopic };
}

describe('ConsumerRunner against the real broker', () => {
  it('dead-letters garbage, a wrong magic byte and an unknown schema id, and processes the records around them', async () => {
    const env = await testEnvironment('runner-dlq');
    const producer = createProducer(env.kafka);
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const good = [sampleEvent(), sampleEvent(), sampleEvent()];
    const encoded = good.map((e) => env.serdes.qualificationEvent.encode(e));
    const wrongMagic = Buffer.from(encoded[0]!);
    wrongMagic[0] = 7;
    const unknownId = Buffer.from(encoded[0]!);
    unknownId.writeInt32BE(2_000_000_000, 1);
    const badBody = Buffer.concat([
      encoded[0]!.subarray(0, 5),
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
    ]);
    const garbage = Buffer.from('this is not avro at all');
    const values = [encoded[0]!, garbage, encoded[1]!, wrongMagic, unknownId, badBody, encoded[2]!];
    await producer.send({
      topic: env.topics.qualifications,
      messages: values.map((value, i) => ({ key: `k${i}`, value, partition: 0 })),
    });

    const processed: string[] = [];
    const deadReasons: string[] = [];
    const consumer = env.kafka.consumer({ groupId: `${env.prefix}runner` });
    await consumer.connect();
    cleanups.push(() => consumer.disconnect());
    const runner = new ConsumerRunner({
      service: 'test',
      consumer,
      groupId: `${env.prefix}runner`,
      topics: [env.topics.qualifications],
      decode: (v) => env.serdes.qualificationEvent.decode(v),
      handle: async (records) => {
        processed.push(...records.map((r) => r.value.eventId));
        return [];
      },
      producer,
      exactlyOnce: false,
      deadLetterTopic: env.topics.deadLetters,
      deadLetterEncoder: env.serdes.deadLetter,
      logger: testLogger,
      hooks: { onDeadLetter: (reason) => deadReasons.push(reason) },
    });
    await runner.start();
    await waitFor(() => processed.length === 3 && deadReasons.length === 4, {
      message: 'all records handled',
    });
    expect(processed).toEqual(good.map((e) => e.eventId));

    const dead = await collectTopic(env, env.topics.deadLetters, cleanups);
    await waitFor(() => dead.length === 4, { message: 'four dead letters' });
    const byOffset = new Map<
      string,
      { headers: Record<string, string>; record: DeadLetter; raw: KafkaMessage }
    >();
    for (const message of dead) {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
      );
      byOffset.set(headers['dlq.offset']!, {
        headers,
        record: await env.serdes.deadLetter.decode(message.value),
        raw: message,
      });
    }
    expect(Object.fromEntries([...byOffset].map(([offset, d]) => [offset, d.headers['dlq.reason']]))).toEqual(
      {
        '1': 'bad_magic_byte',
        '3': 'bad_magic_byte',
        '4': 'unknown_schema_id',
        '5': 'undecodable',
      },
    );
    const garbageLetter = byOffset.get('1')!;
    expect(garbageLetter.headers['dlq.topic']).toBe(env.topics.qualifications);
    expect(garbageLetter.headers['dlq.partition']).toBe('0');
    expect(garbageLetter.record.value?.equals(garbage)).toBe(true);
    expect(garbageLetter.raw.key?.toString()).toBe('k1');
    expect(byOffset.get('4')!.record.detail).toMatch(/schema id 2000000000/);
  });

  it('resumes from the committed offset after a SIGKILL, losing nothing', async () => {
    // Many small produce requests: a fetch returns whole record batches, so small batches let the
    // kill land between commits.
    const { env, events, outputTopic } = await relayInput('runner-kill', 3000, 20);
    const output = await collectTopic(env, outputTopic, cleanups);
    const groupId = `${env.prefix}relay`;
    const startWorker = (): ChildProcess => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/support/relay-worker.ts', env.prefix, groupId, outputTopic],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
          env: { ...process.env, RELAY_BATCH_DELAY_MS: '30' },
        },
      );
      cleanups.push(async () => child.kill('SIGKILL'));
      return child;
    };

    const first = startWorker();
    await waitFor(() => output.length >= 600, { message: 'the first worker to make progress' });
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const beforeRestart = output.length;
    expect(beforeRestart).toBeLessThan(events.length);

    startWorker();
    await waitFor(() => new Set(output.map((m) => m.value!.toString())).size === events.length, {
      timeoutMs: 60_000,
      message: 'every event relayed',
    });
    const seen = new Set(output.map((m) => m.value!.toString()));
    expect(events.every((e) => seen.has(e.eventId))).toBe(true);
    // At-least-once: only the uncommitted tail of the killed batch is repeated, not the whole topic.
    const duplicates = output.length - seen.size;
    expect(duplicates).toBeLessThan(beforeRestart);
  });

  it('exactly once when a commit succeeds but its answer is lost (a broker killed as it answers)', async () => {
    const { env, events, outputTopic } = await relayInput('runner-lost-commit', 400, 100);
    const groupId = `${env.prefix}relay`;
    const real = new PartitionProducers(env.kafka, `${env.prefix}relay`);
    cleanups.push(() => real.disconnectAll());
    // Every third commit reaches the broker, and then the client hears "Closed connection", as when
    // the transaction coordinator dies after writing the commit and before answering.
    let commits = 0;
    let lostAnswers = 0;
    const loseAnswers = (p: Producer): Producer =>
      new Proxy(p, {
        get(target, property, receiver) {
          if (property !== 'transaction') return Reflect.get(target, property, receiver);
          return async () => {
            const transaction = await target.transaction();
            return new Proxy(transaction, {
              get(t, name, r) {
                if (name !== 'commit') return Reflect.get(t, name, r);
                return async () => {
                  await t.commit();
                  commits += 1;
                  if (commits % 3 === 1) {
                    lostAnswers += 1;
                    throw Object.assign(new Error('Closed connection'), {
                      name: 'KafkaJSConnectionClosedError',
                    });
                  }
                };
              },
            });
          };
        },
      });
    const committed = new CommittedOffsets(env.kafka, groupId);
    cleanups.push(() => committed.close());
    const consumer = env.kafka.consumer({ groupId, maxBytesPerPartition: 4096, readUncommitted: false });
    await consumer.connect();
    cleanups.push(() => consumer.disconnect());
    const runner = new ConsumerRunner({
      service: 'test',
      consumer,
      groupId,
      topics: [env.topics.qualifications],
      decode: (v) => env.serdes.qualificationEvent.decode(v),
      handle: async (records) => [
        { topic: outputTopic, messages: records.map((r) => ({ key: r.key, value: r.value.eventId })) },
      ],
      exactlyOnce: true,
      producers: {
        get: async (topic, partition) => loseAnswers(await real.get(topic, partition)),
        discard: (topic, partition) => real.discard(topic, partition),
      },
      committedOffsets: committed,
      deadLetterTopic: env.topics.deadLetters,
      deadLetterEncoder: env.serdes.deadLetter,
      logger: testLogger,
    });
    await runner.start();
    const output = await collectTopic(env, outputTopic, cleanups);
    await waitFor(() => new Set(output.map((m) => m.value!.toString())).size === events.length, {
      timeoutMs: 60_000,
      message: 'every event relayed',
    });
    // A moment for a duplicate to show.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(lostAnswers).toBeGreaterThan(0);
    expect(output.length).toBe(events.length);
  });

  it('hides an aborted transaction from a read_committed consumer', async () => {
    const env = await testEnvironment('txn-abort', 1);
    const producer = createProducer(env.kafka, { transactionalId: `${env.prefix}txn` });
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const send = async (label: string, commit: boolean) => {
      const transaction = await producer.transaction();
      await transaction.send({
        topic: env.topics.deliveriesUrl,
        messages: [0, 1, 2].map((i) => ({ key: label, value: `${label}-${i}` })),
      });
      if (commit) await transaction.commit();
      else await transaction.abort();
    };
    await send('committed-1', true);
    await send('aborted', false);
    await send('committed-2', true);
    const committed = await collectTopic(env, env.topics.deliveriesUrl, cleanups);
    const uncommitted = await collectTopic(env, env.topics.deliveriesUrl, cleanups, {
      readUncommitted: true,
    });
    await waitFor(() => committed.length === 6 && uncommitted.length === 9, {
      message: 'both consumers to read',
    });
    expect(committed.map((m) => m.value!.toString())).toEqual([
      'committed-1-0',
      'committed-1-1',
      'committed-1-2',
      'committed-2-0',
      'committed-2-1',
      'committed-2-2',
    ]);
    expect(uncommitted.some((m) => m.value!.toString().startsWith('aborted'))).toBe(true);
  });
});
