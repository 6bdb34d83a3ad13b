/**
 * Schema registry access over the Confluent REST API (Apicurio's /apis/ccompat/v7 in dev and tests,
 * Confluent or any compatible registry in production), through @kafkajs/confluent-schema-registry.
 */
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import { AppError } from '../errors/index.ts';

export class SchemaRegistryClient {
  private readonly client: SchemaRegistry;
  private readonly types = new Map<number, Promise<avro.Type>>();

  constructor(readonly url: string) {
    this.client = new SchemaRegistry({ host: url, retry: { retries: 2, initialRetryTimeInSecs: 0.2 } });
  }

  /** Registers (or finds) a schema under a subject with BACKWARD compatibility; returns its id. */
  async register(schema: Record<string, unknown>, subject: string): Promise<number> {
    try {
      const { id } = await this.client.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
        { subject, compatibility: 'BACKWARD' as never },
      );
      return id;
    } catch (cause) {
      const status = httpStatus(cause);
      if (status === 409 || /compatib/i.test(String((cause as Error).message))) {
        throw new AppError(
          'invalid_config',
          `schema for ${subject} is not BACKWARD compatible: ${(cause as Error).message}`,
          {
            cause,
          },
        );
      }
      throw new AppError(
        'registry_unavailable',
        `registering ${subject} failed: ${(cause as Error).message}`,
        {
          retriable: true,
          cause,
        },
      );
    }
  }

  /** The writer schema of an id, parsed once and cached. */
  fetchAvroType(id: number): Promise<avro.Type> {
    let pending = this.types.get(id);
    if (pending === undefined) {
      pending = this.loadType(id);
      this.types.set(id, pending);
      pending.catch(() => this.types.delete(id));
    }
    return pending;
  }

  private async loadType(id: number): Promise<avro.Type> {
    try {
      const schema = (await this.client.getSchema(id)) as { toJSON?: () => unknown } & object;
      // The client parses with its own avsc copy; re-parse with ours so resolvers are compatible.
      const json = typeof schema.toJSON === 'function' ? schema.toJSON() : schema;
      return avro.Type.forSchema(json as avro.Schema);
    } catch (cause) {
      const status = httpStatus(cause);
      if (status === 404) {
        throw new AppError('unknown_schema_id', `schema id ${id} is not in the registry`, { cause });
      }
      throw new AppError(
        'registry_unavailable',
        `fetching schema id ${id} failed: ${(cause as Error).message}`,
        {
          retriable: true,
          cause,
        },
      );
    }
  }
}

function httpStatus(error: unknown): number | undefined {
  const e = error as { status?: number; response?: { status?: () => number } } | undefined;
  if (typeof e?.status === 'number') return e.status;
  if (typeof e?.response?.status === 'function') return e.response.status();
  const match = /status (\d{3})|(\d{3}) (?:Not Found|Conflict)/i.exec(String((error as Error)?.message));
  return match ? Number(match[1] ?? match[2]) : undefined;
}
