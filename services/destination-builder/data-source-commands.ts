/**
 * Data sources and their data export controls (SPEC §6), written to the compacted `data-sources`
 * topic (key = data source id) with the same optimistic concurrency as destinations: creating
 * needs no version, changing or deleting needs If-Match. The router reads the topic through
 * libs/destinations KeyedTopicView and filters with isExportAllowed.
 */
import type { KeyedTopicView } from '../../libs/destinations/keyed-topic-view.ts';
import { validateName } from './validation/validate-name.ts';
import { ValidationFailed } from './validation/validation-failed.ts';
import { AppError } from '../../libs/errors/index.ts';
import type { TopicNames } from '../../libs/kafka/index.ts';
import type { AvroSerde } from '../../libs/schema/serde.ts';
import type { DataExportLabel, DataSource, DestinationAudit } from '../../libs/schema/types.ts';
import { AppliedOffset } from './applied-offset.ts';
import { auditRecord } from './audit-record.ts';
import type { ConfigWriter } from './config-writer.ts';
import type { RequestMeta } from './destination-commands.ts';

export interface DataSourceDeps {
  view: KeyedTopicView<DataSource>;
  writer: ConfigWriter;
  topics: Pick<TopicNames, 'dataSources' | 'destinationsAudit'>;
  serde: Pick<AvroSerde<DataSource>, 'encode'>;
  auditSerde: Pick<AvroSerde<DestinationAudit>, 'encode'>;
  catchUpTimeoutMs: number;
}

export class DataSourceCommands {
  private readonly applied: AppliedOffset;

  /** Construct before the view starts (it follows the view's applied offsets). */
  constructor(private readonly deps: DataSourceDeps) {
    this.applied = new AppliedOffset(deps.topics.dataSources);
    deps.view.onChange((_key, _value, offset) => this.applied.observe(offset));
  }

  async list(): Promise<DataSource[]> {
    await this.deps.view.waitUntilCaughtUp(this.deps.catchUpTimeoutMs);
    return this.deps.view.values().sort((a, b) => a.id - b.id);
  }

  async get(id: number): Promise<DataSource> {
    await this.deps.view.waitUntilCaughtUp(this.deps.catchUpTimeoutMs);
    return this.existing(id);
  }

  put(
    id: number,
    ifMatch: number | undefined,
    body: { name?: string; exportControls: DataExportLabel[] },
    meta: RequestMeta,
  ): Promise<DataSource> {
    const issues = validateName(body.name ?? '', { pointer: '/name', max: 255, required: false });
    if (issues.length > 0) return Promise.reject(new ValidationFailed(issues));
    return this.write(id, meta, (before) => {
      if (before !== undefined) checkVersion(before, ifMatch, true);
      return {
        id,
        name: body.name ?? before?.name ?? '',
        exportControls: [...new Set(body.exportControls)],
        version: (before?.version ?? 0) + 1,
        updatedBy: meta.actor.name,
        updatedAt: Date.now(),
      };
    });
  }

  async remove(id: number, ifMatch: number | undefined, meta: RequestMeta): Promise<void> {
    await this.write(id, meta, (before) => {
      if (before === undefined) throw new AppError('not_found', `data source ${id} does not exist`);
      checkVersion(before, ifMatch, true);
      return undefined;
    });
  }

  private existing(id: number): DataSource {
    const found = this.deps.view.get(String(id));
    if (found === undefined) throw new AppError('not_found', `data source ${id} does not exist`);
    return found;
  }

  private async write(
    id: number,
    meta: RequestMeta,
    change: (before: DataSource | undefined) => DataSource | undefined,
  ): Promise<DataSource> {
    const { view, writer, topics } = this.deps;
    const { result } = await writer.write(
      async () => {
        await view.waitUntilCaughtUp(this.deps.catchUpTimeoutMs);
        const before = view.get(String(id));
        const after = change(before);
        const audit = auditRecord({
          entity: 'DATA_SOURCE',
          entityId: String(id),
          action: after === undefined ? 'DELETE' : before === undefined ? 'CREATE' : 'UPDATE',
          actor: meta.actor,
          requestId: meta.requestId,
          before,
          after,
          now: Date.now(),
        });
        return {
          result: (after ?? before) as DataSource,
          messages: [
            {
              topic: topics.dataSources,
              messages: [{ key: String(id), value: after ? this.deps.serde.encode(after) : null }],
            },
            {
              topic: topics.destinationsAudit,
              messages: [{ key: `data-source/${id}`, value: this.deps.auditSerde.encode(audit) }],
            },
          ],
        };
      },
      (offsets) =>
        this.applied.waitFor(offsets.get(topics.dataSources) as string, this.deps.catchUpTimeoutMs),
    );
    return result;
  }
}

function checkVersion(before: DataSource, ifMatch: number | undefined, required: boolean): void {
  if (ifMatch === undefined && required) {
    throw new AppError(
      'precondition_required',
      `data source ${before.id} exists: send If-Match with its version`,
    );
  }
  if (ifMatch !== undefined && before.version !== ifMatch) {
    throw new AppError(
      'version_conflict',
      `data source ${before.id} is at version ${before.version}, not ${ifMatch}`,
    );
  }
}
