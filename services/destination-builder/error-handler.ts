/**
 * One place that turns errors into HTTP answers `{ error, message, issues? }`:
 *   body/query schema violations 400 (issues from the JSON Schema validator, as JSON pointers),
 *   domain rule violations 422 (ValidationFailed issues), a conflict with the current state 409
 *   (the segment is already mapped), 401 / 403 / 404, a stale If-Match 412 (Precondition Failed),
 *   428 (If-Match missing), body too large 413, not JSON 415, Kafka unavailable or not caught up
 *   503, else 500.
 * Error messages of 5xx are not echoed to the client.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed } from './validation/validation-failed.ts';
import { AppError, type ErrorCode } from '../../libs/errors/index.ts';

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  version_conflict: 412,
  conflict: 409,
  validation_failed: 422,
  precondition_required: 428,
  kafka: 503,
  registry_unavailable: 503,
};

export interface Issue {
  pointer: string;
  rule: string;
  message: string;
}

export interface SchemaError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function schemaIssue(error: SchemaError, context: string): Issue {
  const base = context === 'body' ? '' : `/${context}`;
  if (error.keyword === 'additionalProperties') {
    return {
      pointer: `${base}${error.instancePath}/${String(error.params.additionalProperty)}`,
      rule: 'unknown_field',
      message: 'unknown field',
    };
  }
  if (error.keyword === 'required') {
    return {
      pointer: `${base}${error.instancePath}/${String(error.params.missingProperty)}`,
      rule: 'required',
      message: 'required field is missing',
    };
  }
  return {
    pointer: `${base}${error.instancePath}`,
    rule: error.keyword === 'type' ? 'wrong_type' : error.keyword,
    message: error.message ?? error.keyword,
  };
}

/** Issues of JSON Schema errors, without the noise of nullable unions, one per pointer and rule. */
export function schemaIssues(all: readonly SchemaError[], context: string): Issue[] {
  // Nullable fields are `anyOf [T, null]`: the `must be null` and `anyOf` errors only repeat the real one.
  const noise = (e: SchemaError) =>
    e.keyword === 'anyOf' || (e.keyword === 'type' && e.params.type === 'null');
  const relevant = all.some((e) => !noise(e)) ? all.filter((e) => !noise(e)) : all;
  const seen = new Set<string>();
  return relevant
    .map((e) => schemaIssue(e, context))
    .filter(
      (issue) => !seen.has(`${issue.pointer} ${issue.rule}`) && seen.add(`${issue.pointer} ${issue.rule}`),
    );
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.validation) {
    const issues = schemaIssues(
      error.validation as unknown as SchemaError[],
      error.validationContext ?? 'body',
    );
    return reply
      .code(400)
      .send({ error: 'invalid_request', message: 'the request does not match the schema', issues });
  }
  if (error instanceof ValidationFailed) {
    const conflict = error.code === 'conflict';
    return reply.code(conflict ? 409 : 422).send({
      error: error.code,
      message: conflict
        ? 'the request conflicts with the current state'
        : 'the request breaks configuration rules',
      issues: error.issues,
    });
  }
  if (AppError.is(error)) {
    const status = STATUS[error.code] ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (status === 401) reply.header('www-authenticate', 'Bearer realm="destination-builder"');
    return reply.code(status).send({
      error: error.code,
      message: status >= 500 ? 'service unavailable, retry later' : error.message,
    });
  }
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({ error: 'internal', message: 'internal error' });
  }
  const code =
    status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : 'invalid_request';
  return reply.code(status).send({ error: code, message: error.message });
}
