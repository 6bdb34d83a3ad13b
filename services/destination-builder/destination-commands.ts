/**
 * The destination use cases behind the REST routes: read (after catching up with the topic, so a
 * write acknowledged by any instance is visible: read-your-writes), create, update, delete, and
 * the mapping operations. Every write goes through the ConfigWriter: catch up, check the version
 * (If-Match), build the new record, validate it (rules, then outbound addresses), and commit the
 * record (a tombstone for a delete) together with its audit record; then wait until this
 * instance's LiveConfig has applied it before answering.
 */
import { checkOutboundTargets, type TargetPolicy } from './validation/check-outbound-targets.ts';
import type { LiveConfig } from '../../libs/destinations/live-config.ts';
import type { SecretBox } from '../../libs/destinations/secret-box.ts';
import { validateDestination } from './validation/validate-destination.ts';
import type { S2sRules } from './validation/validate-s2s-settings.ts';
import { ValidationFailed, type FailedIssue } from './validation/validation-failed.ts';
import { validationIssue, type ValidationIssue } from './validation/validation-issue.ts';
import { AppError } from '../../libs/errors/index.ts';
import type { TopicNames } from '../../libs/kafka/index.ts';
import type { AvroSerde } from '../../libs/schema/serde.ts';
import type {
  AuditAction,
  DestinationAudit,
  DestinationConfig,
  SegmentMapping,
} from '../../libs/schema/types.ts';
import { AppliedOffset } from './applied-offset.ts';
import { auditRecord, type Actor } from './audit-record.ts';
import type { ConfigWriter } from './config-writer.ts';
import type { DestinationBody, MappingBody } from './request-bodies.ts';
import { applyMergePatch } from './merge-patch.ts';
import { restoreSecretRemovals, toDestinationBody, toMappingBody } from './to-destination-body.ts';
import { toDestinationConfig, toMapping } from './to-destination-config.ts';

export interface CommandDeps {
  live: LiveConfig;
  writer: ConfigWriter;
  topics: Pick<TopicNames, 'destinations' | 'destinationsAudit'>;
  configSerde: Pick<AvroSerde<DestinationConfig>, 'encode'>;
  auditSerde: Pick<AvroSerde<DestinationAudit>, 'encode'>;
  secretBox: SecretBox;
  policy: TargetPolicy;
  rules: S2sRules;
  catchUpTimeoutMs: number;
  now?: () => number;
}

export interface RequestMeta {
  actor: Actor;
  requestId: string;
}

/** Maps pointers of the merged mapping list back to the request body (`/mappings/7/x` -> `/x`). */
type PointerMap = (issue: ValidationIssue) => ValidationIssue;

export class DestinationCommands {
  private highestId = 0;
  private readonly applied: AppliedOffset;

