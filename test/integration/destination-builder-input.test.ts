import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, auth, endOffset, startBuilder, type RunningBuilder } from '../support/builder.ts';
import { testEnvironment, type TestEnvironment } from '../support/stack.ts';

const urlBody = (baseUrl: string, name = 'Hostile') => ({
  name,
  type: 'URL',
  url: { serialize: true, baseUrl, secureUrl: 'https://203.0.113.10/p?s=%alias%' },
  mappings: [{ sid: 1, value: 'one', startDate: '2020-01-01' }],
});

describe('destination builder: bad input is refused precisely and writes nothing', () => {
  let env: TestEnvironment;
  let builder: RunningBuilder;
  let allowing: RunningBuilder;
  const post = (payload: unknown, b: RunningBuilder = builder, extra: Partial<InjectOptions> = {}) =>
    b.service.app.inject({
      method: 'POST',
      url: '/v1/destinations',
      headers: auth(ADMIN_TOKEN),
      payload: payload as object,
      ...extra,
    });

  beforeAll(async () => {
    env = await testEnvironment('builder-input', 1);
    builder = await startBuilder(env);
    const created = await post(urlBody('https://203.0.113.10/p?s=%alias%', 'Existing'));
    expect(created.statusCode).toBe(201);
  });
  afterAll(async () => {
    await builder?.stop();
    await allowing?.stop();
  });

  async function expectRefused(
    request: () => Promise<{ statusCode: number; json(): unknown }>,
    status: number,
    issues?: object[],
  ) {
    const before = [
      await endOffset(env, env.topics.destinations),
      await endOffset(env, env.topics.destinationsAudit),
    ];
    const response = await request();
    expect(response.statusCode).toBe(status);
    if (issues)
      expect((response.json() as { issues: object[] }).issues).toEqual(
        issues.map((i) => expect.objectContaining(i)),
      );
    const after = [
      await endOffset(env, env.topics.destinations),
      await endOffset(env, env.topics.destinationsAudit),
    ];
    expect(after).toEqual(before);
  }

  it('refuses bodies that do not match the schema with 400 and JSON pointers', async () => {
    await expectRefused(() => post({ ...urlBody('https://203.0.113.10/%alias%'), name: 5 }), 400, [
      { pointer: '/name', rule: 'wrong_type' },
    ]);
    await expectRefused(() => post({ ...urlBody('https://203.0.113.10/%alias%'), colour: 'red' }), 400, [
      { pointer: '/colour', rule: 'unknown_field' },
    ]);
    const nested = urlBody('https://203.0.113.10/%alias%');
    await expectRefused(() => post({ ...nested, url: { ...nested.url, sneaky: true } }), 400, [
      { pointer: '/url/sneaky', rule: 'unknown_field' },
    ]);
    const { type: _type, ...untyped } = nested;
    await expectRefused(() => post(untyped), 400, [{ pointer: '/type', rule: 'required' }]);
    await expectRefused(() => post({ ...nested, mappings: [{ sid: '7', startDate: '2020-01-01' }] }), 400, [
      { pointer: '/mappings/0/sid', rule: 'wrong_type' },
    ]);
    await expectRefused(() => post({ ...nested, type: 'FAX' }), 400);
  });

  it('refuses malformed JSON (400), other media types (415) and oversized bodies (413)', async () => {
    await expectRefused(
      () =>
        post('{"name": ', builder, { headers: { ...auth(ADMIN_TOKEN), 'content-type': 'application/json' } }),
      400,
    );
    await expectRefused(
      () =>
        post('name=x', builder, {
          headers: { ...auth(ADMIN_TOKEN), 'content-type': 'application/x-www-form-urlencoded' },
        }),
      415,
    );
    const huge = { ...urlBody('https://203.0.113.10/%alias%'), description: 'x'.repeat(70_000) };
    await expectRefused(() => post(huge), 413);
  });

  it('refuses configuration rules with 422 naming field and rule', async () => {
    await expectRefused(() => post(urlBody('https://203.0.113.10/p?s=%segments%')), 422, [
      { pointer: '/url/baseUrl', rule: 'unknown_macro' },
      { pointer: '/url/baseUrl', rule: 'alias_required' },
    ]);
    await expectRefused(() => post(urlBody('https://203.0.113.10/p?s=%alias%', 'existing')), 422, [
      { pointer: '/name', rule: 'unique' },
    ]);
    await expectRefused(
      () =>
        post({
          name: 'Cookie',
          type: 'COOKIE',
          cookie: { name: 'c', domain: '*.example.com', dataFormat: 'SINGLE_KEY', key: 'k' },
        }),
      422,
      [{ pointer: '/cookie/domain', rule: 'cookie_domain_wildcard' }],
    );
    await expectRefused(
      () =>
        post({
          ...urlBody('https://203.0.113.10/%alias%', 'Dates'),
          mappings: [{ sid: 1, value: 'v', startDate: '2026-02-01', endDate: '2026-01-01' }],
        }),
      422,
      [{ pointer: '/mappings/0/endDate', rule: 'end_before_start' }],
    );
    await expectRefused(
      () => post({ name: 'S2S', type: 'S2S', s2s: { dpid: 20915, accountAlias: 'acct' } }),
      422,
      [{ pointer: '/s2s', rule: 'mode_required' }],
    );
    await expectRefused(
      () =>
        post({
          name: 'S2S oauth',
          type: 'S2S',
          s2s: {
            dpid: 20915,
            accountAlias: 'acct',
            realTime: {
              endpoint: 'https://203.0.113.10/in',
              auth: 'OAUTH2',
              oauthTokenUrl: 'https://203.0.113.10/token',
              oauthClientId: 'id',
            },
          },
        }),
      422,
      [{ pointer: '/s2s/realTime/oauthClientSecret', rule: 'secret_required' }],
    );
  });

  it.each([
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/?s=%alias%'],
    ['private network', 'http://10.0.0.1/?s=%alias%'],
    ['IPv6 loopback', 'http://[::1]/?s=%alias%'],
    ['AWS IPv6 metadata', 'http://[fd00:ec2::254]/?s=%alias%'],
    ['a name resolving to loopback', 'http://localhost:8080/?s=%alias%'],
    ['IPv4 loopback', 'http://127.0.0.1/?s=%alias%'],
  ])('refuses a URL template targeting %s (422 forbidden_address)', async (_label, target) => {
    await expectRefused(() => post(urlBody(target)), 422, [
      { pointer: '/url/baseUrl', rule: 'forbidden_address' },
    ]);
  });

  it('refuses hostile S2S endpoints, token URLs and SFTP hosts', async () => {
    await expectRefused(
      () =>
        post({
          name: 'S2S hostile',
          type: 'S2S',
          s2s: {
            dpid: 20915,
            accountAlias: 'acct',
            realTime: {
              endpoint: 'https://169.254.169.254/in',
              auth: 'OAUTH2',
              oauthTokenUrl: 'https://192.168.1.1/token',
              oauthClientId: 'id',
              oauthClientSecret: 'shh-123',
            },
            batch: {
              schedule: '0 * * * *',
              syncModes: ['FULL'],
              target: 'SFTP',
              sftpHost: '10.1.2.3',
              sftpUser: 'u',
              sftpKey: 'key',
              sftpPath: '/in',
            },
          },
        }),
      422,
      [
        { pointer: '/s2s/realTime/endpoint', rule: 'forbidden_address' },
        { pointer: '/s2s/realTime/oauthTokenUrl', rule: 'forbidden_address' },
        { pointer: '/s2s/batch/sftpHost', rule: 'forbidden_address' },
      ],
    );
  });

  it('accepts 127.0.0.1 only when the operator allow-lists it', async () => {
    allowing = await startBuilder(env, { OUTBOUND_ALLOW_LIST: '127.0.0.1' });
    const created = await post(urlBody('http://127.0.0.1:9/?s=%alias%', 'Local partner'), allowing);
    expect(created.statusCode).toBe(201);
    // ::1 is not on the list, and localhost also resolves to it on many hosts
    await expectRefused(() => post(urlBody('http://[::1]:9/?s=%alias%', 'Local v6'), allowing), 422, [
      { pointer: '/url/baseUrl', rule: 'forbidden_address' },
    ]);
  });

  it('refuses unknown ids, bad ids and stale or missing versions', async () => {
    const app = builder.service.app;
    await expectRefused(
      () => app.inject({ method: 'GET', url: '/v1/destinations/999', headers: auth(ADMIN_TOKEN) }),
      404,
    );
    await expectRefused(
      () => app.inject({ method: 'GET', url: '/v1/destinations/abc', headers: auth(ADMIN_TOKEN) }),
      400,
    );
    await expectRefused(
      () => app.inject({ method: 'DELETE', url: '/v1/destinations/1', headers: auth(ADMIN_TOKEN) }),
      428,
    );
    await expectRefused(
      () =>
        app.inject({
          method: 'DELETE',
          url: '/v1/destinations/1',
          headers: { ...auth(ADMIN_TOKEN), 'if-match': '"9"' },
        }),
      412,
    );
    await expectRefused(
      () =>
        app.inject({
          method: 'POST',
          url: '/v1/destinations/1/mappings',
          headers: auth(ADMIN_TOKEN),
          payload: { sid: 1, value: 'dup', startDate: '2020-01-01' },
        }),
      409,
      [{ pointer: '/sid', rule: 'duplicate' }],
    );
  });

  it('refuses LOCAL batch directories outside the operator roots with 422 naming the roots (issue 14)', async () => {
    const local = (localDir: string, fileNameTemplate: string | null = null) => ({
      name: `Local ${localDir}`,
      type: 'S2S',
      s2s: {
        dpid: 20915,
        accountAlias: 'acct',
        batch: { schedule: '0 * * * *', syncModes: ['FULL'], target: 'LOCAL', localDir, fileNameTemplate },
      },
    });
    const roots = builder.config.localExportRoots.join(', ');
    for (const dir of ['/etc/cron.d', '/root/.ssh', '/tmp/../etc', '/tmpfoo']) {
      await expectRefused(() => post(local(dir)), 422, [
        {
          pointer: '/s2s/batch/localDir',
          rule: 'invalid_path',
          message: expect.stringContaining(`allowed roots: ${roots}`),
        },
      ]);
    }
    await expectRefused(() => post(local('/tmp/exports', '.authorized_keys')), 422, [
      { pointer: '/s2s/batch/fileNameTemplate', rule: 'invalid_file_template' },
    ]);
    const disabled = await startBuilder(env, { LOCAL_EXPORT_ROOTS: '' });
    try {
      await expectRefused(() => post(local('/tmp/exports'), disabled), 422, [
        { pointer: '/s2s/batch/localDir', message: expect.stringMatching(/disabled.*LOCAL_EXPORT_ROOTS/) },
      ]);
    } finally {
      await disabled.stop();
    }
    const created = await post(local('/tmp/exports/partner'));
    expect(created.statusCode).toBe(201);
  });

  const HOSTILE_NAMES: [string, string][] = [
    ['NUL', 'a\u0000b'],
    ['ESC (terminal escape)', 'ok\u001b[31mred'],
    ['CR/LF (log injection)', 'name\r\nlevel=error'],
    ['TAB', 'a\tb'],
    ['DEL', 'a\u007fb'],
    ['C1 control (CSI)', 'a\u009bb'],
    ['bidi override RLO', 'invoice\u202Efdp.exe'],
    ['bidi embedding LRE', 'a\u202Ab'],
    ['bidi isolate FSI', 'a\u2068b\u2069'],
    ['line separator', 'a\u2028b'],
  ];

  it.each(HOSTILE_NAMES)(
    'refuses a destination name with %s (422 /name invalid_characters)',
    async (_label, name) => {
      await expectRefused(() => post(urlBody('https://203.0.113.10/p?s=%alias%', name)), 422, [
        { pointer: '/name', rule: 'invalid_characters', message: expect.stringMatching(/U\+[0-9A-F]{4}/) },
      ]);
    },
  );

  async function expectRefusedOn(
    topic: string,
    request: () => Promise<{ statusCode: number; json(): unknown }>,
    status: number,
    issues: object[],
  ) {
    const before = await endOffset(env, topic);
    const response = await request();
    expect(response.statusCode).toBe(status);
    expect((response.json() as { issues: object[] }).issues).toEqual(
      issues.map((i) => expect.objectContaining(i)),
    );
    expect(await endOffset(env, topic)).toBe(before);
  }

  it.each(HOSTILE_NAMES)('refuses a data source name with %s', async (_label, name) => {
    await expectRefusedOn(
      env.topics.dataSources,
      () =>
        builder.service.app.inject({
          method: 'PUT',
          url: '/v1/data-sources/77',
          headers: auth(ADMIN_TOKEN),
          payload: { name, exportControls: [] },
        }),
      422,
      [{ pointer: '/name', rule: 'invalid_characters' }],
    );
  });

  const createToken = (payload: object) =>
    builder.service.app.inject({ method: 'POST', url: '/v1/tokens', headers: auth(ADMIN_TOKEN), payload });

  it.each(HOSTILE_NAMES)('refuses a token name with %s', async (_label, name) => {
    await expectRefusedOn(env.topics.apiTokens, () => createToken({ name, role: 'viewer' }), 422, [
      { pointer: '/name', rule: 'invalid_characters' },
    ]);
  });

  it('bounds name lengths', async () => {
    await expectRefused(() => post(urlBody('https://203.0.113.10/p?s=%alias%', 'x'.repeat(256))), 400);
    await expectRefusedOn(
      env.topics.dataSources,
      () =>
        builder.service.app.inject({
          method: 'PUT',
          url: '/v1/data-sources/78',
          headers: auth(ADMIN_TOKEN),
          payload: { name: 'x'.repeat(256), exportControls: [] },
        }),
      400,
      [{ pointer: '/name' }],
    );
    await expectRefusedOn(
      env.topics.apiTokens,
      () => createToken({ name: 'x'.repeat(129), role: 'viewer' }),
      400,
      [{ pointer: '/name' }],
    );
  });

  it('refuses a token whose expiresAt is not in the future (issue 14)', async () => {
    for (const expiresAt of [new Date(Date.now() - 60_000).toISOString(), '2001-01-01T00:00:00Z']) {
      await expectRefusedOn(
        env.topics.apiTokens,
        () => createToken({ name: 'late', role: 'viewer', expiresAt }),
        422,
        [
          {
            pointer: '/expiresAt',
            rule: 'in_the_past',
            message: expect.stringContaining('must be in the future'),
          },
        ],
      );
    }
    const future = await createToken({
      name: 'later',
      role: 'viewer',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.statusCode).toBe(201);
  });
});
