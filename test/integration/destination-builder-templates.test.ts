/**
 * Destination templates and the JSON-lines layout through the builder's API, against the real
 * broker and registry: every template is readable by a viewer, is refused unchanged where a
 * fill-in is required, and saves once its fill-ins are filled; a JSON-lines layout round-trips
 * (stored as text, shown as an object), merges under PATCH, and bad layouts are refused 422 with
 * field-level issues and nothing written.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESTINATION_TEMPLATES } from '../../services/destination-builder/destination-templates.ts';
import { ADMIN_TOKEN, auth, endOffset, startBuilder, type RunningBuilder } from '../support/builder.ts';
import { testEnvironment, type TestEnvironment } from '../support/stack.ts';

/** What a user would type into each fill-in (by pointer). */
const FILLED: Record<string, unknown> = {
  '/s2s/dpid': 20914,
  '/s2s/accountAlias': 'acct-1',
  '/s2s/realTime/endpoint': 'https://partner.example.com/aam',
  '/s2s/batch/sftpHost': 'sftp.example.com',
  '/s2s/batch/sftpUser': 'segdest',
  '/s2s/batch/sftpKey':
    '-----BEGIN OPENSSH PRIVATE KEY-----\nnot checked when saved\n-----END OPENSSH PRIVATE KEY-----',
  '/s2s/batch/sftpPath': '/incoming',
  '/s2s/batch/jsonLine/fields/DataCenterId': 3,
  '/cookie/name': 'aam_gpt',
  '/cookie/key': 'aamseg',
};
const REPLACED: Record<string, (value: string) => string> = {
  '/url/baseUrl': (url) => url.replace(/%[A-Z_]+_ID%/, '6876666666662303'),
  '/url/secureUrl': (url) => url.replace(/%[A-Z_]+_ID%/, '6876666666662303'),
};

function setAt(body: Record<string, unknown>, pointer: string, value: (old: unknown) => unknown) {
  const path = pointer.split('/').slice(1);
  let node = body;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  node[last] = value(node[last]);
}

/** An S2S body with a LOCAL batch target and the given batch members. */
const s2sBatch = (name: string, batch: object) => ({
  name,
  type: 'S2S',
  s2s: {
    dpid: 20914,
    accountAlias: 'acct',
    batch: { schedule: '0 3 * * *', syncModes: ['FULL'], target: 'LOCAL', localDir: '/tmp/ttd', ...batch },
  },
});

const tradeDeskLayout = {
  fields: { AdvertiserId: '{pidAlias}', DataCenterId: 2, TDID: '{dpuuid}' },
  segmentsField: 'Data',
  segment: { Name: '{value}' },
  removed: { Name: '{value}', TtlInMinutes: 0 },
};

