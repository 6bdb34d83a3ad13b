/**
 * API bearer tokens: `sdb_<id>_<secret>` with 256 random bits, shown once at creation; the
 * `api-tokens` topic stores only their SHA-256 (a slow hash adds nothing for random 256-bit
 * secrets), compared in constant time. The bootstrap admin token comes from configuration and is
 * kept only as its hash in memory. Roles: viewer reads; editor also writes destinations and
 * mappings; admin also manages tokens and data sources.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyedTopicView } from '../../libs/destinations/keyed-topic-view.ts';
import { validateName } from './validation/validate-name.ts';
import { ValidationFailed } from './validation/validation-failed.ts';
import { validationIssue } from './validation/validation-issue.ts';
import { AppError } from '../../libs/errors/index.ts';
import type { TopicNames } from '../../libs/kafka/index.ts';
import type { AvroSerde } from '../../libs/schema/serde.ts';
import type { ApiRole, ApiToken, DestinationAudit } from '../../libs/schema/types.ts';
import { AppliedOffset } from './applied-offset.ts';
import { auditRecord } from './audit-record.ts';
import type { ConfigWriter } from './config-writer.ts';
import type { RequestMeta } from './destination-commands.ts';

export type Role = 'viewer' | 'editor' | 'admin';

export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
const TOKEN = /^sdb_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
export const BOOTSTRAP_ID = 'bootstrap';

export function hasRole(principal: Principal, needed: Role): boolean {
  return RANK[principal.role] >= RANK[needed];
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export interface TokenStoreDeps {
  view: KeyedTopicView<ApiToken>;
  writer: ConfigWriter;
  topics: Pick<TopicNames, 'apiTokens' | 'destinationsAudit'>;
  tokenSerde: Pick<AvroSerde<ApiToken>, 'encode'>;
  auditSerde: Pick<AvroSerde<DestinationAudit>, 'encode'>;
  bootstrapAdminToken: string;
  catchUpTimeoutMs: number;
}

export class TokenStore {
  private readonly bootstrapHash: Buffer | null;
  private readonly applied: AppliedOffset;

  /** Construct before the view starts (it follows the view's applied offsets). */
  constructor(private readonly deps: TokenStoreDeps) {
    this.applied = new AppliedOffset(deps.topics.apiTokens);
    deps.view.onChange((_key, _value, offset) => this.applied.observe(offset));
    this.bootstrapHash = deps.bootstrapAdminToken === '' ? null : sha256(deps.bootstrapAdminToken);
  }

  /** The principal of a bearer token, or null when it is unknown, revoked or expired. */
  authenticate(token: string, now = Date.now()): Principal | null {
    const hash = sha256(token);
    if (this.bootstrapHash !== null && timingSafeEqual(hash, this.bootstrapHash)) {
      return { tokenId: BOOTSTRAP_ID, name: 'bootstrap-admin', role: 'admin' };
    }
    const match = TOKEN.exec(token);
    const stored = match ? this.deps.view.get(match[1] as string) : undefined;
    if (stored === undefined || (stored.expiresAt !== null && stored.expiresAt <= now)) return null;
    if (!timingSafeEqual(hash, Buffer.from(stored.sha256, 'hex'))) return null;
    return { tokenId: stored.id, name: stored.name, role: stored.role.toLowerCase() as Role };
  }

  async list(): Promise<ApiToken[]> {
    await this.deps.view.waitUntilCaughtUp(this.deps.catchUpTimeoutMs);
    return this.deps.view.values();
  }

  /** Creates a token; returns the record and the token string, which is never available again. */
  async create(
    input: { name: string; role: Role; expiresAt: number | null },
    meta: RequestMeta,
  ): Promise<{ record: ApiToken; token: string }> {
    const now = Date.now();
    const issues = validateName(input.name, { pointer: '/name', max: 128, required: true });
    if (input.expiresAt !== null && !(input.expiresAt > now)) {
      issues.push(
        validationIssue(
          '/expiresAt',
          'in_the_past',
          `expiresAt must be in the future (now is ${new Date(now).toISOString()}); omit it for a token valid until revoked`,
        ),
      );
    }
    if (issues.length > 0) throw new ValidationFailed(issues);
    const id = randomBytes(6).toString('hex');
    const token = `sdb_${id}_${randomBytes(32).toString('base64url')}`;
    const record: ApiToken = {
      id,
      name: input.name,
      role: input.role.toUpperCase() as ApiRole,
      sha256: sha256(token).toString('hex'),
      createdBy: meta.actor.name,
      createdAt: now,
      expiresAt: input.expiresAt,
    };
    await this.write(id, record, undefined, meta);
    return { record, token };
  }

  async revoke(id: string, meta: RequestMeta): Promise<void> {
    await this.deps.view.waitUntilCaughtUp(this.deps.catchUpTimeoutMs);
    const stored = this.deps.view.get(id);
    if (stored === undefined) throw new AppError('not_found', `token ${id} does not exist`);
    await this.write(id, null, stored, meta);
  }

  private async write(id: string, record: ApiToken | null, before: ApiToken | undefined, meta: RequestMeta) {
    const { writer, topics } = this.deps;
    // The audit shows who created or revoked which token, never its hash.
    const visible = (t: ApiToken | null | undefined) =>
      t ? { version: 1, name: t.name, role: t.role, expiresAt: t.expiresAt } : undefined;
    await writer.write(
      async () => {
        const audit = auditRecord({
          entity: 'API_TOKEN',
          entityId: id,
          action: record === null ? 'DELETE' : 'CREATE',
          actor: meta.actor,
          requestId: meta.requestId,
          before: visible(before),
          after: visible(record),
          now: Date.now(),
        });
        return {
          result: undefined,
          messages: [
            {
              topic: topics.apiTokens,
              messages: [{ key: id, value: record ? this.deps.tokenSerde.encode(record) : null }],
            },
            {
              topic: topics.destinationsAudit,
              messages: [{ key: `token/${id}`, value: this.deps.auditSerde.encode(audit) }],
            },
          ],
        };
      },
      (offsets) => this.applied.waitFor(offsets.get(topics.apiTokens) as string, this.deps.catchUpTimeoutMs),
    );
  }
}
