/**
 * What the routes share in their schemas: path parameters (strings with patterns: no coercion),
 * the security requirement, and `replies()`, which declares an operation's answers for the
 * OpenAPI document and for serialization: its success answers with their schemas and headers,
 * then the error statuses it can give, each with the shared Error component.
 */
import type {} from '@fastify/swagger';
import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorSchema } from '../api-schemas.ts';
import { ref } from '../schema-kit.ts';

export const IdParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) },
  { additionalProperties: false },
);

export const MappingParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }), sid: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) },
  { additionalProperties: false },
);

export const bearer = [{ bearer: [] }];

// The ETag as parseIfMatch reads it: "3", W/"3" or 3. Declared optional so that a missing one
// reaches the handler and is answered 428 (HTTP's "Precondition Required"), not 400.
const ifMatch = (description: string) =>
  Type.Object({
    'if-match': Type.Optional(Type.String({ pattern: '^\\s*(?:W/)?"?[0-9]{1,9}"?\\s*$', description })),
  });

export const IfMatchRequired = ifMatch(
  'The ETag you read. Required: without it the answer is 428; a stale one is answered 412.',
);

export const IfMatchOptional = ifMatch(
  'The ETag you read: the change then applies only to that version (412 otherwise). Without it the change is merged into the latest version.',
);

const ERRORS = {
  400: 'The request does not match the schema; `issues` say where.',
  401: 'No valid bearer token.',
  403: 'The token’s role may not do this.',
  404: 'No such resource.',
  409: 'The request conflicts with the current state (e.g. the segment is already mapped); `issues` say where.',
  412: 'If-Match names a version that is no longer current: read the resource again and retry.',
  413: 'The body is larger than the limit.',
  415: 'The body is not JSON.',
  422: 'The request breaks configuration rules; `issues` say where.',
  428: 'If-Match is required: send the ETag you read.',
  503: 'Kafka or the schema registry is unavailable, or the configuration is not caught up: retry later.',
} as const;

export type ErrorStatus = keyof typeof ERRORS;

export interface Success {
  description: string;
  /** Omitted: no body (204). */
  schema?: TSchema;
  headers?: readonly ('etag' | 'location')[];
}

const HEADERS = {
  etag: { type: 'string', description: 'The version, quoted ("3"); send it back as If-Match.' },
  location: { type: 'string', description: 'The URL of the created resource.' },
} as const;

/** Statuses every operation behind authentication can answer, whatever it does. */
const AUTHENTICATED: ErrorStatus[] = [401];

export function replies(success: Record<number, Success>, errors: readonly ErrorStatus[]) {
  const out: Record<string, object> = {};
  for (const [status, answer] of Object.entries(success)) {
    const headers =
      answer.headers === undefined
        ? {}
        : { headers: Object.fromEntries(answer.headers.map((h) => [h, HEADERS[h]])) };
    out[status] =
      answer.schema === undefined
        ? { description: answer.description, type: 'null', ...headers }
        : { description: answer.description, ...headers, ...answer.schema };
  }
  for (const status of [...new Set([...AUTHENTICATED, ...errors])].sort()) {
    out[status] = { description: ERRORS[status], ...ref(ErrorSchema) };
  }
  return out;
}

/** The answers of a body-carrying write (schema, size and media type of the body). */
export const BODY_ERRORS: readonly ErrorStatus[] = [400, 413, 415];
