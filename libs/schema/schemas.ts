/**
 * The record types of the product, loaded from schemas/*.avsc, each with its registry subject
 * (TopicNameStrategy: `<topic>-value`, resolved against the topic catalog at registration).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import type {
  CookieDeliveryRequest,
  ApiToken,
  DataSource,
  DeadLetter,
  DestinationAudit,
  DestinationConfig,
  IdSync,
  QualificationEvent,
  S2sDeliveryRequest,
  UrlDeliveryRequest,
} from './types.ts';

const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

export interface RecordSchema<T> {
  /** File in schemas/. */
  file: string;
  /** Parsed JSON schema as registered. */
  json: Record<string, unknown>;
  type: avro.Type;
  /** Phantom field carrying the TypeScript shape. */
  readonly _shape?: T;
}

function load<T>(file: string): RecordSchema<T> {
  const json = JSON.parse(readFileSync(SCHEMA_DIR + file, 'utf8')) as Record<string, unknown>;
  return { file, json, type: avro.Type.forSchema(json as avro.Schema) };
}

export const schemas = {
  qualificationEvent: load<QualificationEvent>('qualification-event.avsc'),
  idSync: load<IdSync>('id-sync.avsc'),
  destinationConfig: load<DestinationConfig>('destination-config.avsc'),
  urlDeliveryRequest: load<UrlDeliveryRequest>('url-delivery-request.avsc'),
  cookieDeliveryRequest: load<CookieDeliveryRequest>('cookie-delivery-request.avsc'),
  s2sDeliveryRequest: load<S2sDeliveryRequest>('s2s-delivery-request.avsc'),
  deadLetter: load<DeadLetter>('dead-letter.avsc'),
  destinationAudit: load<DestinationAudit>('destination-audit.avsc'),
  dataSource: load<DataSource>('data-source.avsc'),
  apiToken: load<ApiToken>('api-token.avsc'),
} as const;

export type SchemaName = keyof typeof schemas;