describe('destination builder: templates and JSON-lines layouts', () => {
  let env: TestEnvironment;
  let builder: RunningBuilder;
  let viewer = '';
  const inject = (options: InjectOptions) => builder.service.app.inject(options);
  const create = (payload: object) =>
    inject({ method: 'POST', url: '/v1/destinations', headers: auth(ADMIN_TOKEN), payload });

  beforeAll(async () => {
    env = await testEnvironment('builder-templates', 1);
    // No DNS in the test sandbox: the templates' partner hosts are allow-listed by name, which
    // skips their resolution (an operator's OUTBOUND_ALLOW_LIST takes host names too).
    builder = await startBuilder(env, {
      OUTBOUND_ALLOW_LIST:
        'www.facebook.com,googleads.g.doubleclick.net,partner.example.com,sftp.example.com',
    });
    const response = await inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth(ADMIN_TOKEN),
      payload: { name: 'viewer-bot', role: 'viewer' },
    });
    viewer = response.json().token;
  });
  afterAll(async () => {
    await builder?.stop();
  });

  it('lists every template for a viewer, each with its source, and reads one; 401 without a token, 404 for none', async () => {
    const list = await inject({ method: 'GET', url: '/v1/destination-templates', headers: auth(viewer) });
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { id: string; source: { url: string } }[];
    expect(items.map((t) => t.id)).toEqual(DESTINATION_TEMPLATES.map((t) => t.id));
    for (const t of items) expect(t.source.url).toMatch(/^https:\/\/experienceleague\.adobe\.com\//);
    const one = await inject({
      method: 'GET',
      url: '/v1/destination-templates/trade-desk-json-lines',
      headers: auth(viewer),
    });
    expect(one.statusCode).toBe(200);
    expect(one.json().body.s2s.batch.jsonLine).toEqual(tradeDeskLayout);
    expect((await inject({ method: 'GET', url: '/v1/destination-templates' })).statusCode).toBe(401);
    const none = await inject({
      method: 'GET',
      url: '/v1/destination-templates/nope',
      headers: auth(viewer),
    });
    expect(none.statusCode).toBe(404);
    const hostile = await inject({
      method: 'GET',
      url: '/v1/destination-templates/..%2F..%2Fetc',
      headers: auth(viewer),
    });
    expect(hostile.statusCode).toBe(400);
  });

  it.each(DESTINATION_TEMPLATES.map((t) => [t.id, t] as const))(
    'template %s: refused unchanged where a fill-in is required, saved once filled',
    async (_id, template) => {
      const unchanged = await create(template.body);
      expect(unchanged.statusCode, unchanged.body).toBe(422);
      const pointers = (unchanged.json().issues as { pointer: string }[]).map((i) => i.pointer);
      expect(pointers.length).toBeGreaterThan(0);
      expect(pointers.every((p) => template.fillIns.some((f) => f.pointer === p))).toBe(true);
      const body = structuredClone(template.body) as Record<string, unknown>;
      for (const fillIn of template.fillIns) {
        const replace = REPLACED[fillIn.pointer];
        setAt(body, fillIn.pointer, (old) => (replace ? replace(String(old)) : FILLED[fillIn.pointer]));
      }
      const saved = await create(body);
      expect(saved.statusCode, saved.body).toBe(201);
      expect(saved.json()).toMatchObject({ type: template.body.type, name: template.body.name });
    },
  );

  it('stores a JSON-lines layout, shows it as an object, merges it under PATCH', async () => {
    const created = await create(s2sBatch('TTD', { jsonLine: tradeDeskLayout }));
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    expect(created.json().s2s.batch.jsonLine).toEqual(tradeDeskLayout);
    const patched = await inject({
      method: 'PATCH',
      url: `/v1/destinations/${id}`,
      headers: { ...auth(ADMIN_TOKEN), 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
      payload: JSON.stringify({
        s2s: { batch: { jsonLine: { fields: { DataCenterId: 5 }, removed: null } } },
      }),
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().s2s.batch.jsonLine).toEqual({
      ...tradeDeskLayout,
      fields: { ...tradeDeskLayout.fields, DataCenterId: 5 },
      removed: null,
    });
    const read = await inject({ method: 'GET', url: `/v1/destinations/${id}`, headers: auth(viewer) });
    expect(read.json().s2s.batch.jsonLine.fields.DataCenterId).toBe(5);
  });

  it('refuses bad layouts with field-level issues and writes nothing', async () => {
    const before = await endOffset(env, env.topics.destinations);
    const withLayout = (jsonLine: unknown, extra: object = {}) =>
      create(s2sBatch('bad layout', { jsonLine, ...extra }));
    const issuesOf = async (jsonLine: unknown, extra: object = {}) => {
      const response = await withLayout(jsonLine, extra);
      expect(response.statusCode, response.body).toBe(422);
      return (response.json().issues as { pointer: string; rule: string }[]).map(
        (i) => `${i.pointer} ${i.rule}`,
      );
    };
    expect(await issuesOf({ ...tradeDeskLayout, segment: { Name: '{bogus}' } })).toEqual([
      '/s2s/batch/jsonLine/segment/Name invalid_layout',
    ]);
    expect(await issuesOf({ ...tradeDeskLayout, fields: { ...tradeDeskLayout.fields, Data: 1 } })).toEqual([
      '/s2s/batch/jsonLine/segmentsField invalid_layout',
    ]);
    expect(await issuesOf(tradeDeskLayout, { lineTemplate: '{dpuuid}' })).toEqual([
      '/s2s/batch/jsonLine exclusive',
    ]);
    // structure: a nested object, an array, a missing member, an unknown member, a huge value
    for (const bad of [
      { ...tradeDeskLayout, fields: { a: { nested: 1 } } },
      { ...tradeDeskLayout, segment: ['Name'] },
      { fields: {}, segment: {}, removed: null },
      { ...tradeDeskLayout, extra: true },
      { ...tradeDeskLayout, fields: { a: 'x'.repeat(513) } },
      'not an object',
    ]) {
      const response = await withLayout(bad);
      expect(response.statusCode, response.body).toBe(400);
    }
    expect(await endOffset(env, env.topics.destinations)).toBe(before);
  });
});
