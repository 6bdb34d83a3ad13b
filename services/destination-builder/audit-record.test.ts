import { describe, expect, it } from 'vitest';
import { mapping, urlDestination } from '../../test/support/destinations.ts';
import { auditChanges, auditRecord } from './audit-record.ts';

describe('auditChanges', () => {
  it('lists changed leaves as JSON pointers, mappings by segment id', () => {
    const before = urlDestination(1, [10, 11]);
    const after = {
      ...before,
      name: 'renamed',
      version: 2,
      mappings: [mapping(11, { value: 'x' }), mapping(12)],
    };
    const paths = auditChanges(before, after).map((c) => `${c.path} ${c.before} -> ${c.after}`);
    expect(paths).toContain('/name "url-1" -> "renamed"');
    expect(paths).toContain('/mappings/10/sid 10 -> null');
    expect(paths).toContain('/mappings/11/value "11" -> "x"');
    expect(paths).toContain('/mappings/12/startDate null -> "2020-01-01"');
    expect(paths.some((p) => p.startsWith('/version'))).toBe(false);
  });

  it('shows a replaced secret as a revision, never its bytes', () => {
    const secret = {
      keyId: 'k1',
      iv: Buffer.alloc(12, 1),
      ciphertext: Buffer.from('cipher'),
      tag: Buffer.alloc(16),
    };
    const changes = auditChanges({ s: secret }, { s: { ...secret, iv: Buffer.alloc(12, 2) } });
    expect(changes).toHaveLength(1);
    expect(changes[0]?.path).toBe('/s');
    expect(changes[0]?.after).toMatch(/^\{"set":true,"revision":"[0-9a-f]{8}"\}$/);
    expect(JSON.stringify(changes)).not.toContain(Buffer.from('cipher').toString('base64'));
  });

  it('records a create and a delete with versions', () => {
    const config = urlDestination(5, [1]);
    const base = {
      entity: 'DESTINATION' as const,
      entityId: '5',
      actor: { name: 'alice', role: 'editor' },
      requestId: 'r',
      now: 1,
    };
    const created = auditRecord({ ...base, action: 'CREATE', before: undefined, after: config });
    expect(created.versionBefore).toBeNull();
    expect(created.versionAfter).toBe(1);
    const deleted = auditRecord({ ...base, action: 'DELETE', before: config, after: undefined });
    expect(deleted.versionAfter).toBeNull();
    expect(deleted.changes.every((c) => c.after === null)).toBe(true);
  });
});
