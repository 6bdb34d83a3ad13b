/**
 * PATCH of destinations and mappings as JSON Merge Patch (RFC 7396), against the real broker and
 * registry: members merge, null removes (a write-only secret too), arrays replace, If-Match is
 * required for a destination (428 without, 412 when stale), a patch whose result breaks the body
 * schema or the rules is refused 422 and writes nothing, and the stored secret survives a patch
 * that does not name it (the topic's record decrypts to the value first sent).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox, secretContext } from '../../libs/destinations/secret-box.ts';
import {
  ADMIN_TOKEN,
  SECRET_KEYS,
  auth,
  endOffset,
  readTopic,
  startBuilder,
  type RunningBuilder,
} from '../support/builder.ts';
import { testEnvironment, type TestEnvironment } from '../support/stack.ts';
import { urlBody } from '../support/builder-bodies.ts';

const MERGE_PATCH = 'application/merge-patch+json';

describe('destination builder: PATCH is JSON Merge Patch', () => {
  let env: TestEnvironment;
  let builder: RunningBuilder;
  const patch = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    builder.service.app.inject({
      method: 'PATCH',
      url,
      headers: { ...auth(ADMIN_TOKEN), 'content-type': MERGE_PATCH, ...headers },
      payload: JSON.stringify(payload),
    });
  const create = async (body: object) => {
    const created = await builder.service.app.inject({
      method: 'POST',
      url: '/v1/destinations',
      headers: auth(ADMIN_TOKEN),
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json() as { id: number; version: number };
  };

  beforeAll(async () => {
    env = await testEnvironment('builder-patch', 1);
    builder = await startBuilder(env);
  });
  afterAll(async () => {
    await builder?.stop();
  });

  it('merges members, removes with null, replaces arrays, and needs a current If-Match', async () => {
    const { id } = await create({ ...urlBody('Patch me', [11, 12]), description: 'first' });
    const url = `/v1/destinations/${id}`;

    expect((await patch(url, { status: 'PAUSED' })).statusCode).toBe(428);
    expect((await patch(url, { status: 'PAUSED' }, { 'if-match': '"7"' })).statusCode).toBe(412);

    const paused = await patch(
      url,
      { status: 'PAUSED', description: null, url: { delimiter: ';' } },
      { 'if-match': '"1"' },
    );
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.headers.etag).toBe('"2"');
    const body = paused.json();
    expect(body).toMatchObject({ status: 'PAUSED', description: '', version: 2, name: 'Patch me' });
    // a nested member merged, its siblings kept
    expect(body.url).toMatchObject({
      delimiter: ';',
      serialize: true,
      baseUrl: expect.stringContaining('%alias%'),
    });
    expect(body.mappings.map((m: { sid: number }) => m.sid)).toEqual([11, 12]);

    // arrays replace as a whole; plain application/json is accepted too
    const remapped = await builder.service.app.inject({
      method: 'PATCH',
      url,
      headers: { ...auth(ADMIN_TOKEN), 'if-match': '"2"' },
      payload: { mappings: [{ sid: 13, startDate: '2026-01-01' }] },
    });
    expect(remapped.statusCode, remapped.body).toBe(200);
    expect(remapped.json().mappings).toEqual([expect.objectContaining({ sid: 13, value: '13' })]);
  });

  it('refuses a patch whose result breaks the schema or the rules, and writes nothing', async () => {
    const { id } = await create(urlBody('Patch refused'));
    const url = `/v1/destinations/${id}`;
    const before = await endOffset(env, env.topics.destinations);

    // a required member cannot be removed: refused by the patch schema itself
    const nullName = await patch(url, { name: null }, { 'if-match': '"1"' });
    expect(nullName.statusCode).toBe(400);
    expect(nullName.json().issues).toEqual([expect.objectContaining({ pointer: '/name' })]);
    // unknown members are refused as in PUT
    const unknown = await patch(url, { colour: 'red' }, { 'if-match': '"1"' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues).toEqual([
      expect.objectContaining({ pointer: '/colour', rule: 'unknown_field' }),
    ]);
    // a nested object created by the patch misses a required member: the merged body is refused
    const cookie = await patch(
      url,
      { url: null, type: 'COOKIE', cookie: { name: 'seg' } },
      { 'if-match': '"1"' },
    );
    expect(cookie.statusCode).toBe(422);
    expect(cookie.json().issues).toEqual([
      expect.objectContaining({ pointer: '/cookie/dataFormat', rule: 'required' }),
    ]);
    // a rule of SPEC §3 (end before start) answers as for PUT
    const dates = await patch(
      url,
      { mappings: [{ sid: 5, startDate: '2026-05-01', endDate: '2026-04-01' }] },
      { 'if-match': '"1"' },
    );
    expect(dates.statusCode).toBe(422);
    expect(dates.json().issues).toEqual([
      expect.objectContaining({ pointer: '/mappings/0/endDate', rule: 'end_before_start' }),
    ]);
    // not JSON at all
    const text = await builder.service.app.inject({
      method: 'PATCH',
      url,
      headers: { ...auth(ADMIN_TOKEN), 'if-match': '"1"', 'content-type': 'application/xml' },
      payload: '<status>PAUSED</status>',
    });
    expect(text.statusCode).toBe(415);
    const broken = await builder.service.app.inject({
      method: 'PATCH',
      url,
      headers: { ...auth(ADMIN_TOKEN), 'if-match': '"1"', 'content-type': MERGE_PATCH },
      payload: '{"status":',
    });
    expect(broken.statusCode).toBe(400);

    expect(await endOffset(env, env.topics.destinations)).toBe(before);
    const read = await builder.service.app.inject({ method: 'GET', url, headers: auth(ADMIN_TOKEN) });
    expect(read.json()).toMatchObject({ version: 1, type: 'URL', name: 'Patch refused' });
  });

  it('keeps a write-only secret a patch does not name, and removes it when the patch says null', async () => {
    const key = `hmac-${randomBytes(12).toString('hex')}`;
    const { id } = await create({
      name: 'Patch secret',
      type: 'S2S',
      s2s: {
        dpid: 20915,
        accountAlias: 'acct-7',
        realTime: {
          endpoint: 'https://203.0.113.10/in',
          auth: 'HMAC',
          hmacHeader: 'X-Signature',
          hmacKey: key,
        },
      },
      mappings: [{ sid: 5, value: 'five', startDate: '2020-01-01' }],
    });
    const url = `/v1/destinations/${id}`;
    const kept = await patch(url, { s2s: { realTime: { timeoutMs: 4000 } } }, { 'if-match': '"1"' });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().s2s.realTime).toMatchObject({ timeoutMs: 4000, hmacKey: { set: true } });
    expect(kept.body).not.toContain(key);

    // removing the key while HMAC still needs it is a rule violation, named at the secret
    const cleared = await patch(url, { s2s: { realTime: { hmacKey: null } } }, { 'if-match': '"2"' });
    expect(cleared.statusCode).toBe(422);
    expect(cleared.json().issues).toEqual([
      expect.objectContaining({ pointer: '/s2s/realTime/hmacKey', rule: 'secret_required' }),
    ]);
    const none = await patch(
      url,
      { s2s: { realTime: { auth: 'NONE', hmacKey: null, hmacHeader: null } } },
      { 'if-match': '"2"' },
    );
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json().s2s.realTime).toMatchObject({ auth: 'NONE', hmacKey: null });

    const records = (await readTopic(env, env.topics.destinations)).filter(
      (r) => r.key?.toString() === String(id),
    );
    const versions = await Promise.all(records.map((r) => env.serdes.destinationConfig.decode(r.value)));
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    const box = new SecretBox(SECRET_KEYS);
    expect(box.decrypt(versions[1]!.s2s!.realTime!.hmacKey!, secretContext(id, 'hmacKey'))).toBe(key);
    expect(versions[2]!.s2s!.realTime!.hmacKey).toBeNull();
  });

  it('patches one mapping, with or without If-Match', async () => {
    const { id } = await create(urlBody('Patch mapping', [21, 22]));
    const url = `/v1/destinations/${id}/mappings/22`;
    const dated = await patch(url, { endDate: '2027-01-31', value: 'twenty-two' });
    expect(dated.statusCode, dated.body).toBe(200);
    expect(dated.json().mappings[1]).toMatchObject({
      sid: 22,
      value: 'twenty-two',
      endDate: '2027-01-31',
    });
    const undated = await patch(url, { endDate: null }, { 'if-match': '"2"' });
    expect(undated.statusCode, undated.body).toBe(200);
    expect(undated.json().mappings[1]).toMatchObject({ endDate: null, value: 'twenty-two' });
    expect((await patch(url, { value: 'x' }, { 'if-match': '"2"' })).statusCode).toBe(412);
    expect((await patch(url, { sid: 23 })).statusCode).toBe(400);
    expect((await patch(url, { startDate: null })).statusCode).toBe(400);
    expect((await patch(`/v1/destinations/${id}/mappings/99`, { value: 'x' })).statusCode).toBe(404);
    const backwards = await patch(url, { startDate: '2027-06-01', endDate: '2027-02-01' });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().issues).toEqual([
      expect.objectContaining({ pointer: '/endDate', rule: 'end_before_start' }),
    ]);
  });
});
