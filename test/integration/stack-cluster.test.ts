/**
 * The 3-broker local cluster (`STACK_BROKERS=3 stack.sh up`, issue 13 item 5): three KRaft nodes
 * in the metadata, replication factor 3 and min ISR 2 by default, acks=all produces go on while
 * one broker is SIGKILLed, `start-broker` brings it back with every ISR complete, and `down` leaves
 * no process and no port.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, portOpen } from '../support/stack-process.ts';
import { createKafka, type Admin } from '../../libs/kafka/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'stack-cluster-'));
// Private ports: nodes on 19492/19494/19496 (controllers 19493/19495/19497), registry 18491
// (management 28491); nothing shared with the default stack or the other stack tests.
const env = {
  ...process.env,
  STACK_DIR: dir,
  STACK_BROKERS: '3',
  STACK_KAFKA_PORT: '19492',
  STACK_CONTROLLER_PORT: '19493',
  STACK_REGISTRY_PORT: '18491',
};
const brokers = ['127.0.0.1:19492', '127.0.0.1:19494', '127.0.0.1:19496'];
const ports = [19492, 19493, 19494, 19495, 19496, 19497, 18491, 28491];
const stack = (...args: string[]) =>
  run('bash', ['deploy/local/stack.sh', ...args], { env: { ...env }, timeout: 120_000 });
const pidOf = (name: string) => Number(readFileSync(join(dir, name, 'pid'), 'utf8'));
const TOPIC_RESOURCE = 2; // kafkajs ConfigResourceTypes.TOPIC (only libs/kafka imports kafkajs)

async function isrSizes(admin: Admin, topic: string): Promise<number[]> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return topics[0]!.partitions.map((p) => p.isr.length).sort();
}

describe('3-broker local cluster', () => {
  const kafka = createKafka({
    brokers,
    clientId: 'stack-cluster-test',
    logger: createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
  const admin = kafka.admin();
  // Failing over the partitions a SIGKILLed broker led takes the controller's session timeout
  // (broker.session.timeout.ms=4000 in cluster.properties) plus an election: more than the ~6 s the
  // default createKafka retry budget lasts, so this producer retries for up to ~20 s.
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    retry: { initialRetryTime: 200, maxRetryTime: 1000, retries: 20 },
  });

  afterAll(async () => {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await stack('down').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('survives one broker killed with acks=all, takes it back, and down leaves nothing', async () => {
    const up = await stack('up');
    expect(up.stdout).toContain(`export KAFKA_BROKERS=${brokers.join(',')}`);
    const pids = ['kafka-1', 'kafka-2', 'kafka-3', 'apicurio'].map(pidOf);
    expect(pids.every(alive)).toBe(true);

    await admin.connect();
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);

    // No replication factor and no topic config given: the broker defaults must make it 3 / min ISR 2.
    const topic = 'cluster-acks-all';
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] });
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(topics[0]!.partitions.map((p) => p.replicas.length)).toEqual([3, 3, 3]);
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: TOPIC_RESOURCE, name: topic, configNames: ['min.insync.replicas'] }],
    });
    expect(resources[0]!.configEntries[0]).toMatchObject({
      configName: 'min.insync.replicas',
      configValue: '2',
    });

    await producer.connect();
    const send = (label: string) =>
      producer.send({
        topic,
        acks: -1,
        messages: [0, 1, 2].map((partition) => ({ partition, value: `${label}-${partition}` })),
      });
    await send('before');

    const killed = await stack('kill-broker', '2');
    expect(killed.stdout).toContain('kafka-2 killed');
    expect(alive(pids[1]!)).toBe(false);
    expect(await portOpen(19494)).toBe(false);

    // Every partition (whichever broker led it) still takes acks=all writes with 2 of 3 in sync.
    const killedAt = Date.now();
    await send('during-0');
    console.info(
      `acks=all produce to all 3 partitions went through ${Date.now() - killedAt} ms after the kill`,
    );
    for (let i = 1; i < 5; i += 1) await send(`during-${i}`);
    expect(await isrSizes(admin, topic)).toEqual([2, 2, 2]);

    const back = await stack('start-broker', '2');
    expect(back.stdout).toContain('kafka-2 back in the cluster');
    expect((await admin.describeCluster()).brokers.map((b) => b.nodeId).sort()).toEqual([1, 2, 3]);
    expect(await isrSizes(admin, topic)).toEqual([3, 3, 3]);
    await send('after');
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.map((o) => Number(o.high)).reduce((a, b) => a + b, 0)).toBe(3 * 7);

    await producer.disconnect();
    await admin.disconnect();
    const allPids = ['kafka-1', 'kafka-2', 'kafka-3', 'apicurio'].map(pidOf);
    await stack('down');
    expect(allPids.some(alive)).toBe(false);
    for (const port of ports) expect(await portOpen(port), `port ${port}`).toBe(false);
    await expect(stack('status')).rejects.toMatchObject({ code: 3 });
  }, 150_000);
});
