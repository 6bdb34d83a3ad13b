import { afterAll, describe, expect, it } from 'vitest';
import { AvroSerde, schemas } from '../../libs/schema/index.ts';
import { createProducer } from '../../libs/kafka/index.ts';
import { sampleEvent } from '../support/samples.ts';
import { testEnvironment, waitFor, type TestEnvironment } from '../support/stack.ts';

describe('Avro in the Confluent wire format through a real topic', () => {
  let env: TestEnvironment;
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('round-trips a qualification event byte-for-byte through Kafka and the registry', async () => {
    env = await testEnvironment('roundtrip');
    const event = sampleEvent({ mcid: '0123456789', consent: { gdprApplies: true, tcString: 'CO-abc' } });
    const producer = createProducer(env.kafka);
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const value = env.serdes.qualificationEvent.encode(event);
    expect(value[0]).toBe(0);
    expect(value.readInt32BE(1)).toBe(env.serdes.qualificationEvent.registeredId);
    await producer.send({ topic: env.topics.qualifications, messages: [{ key: event.uuid, value }] });

    const consumer = env.kafka.consumer({ groupId: `${env.prefix}g` });
    await consumer.connect();
    cleanups.push(() => consumer.disconnect());
    await consumer.subscribe({ topic: env.topics.qualifications, fromBeginning: true });
    const received: unknown[] = [];
    // A second serde instance has an empty cache: it must fetch the writer schema by id.
    const fresh = new AvroSerde(env.registry, schemas.qualificationEvent, 'unused');
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push(await fresh.decode(message.value));
      },
    });
    await waitFor(() => received.length === 1, { message: 'the event to come back' });
    expect(received[0]).toEqual(event);
  });
});
