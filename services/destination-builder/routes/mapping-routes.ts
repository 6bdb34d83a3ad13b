/**
 * Segment mappings of a destination: list, add one, bulk-add, update one, remove one. If-Match is
 * optional here: the server merges the change into the latest version under the write lock, so no
 * update is lost; with If-Match the change applies only to that version. Answers carry the
 * destination's new ETag.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requestMeta } from '../authenticate.ts';
import type { DestinationCommands } from '../destination-commands.ts';
import { MappingBody, MappingsBody } from '../destination-body.ts';
import { destinationView } from '../destination-view.ts';
import { etagOf, parseIfMatch } from '../if-match.ts';
import { bearer, IdParams, MappingParams } from './route-schemas.ts';

const MappingUpdateBody = Type.Omit(MappingBody, ['sid'], { additionalProperties: false });

export function mappingRoutes(app: FastifyInstance, commands: DestinationCommands): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['mappings'];

  api.get(
    '/v1/destinations/:id/mappings',
    {
      config: { role: 'viewer' },
      schema: { tags, security: bearer, params: IdParams, summary: 'List the mappings of a destination' },
    },
    async (request, reply) => {
      const found = await commands.get(Number(request.params.id));
      reply.header('etag', etagOf(found.version));
      return { items: found.mappings };
    },
  );

  api.post(
    '/v1/destinations/:id/mappings',
    {
      config: { role: 'editor' },
      schema: { tags, security: bearer, params: IdParams, body: MappingBody, summary: 'Map one segment' },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const updated = await commands.addMappings(
        Number(request.params.id),
        ifMatch,
        [request.body],
        requestMeta(request),
        true,
      );
      reply.code(201).header('etag', etagOf(updated.version));
      return destinationView(updated);
    },
  );

  api.post(
    '/v1/destinations/:id/mappings/bulk',
    {
      config: { role: 'editor' },
      schema: {
        tags,
        security: bearer,
        params: IdParams,
        body: MappingsBody,
        summary: 'Map many segments at once (all or nothing)',
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const updated = await commands.addMappings(
        Number(request.params.id),
        ifMatch,
        request.body.mappings,
        requestMeta(request),
        false,
      );
      reply.code(201).header('etag', etagOf(updated.version));
      return destinationView(updated);
    },
  );

  api.put(
    '/v1/destinations/:id/mappings/:sid',
    {
      config: { role: 'editor' },
      schema: {
        tags,
        security: bearer,
        params: MappingParams,
        body: MappingUpdateBody,
        summary: 'Update the mapping of a segment',
      },
    },
    async (request, reply) => {
      const { id, sid } = request.params;
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const updated = await commands.updateMapping(
        Number(id),
        Number(sid),
        ifMatch,
        request.body,
        requestMeta(request),
      );
      reply.header('etag', etagOf(updated.version));
      return destinationView(updated);
    },
  );

  api.delete(
    '/v1/destinations/:id/mappings/:sid',
    {
      config: { role: 'editor' },
      schema: { tags, security: bearer, params: MappingParams, summary: 'Unmap a segment' },
    },
    async (request, reply) => {
      const { id, sid } = request.params;
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const updated = await commands.removeMapping(Number(id), Number(sid), ifMatch, requestMeta(request));
      reply.header('etag', etagOf(updated.version));
      return destinationView(updated);
    },
  );
}