  /** Construct before `live.start()`: ids of deleted destinations must be seen during the replay. */
  constructor(private readonly deps: CommandDeps) {
    this.applied = new AppliedOffset(deps.topics.destinations);
    deps.live.onChange((change) => {
      this.highestId = Math.max(this.highestId, change.id);
      this.applied.observe(change.offset);
    });
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  async list(): Promise<DestinationConfig[]> {
    await this.deps.live.waitUntilCaughtUp(this.deps.catchUpTimeoutMs);
    return this.deps.live.destinations();
  }

  async get(id: number): Promise<DestinationConfig> {
    await this.deps.live.waitUntilCaughtUp(this.deps.catchUpTimeoutMs);
    return this.existing(id);
  }

  create(body: DestinationBody, meta: RequestMeta): Promise<DestinationConfig> {
    return this.commit(meta, 'CREATE', async () => {
      const id = Math.max(this.highestId, ...this.deps.live.destinations().map((d) => d.id)) + 1;
      const next = toDestinationConfig(body, this.buildContext(id, meta));
      return { before: undefined, after: next };
    });
  }

  update(
    id: number,
    ifMatch: number | undefined,
    body: DestinationBody,
    meta: RequestMeta,
  ): Promise<DestinationConfig> {
    if (ifMatch === undefined) throw preconditionRequired();
    return this.commit(meta, 'UPDATE', async () => {
      const before = this.current(id, ifMatch);
      return {
        before,
        after: toDestinationConfig(body, { ...this.buildContext(id, meta), previous: before }),
      };
    });
  }

  async remove(id: number, ifMatch: number | undefined, meta: RequestMeta): Promise<void> {
    if (ifMatch === undefined) throw preconditionRequired();
    await this.commit(meta, 'DELETE', async () => ({ before: this.current(id, ifMatch), after: undefined }));
  }

  addMappings(
    id: number,
    ifMatch: number | undefined,
    bodies: MappingBody[],
    meta: RequestMeta,
    single: boolean,
  ) {
    return this.commit(meta, 'ADD_MAPPINGS', async () => {
      const before = this.current(id, ifMatch);
      const offset = before.mappings.length;
      const mapped = new Set(before.mappings.map((m) => m.sid));
      const conflicts = bodies.flatMap((body, index) =>
        mapped.has(body.sid)
          ? [
              validationIssue(
                single ? '/sid' : `/mappings/${index}/sid`,
                'duplicate',
                `segment ${body.sid} is already mapped; update it instead`,
              ),
            ]
          : [],
      );
      if (conflicts.length > 0) throw new ValidationFailed(conflicts, 'conflict');
      const added = bodies.map((body) => toMapping(body, before.autoFill));
      const after = this.bump(before, meta, [...before.mappings, ...added]);
      return {
        before,
        after,
        pointers: single ? mappingPointers(offset, '', offset) : mappingPointers(offset, '/mappings'),
      };
    });
  }

  updateMapping(
    id: number,
    sid: number,
    ifMatch: number | undefined,
    body: Omit<MappingBody, 'sid'>,
    meta: RequestMeta,
  ) {
    return this.changeMapping(id, sid, ifMatch, meta, () => body);
  }

  /**
   * JSON Merge Patch of a destination (RFC 7396) onto its stored form, under the write lock: the
   * patched body must match the body schema (`check`, issues answered 422) and then passes the
   * same rules as a PUT. If-Match is required, as for PUT.
   */
  patch(
    id: number,
    ifMatch: number | undefined,
    patch: Record<string, unknown>,
    check: (body: unknown) => readonly FailedIssue[],
    meta: RequestMeta,
  ): Promise<DestinationConfig> {
    if (ifMatch === undefined) throw preconditionRequired();
    return this.commit(meta, 'UPDATE', async () => {
      const before = this.current(id, ifMatch);
      const merged = applyMergePatch(toDestinationBody(before), patch) as DestinationBody;
      restoreSecretRemovals(merged, patch);
      const issues = check(merged);
      if (issues.length > 0) throw new ValidationFailed(issues);
      return {
        before,
        after: toDestinationConfig(merged, { ...this.buildContext(id, meta), previous: before }),
      };
    });
  }

  /** JSON Merge Patch of one mapping; If-Match optional, as for its PUT. */
  patchMapping(
    id: number,
    sid: number,
    ifMatch: number | undefined,
    patch: Record<string, unknown>,
    check: (body: unknown) => readonly FailedIssue[],
    meta: RequestMeta,
  ) {
    return this.changeMapping(id, sid, ifMatch, meta, (current) => {
      const { sid: _sid, ...stored } = toMappingBody(current);
      const merged = applyMergePatch(stored, patch) as Omit<MappingBody, 'sid'>;
      const issues = check(merged);
      if (issues.length > 0) throw new ValidationFailed(issues);
      return merged;
    });
  }

  private changeMapping(
    id: number,
    sid: number,
    ifMatch: number | undefined,
    meta: RequestMeta,
    next: (current: SegmentMapping) => Omit<MappingBody, 'sid'>,
  ) {
    return this.commit(meta, 'UPDATE_MAPPING', async () => {
      const before = this.current(id, ifMatch);
      const index = this.mappingIndex(before, sid);
      const mappings: SegmentMapping[] = [...before.mappings];
      mappings[index] = toMapping({ ...next(mappings[index]!), sid }, before.autoFill);
      return {
        before,
        after: this.bump(before, meta, mappings),
        pointers: mappingPointers(index, '', index),
      };
    });
  }

  removeMapping(id: number, sid: number, ifMatch: number | undefined, meta: RequestMeta) {
    return this.commit(meta, 'REMOVE_MAPPING', async () => {
      const before = this.current(id, ifMatch);
      this.mappingIndex(before, sid);
      return {
        before,
        after: this.bump(
          before,
          meta,
          before.mappings.filter((m) => m.sid !== sid),
        ),
      };
    });
  }

  private async commit(
    meta: RequestMeta,
    action: AuditAction,
    change: () => Promise<{
      before: DestinationConfig | undefined;
      after: DestinationConfig | undefined;
      pointers?: PointerMap;
    }>,
  ): Promise<DestinationConfig> {
    const { live, writer, topics } = this.deps;
    const { result } = await writer.write(
      async () => {
        await live.waitUntilCaughtUp(this.deps.catchUpTimeoutMs);
        const { before, after, pointers } = await change();
        if (after !== undefined) await this.validate(after, before, pointers);
        const id = (after ?? before)!.id;
        const audit = auditRecord({
          entity: 'DESTINATION',
          entityId: String(id),
          action,
          actor: meta.actor,
          requestId: meta.requestId,
          before,
          after,
          now: this.now(),
        });
        return {
          result: (after ?? before)!,
          messages: [
            {
              topic: topics.destinations,
              messages: [{ key: String(id), value: after ? this.deps.configSerde.encode(after) : null }],
            },
            {
              topic: topics.destinationsAudit,
              messages: [{ key: `destination/${id}`, value: this.deps.auditSerde.encode(audit) }],
            },
          ],
        };
      },
      (offsets) =>
        this.applied.waitFor(offsets.get(topics.destinations) as string, this.deps.catchUpTimeoutMs),
    );
    return result;
  }

  private async validate(
    after: DestinationConfig,
    before: DestinationConfig | undefined,
    pointers?: PointerMap,
  ) {
    const others = this.deps.live.destinations();
    let issues = validateDestination(after, {
      ...this.deps.rules,
      others,
      ...(before ? { previous: before } : {}),
    });
    if (issues.length === 0) issues = await checkOutboundTargets(after, this.deps.policy, before);
    if (issues.length > 0) throw new ValidationFailed(pointers ? issues.map(pointers) : issues);
  }

  private buildContext(id: number, meta: RequestMeta) {
    return { id, actor: meta.actor.name, now: this.now(), secretBox: this.deps.secretBox };
  }

  private bump(before: DestinationConfig, meta: RequestMeta, mappings: SegmentMapping[]): DestinationConfig {
    return {
      ...before,
      mappings,
      version: before.version + 1,
      updatedBy: meta.actor.name,
      updatedAt: this.now(),
    };
  }

  private existing(id: number): DestinationConfig {
    const found = this.deps.live.destination(id);
    if (found === undefined) throw new AppError('not_found', `destination ${id} does not exist`);
    return found;
  }

  private current(id: number, ifMatch: number | undefined): DestinationConfig {
    const found = this.existing(id);
    if (ifMatch !== undefined && found.version !== ifMatch) {
      throw new AppError(
        'version_conflict',
        `destination ${id} is at version ${found.version}, not ${ifMatch}; reload and retry`,
      );
    }
    return found;
  }

  private mappingIndex(config: DestinationConfig, sid: number): number {
    const index = config.mappings.findIndex((m) => m.sid === sid);
    if (index < 0)
      throw new AppError('not_found', `segment ${sid} is not mapped to destination ${config.id}`);
    return index;
  }
}

function preconditionRequired(): AppError {
  return new AppError('precondition_required', 'send If-Match with the version (ETag) you read');
}

/**
 * Issues about mappings at or after `from` in the merged list are reported against the request
 * body: under `prefix` with the index shifted (bulk), or at the body root (`only` = that index).
 */
function mappingPointers(from: number, prefix: string, only?: number): PointerMap {
  return (issue) => {
    const match = /^\/mappings\/(\d+)(\/.*)?$/.exec(issue.pointer);
    if (match === null) return issue;
    const index = Number(match[1]);
    if (only !== undefined) return index === only ? { ...issue, pointer: match[2] ?? '/' } : issue;
    if (index < from) return issue;
    return { ...issue, pointer: `${prefix}/${index - from}${match[2] ?? ''}` };
  };
}
