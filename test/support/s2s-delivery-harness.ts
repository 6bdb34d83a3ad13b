/**
 * Pieces of the s2s-delivery integration tests: the service in-process on a fresh database and
 * topics, destinations/deliveries/ID syncs producers, a local real-time partner (OAuth2 token
 * endpoint with expiring tokens, HMAC verification, scripted failures), metric reads.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { loadConfig } from '../../libs/config/index.ts';
import { SecretBox, secretContext, type SecretField } from '../../libs/destinations/secret-box.ts';
import { createProducer, type Producer } from '../../libs/kafka/index.ts';
import type {
  DestinationConfig,
  EncryptedSecret,
  IdSync,
  S2sDeliveryRequest,
  S2sRealTime,
} from '../../libs/schema/index.ts';
import { s2sDeliveryConfigSchema } from '../../services/s2s-delivery/config.ts';
import {
  startS2sDelivery,
  type S2sDeliveryInstance,
} from '../../services/s2s-delivery/start-s2s-delivery.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { s2sDestination } from './destinations.ts';
import { brokers, registryUrl, testEnvironment, testLogger, type TestEnvironment } from './stack.ts';
import type { StoreDialect } from '../../libs/store/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';

export const S2S_SECRET_KEYS = [`k1:${randomBytes(32).toString('base64')}`];
const box = new SecretBox(S2S_SECRET_KEYS);

export function encryptFor(destinationId: number, field: SecretField, plaintext: string): EncryptedSecret {
  return box.encrypt(plaintext, secretContext(destinationId, field));
}

export const DPID = 20915;

export function realTimeSettings(endpoint: string, overrides: Partial<S2sRealTime> = {}): S2sRealTime {
  return {
    endpoint,
    auth: 'NONE',
    oauthTokenUrl: null,
    oauthClientId: null,
    oauthClientSecret: null,
    hmacAlgorithm: 'SHA256',
    hmacHeader: null,
    hmacKey: null,
    hmacKeyEncoding: 'UTF8',
    usersPerRequest: 10,
    flushIntervalMs: 100,
    timeoutMs: 1000,
    ...overrides,
  };
}

export function realTimeDestination(id: number, sids: number[], realTime: S2sRealTime): DestinationConfig {
  const base = s2sDestination(id, sids);
  return { ...base, s2s: { ...base.s2s!, dpid: DPID, realTime, batch: null } };
}

export interface S2sHarness {
  env: TestEnvironment;
  database: TestDatabase;
  producer: Producer;
  instance: S2sDeliveryInstance;
  publish(configs: DestinationConfig[]): Promise<void>;
  deliver(requests: S2sDeliveryRequest[]): Promise<void>;
  sync(syncs: IdSync[]): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** The service's logger (default: the tests' quiet one). */
  logger?: Logger;
  destinations?: DestinationConfig[];
  sftpSource?: (path: string) => Readable;
}

export async function startS2sHarness(
  label: string,
  dialect: StoreDialect,
  options: HarnessOptions = {},
): Promise<S2sHarness> {
  const env = await testEnvironment(label, 1);
  const database = await createTestDatabase(dialect, label.replace(/[^a-z0-9]/gi, ''));
  const producer = createProducer(env.kafka);
  await producer.connect();
  const publish = async (configs: DestinationConfig[]) => {
    await producer.send({
      topic: env.topics.destinations,
      messages: configs.map((c) => ({ key: String(c.id), value: env.serdes.destinationConfig.encode(c) })),
    });
  };
  if (options.destinations) await publish(options.destinations);
  const config = loadConfig(s2sDeliveryConfigSchema, {
    KAFKA_BROKERS: brokers.join(','),
    SCHEMA_REGISTRY_URL: registryUrl,
    TOPIC_PREFIX: env.prefix,
    GROUP_ID: `${env.prefix}s2s`,
    DATABASE_URL: database.url,
    SESSION_TIMEOUT_MS: '6000',
    SECRET_KEYS: S2S_SECRET_KEYS.join(','),
    OUTBOUND_ALLOW_LIST: '127.0.0.1',
    RETRY_DELAYS_MS: '[100,200]',
    RETRY_JITTER: '0',
    REAL_TIME_POLL_MS: '200',
    EXPORT_CHECK_MS: '100',
    EXPORT_RETRY_MS: '100',
    LOCAL_EXPORT_ROOTS: tmpdir(),
    ...options.env,
  });
  const instance = await startS2sDelivery(config, {
    logger: options.logger ?? testLogger,
    sftpSource: options.sftpSource,
  });
  return {
    env,
    database,
    producer,
    instance,
    publish,
    async deliver(requests) {
      await producer.send({
        topic: env.topics.deliveriesS2s,
        messages: requests.map((r) => ({ key: r.uuid, value: env.serdes.s2sDeliveryRequest.encode(r) })),
      });
    },
    async sync(syncs) {
      await producer.send({
        topic: env.topics.idSyncs,
        messages: syncs.map((s) => ({ key: `${s.uuid}|${s.dpid}`, value: env.serdes.idSync.encode(s) })),
      });
    },
    async stop() {
      await instance.stop();
      await producer.disconnect();
      await database.drop();
    },
  };
}

