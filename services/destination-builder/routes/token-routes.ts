/** API tokens (admin): list (never the token or its hash), create (the token is shown once), revoke. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ApiToken } from '../../../libs/schema/types.ts';
import { requestMeta } from '../authenticate.ts';
import type { TokenStore } from '../token-store.ts';
import { bearer } from './route-schemas.ts';

const TokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128 }),
    role: Type.Union([Type.Literal('viewer'), Type.Literal('editor'), Type.Literal('admin')]),
    expiresAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'ISO-8601; omitted = until revoked.' }),
    ),
  },
  { additionalProperties: false },
);

function tokenView(token: ApiToken) {
  return {
    id: token.id,
    name: token.name,
    role: token.role.toLowerCase(),
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
    { config: { role: 'admin' }, schema: { tags, security: bearer, summary: 'List API tokens' } },
    async () => ({
      items: (await tokens.list()).map(tokenView),
    }),
  );

  api.post(
    '/v1/tokens',
    {
      config: { role: 'admin' },
      schema: { tags, security: bearer, body: TokenBody, summary: 'Create an API token (shown once)' },
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
        tags,
        security: bearer,
        params: Type.Object(
          { id: Type.String({ pattern: '^[a-z0-9]{12}$' }) },
          { additionalProperties: false },
        ),
        summary: 'Revoke an API token',
      },
    },
    async (request, reply) => {
      await tokens.revoke(request.params.id, requestMeta(request));
      return reply.code(204).send();
    },
  );
}
