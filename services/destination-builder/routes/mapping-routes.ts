/**
 * Segment mappings of a destination: list, add one, bulk-add, update one, remove one. If-Match is
 * optional here: the server merges the change into the latest version under the write lock, so no
 * update is lost; with If-Match the change applies only to that version. Answers carry the
 * destination's new ETag.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requestMeta } from '../authenticate.ts';
import type { DestinationCommands } from '../destination-commands.ts';
import { DestinationSchema, MappingListSchema } from '../api-schemas.ts';
import { destinationView } from '../destination-view.ts';
import { etagOf, parseIfMatch } from '../if-match.ts';
import { MappingBody, MappingPatch, MappingsBody, MappingUpdateBody } from '../request-bodies.ts';
import { ref } from '../schema-kit.ts';
import { onlyMethods } from '../method-not-allowed.ts';
import { bodyChecker, MERGE_PATCH_TYPES } from './merge-patch-body.ts';
import {
  bearer,
  BODY_ERRORS,
  IdParams,
  IfMatchOptional,
  MappingParams,
  replies,
  type ErrorStatus,
} from './route-schemas.ts';

const changed = (status: 200 | 201) =>
  ({
    [status]: {
      description: 'The destination with the change; its new ETag in the header.',
      schema: ref(DestinationSchema),
      headers: ['etag'],
    },
  }) as const;
const WRITE_ERRORS: ErrorStatus[] = [...BODY_ERRORS, 403, 404, 412, 422, 503];
const checkMapping = bodyChecker(MappingUpdateBody);

export function mappingRoutes(app: FastifyInstance, commands: DestinationCommands): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  onlyMethods(app, '/v1/destinations/:id/mappings/bulk', ['POST']);
  const tags = ['mappings'];

  api.get(
    '/v1/destinations/:id/mappings',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listMappings',
        tags,
        security: bearer,
        params: IdParams,
        summary: 'List the mappings of a destination',
        response: replies(
          { 200: { description: 'The mappings.', schema: ref(MappingListSchema), headers: ['etag'] } },
          [400, 404, 503],
        ),
      },
    },
    async (request, reply) => {
      const found = await commands.get(Number(request.params.id));
      reply.header('etag', etagOf(found.version));
      return { items: destinationView(found).mappings };
    },
  );

  api.post(
    '/v1/destinations/:id/mappings',
    {
      config: { role: 'editor' },
      schema: {
        operationId: 'addMapping',
        tags,
        security: bearer,
        params: IdParams,
        headers: IfMatchOptional,
        body: ref(MappingBody),
        summary: 'Map one segment (409 when it is mapped already)',
        response: replies(changed(201), [...WRITE_ERRORS, 409]),
      },
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
        operationId: 'addMappings',
        tags,
        security: bearer,
        params: IdParams,
        headers: IfMatchOptional,
        body: ref(MappingsBody),
        summary: 'Map many segments at once (all or nothing; 409 when one is mapped already)',
        response: replies(changed(201), [...WRITE_ERRORS, 409]),
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
        operationId: 'replaceMapping',
        tags,
        security: bearer,
        params: MappingParams,
        headers: IfMatchOptional,
        body: ref(MappingUpdateBody),
        summary: 'Replace the mapping of a segment',
        response: replies(changed(200), WRITE_ERRORS),
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

  api.patch(
    '/v1/destinations/:id/mappings/:sid',
    {
      config: { role: 'editor' },
      schema: {
        operationId: 'patchMapping',
        tags,
        security: bearer,
        params: MappingParams,
        headers: IfMatchOptional,
        consumes: MERGE_PATCH_TYPES,
        body: ref(MappingPatch),
        summary: 'Change the mapping of a segment (JSON Merge Patch)',
        response: replies(changed(200), WRITE_ERRORS),
      },
    },
    async (request, reply) => {
      const { id, sid } = request.params;
      const updated = await commands.patchMapping(
        Number(id),
        Number(sid),
        parseIfMatch(request.headers['if-match']),
        request.body,
        checkMapping(request),
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
      schema: {
        operationId: 'deleteMapping',
        tags,
        security: bearer,
        params: MappingParams,
        headers: IfMatchOptional,
        summary: 'Unmap a segment',
        response: replies(changed(200), [400, 403, 404, 412, 503]),
      },
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