let deliverySeq = 0;

/** A deliveries.s2s record: the user's current mapped set (+ removals) for one destination. */
export function s2sRequest(
  destinationId: number,
  uuid: string,
  segments: { sid: number; member: boolean; value?: string; updatedAt?: number }[],
  region: number | null = 9,
): S2sDeliveryRequest {
  deliverySeq += 1;
  return {
    deliveryId: `e${deliverySeq}:${destinationId}`,
    eventId: `e${deliverySeq}`,
    eventTime: 1_700_000_000_000,
    routedAt: 1_700_000_000_000,
    uuid,
    destinationId,
    destinationVersion: 1,
    region,
    pageProtocol: 'HTTPS',
    mcid: null,
    partnerIds: [],
    gdprApplies: false,
    tcString: null,
    dpid: DPID,
    segments: segments.map((s) => ({
      sid: s.sid,
      value: s.value ?? `v${s.sid}`,
      member: s.member,
      updatedAt: s.updatedAt ?? 1_700_000_000_000,
    })),
  };
}

export function idSync(uuid: string, dpuuid: string, seenAt = Date.now()): IdSync {
  return { uuid, dpid: DPID, dpuuid, seenAt };
}

export { metricValue } from './metric-value.ts';

export interface PartnerRequest {
  at: number;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** What the partner answered; null when it did not answer (timeout test). */
  status: number | null;
}

/** How the partner answers a POST to its endpoint; null = hang (the sender times out). */
export type PartnerBehaviour = (
  request: PartnerRequest,
  n: number,
) => {
  status: number;
  headers?: Record<string, string>;
} | null;

export interface Partner {
  endpoint: string;
  tokenUrl: string;
  requests: PartnerRequest[];
  tokenRequests: PartnerRequest[];
  /** Tokens the token endpoint issued, in order. */
  issued: string[];
  /** Makes a token invalid before its expiry (the partner rotated its keys). */
  revoke(token: string): void;
  close(): Promise<void>;
}

export interface PartnerOptions {
  behaviour?: PartnerBehaviour;
  /** OAuth2: accepted client id / secret, token lifetime (s). Tokens are required when set. */
  oauth?: { clientId: string; clientSecret: string; expiresInSeconds: number };
  /** HMAC: requests without a valid signature get 403. */
  hmac?: { header: string; key: string; algorithm: 'sha256' | 'sha1' };
}

export async function startPartner(options: PartnerOptions = {}): Promise<Partner> {
  const requests: PartnerRequest[] = [];
  const tokenRequests: PartnerRequest[] = [];
  const issued: string[] = [];
  const valid = new Map<string, number>();
  let posts = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: PartnerRequest = {
        at: Date.now(),
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status: null,
      };
      const answer = (status: number, body = '', headers: Record<string, string> = {}) => {
        request.status = status;
        res.writeHead(status, headers).end(body);
      };
      if (req.url === '/oauth2/token') {
        tokenRequests.push(request);
        const o = options.oauth;
        const expected = o && `Basic ${Buffer.from(`${o.clientId}:${o.clientSecret}`).toString('base64')}`;
        if (
          !o ||
          req.headers.authorization !== expected ||
          request.body !== 'grant_type=client_credentials'
        ) {
          return answer(401, '{"error":"invalid_client"}');
        }
        const token = `tok-${issued.length + 1}`;
        issued.push(token);
        valid.set(token, Date.now() + o.expiresInSeconds * 1000);
        return answer(
          200,
          JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: o.expiresInSeconds }),
          { 'content-type': 'application/json' },
        );
      }
      requests.push(request);
      if (options.oauth) {
        const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
        if ((valid.get(token) ?? 0) <= Date.now()) return answer(401);
      }
      if (options.hmac) {
        const signature = createHmac(options.hmac.algorithm, options.hmac.key)
          .update(request.body)
          .digest('base64');
        if (req.headers[options.hmac.header.toLowerCase()] !== signature) return answer(403);
      }
      const behave: PartnerBehaviour = options.behaviour ?? (() => ({ status: 200 }));
      const decided = behave(request, posts++);
      if (decided === null) return; // hang: the sender's timeout fires
      answer(decided.status, '', decided.headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint: `${base}/rt`,
    tokenUrl: `${base}/oauth2/token`,
    requests,
    tokenRequests,
    issued,
    revoke: (token) => valid.delete(token),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
