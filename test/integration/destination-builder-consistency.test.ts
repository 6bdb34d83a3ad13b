import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveConfig } from '../../libs/destinations/live-config.ts';
import { ADMIN_TOKEN, auth, readTopic, startBuilder, type RunningBuilder } from '../support/builder.ts';
import { testEnvironment, testLogger, type TestEnvironment } from '../support/stack.ts';

const body = (name: string, sids: number[] = [1]) => ({
  name,
  type: 'URL',
  url: {
    serialize: true,
    baseUrl: 'http://203.0.113.10/p?s=%alias%',
    secureUrl: 'https://203.0.113.10/p?s=%alias%',
  },
  mappings: sids.map((sid) => ({ sid, value: String(sid), startDate: '2020-01-01' })),
});
const { mappings: _m, ...settingsOnly } = body('x');

describe('destination builder: one writer, many instances', () => {
  let env: TestEnvironment;
  let a: RunningBuilder;
  let b: RunningBuilder;
  const started: RunningBuilder[] = [];
  const call = (builder: RunningBuilder, options: InjectOptions) =>
    builder.service.app.inject({ ...options, headers: { ...auth(ADMIN_TOKEN), ...(options.headers ?? {}) } });

  beforeAll(async () => {
    env = await testEnvironment('builder-consistency', 1);
    a = await startBuilder(env);
    b = await startBuilder(env);
    started.push(a, b);
  });
  afterAll(async () => {
    for (const builder of started) await builder.stop().catch(() => undefined);
  });

  it('makes a write acknowledged by one instance visible to the next GET on the other', async () => {
    const created = await call(a, { method: 'POST', url: '/v1/destinations', payload: body('RYW') });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    for (let version = 1; version <= 10; version += 1) {
      const writer = version % 2 === 1 ? a : b;
      const reader = writer === a ? b : a;
      const updated = await call(writer, {
        method: 'PUT',
        url: `/v1/destinations/${id}`,
        headers: { 'if-match': `"${version}"` },
        payload: { ...settingsOnly, name: `RYW v${version + 1}` },
      });
      expect(updated.statusCode, updated.body).toBe(200);
      const read = await call(reader, { method: 'GET', url: `/v1/destinations/${id}` });
      expect(read.json()).toMatchObject({ version: version + 1, name: `RYW v${version + 1}` });
    }
  });

  it('lets exactly one of two concurrent updates with the same version win, on one or two instances', async () => {
    const created = await call(a, { method: 'POST', url: '/v1/destinations', payload: body('Race') });
    const id = created.json().id;
    const rounds: [RunningBuilder, RunningBuilder][] = [
      [a, b],
      [b, a],
      [a, a],
      [b, b],
      [a, b],
    ];
    const winners: string[] = [];
    for (const [index, [first, second]] of rounds.entries()) {
      const version = index + 1;
      const put = (builder: RunningBuilder, name: string) =>
        call(builder, {
          method: 'PUT',
          url: `/v1/destinations/${id}`,
          headers: { 'if-match': `"${version}"` },
          payload: { ...settingsOnly, name },
        });
      const results = await Promise.all([
        put(first, `Race ${version} first`),
        put(second, `Race ${version} second`),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
      const winner = results.find((r) => r.statusCode === 200)!.json();
      expect(winner.version).toBe(version + 1);
      winners.push(winner.name);
    }
    // The topic holds exactly one record per version, in order, and the last is the last winner.
    const records = (await readTopic(env, env.topics.destinations)).filter(
      (r) => r.key?.toString() === String(id),
    );
    const decoded = await Promise.all(records.map((r) => env.serdes.destinationConfig.decode(r.value)));
    expect(decoded.map((d) => d.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(decoded.slice(1).map((d) => d.name)).toEqual(winners);
    const final = await call(b, { method: 'GET', url: `/v1/destinations/${id}` });
    expect(final.json()).toMatchObject({ version: 6, name: winners[4] });
  });

  it('loses no mapping when two instances add mappings at the same time without If-Match', async () => {
    const id = (
      await call(a, { method: 'POST', url: '/v1/destinations', payload: body('Merge', [1]) })
    ).json().id;
    const add = (builder: RunningBuilder, sid: number) =>
      call(builder, {
        method: 'POST',
        url: `/v1/destinations/${id}/mappings`,
        payload: { sid, value: String(sid), startDate: '2020-01-01' },
      });
    const results = await Promise.all([add(a, 2), add(b, 3), add(a, 4), add(b, 5)]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const final = await call(a, { method: 'GET', url: `/v1/destinations/${id}` });
    expect(
      final
        .json()
        .mappings.map((m: { sid: number }) => m.sid)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(final.json().version).toBe(5);
  });

  it('shows create, update and delete to a data-plane LiveConfig within a second', async () => {
    const live = new LiveConfig({
      kafka: env.kafka,
      topic: env.topics.destinations,
      serde: env.serdes.destinationConfig,
      logger: testLogger,
      service: `${env.prefix}plane`,
    });
    await live.start();
    try {
      const seen = new Map<string, number>();
      live.onChange((change) => {
        const kind =
          change.after === undefined ? 'delete' : change.before === undefined ? 'create' : 'update';
        if (!seen.has(`${change.id}:${kind}`)) seen.set(`${change.id}:${kind}`, performance.now());
      });
      const timings: Record<string, number[]> = { create: [], update: [], delete: [] };
      for (let i = 0; i < 5; i += 1) {
        let sent = performance.now();
        const id = (
          await call(a, { method: 'POST', url: '/v1/destinations', payload: body(`Latency ${i}`, [900 + i]) })
        ).json().id;
        await waitSeen(seen, `${id}:create`);
        timings.create!.push(seen.get(`${id}:create`)! - sent);
        expect(live.mappingsForSegment(900 + i).map((m) => m.destinationId)).toEqual([id]);
        sent = performance.now();
        await call(b, {
          method: 'PUT',
          url: `/v1/destinations/${id}`,
          headers: { 'if-match': '"1"' },
          payload: { ...settingsOnly, name: `Latency ${i} v2` },
        });
        await waitSeen(seen, `${id}:update`);
        timings.update!.push(seen.get(`${id}:update`)! - sent);
        sent = performance.now();
        await call(a, { method: 'DELETE', url: `/v1/destinations/${id}`, headers: { 'if-match': '"2"' } });
        await waitSeen(seen, `${id}:delete`);
        timings.delete!.push(seen.get(`${id}:delete`)! - sent);
        expect(live.destination(id)).toBeUndefined();
      }
      for (const [kind, values] of Object.entries(timings)) {
        const sorted = [...values].sort((x, y) => x - y);
        // request sent -> applied by another process's LiveConfig (includes validation and commit)
        console.info(
          `builder ${kind} visible to LiveConfig: median ${sorted[2]!.toFixed(1)} ms, max ${sorted[4]!.toFixed(1)} ms`,
        );
      }
    } finally {
      await live.stop();
    }
  });

  it('serves the same state after a restart from an empty process', async () => {
    await call(a, {
      method: 'PUT',
      url: '/v1/data-sources/1001',
      payload: { name: 'CRM', exportControls: ['PII'] },
    });
    const before = (await call(a, { method: 'GET', url: '/v1/destinations?limit=500' })).json();
    const sourcesBefore = (await call(a, { method: 'GET', url: '/v1/data-sources' })).json();
    const token = (
      await call(a, { method: 'POST', url: '/v1/tokens', payload: { name: 'survivor', role: 'viewer' } })
    ).json().token;
    expect(before.total).toBeGreaterThan(0);
    await a.stop();
    await b.stop();
    const fresh = await startBuilder(env);
    started.push(fresh);
    const after = await fresh.service.app.inject({
      method: 'GET',
      url: '/v1/destinations?limit=500',
      headers: auth(token),
    });
    expect(after.json()).toEqual(before);
    expect((await call(fresh, { method: 'GET', url: '/v1/data-sources' })).json()).toEqual(sourcesBefore);
    // ids are never reused: a new destination gets a higher id than any before
    const created = await call(fresh, {
      method: 'POST',
      url: '/v1/destinations',
      payload: body('After restart'),
    });
    expect(created.json().id).toBeGreaterThan(Math.max(...before.items.map((d: { id: number }) => d.id)));
  });
});

async function waitSeen(seen: Map<string, number>, key: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!seen.has(key)) {
    if (Date.now() > deadline) throw new Error(`${key} not seen within 5 s`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
