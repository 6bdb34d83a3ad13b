import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { AvroSerde } from './serde.ts';
import { schemas } from './schemas.ts';
import type { SchemaRegistryClient } from './registry.ts';
import type { IdSync } from './types.ts';
import { AppError } from '../errors/index.ts';

/** Unit-level stand-in for the registry; the integration tests use the real one. */
function registryWith(types: Record<number, avro.Type>, registeredId = 7): SchemaRegistryClient {
  return {
    register: async () => registeredId,
    fetchAvroType: async (id: number) => {
      const type = types[id];
      if (!type) throw new AppError('unknown_schema_id', `schema id ${id} is not in the registry`);
      return type;
    },
  } as unknown as SchemaRegistryClient;
}

const sync: IdSync = { uuid: '123', dpid: 20915, dpuuid: 'abc', seenAt: 1_700_000_000_000 };

describe('AvroSerde (Confluent wire format)', () => {
  it('writes magic byte 0, the big-endian schema id, then the Avro body', async () => {
    const serde = new AvroSerde(registryWith({}), schemas.idSync, 's');
    await serde.register();
    const bytes = serde.encode(sync);
    expect(bytes[0]).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(7);
    expect(schemas.idSync.type.fromBuffer(bytes.subarray(5))).toEqual(sync);
    expect(await serde.decode(bytes)).toEqual(sync);
  });

  it('encodes records larger than the scratch space through the fallback path', async () => {
    const serde = new AvroSerde(registryWith({ 7: schemas.idSync.type }), schemas.idSync, 's');
    await serde.register();
    const big = { ...sync, dpuuid: 'x'.repeat(300 * 1024) };
    const small = serde.encode(sync);
    const bytes = serde.encode(big);
    expect(bytes.readInt32BE(1)).toBe(7);
    expect(await serde.decode(bytes)).toEqual(big);
    // Encoding a second record does not disturb the first (no shared backing memory).
    expect(await serde.decode(small)).toEqual(sync);
  });

  it('reads records written with an older schema through a resolver', async () => {
    const older = avro.Type.forSchema({
      type: 'record',
      name: 'IdSync',
      namespace: 'io.segdest.events',
      fields: [
        { name: 'uuid', type: 'string' },
        { name: 'dpid', type: 'int' },
        { name: 'dpuuid', type: 'string' },
        { name: 'seenAt', type: 'long' },
        { name: 'legacy', type: 'string' },
      ],
    });
    const serde = new AvroSerde(registryWith({ 3: older }), schemas.idSync, 's');
    const body = older.toBuffer({ ...sync, legacy: 'dropped' });
    const header = Buffer.from([0, 0, 0, 0, 3]);
    expect(await serde.decode(Buffer.concat([header, body]))).toEqual(sync);
  });

  it.each([
    ['empty', Buffer.alloc(0), 'bad_magic_byte'],
    ['null', null, 'bad_magic_byte'],
    ['wrong magic', Buffer.from([1, 0, 0, 0, 7, 0]), 'bad_magic_byte'],
    ['unknown id', Buffer.from([0, 0, 0, 0, 99, 0]), 'unknown_schema_id'],
    ['truncated body', Buffer.from([0, 0, 0, 0, 7, 0x06]), 'undecodable'],
  ])('classifies %s input as %s', async (_label, input, code) => {
    const serde = new AvroSerde(registryWith({ 7: schemas.idSync.type }), schemas.idSync, 's');
    await serde.register();
    await expect(serde.decode(input)).rejects.toMatchObject({ code });
  });
});
