/**
 * The conformance suite every partner-calling delivery service passes (STYLE.md "one shared
 * conformance suite"): each service supplies a small adapter (how to start it with destinations
 * pointing at local partners, how to make one delivery, where its input topic is) and gets the
 * same tests against the real broker and registry:
 *   retries      a 500 is retried and the delivery arrives once, with a stable X-Delivery-Id;
 *   dead letters a permanent 404 is given up at once into a dead letter with reason and status;
 *                garbage bytes on the input topic become a dead letter and the loop goes on;
 *   isolation    a partner that never answers does not hold back another destination's deliveries;
 *   metrics      sent, attempts by outcome and status class, latency and circuit state per
 *                destination, labelled with the service's destination_type.
 */
import { describe, expect, it, afterEach } from 'vitest';
import { parseExposition } from '../../libs/metrics/index.ts';
import type { DeadLetter } from '../../libs/schema/index.ts';
import { collectTopic, waitFor, type TestEnvironment } from './stack.ts';
import { startSink, type Behaviour, type Sink } from './url-delivery-harness.ts';

export interface ConformanceInstance {
  env: TestEnvironment;
  /** The topic the service consumes delivery requests from. */
  inputTopic: string;
  /** Makes `count` deliveries to the destination at `index` (each one partner request). */
  deliver(index: number, count: number): Promise<void>;
  /** The service's metrics, in the Prometheus text format (what /metrics serves). */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

export interface ConformanceTarget {
  service: string;
  /** destination_type label of the service's delivery metrics. */
  destinationType: string;
  /** Reason of a dead letter for a partner's permanent 4xx. */
  permanentReason: string;
  /**
   * Starts the service on fresh topics with one destination per partner (ids `destinationIds`,
   * in order), each sending to `partners[i]`; partners get `timeoutMs` to answer.
   */
  start(label: string, partners: Sink[], options: { timeoutMs: number }): Promise<ConformanceInstance>;
  destinationIds: number[];
}

export function describeDeliveryConformance(target: ConformanceTarget): void {
  describe(`${target.service} conformance`, () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    const [first, second] = target.destinationIds as [number, number];

    async function setup(label: string, behaviours: Behaviour[], timeoutMs = 1000) {
      const partners: Sink[] = [];
      for (const behaviour of behaviours) {
        const sink = await startSink(behaviour);
        cleanups.push(() => sink.close());
        partners.push(sink);
      }
      const instance = await target.start(label, partners, { timeoutMs });
      cleanups.push(() => instance.stop());
      const raw = await collectTopic(instance.env, instance.env.topics.deadLetters, cleanups);
      const deadLetters = async (): Promise<DeadLetter[]> =>
        Promise.all(raw.map((m) => instance.env.serdes.deadLetter.decode(m.value)));
      /** The samples of `name` whose labels include `labels`. */
      const values = async (name: string, labels: Record<string, string>) =>
        parseExposition(await instance.metrics())
          .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
          .map((s) => s.value);
      const metric = async (name: string, labels: Record<string, string>) =>
        (await values(name, labels)).reduce((sum, v) => sum + v, 0);
      return { instance, partners, deadLetters, metric, values };
    }

    const delivered = (sink: Sink) =>
      new Set(sink.hits.filter((h) => h.status === 200).map((h) => h.deliveryId));

    it('retries a 500 and delivers once, under the same X-Delivery-Id', async () => {
      const { instance, partners, metric, values } = await setup('conf-retry', [
        ({ n }) => ({ status: n === 0 ? 500 : 200 }),
      ]);
      const partner = partners[0]!;
      await instance.deliver(0, 1);
      await waitFor(() => delivered(partner).size === 1, { message: 'delivered after a retry' });
      const [id] = [...delivered(partner)];
      expect(partner.hitsFor(id!).map((h) => h.status)).toEqual([500, 200]);
      expect(id).not.toBe('');
      const labels = { destination_type: target.destinationType, destination_id: String(first) };
      await waitFor(
        async () =>
          (await metric('segdest_delivery_attempts_total', { ...labels, outcome: 'succeeded' })) === 1,
        { message: 'succeeded attempt counted' },
      );
      expect(
        await metric('segdest_delivery_attempts_total', {
          ...labels,
          outcome: 'retried',
          status_class: '5xx',
        }),
      ).toBe(1);
      expect(await metric('segdest_delivery_requests_sent_total', labels)).toBe(2);
      expect(await metric('segdest_delivery_latency_seconds_count', labels)).toBe(1);
      expect(await values('segdest_delivery_circuit_state', labels), 'closed').toEqual([0]);
    });

    it('gives up a permanent 404 at once, into a dead letter with reason and status', async () => {
      const { instance, partners, deadLetters, metric } = await setup('conf-404', [() => ({ status: 404 })]);
      await instance.deliver(0, 1);
      const dead = await waitFor(async () => (await deadLetters())[0], { message: 'dead letter' });
      expect(dead).toMatchObject({
        reason: target.permanentReason,
        lastStatus: 404,
        destinationId: first,
        service: target.service,
      });
      expect(partners[0]!.hits).toHaveLength(1);
      const labels = { destination_type: target.destinationType, destination_id: String(first) };
      // A service may count the give-up after writing its dead letter (s2s: after deleting the batch).
      await waitFor(
        async () =>
          (await metric('segdest_delivery_attempts_total', {
            ...labels,
            outcome: 'given_up',
            status_class: '4xx',
          })) === 1,
        { message: 'the give-up counted' },
      );
    });

    it('dead-letters garbage bytes on its input topic and keeps delivering', async () => {
      const { instance, partners, deadLetters } = await setup('conf-garbage', [() => ({ status: 200 })]);
      const producer = instance.env.kafka.producer();
      await producer.connect();
      cleanups.push(() => producer.disconnect());
      await producer.send({
        topic: instance.inputTopic,
        messages: [{ key: 'k', value: Buffer.from('definitely not avro') }],
      });
      await instance.deliver(0, 1);
      const dead = await waitFor(
        async () => (await deadLetters()).find((d) => d.reason === 'bad_magic_byte'),
        { message: 'garbage dead-lettered' },
      );
      expect(dead.value?.toString()).toBe('definitely not avro');
      expect(dead.sourceTopic).toBe(instance.inputTopic);
      await waitFor(() => delivered(partners[0]!).size === 1, { message: 'the next delivery arrives' });
    });

    it('keeps delivering to a healthy partner while another never answers', async () => {
      const timeoutMs = 3000;
      const { instance, partners, metric } = await setup(
        'conf-isolation',
        [() => null, () => ({ status: 200 })],
        timeoutMs,
      );
      const [dead, healthy] = partners as [Sink, Sink];
      const started = Date.now();
      await instance.deliver(0, 5);
      await waitFor(() => dead.hits.length > 0, { message: 'the dead partner is being called' });
      await instance.deliver(1, 10);
      await waitFor(() => delivered(healthy).size === 10, { message: 'healthy deliveries' });
      // The healthy calls did not wait for the dead partner's deliveries to be settled: none of
      // those had been given up yet when all the healthy ones were delivered.
      expect(
        await metric('segdest_delivery_attempts_total', {
          destination_type: target.destinationType,
          destination_id: String(first),
          outcome: 'given_up',
        }),
        'dead-partner deliveries given up before the healthy deliveries were done',
      ).toBe(0);
      console.log(
        `conformance isolation: healthy done ${Date.now() - started} ms in (timeout ${timeoutMs} ms)`,
      );
      expect(delivered(dead).size).toBe(0);
      await waitFor(
        async () =>
          (await metric('segdest_delivery_attempts_total', {
            destination_type: target.destinationType,
            destination_id: String(second),
            outcome: 'succeeded',
          })) === 10,
        { message: 'the healthy deliveries counted' },
      );
    });
  });
}
