/** API tokens (admin): list (never the token or its hash), create (the token is shown once), revoke. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ApiToken } from '../../../libs/schema/types.ts';
import { requestMeta } from '../authenticate.ts';
import type { TokenStore } from '../token-store.ts';
import { CreatedTokenSchema, TokenListSchema } from '../api-schemas.ts';
import { TokenBody } from '../request-bodies.ts';
import { ref } from '../schema-kit.ts';
import { bearer, BODY_ERRORS, replies } from './route-schemas.ts';

function tokenView(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    role: token.role.toLowerCase() as Lowercase<ApiToken['role']>,
    createdBy: token.createdBy,
    createdAt: new Date(token.createdAt).toISOString(),
    expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
  };
}

export function tokenRoutes(app: FastifyInstance, tokens: TokenStore): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tokens'];

  api.get(
    '/v1/tokens',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'listTokens',
        tags,
        security: bearer,
        summary: 'List API tokens',
        response: replies(
          { 200: { description: 'Every token, never its value.', schema: ref(TokenListSchema) } },
          [403, 503],
        ),
      },
    },
    async () => ({
      items: (await tokens.list()).map(tokenView),
    }),
  );

  api.post(
    '/v1/tokens',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'createToken',
        tags,
        security: bearer,
        body: ref(TokenBody),
        summary: 'Create an API token (shown once)',
        response: replies(
          {
            201: {
              description: 'Created; the token is in this answer only.',
              schema: ref(CreatedTokenSchema),
            },
          },
          [...BODY_ERRORS, 403, 422, 503],
        ),
      },
    },
    async (request, reply) => {
      const { name, role, expiresAt } = request.body;
      const created = await tokens.create(
        { name, role, expiresAt: expiresAt === undefined ? null : Date.parse(expiresAt) },
        requestMeta(request),
      );
      reply.code(201);
      return { ...tokenView(created.record), token: created.token };
    },
  );

  api.delete(
    '/v1/tokens/:id',
    {
      config: { role: 'admin' },
      schema: {
        operationId: 'revokeToken',
        tags,
        security: bearer,
        params: Type.Object(
          { id: Type.String({ pattern: '^[a-z0-9]{12}$' }) },
          { additionalProperties: false },
        ),
        summary: 'Revoke an API token',
        response: replies({ 204: { description: 'Revoked.' } }, [400, 403, 404, 503]),
      },
    },
    async (request, reply) => {
      await tokens.revoke(request.params.id, requestMeta(request));
      return reply.code(204).send();
    },
  );
}
