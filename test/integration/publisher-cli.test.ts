/**
 * The publisher CLI as a user runs it (`npm run publish:events`: the compiled main with plain
 * node) against the real broker and registry: qualification events and, with `--id-syncs`, ID syncs
 * (issue 20: S2S destinations need them), each bad line refused with every one of its problems and
 * nothing of it sent, the good ones readable from their topics (ID syncs keyed `<uuid>|<dpid>` for
 * the compacted topic), and a summary with the rate.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTopic } from '../support/builder.ts';
import { compiledEntry } from '../support/compiled-entry.ts';
import { brokers, registryUrl, testEnvironment, type TestEnvironment } from '../support/stack.ts';

function publish(env: TestEnvironment, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [compiledEntry('services/publisher/main.ts'), ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        KAFKA_BROKERS: brokers.join(','),
        SCHEMA_REGISTRY_URL: registryUrl,
        TOPIC_PREFIX: env.prefix,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('publisher CLI', () => {
  let env: TestEnvironment;
  const dir = mkdtempSync(join(tmpdir(), 'publisher-'));
  beforeAll(async () => {
    env = await testEnvironment('publisher-cli', 1);
  });

  it('publishes valid events, refuses a bad line with every problem, and reports its rate', async () => {
    const event = (i: number) => ({
      eventId: `e${i}`,
      eventTime: '2026-12-01T10:00:00Z',
      uuid: `user${i}`,
      platform: 'browser',
      segments: [{ sid: 5, status: 'QUALIFIED', updatedAt: 1_764_000_000_000 }],
    });
    const file = join(dir, 'events.jsonl');
    const bad = {
      eventId: 'bad',
      eventTime: 'yesterday',
      platform: 'smart-tv',
      platfrom: 'ios',
      segments: [],
    };
    writeFileSync(file, [event(1), event(2), bad, event(3)].map((e) => JSON.stringify(e)).join('\n'));
    const result = await publish(env, [file]);
    expect(result.code, result.stderr).toBe(1);
    const problems = result.stderr.split('\n').filter((l) => l.startsWith('line 3: '));
    expect(problems).toEqual([
      'line 3: platfrom: unknown field',
      'line 3: uuid: required',
      'line 3: eventTime: "yesterday" is not an integer (epoch ms, or an ISO-8601 string)',
    ]);
    expect(result.stdout).toMatch(
      /^4 lines: 3 valid, 1 invalid, 0 blank; 3 sent to \S+qualifications in [\d.]+ s \(\d+ lines\/s\)/,
    );
    const records = await readTopic(env, env.topics.qualifications);
    const events = await Promise.all(records.map((r) => env.serdes.qualificationEvent.decode(r.value)));
    expect(events.map((e) => e.uuid).sort()).toEqual(['user1', 'user2', 'user3']);
  });

  it('publishes ID syncs with --id-syncs, keyed uuid|dpid, and refuses bad ones', async () => {
    const file = join(dir, 'syncs.jsonl');
    writeFileSync(
      file,
      [
        { uuid: 'user1', dpid: 20915, dpuuid: 'partner-1', seenAt: '2026-12-01T10:00:00Z' },
        { uuid: 'user2', dpid: 20915, dpuuid: 'partner-2' },
        { uuid: 'user@example.com', dpid: -1, dpuuid: '', colour: 'red' },
      ]
        .map((s) => JSON.stringify(s))
        .join('\n'),
    );
    const result = await publish(env, ['--id-syncs', file]);
    expect(result.code, result.stderr).toBe(1);
    const problems = result.stderr.split('\n').filter((l) => l.startsWith('line 3: '));
    expect(problems).toEqual([
      'line 3: colour: unknown field',
      'line 3: uuid: "user@example.com" does not match /^[A-Za-z0-9_-]{1,64}$/',
      'line 3: dpuuid: empty',
      'line 3: dpid: -1 is not a positive namespace id',
    ]);
    expect(result.stdout).toMatch(/^3 lines: 2 valid, 1 invalid, 0 blank; 2 sent to \S+id-syncs in/);
    const records = await readTopic(env, env.topics.idSyncs);
    expect(records.map((r) => r.key?.toString()).sort()).toEqual(['user1|20915', 'user2|20915']);
    const syncs = await Promise.all(records.map((r) => env.serdes.idSync.decode(r.value)));
    expect(syncs.find((s) => s.uuid === 'user1')).toMatchObject({
      dpuuid: 'partner-1',
      seenAt: Date.parse('2026-12-01T10:00:00Z'),
    });
    expect(syncs.find((s) => s.uuid === 'user2')!.seenAt).toBeGreaterThan(Date.parse('2026-12-01T00:00:00Z'));
  });
});
