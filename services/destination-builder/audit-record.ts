/**
 * The audit record of a change (schemas/destination-audit.avsc): who, when, what, and the changed
 * leaf fields as JSON pointers with old and new JSON values. Secrets appear only as
 * `{"set":true,"revision":"<8 hex>"}` where the revision hashes the ciphertext (random IV), so a
 * replaced secret is visible as a change while its value is not derivable. Mappings are addressed
 * by segment id (`/mappings/<sid>/value`) so a removal does not shift every later entry.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AuditAction, AuditChange, AuditEntity, DestinationAudit } from '../../libs/schema/types.ts';

export interface Actor {
  name: string;
  role: string;
}

const BOOKKEEPING = new Set(['/version', '/updatedAt', '/updatedBy']);

function isSecret(value: unknown): value is { keyId: string; iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Buffer.isBuffer((value as { ciphertext?: unknown }).ciphertext)
  );
}

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (isSecret(value)) {
    const revision = createHash('sha256').update(value.iv).update(value.ciphertext).digest('hex').slice(0, 8);
    out.set(path, JSON.stringify({ set: true, revision }));
  } else if (Array.isArray(value)) {
    const bySid = value.every((item) => typeof item === 'object' && item !== null && 'sid' in item);
    if (value.length === 0 || !bySid) {
      out.set(path, JSON.stringify(value));
      return;
    }
    for (const item of value as { sid: number }[]) flatten(item, `${path}/${item.sid}`, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) flatten(child, `${path}/${escape(key)}`, out);
  } else {
    out.set(path, JSON.stringify(value));
  }
}

export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const old = new Map<string, string>();
  const next = new Map<string, string>();
  if (before !== undefined) flatten(before, '', old);
  if (after !== undefined) flatten(after, '', next);
  const paths = [...new Set([...old.keys(), ...next.keys()])].filter((p) => !BOOKKEEPING.has(p)).sort();
  return paths
    .filter((path) => old.get(path) !== next.get(path))
    .map((path) => ({ path, before: old.get(path) ?? null, after: next.get(path) ?? null }));
}

export interface AuditInput {
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  actor: Actor;
  requestId: string;
  before: ({ version: number } & object) | undefined;
  after: ({ version: number } & object) | undefined;
  now: number;
}

export function auditRecord(input: AuditInput): DestinationAudit {
  return {
    auditId: randomUUID(),
    at: input.now,
    actor: input.actor.name,
    actorRole: input.actor.role,
    entity: input.entity,
    entityId: input.entityId,
    action: input.action,
    versionBefore: input.before?.version ?? null,
    versionAfter: input.after?.version ?? null,
    changes: auditChanges(input.before, input.after),
    requestId: input.requestId,
  };
}
