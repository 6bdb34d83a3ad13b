/**
 * The real-time outbox across SIGKILL, on SQLite and PostgreSQL: s2s-delivery runs as a child
 * process and sends users in JSON batches to a partner that answers slowly and fails a batch's first
 * attempt now and then. The service is killed while batches are in flight and retries wait in the
 * outbox, then started again. Every user must reach the partner in a batch it accepted (nothing
 * lost); a batch re-sent after the kill keeps its X-Delivery-Id (the partner can drop it).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createProducer } from '../../libs/kafka/index.ts';
import type { S2sMessage } from '../../libs/rendering/index.ts';
import { createTestDatabase, storeDialects } from '../support/database.ts';
import {
  idSync,
  realTimeDestination,
  realTimeSettings,
  S2S_SECRET_KEYS,
  s2sRequest,
} from '../support/s2s-delivery-harness.ts';
import { brokers, registryUrl, testEnvironment, waitFor } from '../support/stack.ts';
import { ServiceProcess } from '../support/service-process.ts';

const DEST = 733;
const USERS = 300;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Post {
  deliveryId: string;
  users: string[];
  status: number;
}

/** A partner answering after 60 ms; the first attempt of every fourth batch gets a 503. */
async function startSlowPartner() {
  const posts: Post[] = [];
  const seen = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const deliveryId = String(req.headers['x-delivery-id'] ?? '');
      const n = seen.get(deliveryId) ?? 0;
      seen.set(deliveryId, n + 1);
      const status = n === 0 && seen.size % 4 === 0 ? 503 : 200;
      const users = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as S2sMessage).Users.map(
        (u) => u.AAM_UUID,
      );
      setTimeout(() => {
        posts.push({ deliveryId, users, status });
        res.writeHead(status).end();
      }, 60);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rt`,
    posts,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe.each(storeDialects)('s2s real-time outbox across SIGKILL on %s', (dialect) => {
  it('every user reaches the partner after kill -9 mid-sending; re-sent batches keep their id', async () => {
    const env = await testEnvironment(`s2s-rt-crash-${dialect}`, 3);
    const database = await createTestDatabase(dialect, 's2srtcrash');
    cleanups.push(() => database.drop());
    const partner = await startSlowPartner();
    cleanups.push(() => partner.close());
    const producer = createProducer(env.kafka);
    await producer.connect();
    cleanups.push(() => producer.disconnect());

    const destination = realTimeDestination(
      DEST,
      [1, 2],
      realTimeSettings(partner.endpoint, { usersPerRequest: 5, flushIntervalMs: 50, timeoutMs: 2000 }),
    );
    await producer.send({
      topic: env.topics.destinations,
      messages: [{ key: String(DEST), value: env.serdes.destinationConfig.encode(destination) }],
    });
    const users = Array.from({ length: USERS }, () => randomUUID());
    await producer.send({
      topic: env.topics.idSyncs,
      messages: users.map((u) => ({
        key: `${u}|20915`,
        value: env.serdes.idSync.encode(idSync(u, `p-${u}`)),
      })),
    });
    await producer.send({
      topic: env.topics.deliveriesS2s,
      messages: users.map((u) => ({
        key: u,
        value: env.serdes.s2sDeliveryRequest.encode(s2sRequest(DEST, u, [{ sid: 1, member: true }])),
      })),
    });

    const serviceEnv = {
      ...process.env,
      KAFKA_BROKERS: brokers.join(','),
      SCHEMA_REGISTRY_URL: registryUrl,
      TOPIC_PREFIX: env.prefix,
      GROUP_ID: `${env.prefix}s2s`,
      DATABASE_URL: database.url,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      SECRET_KEYS: S2S_SECRET_KEYS.join(','),
      OUTBOUND_ALLOW_LIST: '127.0.0.1',
      RETRY_DELAYS_MS: '[300,600]',
      RETRY_JITTER: '0',
      REAL_TIME_POLL_MS: '200',
      // The killed instance's claims expire after this; the new one takes the batches over.
      REAL_TIME_CLAIM_MS: '2000',
      SESSION_TIMEOUT_MS: '6000',
    };
    const service = new ServiceProcess('services/s2s-delivery/main.ts', serviceEnv, cleanups);
    const accepted = () => new Set(partner.posts.filter((p) => p.status === 200).flatMap((p) => p.users));

    service.start();
    await waitFor(() => accepted().size >= USERS * 0.4, {
      timeoutMs: 90_000,
      message: '40% of the users accepted',
    });
    await service.kill();
    const atKill = accepted().size;
    expect(atKill).toBeLessThan(USERS);
    expect(
      partner.posts.some((p) => p.status === 503),
      'retries were waiting in the outbox',
    ).toBe(true);

    service.start();
    await waitFor(() => accepted().size === USERS, {
      timeoutMs: 90_000,
      message: 'every user accepted after the restart',
    });
    expect([...accepted()].sort()).toEqual([...users].sort());
    // A batch sent more than once (a 503, or in flight at the kill) always carries the same users.
    const byId = new Map<string, string>();
    for (const post of partner.posts) {
      const key = [...post.users].sort().join(',');
      expect(byId.get(post.deliveryId) ?? key, post.deliveryId).toBe(key);
      byId.set(post.deliveryId, key);
    }
    const resent = partner.posts.length - byId.size;
    console.info(
      `s2s outbox crash (${dialect}): ${atKill}/${USERS} users accepted at kill -9, all ${USERS} after restart; ` +
        `${partner.posts.length} POSTs for ${byId.size} batches (${resent} re-sent with the same X-Delivery-Id)`,
    );
  });
});
