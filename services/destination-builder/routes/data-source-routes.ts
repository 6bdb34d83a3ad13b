/** Data sources and their data export controls (SPEC §6): read for viewers, write for admins. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DataSource } from '../../../libs/schema/types.ts';
import { requestMeta } from '../authenticate.ts';
import type { DataSourceCommands } from '../data-source-commands.ts';
import { LabelSchema } from '../destination-body.ts';
import { etagOf, parseIfMatch } from '../if-match.ts';
import { bearer, IdParams } from './route-schemas.ts';

const DataSourceBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 255 })),
    exportControls: Type.Array(LabelSchema, { maxItems: 4, description: 'Prohibited data export labels.' }),
  },
  { additionalProperties: false },
);

function view(source: DataSource) {
  return { ...source, updatedAt: new Date(source.updatedAt).toISOString() };
}

export function dataSourceRoutes(app: FastifyInstance, sources: DataSourceCommands): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['data sources'];

  api.get(
    '/v1/data-sources',
    { config: { role: 'viewer' }, schema: { tags, security: bearer, summary: 'List data sources' } },
    async () => ({
      items: (await sources.list()).map(view),
    }),
  );

  api.get(
    '/v1/data-sources/:id',
    {
      config: { role: 'viewer' },
      schema: { tags, security: bearer, params: IdParams, summary: 'Read a data source' },
    },
    async (request, reply) => {
      const found = await sources.get(Number(request.params.id));
      reply.header('etag', etagOf(found.version));
      return view(found);
    },
  );

  api.put(
    '/v1/data-sources/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags,
        security: bearer,
        params: IdParams,
        body: DataSourceBody,
        summary: 'Create or replace the export controls of a data source (If-Match when it exists)',
      },
    },
    async (request, reply) => {
      const saved = await sources.put(
        Number(request.params.id),
        parseIfMatch(request.headers['if-match']),
        request.body,
        requestMeta(request),
      );
      reply.code(saved.version === 1 ? 201 : 200).header('etag', etagOf(saved.version));
      return view(saved);
    },
  );

  api.delete(
    '/v1/data-sources/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags,
        security: bearer,
        params: IdParams,
        summary: 'Delete a data source (If-Match required)',
      },
    },
    async (request, reply) => {
      await sources.remove(
        Number(request.params.id),
        parseIfMatch(request.headers['if-match']),
        requestMeta(request),
      );
      return reply.code(204).send();
    },
  );
}
