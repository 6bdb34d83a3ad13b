/**
 * Development and test guard (CHECK_RESPONSES): before an answer is serialized, it is validated
 * against the response schema its route documents for that status, with the route's own validator
 * (shared components resolved). Production serializes by the same schema, which silently drops a
 * field the schema does not declare; here such drift is an error (logged, answered 500), so tests
 * and the schemathesis run see it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../libs/errors/index.ts';

type Validate = ReturnType<FastifyRequest['compileValidationSchema']>;

export function checkResponses(app: FastifyInstance): void {
  const compiled = new WeakMap<object, Validate>();
  app.addHook('preSerialization', async (request, reply, payload) => {
    const responses = request.routeOptions.schema?.response as Record<string, object> | undefined;
    const declared = responses?.[String(reply.statusCode)];
    if (declared === undefined || payload === null || typeof payload !== 'object') return payload;
    let validate = compiled.get(declared);
    if (validate === undefined) {
      // `headers` documents response headers for the OpenAPI document; it is no schema keyword
      const { headers: _headers, ...schema } = declared as { headers?: unknown };
      validate = request.compileValidationSchema(schema);
      compiled.set(declared, validate);
    }
    if (!validate(payload)) {
      const problems = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? e.keyword}`);
      request.log.error({ problems, status: reply.statusCode }, 'answer does not match its response schema');
      throw new AppError('internal', `answer does not match its response schema: ${problems.join('; ')}`);
    }
    return payload;
  });
}
