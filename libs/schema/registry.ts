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

  /**
   * Registers (or finds) a schema under a subject with BACKWARD compatibility; returns its id.
   * Idempotent under concurrency: several services start at once and register the same subjects.
   * The client reads the subject config (404 the first time), registers, then creates the
   * compatibility rule; the second writer then gets 409 "rule already exists", which means the rule
   * is there: registering again finds the schema and the config. Registry errors that can pass
   * (5xx, connection refused, timeouts) are retried with backoff for up to `retryForMs`.
   */
  async register(schema: Record<string, unknown>, subject: string, retryForMs = 60_000): Promise<number> {
    const deadline = Date.now() + retryForMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const { id } = await this.client.register(
          { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
          { subject, compatibility: 'BACKWARD' as never },
        );
        return id;
      } catch (cause) {
        const verdict = registrationFailure(cause);
        const message = (cause as Error).message;
        if (verdict === 'incompatible') {
          throw new AppError(
            'invalid_config',
            `schema for ${subject} is not BACKWARD compatible: ${message}`,
            {
              cause,
            },
          );
        }
        if (verdict === 'refused') {
          throw new AppError('invalid_config', `registry refused the schema for ${subject}: ${message}`, {
            cause,
          });
        }
        if (Date.now() >= deadline) {
          throw new AppError('registry_unavailable', `registering ${subject} failed: ${message}`, {
            retriable: true,
            cause,
          });
        }
        // 'concurrent' (someone else created the rule) retries at once; 'unavailable' backs off.
        if (verdict === 'unavailable') await sleep(Math.min(200 * 2 ** attempt, 5000));
      }
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

/**
 * Why a registration failed. Confluent contract: 409 on POST /subjects/{s}/versions means the
 * schema is incompatible with the subject's rule; 422 means the schema is invalid. Apicurio answers
 * 409 "A rule named 'COMPATIBILITY' already exists" to the second writer of a subject config.
 */
export function registrationFailure(
  error: unknown,
): 'concurrent' | 'incompatible' | 'refused' | 'unavailable' {
  const message = String((error as Error)?.message ?? error);
  const status = httpStatus(error);
  if (/already exists/i.test(message)) return 'concurrent';
  if (/Compatibility does not match/i.test(message)) return 'refused';
  if (status === 409 || /incompatible|not compatible/i.test(message)) return 'incompatible';
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429)
    return 'refused';
  return 'unavailable';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function httpStatus(error: unknown): number | undefined {
  const e = error as { status?: number; response?: { status?: () => number } } | undefined;
  if (typeof e?.status === 'number') return e.status;
  if (typeof e?.response?.status === 'function') return e.response.status();
  const match = /status (\d{3})|(\d{3}) (?:Not Found|Conflict)/i.exec(String((error as Error)?.message));
  return match ? Number(match[1] ?? match[2]) : undefined;
}
