/**
 * Secret canaries (issue 14, item 5): known values put into every secret the builder handles, then
 * searched for everywhere the builder writes after a run of reads and writes.
 *   secrets: the OAuth2 client secret, the HMAC key (and the key it is rotated to), the SFTP private
 *     key (the write-only fields of request-bodies.ts); API tokens (shown once, in the answer that
 *     creates them); the bootstrap admin token; the export-history bearer token
 *     (EXPORT_HISTORY_TOKEN); the secret-box key material (SECRET_KEYS); a token sent that is not one.
 *   searched: every API answer (headers and body) but the token creations, every log line (debug),
 *     the raw bytes of every record (key, value, headers) of every topic of the catalog, the decoded
 *     audit records, and /metrics.
 *   forms: the value, its base64, its hex, its last 24 characters.
 * Positive controls show the search can hit: non-secret neighbours of the secrets are found in the
 * same places, the export-history listener received its token, and each destination secret
 * decrypts from the topic.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox, secretContext } from '../../libs/destinations/secret-box.ts';
import {
  ADMIN_TOKEN,
  SECRET_KEYS,
  auth,
  readTopic,
  startBuilder,
  type RunningBuilder,
} from '../support/builder.ts';
import { canary, searchCanaries } from '../support/canaries.ts';
import { testEnvironment, type TestEnvironment } from '../support/stack.ts';

/** One export run as the s2s exporter answers it (libs/schema/export-run.ts). */
const EXPORT_RUN = {
  id: 1,
  destinationId: 1,
  mode: 'full',
  outcome: 'succeeded',
  startedAt: 1_764_000_000_000,
  finishedAt: 1_764_000_001_000,
  durationMs: 1000,
  files: ['1_full.sync'],
  userCount: 1,
  lineCount: 1,
  byteCount: 10,
  watermarkFrom: 0,
  watermarkTo: 1_764_000_000_000,
  error: null,
};

