/**
 * Secret canaries in the service that decrypts and uses destination secrets (issue 14, beyond the
 * builder): s2s-delivery, with real partners on 127.0.0.1 and the real broker and database.
 *   secrets: an OAuth2 client secret and the access tokens its token endpoint issued, an HMAC key,
 *     an SFTP private key (its export fails to connect), the secret-box key material.
 *   the run: the OAuth partner answers 401 once (the token is refreshed) and 500 once (a retry),
 *     then 200; the HMAC partner refuses every batch with 400 (dead letters); the SFTP export is
 *     triggered and fails; the debug logs are kept.
 *   searched: every log line, /metrics, the raw bytes of every record of every topic (dead letters
 *     included), and the export API's answers, in four forms (test/support/canaries.ts).
 * Positive controls show the search can hit: what travelled beside the secrets is found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DestinationConfig } from '../../libs/schema/types.ts';
import { canary, searchCanaries } from '../support/canaries.ts';
import { s2sDestination } from '../support/destinations.ts';
import { capturedLogger } from '../support/log-capture.ts';
import { readTopic } from '../support/builder.ts';
import {
  DPID,
  S2S_SECRET_KEYS,
  encryptFor,
  idSync,
  realTimeDestination,
  realTimeSettings,
  s2sRequest,
  startPartner,
  startS2sHarness,
  type Partner,
  type S2sHarness,
} from '../support/s2s-delivery-harness.ts';
import { waitFor } from '../support/stack.ts';

const OAUTH = 611;
const HMAC = 612;
const SFTP = 613;

describe('security: secret canaries in s2s-delivery', () => {
  const secrets = {
    oauthClientSecret: canary('oauth'),
    hmacKey: canary('hmac'),
    sftpKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${canary('ssh')}\n-----END OPENSSH PRIVATE KEY-----`,
    secretBoxKey: S2S_SECRET_KEYS[0]!.split(':')[1]!,
  };
  const { logger, logs } = capturedLogger('s2s-delivery');
  let oauthPartner: Partner;
  let hmacPartner: Partner;
  let harness: S2sHarness;

  beforeAll(async () => {
    oauthPartner = await startPartner({
      oauth: {
        clientId: 'client-visible-611',
        clientSecret: secrets.oauthClientSecret,
        expiresInSeconds: 3600,
      },
      behaviour: (_request, n) => ({ status: n === 1 ? 401 : n === 2 ? 500 : 200 }),
    });
    hmacPartner = await startPartner({
      hmac: { header: 'X-Visible-Signature', key: secrets.hmacKey, algorithm: 'sha256' },
      behaviour: () => ({ status: 400 }),
    });
    const base = s2sDestination(SFTP, [1, 2]);
    const sftp: DestinationConfig = {
      ...base,
      s2s: {
        ...base.s2s!,
        dpid: DPID,
        realTime: null,
        batch: {
          ...base.s2s!.batch!,
          schedule: '0 0 1 1 *',
          syncModes: ['FULL'],
          target: 'SFTP',
          sftpHost: '127.0.0.1',
          sftpPort: 1,
          sftpUser: 'sftp-user-visible',
          sftpKey: encryptFor(SFTP, 'sftpKey', secrets.sftpKey),
          sftpHostKey: null,
          sftpPath: '/in',
        },
      },
    };
    harness = await startS2sHarness('sec-s2s-canary', 'sqlite', {
      logger,
      destinations: [
        realTimeDestination(
          OAUTH,
          [1, 2],
          realTimeSettings(oauthPartner.endpoint, {
            auth: 'OAUTH2',
            oauthTokenUrl: oauthPartner.tokenUrl,
            oauthClientId: 'client-visible-611',
            oauthClientSecret: encryptFor(OAUTH, 'oauthClientSecret', secrets.oauthClientSecret),
            usersPerRequest: 2,
          }),
        ),
        realTimeDestination(
          HMAC,
          [1, 2],
          realTimeSettings(hmacPartner.endpoint, {
            auth: 'HMAC',
            hmacHeader: 'X-Visible-Signature',
            hmacKey: encryptFor(HMAC, 'hmacKey', secrets.hmacKey),
            usersPerRequest: 2,
          }),
        ),
        sftp,
      ],
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await oauthPartner?.close();
    await hmacPartner?.close();
  });

  it('finds no canary in logs, topics, metrics or export answers after deliveries, refusals and a failed export', async () => {
    const users = ['u1', 'u2', 'u3', 'u4'];
    await harness.sync(users.map((u) => idSync(u, `p-${u}`)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await harness.deliver(
      [OAUTH, HMAC, SFTP].flatMap((id) => users.map((u) => s2sRequest(id, u, [{ sid: 1, member: true }]))),
    );
    await waitFor(() => oauthPartner.requests.filter((r) => r.status === 200).length >= 2, {
      message: 'OAuth deliveries',
    });
    await waitFor(() => hmacPartner.requests.length >= 2, { message: 'HMAC refusals' });
    const deadLetters = async () => (await readTopic(harness.env, harness.env.topics.deadLetters)).length;
    // one dead letter per refused batch
    await waitFor(
      async () => {
        const n = await deadLetters();
        return n >= 1 && n >= hmacPartner.requests.length;
      },
      { message: 'dead letters of the refused batches' },
    );
    const exported = await harness.instance.app.inject({
      method: 'POST',
      url: `/v1/destinations/${SFTP}/exports`,
      payload: { mode: 'full' },
    });
    const history = await harness.instance.app.inject({
      method: 'GET',
      url: `/v1/destinations/${SFTP}/exports`,
    });
    const metrics = await harness.instance.app.inject({ method: 'GET', url: '/metrics' });

    const topics = Object.values(harness.env.topics).flat();
    const records = (await Promise.all(topics.map((topic) => readTopic(harness.env, topic)))).flat();
    const raw = records.map((r) =>
      [
        r.key?.toString('latin1') ?? '',
        r.value?.toString('latin1') ?? '',
        ...Object.values(r.headers ?? {}).map((h) => String(h)),
      ].join('\n'),
    );
    const haystacks = {
      logs: logs.join('\n'),
      topics: raw.join('\n'),
      metrics: metrics.body,
      exports: [exported.body, history.body].join('\n'),
    };
    // the access tokens the partner issued are secrets too
    expect(oauthPartner.issued.length).toBeGreaterThanOrEqual(2);
    const all = {
      ...secrets,
      ...Object.fromEntries(oauthPartner.issued.map((t, i) => [`accessToken${i}`, t])),
    };

    // positive controls: the search finds what travelled beside the secrets, and the secrets worked
    expect(oauthPartner.requests[0]!.headers.authorization).toBe(`Bearer ${oauthPartner.issued[0]}`);
    expect(hmacPartner.requests[0]!.headers['x-visible-signature']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(haystacks.logs).toContain('"msg":"export failed"');
    expect(haystacks.logs).toContain(`"destinationId":${SFTP}`);
    expect(haystacks.topics).toContain('http_4xx');
    expect(haystacks.exports).toContain('failed');
    // the key parser's own message quotes bytes of the decoded key: only ours may be recorded
    expect(history.json().exports[0].error).toMatch(
      /^the SFTP private key for sftp-user-visible@127.0.0.1:1 cannot be parsed/,
    );
    expect(haystacks.logs + haystacks.exports).not.toContain('Cannot parse privateKey');
    expect(haystacks.exports).toContain('sftp-user-visible');
    expect(haystacks.metrics).toContain('# TYPE');

    const { hits, searches, bytes } = searchCanaries(haystacks, all);
    console.log(
      `s2s secret canaries: ${Object.keys(all).length} secrets x 4 forms x ${Object.keys(haystacks).length} places = ` +
        `${searches} searches over ${logs.length} log lines, ${records.length} records in ${topics.length} topics, ` +
        `/metrics and 2 export answers (${bytes} bytes); ${hits.length} hits`,
    );
    expect(hits).toEqual([]);
  });
});
