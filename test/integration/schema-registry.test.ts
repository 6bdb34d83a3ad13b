import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SchemaRegistryClient, schemas } from '../../libs/schema/index.ts';
import { registryUrl } from '../support/stack.ts';

describe('Avro contracts in the real schema registry', () => {
  const registry = new SchemaRegistryClient(registryUrl);
  const run = randomUUID().slice(0, 8);

  it.each(Object.entries(schemas))(
    'registers %s, and registering it again returns the same id',
    async (name, schema) => {
      const subject = `contract-${run}-${name}-value`;
      const first = await registry.register(schema.json, subject);
      const second = await registry.register(schema.json, subject);
      expect(first).toBeGreaterThan(0);
      expect(second).toBe(first);
    },
  );

  it('accepts a BACKWARD-compatible evolution and refuses a breaking one', async () => {
    const subject = `contract-${run}-evolution-value`;
    const base = schemas.idSync.json as { fields: Record<string, unknown>[] };
    await registry.register(base, subject);

    const compatible = {
      ...base,
      fields: [...base.fields, { name: 'source', type: ['null', 'string'], default: null, doc: 'x' }],
    };
    await expect(registry.register(compatible, subject)).resolves.toBeGreaterThan(0);

    // A new field without a default cannot be read from old records: not BACKWARD compatible.
    const breaking = { ...base, fields: [...base.fields, { name: 'mandatory', type: 'string', doc: 'x' }] };
    await expect(registry.register(breaking, subject)).rejects.toMatchObject({ code: 'invalid_config' });
  });

  it('every field of every contract is documented', () => {
    const undocumented: string[] = [];
    const visit = (type: unknown, path: string) => {
      if (Array.isArray(type)) return type.forEach((t, i) => visit(t, `${path}|${i}`));
      if (typeof type !== 'object' || type === null) return;
      const t = type as {
        type?: unknown;
        fields?: { name: string; doc?: string; type: unknown }[];
        items?: unknown;
      };
      if (t.type === 'record') {
        for (const field of t.fields ?? []) {
          if (!field.doc) undocumented.push(`${path}.${field.name}`);
          visit(field.type, `${path}.${field.name}`);
        }
      }
      if (t.type === 'array') visit(t.items, path);
      if (typeof t.type === 'object') visit(t.type, path);
    };
    for (const [name, schema] of Object.entries(schemas)) visit(schema.json, name);
    expect(undocumented).toEqual([]);
  });
});