describe('security: secret canaries', () => {
  let env: TestEnvironment;
  let builder: RunningBuilder;
  let history: Server;
  const historyAuth: string[] = [];
  const responses: string[] = [];
  const fixed = {
    oauthClientSecret: canary('oauth'),
    hmacKey: canary('hmac'),
    hmacKeyRotated: canary('hmac-rotated'),
    sftpKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${canary('ssh')}\n${randomBytes(48).toString('base64')}\n-----END OPENSSH PRIVATE KEY-----`,
    bootstrapAdminToken: ADMIN_TOKEN,
    exportHistoryToken: canary('export-api'),
    notAToken: canary('bogus-bearer'),
    secretBoxKey: SECRET_KEYS[0]!.slice(SECRET_KEYS[0]!.indexOf(':') + 1),
  };
  /** The fixed canaries and the API tokens made during the run. */
  const secrets: Record<string, string> = { ...fixed };
  const call = async (options: InjectOptions & { keep?: boolean }) => {
    const response = await builder.service.app.inject({
      ...options,
      headers: { ...auth(ADMIN_TOKEN), ...options.headers },
    });
    if (options.keep !== false) responses.push(JSON.stringify(response.headers), response.body);
    return response;
  };
  const realTime = {
    endpoint: 'https://203.0.113.10/in',
    auth: 'OAUTH2',
    oauthTokenUrl: 'https://203.0.113.10/token',
    oauthClientId: 'client-visible-1',
    oauthClientSecret: fixed.oauthClientSecret,
  };
  const s2s = (name: string, rt: object, batch: object | null) => ({
    name,
    type: 'S2S',
    s2s: { dpid: 20915, accountAlias: 'acct-42', realTime: rt, batch },
    mappings: [{ sid: 5, value: 'five', startDate: '2020-01-01' }],
  });
  const sftp = {
    schedule: '0 2 * * *',
    syncModes: ['FULL', 'ITER'],
    target: 'SFTP',
    sftpHost: '203.0.113.20',
    sftpUser: 'sftp-user-visible',
    sftpKey: fixed.sftpKey,
    sftpPath: '/in',
  };

  beforeAll(async () => {
    history = createServer((request, response) => {
      historyAuth.push(request.headers.authorization ?? '');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ exports: [EXPORT_RUN] }));
    });
    await new Promise<void>((resolve) => history.listen(0, '127.0.0.1', resolve));
    env = await testEnvironment('sec-canary', 1);
    builder = await startBuilder(env, {
      EXPORT_HISTORY_URL: `http://127.0.0.1:${(history.address() as AddressInfo).port}`,
      EXPORT_HISTORY_TOKEN: fixed.exportHistoryToken,
    });
  });
  afterAll(async () => {
    await builder?.stop();
    await new Promise((resolve) => history?.close(resolve));
  });

  it('finds no canary in answers, logs, topics or metrics after a run', async () => {
    // tokens: the creating answer shows each once (not kept); every later use must not echo it
    const tokens: string[] = [];
    for (const role of ['viewer', 'editor', 'admin']) {
      const created = await call({
        method: 'POST',
        url: '/v1/tokens',
        payload: { name: `canary-${role}`, role },
        keep: false,
      });
      expect(created.statusCode).toBe(201);
      tokens.push(created.json().token);
      secrets[`${role}Token`] = created.json().token;
    }
    const [viewer, editor, admin] = tokens as [string, string, string];

    const a = await call({
      method: 'POST',
      url: '/v1/destinations',
      headers: auth(editor),
      payload: s2s('oauth and sftp', realTime, sftp),
    });
    expect(a.statusCode, a.body).toBe(201);
    const aId: number = a.json().id;
    const hmac = { endpoint: 'https://203.0.113.11/in', auth: 'HMAC', hmacHeader: 'X-Visible-Signature' };
    const b = await call({
      method: 'POST',
      url: '/v1/destinations',
      headers: auth(editor),
      payload: s2s('hmac', { ...hmac, hmacKey: fixed.hmacKey }, null),
    });
    expect(b.statusCode, b.body).toBe(201);
    const bId: number = b.json().id;
    // an update that omits the secrets keeps them; a rotation replaces the HMAC key
    const { oauthClientSecret: _kept, ...withoutSecret } = realTime;
    const { sftpKey: _keptKey, ...sftpWithoutKey } = sftp;
    expect(
      (
        await call({
          method: 'PUT',
          url: `/v1/destinations/${aId}`,
          headers: { ...auth(editor), 'if-match': '"1"' },
          payload: s2s(
            'oauth and sftp',
            { ...withoutSecret, oauthClientId: 'client-visible-2' },
            sftpWithoutKey,
          ),
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await call({
          method: 'PUT',
          url: `/v1/destinations/${bId}`,
          headers: { ...auth(editor), 'if-match': '"1"' },
          payload: s2s('hmac', { ...hmac, hmacKey: fixed.hmacKeyRotated }, null),
        })
      ).statusCode,
    ).toBe(200);
    // refused writes that carry secrets: a 422 (loopback endpoint) and a 400 (unknown field)
    const refused422 = await call({
      method: 'POST',
      url: '/v1/destinations',
      headers: auth(editor),
      payload: s2s('refused', { ...realTime, endpoint: 'https://127.0.0.1/in' }, sftp),
    });
    expect(refused422.statusCode).toBe(422);
    const refused400 = await call({
      method: 'POST',
      url: '/v1/destinations',
      headers: auth(editor),
      payload: { ...s2s('refused', { ...hmac, hmacKey: fixed.hmacKey }, sftp), extra: fixed.hmacKey },
    });
    expect(refused400.statusCode).toBe(400);
    // mappings, reads, previews, history, stats, token list, a bad bearer token
    await call({
      method: 'POST',
      url: `/v1/destinations/${aId}/mappings`,
      headers: auth(editor),
      payload: { sid: 6, value: 'six', startDate: '2020-01-01' },
    });
    const reads = [
      '/v1/destinations',
      `/v1/destinations/${aId}`,
      `/v1/destinations/${bId}`,
      `/v1/destinations/${aId}/mappings`,
      `/v1/destinations/${aId}/export-history`,
      '/v1/delivery-stats',
      '/v1/data-sources',
    ];
    for (const url of reads)
      expect((await call({ method: 'GET', url, headers: auth(viewer) })).statusCode, url).toBe(200);
    for (const id of [aId, bId]) {
      const preview = await call({
        method: 'POST',
        url: `/v1/destinations/${id}/preview`,
        headers: auth(viewer),
        payload: {
          event: { partnerIds: [{ dpid: 20915, id: 'p1' }], segments: [{ sid: 5, status: 'QUALIFIED' }] },
        },
      });
      expect(preview.statusCode, preview.body).toBe(200);
    }
    expect((await call({ method: 'GET', url: '/v1/tokens', headers: auth(admin) })).statusCode).toBe(200);
    expect(
      (await call({ method: 'GET', url: '/v1/destinations', headers: auth(fixed.notAToken) })).statusCode,
    ).toBe(401);
    const metrics = await call({ method: 'GET', url: '/metrics', keep: false });
    expect(metrics.statusCode).toBe(200);

    // what each topic holds, raw, and the audit decoded
    const topics = Object.values(env.topics).flat();
    const records = (await Promise.all(topics.map((topic) => readTopic(env, topic)))).flat();
    const raw = records.map((r) =>
      [
        r.key?.toString('latin1') ?? '',
        r.value?.toString('latin1') ?? '',
        ...Object.values(r.headers ?? {}).map((h) => String(h)),
      ].join('\n'),
    );
    const audit = await Promise.all(
      (await readTopic(env, env.topics.destinationsAudit)).map(async (r) =>
        JSON.stringify(await env.serdes.destinationAudit.decode(r.value)),
      ),
    );
    const haystacks: Record<string, string> = {
      responses: responses.join('\n'),
      logs: builder.logs.join('\n'),
      topics: raw.join('\n'),
      audit: audit.join('\n'),
      metrics: metrics.body,
    };

    // positive controls: the search finds what travelled beside the secrets
    expect(haystacks.responses).toContain('client-visible-2');
    expect(haystacks.responses).toContain('X-Visible-Signature');
    expect(haystacks.responses).toContain('1_full.sync');
    expect(haystacks.topics).toContain('sftp-user-visible');
    expect(haystacks.audit).toContain('client-visible-2');
    expect(haystacks.audit).toContain('/s2s/realTime/hmacKey');
    expect(haystacks.logs).toContain('"incoming request"');
    expect(haystacks.metrics).toContain('# TYPE');
    expect(historyAuth).toEqual([`Bearer ${fixed.exportHistoryToken}`]);
    const stored = (await readTopic(env, env.topics.destinations)).filter((r) => r.value !== null);
    const last = new Map<number, Awaited<ReturnType<typeof env.serdes.destinationConfig.decode>>>();
    for (const r of stored) {
      const config = await env.serdes.destinationConfig.decode(r.value);
      last.set(config.id, config);
    }
    const box = new SecretBox(SECRET_KEYS);
    expect(
      box.decrypt(last.get(aId)!.s2s!.realTime!.oauthClientSecret!, secretContext(aId, 'oauthClientSecret')),
    ).toBe(fixed.oauthClientSecret);
    expect(box.decrypt(last.get(aId)!.s2s!.batch!.sftpKey!, secretContext(aId, 'sftpKey'))).toBe(
      fixed.sftpKey,
    );
    expect(box.decrypt(last.get(bId)!.s2s!.realTime!.hmacKey!, secretContext(bId, 'hmacKey'))).toBe(
      fixed.hmacKeyRotated,
    );

    const { hits, searches, bytes } = searchCanaries(haystacks, secrets);
    console.log(
      `secret canaries: ${Object.keys(secrets).length} secrets x 4 forms x ${Object.keys(haystacks).length} places = ` +
        `${searches} searches over ${responses.length / 2} answers, ${builder.logs.length} log lines, ` +
        `${records.length} records in ${topics.length} topics, /metrics (${bytes} bytes); ${hits.length} hits`,
    );
    expect(hits).toEqual([]);
  });
});
