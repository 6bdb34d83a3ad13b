/**
 * The local registry keeps its schemas across restarts (issue 13, item 4): Apicurio runs on an H2
 * file database under the stack dir, so an id written into records before a restart still names
 * the same schema after it, and new registrations never reuse an id.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import avro from 'avsc';
import { afterAll, describe, expect, it } from 'vitest';
import { AvroSerde, SchemaRegistryClient, schemas } from '../../libs/schema/index.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'stack-registry-'));
// A private stack on its own ports (registry management port = 18391 + 10000), so the shared
// stack used by the other tests and stack-lifecycle.test.ts's ports are untouched.
const env = {
  ...process.env,
  STACK_DIR: dir,
  STACK_BROKERS: '1',
  STACK_KAFKA_PORT: '19392',
  STACK_CONTROLLER_PORT: '19393',
  STACK_REGISTRY_PORT: '18391',
};
const url = 'http://127.0.0.1:18391/apis/ccompat/v7';
const stack = (command: string) => run('bash', ['deploy/local/stack.sh', command], { env, timeout: 180_000 });
const registryPid = () => Number(readFileSync(join(dir, 'apicurio', 'pid'), 'utf8'));

async function subjects(): Promise<string[]> {
  const response = await fetch(`${url}/subjects`);
  expect(response.status).toBe(200);
  return (await response.json()) as string[];
}

/** A fresh client (no cache): what a consumer started after the restart sees for an id. */
async function fingerprintOf(id: number): Promise<string> {
  const type = await new SchemaRegistryClient(url).fetchAvroType(id);
  return type.fingerprint('sha256').toString('hex');
}
const fingerprint = (json: Record<string, unknown>) =>
  avro.Type.forSchema(json as avro.Schema)
    .fingerprint('sha256')
    .toString('hex');

describe('registry persistence across restarts', () => {
  afterAll(async () => {
    await stack('down').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every subject and id through restart-registry and down/up; new schemas get new ids', async () => {
    await stack('up');
    const before = new SchemaRegistryClient(url);
    const idSync = await before.register(schemas.idSync.json, 'persist-id-sync-value');
    const audit = await before.register(schemas.destinationAudit.json, 'persist-audit-value');
    expect(audit).not.toBe(idSync);
    // A record written before the restart carries idSync's id in its header.
    const writer = new AvroSerde(before, schemas.idSync, 'persist-id-sync-value');
    await writer.register();
    const record = {
      uuid: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      dpid: 42,
      dpuuid: 'u1',
      seenAt: 1_700_000_000_000,
    };
    const encoded = writer.encode(record);
    expect(encoded.readInt32BE(1)).toBe(idSync);

    const pid = registryPid();
    const restarted = await stack('restart-registry');
    expect(restarted.stdout).toContain('registry ready');
    expect(registryPid()).not.toBe(pid);

    expect(await subjects()).toEqual(
      expect.arrayContaining(['persist-id-sync-value', 'persist-audit-value']),
    );
    expect(await fingerprintOf(idSync)).toBe(fingerprint(schemas.idSync.json));
    expect(await fingerprintOf(audit)).toBe(fingerprint(schemas.destinationAudit.json));
    const reader = new AvroSerde(new SchemaRegistryClient(url), schemas.idSync, 'persist-id-sync-value');
    expect(await reader.decode(encoded)).toEqual(record);
    const after = new SchemaRegistryClient(url);
    // The same schema under the same subject is found, not registered again.
    expect(await after.register(schemas.idSync.json, 'persist-id-sync-value')).toBe(idSync);
    // A new schema gets an id above every id handed out before the restart.
    const apiToken = await after.register(schemas.apiToken.json, 'persist-api-token-value');
    expect(apiToken).toBeGreaterThan(Math.max(idSync, audit));

    // The whole stack down and up again: still the same subjects and ids.
    await stack('down');
    await stack('up');
    expect(await subjects()).toEqual(
      expect.arrayContaining(['persist-id-sync-value', 'persist-audit-value', 'persist-api-token-value']),
    );
    expect(await fingerprintOf(idSync)).toBe(fingerprint(schemas.idSync.json));
    expect(await fingerprintOf(apiToken)).toBe(fingerprint(schemas.apiToken.json));
    const last = await new SchemaRegistryClient(url).register(
      schemas.dataSource.json,
      'persist-data-source-value',
    );
    expect(last).toBeGreaterThan(apiToken);
  });
});
