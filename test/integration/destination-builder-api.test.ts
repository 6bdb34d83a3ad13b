import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, auth, readTopic, startBuilder, type RunningBuilder } from '../support/builder.ts';
import { urlBody } from '../support/builder-bodies.ts';
import { testEnvironment, type TestEnvironment } from '../support/stack.ts';

describe('destination builder API', () => {
  let env: TestEnvironment;
  let builder: RunningBuilder;
  const tokens: Record<'viewer' | 'editor' | 'admin', string> = {
    viewer: '',
    editor: '',
    admin: ADMIN_TOKEN,
  };
  const inject = (options: InjectOptions) => builder.service.app.inject(options);

  beforeAll(async () => {
    env = await testEnvironment('builder-api', 1);
    builder = await startBuilder(env);
    for (const role of ['viewer', 'editor'] as const) {
      const response = await inject({
        method: 'POST',
        url: '/v1/tokens',
        headers: auth(ADMIN_TOKEN),
        payload: { name: `${role}-bot`, role },
      });
      expect(response.statusCode).toBe(201);
      tokens[role] = response.json().token;
      expect(tokens[role]).toMatch(/^sdb_[a-z0-9]{12}_/);
    }
  });
  afterAll(async () => {
    await builder?.stop();
  });

  it('creates, reads, replaces and deletes a destination with ETags', async () => {
    const created = await inject({
      method: 'POST',
      url: '/v1/destinations',
      headers: auth(tokens.editor),
      payload: urlBody('Partner CRUD'),
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/v1/destinations/${body.id}`);
    expect(body).toMatchObject({
      name: 'Partner CRUD',
      type: 'URL',
      status: 'ACTIVE',
      version: 1,
      createdBy: 'editor-bot',
    });
    expect(body.mappings.map((m: { value: string }) => m.value)).toEqual(['101', '102']);

    const read = await inject({
      method: 'GET',
      url: `/v1/destinations/${body.id}`,
      headers: auth(tokens.viewer),
    });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');

    const noIfMatch = await inject({
      method: 'PUT',
      url: `/v1/destinations/${body.id}`,
      headers: auth(tokens.editor),
      payload: urlBody('x'),
    });
    expect(noIfMatch.statusCode).toBe(428);
    const badIfMatch = await inject({
      method: 'PUT',
      url: `/v1/destinations/${body.id}`,
      headers: { ...auth(tokens.editor), 'if-match': 'banana' },
      payload: urlBody('x'),
    });
    expect(badIfMatch.statusCode).toBe(400);

    const { mappings: _omit, ...withoutMappings } = urlBody('Partner CRUD renamed');
    const replaced = await inject({
      method: 'PUT',
      url: `/v1/destinations/${body.id}`,
      headers: { ...auth(tokens.editor), 'if-match': '"1"' },
      payload: { ...withoutMappings, status: 'PAUSED' },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.headers.etag).toBe('"2"');
    expect(replaced.json()).toMatchObject({ name: 'Partner CRUD renamed', status: 'PAUSED', version: 2 });
    expect(replaced.json().mappings).toHaveLength(2);

    const stale = await inject({
      method: 'DELETE',
      url: `/v1/destinations/${body.id}`,
      headers: { ...auth(tokens.editor), 'if-match': '"1"' },
    });
    expect(stale.statusCode).toBe(412);
    const deleted = await inject({
      method: 'DELETE',
      url: `/v1/destinations/${body.id}`,
      headers: { ...auth(tokens.editor), 'if-match': '"2"' },
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await inject({
      method: 'GET',
      url: `/v1/destinations/${body.id}`,
      headers: auth(tokens.viewer),
    });
    expect(gone.statusCode).toBe(404);

    const records = await readTopic(env, env.topics.destinations);
    const mine = records.filter((r) => r.key?.toString() === String(body.id));
    expect(mine.map((r) => (r.value === null ? 'tombstone' : 'record'))).toEqual([
      'record',
      'record',
      'tombstone',
    ]);
  });

  it('adds, bulk-adds, updates and removes mappings', async () => {
    const created = (
      await inject({
        method: 'POST',
        url: '/v1/destinations',
        headers: auth(tokens.editor),
        payload: urlBody('Partner M', [1]),
      })
    ).json();
    expect(created).toMatchObject({ version: 1 });
    const url = `/v1/destinations/${created.id}/mappings`;
    const one = await inject({
      method: 'POST',
      url,
      headers: auth(tokens.editor),
      payload: { sid: 2, value: 'two', startDate: '2026-01-01', endDate: '2026-12-31' },
    });
    expect(one.statusCode).toBe(201);
    expect(one.headers.etag).toBe('"2"');
    const dup = await inject({
      method: 'POST',
      url,
      headers: auth(tokens.editor),
      payload: { sid: 2, startDate: '2026-01-01' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toBe('conflict');
    expect(dup.json().issues).toEqual([expect.objectContaining({ pointer: '/sid', rule: 'duplicate' })]);

    const bulk = await inject({
      method: 'POST',
      url: `${url}/bulk`,
      headers: auth(tokens.editor),
      payload: {
        mappings: [
          { sid: 3, startDate: '2026-01-01' },
          { sid: 4, startDate: '2026-05-01', endDate: '2026-04-01' },
        ],
      },
    });
    expect(bulk.statusCode).toBe(422);
    expect(bulk.json().issues).toEqual([
      expect.objectContaining({ pointer: '/mappings/1/endDate', rule: 'end_before_start' }),
    ]);
    const bulkOk = await inject({
      method: 'POST',
      url: `${url}/bulk`,
      headers: { ...auth(tokens.editor), 'if-match': '"2"' },
      payload: {
        mappings: [
          { sid: 3, startDate: '2026-01-01' },
          { sid: 4, startDate: '2026-05-01' },
        ],
      },
    });
    expect(bulkOk.statusCode).toBe(201);
    expect(bulkOk.json().mappings.map((m: { sid: number }) => m.sid)).toEqual([1, 2, 3, 4]);

    const updated = await inject({
      method: 'PUT',
      url: `${url}/3`,
      headers: auth(tokens.editor),
      payload: { value: 'three', startDate: '2026-02-01' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().mappings[2]).toMatchObject({
      sid: 3,
      value: 'three',
      startDate: '2026-02-01',
      endDate: null,
    });
    const missing = await inject({
      method: 'PUT',
      url: `${url}/99`,
      headers: auth(tokens.editor),
      payload: { value: 'x', startDate: '2026-02-01' },
    });
    expect(missing.statusCode).toBe(404);

    const removed = await inject({ method: 'DELETE', url: `${url}/1`, headers: auth(tokens.editor) });
    expect(removed.statusCode).toBe(200);
    expect(removed.headers.etag).toBe('"5"');
    const listed = await inject({ method: 'GET', url, headers: auth(tokens.viewer) });
    expect(listed.json().items.map((m: { sid: number }) => m.sid)).toEqual([2, 3, 4]);
  });

  it('lists with filters and pagination', async () => {
    const make = async (payload: object) => {
      const response = await inject({
        method: 'POST',
        url: '/v1/destinations',
        headers: auth(tokens.editor),
        payload,
      });
      expect(response.statusCode, response.body).toBe(201);
    };
    await make(urlBody('List Alpha', [7001]));
    await make({ ...urlBody('List Beta', [7002]), status: 'PAUSED' });
    await make({
      name: 'List Gamma cookie',
      type: 'COOKIE',
      cookie: { name: 'seg', domain: '.example.com', dataFormat: 'SINGLE_KEY', key: 'x' },
      mappings: [{ sid: 7001, value: 'a', startDate: '2020-01-01', priority: 1 }],
    });
    const list = async (query: string) =>
      (
        await inject({ method: 'GET', url: `/v1/destinations?${query}`, headers: auth(tokens.viewer) })
      ).json();
    expect((await list('q=list&containsSegment=7001')).items.map((d: { name: string }) => d.name)).toEqual([
      'List Alpha',
      'List Gamma cookie',
    ]);
    expect((await list('q=LIST&type=cookie')).items.map((d: { name: string }) => d.name)).toEqual([
      'List Gamma cookie',
    ]);
    expect((await list('q=list&status=paused')).items.map((d: { name: string }) => d.name)).toEqual([
      'List Beta',
    ]);
    const page = await list('q=list&limit=2&offset=1');
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(page.items.map((d: { name: string }) => d.name)).toEqual(['List Beta', 'List Gamma cookie']);
    const bad = await inject({
      method: 'GET',
      url: '/v1/destinations?limit=0&color=red',
      headers: auth(tokens.viewer),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('previews URL, cookie and S2S deliveries without sending', async () => {
    const url = (
      await inject({
        method: 'POST',
        url: '/v1/destinations',
        headers: auth(tokens.editor),
        payload: urlBody('Preview URL', [14356, 12176]),
      })
    ).json();
    const event = {
      uuid: '19391234567890123456789012345678901234',
      pageProtocol: 'HTTPS',
      partnerIds: [{ dpid: 20915, id: '4250948725049857' }],
      segments: [
        { sid: 14356, status: 'QUALIFIED' },
        { sid: 12176, status: 'ACTIVE' },
        { sid: 555, status: 'QUALIFIED' },
      ],
    };
    const preview = await inject({
      method: 'POST',
      url: `/v1/destinations/${url.id}/preview`,
      headers: auth(tokens.viewer),
      payload: { event },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().urls).toEqual([
      {
        url: 'https://203.0.113.10/p?s=14356,12176&u=19391234567890123456789012345678901234',
        sids: [14356, 12176],
      },
    ]);
    expect(preview.json().notes.join(' ')).toContain('555');

    const cookie = (
      await inject({
        method: 'POST',
        url: '/v1/destinations',
        headers: auth(tokens.editor),
        payload: {
          name: 'Preview cookie',
          type: 'COOKIE',
          cookie: {
            name: 'aam',
            domain: '.example.com',
            dataFormat: 'SINGLE_KEY',
            key: 'x',
            serialize: true,
          },
          mappings: [
            { sid: 14356, value: '1', startDate: '2020-01-01' },
            { sid: 12176, value: '2', startDate: '2020-01-01' },
          ],
        },
      })
    ).json();
    const cookiePreview = await inject({
      method: 'POST',
      url: `/v1/destinations/${cookie.id}/preview`,
      headers: auth(tokens.viewer),
      payload: { event },
    });
    expect(cookiePreview.json().cookie).toEqual({
      name: 'aam',
      value: 'x=1,2',
      domain: '.example.com',
      ttlDays: 30,
    });

    const s2s = (
      await inject({
        method: 'POST',
        url: '/v1/destinations',
        headers: auth(tokens.editor),
        payload: {
          name: 'Preview S2S',
          type: 'S2S',
          s2s: {
            dpid: 20915,
            accountAlias: 'acct-42',
            batch: { schedule: '0 3 * * *', syncModes: ['FULL'], target: 'LOCAL', localDir: '/tmp/x' },
          },
          mappings: [{ sid: 14356, value: 'seg-a', startDate: '2020-01-01' }],
        },
      })
    ).json();
    const s2sPreview = await inject({
      method: 'POST',
      url: `/v1/destinations/${s2s.id}/preview`,
      headers: auth(tokens.viewer),
      payload: {
        event: {
          ...event,
          segments: [{ sid: 14356, status: 'DISQUALIFIED', updatedAt: '2026-11-28T13:59:58Z' }],
        },
        at: '2026-11-28T14:00:00Z',
      },
    });
    expect(s2sPreview.json().message).toEqual({
      ProcessTime: '2026-11-28T14:00:00Z',
      User_DPID: 20915,
      Client_ID: 'acct-42',
      AAM_Destination_ID: s2s.id,
      User_count: 1,
      Users: [
        {
          AAM_UUID: event.uuid,
          DataPartner_UUID: '4250948725049857',
          AAM_Regions: [],
          Segments: [{ Segment_ID: 'seg-a', Status: 0, DateTime: '2026-11-28T13:59:58Z' }],
        },
      ],
    });
  });

  it('answers 401 without or with an unknown token and 403 for a too-low role', async () => {
    const create = (headers: Record<string, string>) =>
      inject({ method: 'POST', url: '/v1/destinations', headers, payload: urlBody('Roles') });
    const none = await create({});
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect((await create(auth('sdb_aaaaaaaaaaaa_bogus'))).statusCode).toBe(401);
    expect(
      (await create({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` })).statusCode,
    ).toBe(401);
    expect((await create(auth(tokens.viewer))).statusCode).toBe(403);
    expect(
      (await inject({ method: 'GET', url: '/v1/destinations', headers: auth(tokens.viewer) })).statusCode,
    ).toBe(200);
    expect((await inject({ method: 'GET', url: '/v1/destinations' })).statusCode).toBe(401);
    // tokens and data sources are admin-only for writes
    expect(
      (await inject({ method: 'GET', url: '/v1/tokens', headers: auth(tokens.editor) })).statusCode,
    ).toBe(403);
    expect(
      (
        await inject({
          method: 'POST',
          url: '/v1/tokens',
          headers: auth(tokens.editor),
          payload: { name: 'x', role: 'admin' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await inject({
          method: 'PUT',
          url: '/v1/data-sources/1001',
          headers: auth(tokens.editor),
          payload: { exportControls: [] },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await inject({ method: 'GET', url: '/v1/data-sources', headers: auth(tokens.viewer) })).statusCode,
    ).toBe(200);
  });

  it('manages tokens: list without secrets, revoke takes effect at once', async () => {
    const created = await inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth(ADMIN_TOKEN),
      payload: { name: 'temp', role: 'viewer' },
    });
    const { id, token } = created.json();
    expect((await inject({ method: 'GET', url: '/v1/destinations', headers: auth(token) })).statusCode).toBe(
      200,
    );
    const listed = await inject({ method: 'GET', url: '/v1/tokens', headers: auth(ADMIN_TOKEN) });
    expect(
      listed
        .json()
        .items.map((t: { name: string }) => t.name)
        .sort(),
    ).toEqual(['editor-bot', 'temp', 'viewer-bot']);
    expect(listed.body).not.toContain(token);
    expect(listed.body).not.toMatch(/sha256|[0-9a-f]{64}/);
    expect(
      (await inject({ method: 'DELETE', url: `/v1/tokens/${id}`, headers: auth(ADMIN_TOKEN) })).statusCode,
    ).toBe(204);
    expect((await inject({ method: 'GET', url: '/v1/destinations', headers: auth(token) })).statusCode).toBe(
      401,
    );
    expect(
      (await inject({ method: 'DELETE', url: `/v1/tokens/${id}`, headers: auth(ADMIN_TOKEN) })).statusCode,
    ).toBe(404);
    const expired = await inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth(ADMIN_TOKEN),
      payload: { name: 'old', role: 'viewer', expiresAt: '2000-01-01T00:00:00Z' },
    });
    expect(
      (await inject({ method: 'GET', url: '/v1/destinations', headers: auth(expired.json().token) }))
        .statusCode,
    ).toBe(401);
  });

  it('manages data sources with versions', async () => {
    const put = (headers: Record<string, string>, payload: object) =>
      inject({
        method: 'PUT',
        url: '/v1/data-sources/1001',
        headers: { ...auth(tokens.admin), ...headers },
        payload,
      });
    const created = await put({}, { name: 'CRM', exportControls: ['OFFSITE_TARGETING'] });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect((await put({}, { exportControls: [] })).statusCode).toBe(428);
    expect((await put({ 'if-match': '"7"' }, { exportControls: [] })).statusCode).toBe(412);
    const updated = await put({ 'if-match': '"1"' }, { exportControls: ['PII', 'OFFSITE_TARGETING'] });
    expect(updated.json()).toMatchObject({
      id: 1001,
      name: 'CRM',
      exportControls: ['PII', 'OFFSITE_TARGETING'],
      version: 2,
    });
    const read = await inject({ method: 'GET', url: '/v1/data-sources/1001', headers: auth(tokens.viewer) });
    expect(read.json().version).toBe(2);
    expect(
      (
        await inject({
          method: 'DELETE',
          url: '/v1/data-sources/1001',
          headers: { ...auth(tokens.admin), 'if-match': '2' },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await inject({ method: 'GET', url: '/v1/data-sources/1001', headers: auth(tokens.viewer) }))
        .statusCode,
    ).toBe(404);
  });

  it('serves the OpenAPI document and the ops routes', async () => {
    const doc = await inject({ method: 'GET', url: '/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/destinations',
        '/v1/destinations/{id}',
        '/v1/destinations/{id}/mappings/bulk',
        '/v1/destinations/{id}/preview',
        '/v1/tokens',
        '/v1/data-sources/{id}',
      ]),
    );
    expect((await inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
    expect((await inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const ready = await inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { broker: true, destinations: true, dataSources: true, tokens: true },
    });
    const metrics = await inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(
      /segdest_builder_writes_total\{outcome="committed",service="destination-builder"\} \d+/,
    );
    expect(metrics.body).toMatch(/segdest_builder_destinations\{service="destination-builder"\} \d+/);
  });
});
