/**
 * Avro in the Confluent wire format:
 *   byte 0 = magic 0x00, bytes 1-4 = schema id (big-endian int32), rest = Avro binary body.
 * (docs.confluent.io, "Wire format"). Encoding uses the id registered for our reader schema;
 * decoding resolves each writer schema (fetched once per id from the registry) into our reader
 * schema with a cached avsc resolver, so producers on an older or newer compatible schema decode.
 *
 * We use @kafkajs/confluent-schema-registry for the registry HTTP API (register, fetch by id, its
 * cache and single-flight), but not its decode(): with a reader schema it re-parses the schema and
 * builds a resolver on every call, and its errors do not separate the dead-letter reasons below.
 */
import type avro from 'avsc';
import { AppError } from '../errors/index.ts';
import type { SchemaRegistryClient } from './registry.ts';
import type { RecordSchema } from './schemas.ts';

const MAGIC = 0;
const HEADER_BYTES = 5;
/** Shared scratch space: records are encoded here, then copied once into an exact-size buffer. */
const scratch = Buffer.allocUnsafe(256 * 1024);

export class AvroSerde<T> {
  private schemaId: number | undefined;
  private readonly readers = new Map<number, (body: Buffer) => T>();

  constructor(
    private readonly registry: SchemaRegistryClient,
    private readonly schema: RecordSchema<T>,
    readonly subject: string,
  ) {}

  /** Registers the reader schema under the subject (idempotent); required before encode(). */
  async register(): Promise<number> {
    if (this.schemaId === undefined) {
      this.schemaId = await this.registry.register(this.schema.json, this.subject);
      const type = this.schema.type;
      this.readers.set(this.schemaId, (body) => type.fromBuffer(body) as T);
    }
    return this.schemaId;
  }

  get registeredId(): number | undefined {
    return this.schemaId;
  }

  encode(value: T): Buffer {
    if (this.schemaId === undefined) {
      throw new AppError('internal', `serde for ${this.subject} not registered`);
    }
    // avsc's encode() into a preallocated buffer is ~3x faster than toBuffer() (one copy instead
    // of two, no tap allocation); a negative end means the record did not fit the scratch space.
    const end = this.schema.type.encode(value, scratch, HEADER_BYTES);
    let out: Buffer;
    if (end < 0) {
      const body = this.schema.type.toBuffer(value);
      out = Buffer.allocUnsafe(HEADER_BYTES + body.length);
      body.copy(out, HEADER_BYTES);
    } else {
      out = Buffer.allocUnsafe(end);
      scratch.copy(out, HEADER_BYTES, HEADER_BYTES, end);
    }
    out[0] = MAGIC;
    out.writeInt32BE(this.schemaId, 1);
    return out;
  }

  /** Schema id of a wire-format buffer; throws bad_magic_byte when it is not one. */
  static schemaIdOf(buffer: Buffer | null): number {
    if (buffer === null || buffer.length < HEADER_BYTES) {
      throw new AppError(
        'bad_magic_byte',
        `record of ${buffer?.length ?? 0} bytes is too short for the wire format`,
      );
    }
    if (buffer[0] !== MAGIC) {
      throw new AppError('bad_magic_byte', `magic byte ${buffer[0]} (expected ${MAGIC})`);
    }
    return buffer.readInt32BE(1);
  }

  /** Decodes a wire-format record; errors are AppErrors with a dead-letter reason code. */
  async decode(buffer: Buffer | null): Promise<T> {
    return this.decodeFast(buffer);
  }

  /**
   * Like decode(), but synchronous when the writer schema is already known (the hot path: no
   * promise per record); throws synchronously on bad bytes.
   */
  decodeFast(buffer: Buffer | null): T | Promise<T> {
    const id = AvroSerde.schemaIdOf(buffer);
    const read = this.readers.get(id);
    if (read === undefined)
      return this.loadReader(id).then((loaded) => this.read(loaded, buffer as Buffer, id));
    return this.read(read, buffer as Buffer, id);
  }

  private read(read: (body: Buffer) => T, buffer: Buffer, id: number): T {
    try {
      return read((buffer as Buffer).subarray(HEADER_BYTES));
    } catch (cause) {
      throw new AppError(
        'undecodable',
        `body does not decode with schema id ${id}: ${(cause as Error).message}`,
        {
          cause,
        },
      );
    }
  }

  private async loadReader(id: number): Promise<(body: Buffer) => T> {
    const writer = await this.registry.fetchAvroType(id);
    let resolver: avro.Resolver;
    try {
      resolver = this.schema.type.createResolver(writer);
    } catch (cause) {
      throw new AppError(
        'undecodable',
        `writer schema id ${id} (${writer.name ?? 'anonymous'}) cannot be read as ${this.schema.type.name}`,
        { cause },
      );
    }
    const type = this.schema.type;
    const read = (body: Buffer) => type.fromBuffer(body, resolver) as T;
    this.readers.set(id, read);
    return read;
  }
}
