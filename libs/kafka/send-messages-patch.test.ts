/**
 * The kafkajs producer's send path as patched (patches/kafkajs+2.2.4.patch), driven with a cluster
 * whose broker for one partition dies mid-send and whose partition then moves to a broker that has
 * already answered for another partition. Upstream kafkajs resolved that send without ever writing
 * the moved partition's records (tulios/kafkajs#1303; seen losing ~3 % of a batch on the 3-broker
 * fault case). Every record must reach exactly one broker, once.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
type SendMessages = (
  options: Record<string, unknown>,
) => (request: {
  acks: number;
  timeout: number;
  topicMessages: { topic: string; messages: { key: string; value: string; partition: number }[] }[];
}) => Promise<{ topicName: string; partition: number }[]>;
const createSendMessages = require('kafkajs/src/producer/sendMessages.js') as SendMessages;
const createRetry = require('kafkajs/src/retry') as (options: object) => unknown;

interface ProduceRequest {
  topicData: { topic: string; partitions: { partition: number; messages: { key: string }[] }[] }[];
}

/** Partitions 0, 1, 2 led by brokers 1, 2, 3; broker 2 fails its first request, then 1 leads 1. */
function fakeCluster() {
  const leaders = new Map([
    [0, 1],
    [1, 2],
    [2, 3],
  ]);
  const written: { broker: number; partition: number; key: string }[] = [];
  let broker2Failures = 0;
  const brokers = new Map(
    [1, 2, 3].map((nodeId) => [
      nodeId,
      {
        nodeId,
        async produce({ topicData }: ProduceRequest) {
          // Broker 1 answers at once; broker 2 dies while its request is in flight.
          if (nodeId === 2) {
            broker2Failures += 1;
            await new Promise((resolve) => setTimeout(resolve, 5));
            leaders.set(1, 1);
            throw Object.assign(new Error('Connection error: connect ECONNREFUSED'), {
              name: 'KafkaJSConnectionError',
              retriable: true,
            });
          }
          for (const { partitions } of topicData)
            for (const { partition, messages } of partitions)
              for (const { key } of messages) written.push({ broker: nodeId, partition, key });
          return {
            topics: topicData.map(({ topic, partitions }) => ({
              topicName: topic,
              partitions: partitions.map(({ partition }) => ({ partition, errorCode: 0, baseOffset: '0' })),
            })),
          };
        },
      },
    ]),
  );
  const cluster = {
    targetTopics: new Set<string>(),
    async refreshMetadataIfNecessary() {},
    async refreshMetadata() {},
    async addMultipleTargetTopics() {},
    async connect() {},
    isConnected: () => true,
    removeBroker() {},
    findTopicPartitionMetadata: () =>
      [...leaders].map(([partitionId, leader]) => ({
        partitionId,
        leader,
        replicas: [1, 2, 3],
        isr: [1, 2, 3],
      })),
    findLeaderForPartitions(_topic: string, partitions: string[]) {
      const byLeader: Record<string, number[]> = {};
      for (const p of partitions) (byLeader[leaders.get(Number(p))!] ??= []).push(Number(p));
      return byLeader;
    },
    async findBroker({ nodeId }: { nodeId: string }) {
      return brokers.get(Number(nodeId));
    },
  };
  return { cluster, written, failures: () => broker2Failures };
}

const eosManager = {
  acquireBrokerLock: async () => undefined,
  releaseBrokerLock: async () => undefined,
  isTransactional: () => false,
  getTransactionalId: () => undefined,
  getProducerId: () => -1,
  getProducerEpoch: () => 0,
  getSequence: () => 0,
  updateSequence: () => undefined,
};
const logger = { debug() {}, error() {}, warn() {}, info() {} };

/** The patched send over a fake cluster; messages carry their partition. */
const sender = (cluster: ReturnType<typeof fakeCluster>['cluster'], retries: number) =>
  createSendMessages({
    logger,
    cluster,
    eosManager,
    partitioner: ({ message }: { message: { partition: number } }) => message.partition,
    retrier: createRetry({ retries, initialRetryTime: 1, maxRetryTime: 5 }),
  });

describe('kafkajs sendMessages (patched)', () => {
  it('sends the records of a partition whose leader moved to a broker that had already answered', async () => {
    const { cluster, written, failures } = fakeCluster();
    const send = sender(cluster, 3);
    const messages = Array.from({ length: 30 }, (_, i) => ({
      key: `k${i}`,
      value: `v${i}`,
      partition: i % 3,
    }));
    const answers = await send({ acks: -1, timeout: 1000, topicMessages: [{ topic: 't', messages }] });

    expect(failures()).toBe(1);
    // Every record written exactly once, partition 1's by its new leader, broker 1.
    expect(written.map((w) => w.key).sort()).toEqual(messages.map((m) => m.key).sort());
    expect(new Set(written.filter((w) => w.partition === 1).map((w) => w.broker))).toEqual(new Set([1]));
    expect(answers.map((a) => a.partition).sort()).toEqual([0, 1, 2]);
  });

  it('fails the send when a partition never gets an answer', async () => {
    const { cluster } = fakeCluster();
    cluster.findLeaderForPartitions = (_topic: string, partitions: string[]) => ({
      2: partitions.map(Number),
    });
    const send = sender(cluster, 2);
    await expect(
      send({
        acks: -1,
        timeout: 1000,
        topicMessages: [{ topic: 't', messages: [{ key: 'a', value: 'b', partition: 0 }] }],
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
