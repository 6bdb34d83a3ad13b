import { randomBytes } from 'node:crypto';
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
import { testEnvironment, type TestEnvironment } from '../support/stack.ts';

describe('destination builder: secrets are write-only', () => {
  let env: TestEnvironment;
  let builder: RunningBuilder;
  const responses: string[] = [];
  const secrets = {
    oauth: `oauth-${randomBytes(12).toString('hex')}`,
    hmac: `hmac-${randomBytes(12).toString('hex')}`,
    ssh: `-----BEGIN OPENSSH PRIVATE KEY-----\n${randomBytes(48).toString('base64')}\n-----END OPENSSH PRIVATE KEY-----`,
  };
  const call = async (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => {
    const response = await builder.service.app.inject({
      method,
      url,
      headers: { ...auth(ADMIN_TOKEN), ...headers },
      ...(payload ? { payload } : {}),
    });
    responses.push(JSON.stringify(response.headers), response.body);
    return response;
  };
  const s2s = (realTime: object) => ({
    name: 'Secret partner',
    type: 'S2S',
    s2s: {
      dpid: 20915,
      accountAlias: 'acct-42',
      realTime: { endpoint: 'https://203.0.113.10/in', ...realTime },
      batch: {
        schedule: '0 2 * * *',
        syncModes: ['FULL', 'ITER'],
        target: 'SFTP',
        sftpHost: '203.0.113.20',
        sftpUser: 'aam',
        sftpKey: secrets.ssh,
        sftpPath: '/in',
      },
    },
    mappings: [{ sid: 5, value: 'five', startDate: '2020-01-01' }],
  });

  beforeAll(async () => {
    env = await testEnvironment('builder-secrets', 1);
    builder = await startBuilder(env, { LOG_LEVEL: 'debug' });
  });
  afterAll(async () => {
    await builder?.stop();
  });

  it('stores secrets encrypted, shows only that they are set, and keeps them when omitted', async () => {
    const oauth = {
      auth: 'OAUTH2',
      oauthTokenUrl: 'https://203.0.113.10/token',
      oauthClientId: 'client-1',
      oauthClientSecret: secrets.oauth,
    };
    const created = await call('POST', '/v1/destinations', s2s(oauth));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().s2s.realTime.oauthClientSecret).toEqual({ set: true });
    expect(created.json().s2s.batch.sftpKey).toEqual({ set: true });
    expect(created.json().s2s.realTime.hmacKey).toBeNull();

    // an update that omits the secret keeps it; one that sets another mode stores the new one
    const { oauthClientSecret: _omit, ...withoutSecret } = oauth;
    const kept = await call(
      'PUT',
      `/v1/destinations/${id}`,
      s2s({ ...withoutSecret, oauthClientId: 'client-2' }),
      { 'if-match': '"1"' },
    );
    expect(kept.statusCode).toBe(200);
    expect(kept.json().s2s.realTime.oauthClientSecret).toEqual({ set: true });
    const hmac = await call(
      'PUT',
      `/v1/destinations/${id}`,
      s2s({ auth: 'HMAC', hmacHeader: 'X-Signature', hmacKey: secrets.hmac, oauthClientSecret: null }),
      { 'if-match': '"2"' },
    );
    expect(hmac.statusCode).toBe(200);
    expect(hmac.json().s2s.realTime).toMatchObject({ hmacKey: { set: true }, oauthClientSecret: null });
    // clearing a required secret is refused
    const cleared = await call(
      'PUT',
      `/v1/destinations/${id}`,
      s2s({ auth: 'HMAC', hmacHeader: 'X-Signature', hmacKey: null }),
      { 'if-match': '"3"' },
    );
    expect(cleared.statusCode).toBe(422);
    expect(cleared.json().issues).toEqual([
      expect.objectContaining({ pointer: '/s2s/realTime/hmacKey', rule: 'secret_required' }),
    ]);
    await call('GET', `/v1/destinations/${id}`);
    await call('GET', '/v1/destinations');
    await call('POST', `/v1/destinations/${id}/preview`, {
      event: { partnerIds: [{ dpid: 20915, id: 'p1' }], segments: [{ sid: 5, status: 'QUALIFIED' }] },
    });

    // what the topic holds decrypts to the values sent (delivery services use the same box)
    const records = (await readTopic(env, env.topics.destinations)).filter(
      (r) => r.key?.toString() === String(id),
    );
    const versions = await Promise.all(records.map((r) => env.serdes.destinationConfig.decode(r.value)));
    const box = new SecretBox(SECRET_KEYS);
    expect(
      box.decrypt(versions[0]!.s2s!.realTime!.oauthClientSecret!, secretContext(id, 'oauthClientSecret')),
    ).toBe(secrets.oauth);
    expect(versions[1]!.s2s!.realTime!.oauthClientSecret).toEqual(
      versions[0]!.s2s!.realTime!.oauthClientSecret,
    );
    expect(box.decrypt(versions[2]!.s2s!.realTime!.hmacKey!, secretContext(id, 'hmacKey'))).toBe(
      secrets.hmac,
    );
    expect(box.decrypt(versions[2]!.s2s!.batch!.sftpKey!, secretContext(id, 'sftpKey'))).toBe(secrets.ssh);
  });

  it('never shows a secret in a response, a log line, the audit topic or the raw config topic', async () => {
    const audit = await readTopic(env, env.topics.destinationsAudit);
    const auditJson = await Promise.all(
      audit.map(async (r) => JSON.stringify(await env.serdes.destinationAudit.decode(r.value))),
    );
    expect(auditJson.some((line) => line.includes('/s2s/realTime/hmacKey'))).toBe(true);
    const raw = (await readTopic(env, env.topics.destinations)).map((r) => r.value?.toString('latin1') ?? '');
    const haystacks = {
      responses: responses.join('\n'),
      logs: builder.logs.join('\n'),
      audit: auditJson.join('\n') + audit.map((r) => r.value?.toString('latin1')).join('\n'),
      topic: raw.join('\n'),
    };
    // positive controls: the haystacks hold the non-secret fields that travelled with the secrets
    expect(haystacks.responses).toContain('client-2');
    expect(haystacks.audit).toContain('client-2');
    expect(builder.logs.length).toBeGreaterThan(10);
    for (const [where, text] of Object.entries(haystacks)) {
      for (const [name, secret] of Object.entries(secrets)) {
        for (const form of [secret, Buffer.from(secret).toString('base64'), secret.slice(-24)]) {
          expect(text.includes(form), `${name} secret found in ${where}`).toBe(false);
        }
      }
    }
  });
});
