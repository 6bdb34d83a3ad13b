import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, portOpen } from '../support/stack-process.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'stack-'));
// A second, private stack on other ports, so the shared one used by other tests is untouched
// (the registry management port is registry port + 10000: 28181 here, 18081 for the shared stack).
const env = {
  ...process.env,
  STACK_DIR: dir,
  STACK_BROKERS: '1',
  STACK_KAFKA_PORT: '19092',
  STACK_CONTROLLER_PORT: '19093',
  STACK_REGISTRY_PORT: '18181',
};
const stack = (command: string) => run('bash', ['deploy/local/stack.sh', command], { env, timeout: 180_000 });

describe('stack.sh lifecycle', () => {
  afterAll(async () => {
    await stack('down').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('up twice is a no-op the second time, and down leaves no process and no port open', async () => {
    const first = await stack('up');
    expect(first.stdout).toContain('export KAFKA_BROKERS=127.0.0.1:19092');
    expect(first.stdout).toContain('export SCHEMA_REGISTRY_URL=http://127.0.0.1:18181/apis/ccompat/v7');
    const pids = ['kafka', 'apicurio'].map((name) => Number(readFileSync(join(dir, name, 'pid'), 'utf8')));
    expect(pids.every(alive)).toBe(true);
    expect(await portOpen(19092)).toBe(true);
    expect(await portOpen(18181)).toBe(true);

    const second = await stack('up');
    expect(second.stdout).toMatch(/kafka already running/);
    expect(second.stdout).toMatch(/registry already running/);
    expect(['kafka', 'apicurio'].map((name) => Number(readFileSync(join(dir, name, 'pid'), 'utf8')))).toEqual(
      pids,
    );

    await stack('down');
    expect(pids.some(alive)).toBe(false);
    expect(await portOpen(19092)).toBe(false);
    expect(await portOpen(19093)).toBe(false);
    expect(await portOpen(18181)).toBe(false);
    expect(await portOpen(28181)).toBe(false);
    await expect(stack('status')).rejects.toMatchObject({ code: 3 });
  });
});
