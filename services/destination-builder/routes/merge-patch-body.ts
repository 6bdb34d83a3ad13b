/**
 * PATCH bodies are JSON Merge Patches (RFC 7396): `application/merge-patch+json`, and plain
 * `application/json` for clients that cannot set the type. The patched document is checked
 * against the full body's schema with the route's own validator (the same issues a PUT gets).
 */
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { schemaIssues, type SchemaError } from '../error-handler.ts';
import type { FailedIssue } from '../validation/validation-failed.ts';
import { ref } from '../schema-kit.ts';

export const MERGE_PATCH_TYPES = ['application/merge-patch+json', 'application/json'];

export function registerMergePatchParser(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/merge-patch+json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
}

/** A checker of the patched document against `schema`, compiled once per route and schema. */
export function bodyChecker(schema: TSchema) {
  const target = ref(schema);
  return (request: FastifyRequest) =>
    (body: unknown): readonly FailedIssue[] => {
      const validate = request.compileValidationSchema(target);
      return validate(body) ? [] : schemaIssues((validate.errors ?? []) as SchemaError[], 'body');
    };
}
