/** Data sources and their data export controls (SPEC §6): read for viewers, write for admins. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DataSource } from '../../../libs/schema/types.ts';
import { requestMeta } from '../authenticate.ts';
import type { DataSourceCommands } from '../data-source-commands.ts';
import { DataSourceListSchema, DataSourceSchema } from '../api-schemas.ts';
import { etagOf, parseIfMatch } from '../if-match.ts';
import { DataSourceBody } from '../request-bodies.ts';
import { ref } from '../schema-kit.ts';
import { bearer, BODY_ERRORS, IdParams, IfMatchRequired, replies } from './route-schemas.ts';

function view(source: DataSource) {
  return { ...source, updatedAt: new Date(source.updatedAt).toISOString() };
}

export function dataSourceRoutes(app: FastifyInstance, sources: DataSourceCommands): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['data sources'];

  api.get(
    '/v1/data-sources',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listDataSources',
        tags,
        security: bearer,
        summary: 'List data sources',
        response: replies(
          { 200: { description: 'Every data source.', schema: ref(DataSourceListSchema) } },
          [503],
        ),
      },
    },
    async () => ({
      items: (await sources.list()).map(view),
    }),
  );

  api.get(
    '/v1/data-sources/:id',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getDataSource',
        tags,
        security: bearer,
        params: IdParams,
        summary: 'Read a data source',
        response: replies(
          { 200: { description: 'The data source.', schema: ref(DataSourceSchema), headers: ['etag'] } },
          [400, 404, 503],
        ),
      },
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
        operationId: 'putDataSource',
        tags,
        security: bearer,
        params: IdParams,
        headers: IfMatchRequired,
        body: ref(DataSourceBody),
        summary: 'Create or replace the export controls of a data source (If-Match when it exists)',
        response: replies(
          {
            200: { description: 'Replaced.', schema: ref(DataSourceSchema), headers: ['etag'] },
            201: { description: 'Created.', schema: ref(DataSourceSchema), headers: ['etag'] },
          },
          [...BODY_ERRORS, 403, 412, 422, 428, 503],
        ),
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
        operationId: 'deleteDataSource',
        tags,
        security: bearer,
        params: IdParams,
        headers: IfMatchRequired,
        summary: 'Delete a data source (If-Match required)',
        response: replies({ 204: { description: 'Deleted.' } }, [400, 403, 404, 412, 428, 503]),
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
