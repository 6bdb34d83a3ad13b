/** CRUD of destinations: list (filters, pagination), read, create, replace, delete. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requestMeta } from '../authenticate.ts';
import type { DestinationCommands } from '../destination-commands.ts';
import { DestinationBody, DestinationPatch } from '../request-bodies.ts';
import { bodyChecker, MERGE_PATCH_TYPES } from './merge-patch-body.ts';
import { destinationView } from '../destination-view.ts';
import { etagOf, parseIfMatch } from '../if-match.ts';
import { listDestinations } from '../list-destinations.ts';
import { DestinationPageSchema, DestinationSchema } from '../api-schemas.ts';
import { ref } from '../schema-kit.ts';
import { bearer, BODY_ERRORS, IdParams, IfMatchRequired, replies } from './route-schemas.ts';

const ListQuery = Type.Object(
  {
    type: Type.Optional(
      Type.String({
        pattern: '^(?:[uU][rR][lL]|[cC][oO][oO][kK][iI][eE]|[sS]2[sS])$',
        description: 'URL, COOKIE or S2S (any case).',
      }),
    ),
    status: Type.Optional(
      Type.String({ pattern: '^(?:[aA][cC][tT][iI][vV][eE]|[pP][aA][uU][sS][eE][dD])$' }),
    ),
    containsSegment: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,9}$' })),
    q: Type.Optional(Type.String({ maxLength: 255 })),
    limit: Type.Optional(Type.String({ pattern: '^(?:[1-9][0-9]?|[1-4][0-9]{2}|500)$' })),
    offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
  },
  { additionalProperties: false },
);

const checkDestination = bodyChecker(DestinationBody);

export function destinationRoutes(app: FastifyInstance, commands: DestinationCommands): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['destinations'];

  api.get(
    '/v1/destinations',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'listDestinations',
        tags,
        security: bearer,
        querystring: ListQuery,
        summary: 'List destinations',
        response: replies(
          { 200: { description: 'One page of destinations.', schema: ref(DestinationPageSchema) } },
          [400, 503],
        ),
      },
    },
    async (request) => {
      const q = request.query;
      const page = listDestinations(await commands.list(), {
        ...(q.type ? { type: q.type } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.containsSegment ? { containsSegment: Number(q.containsSegment) } : {}),
        ...(q.q ? { q: q.q } : {}),
        limit: Number(q.limit ?? 50),
        offset: Number(q.offset ?? 0),
      });
      return { ...page, items: page.items.map(destinationView) };
    },
  );

  api.post(
    '/v1/destinations',
    {
      config: { role: 'editor' },
      schema: {
        operationId: 'createDestination',
        tags,
        security: bearer,
        body: ref(DestinationBody),
        summary: 'Create a destination',
        response: replies(
          { 201: { description: 'Created.', schema: ref(DestinationSchema), headers: ['etag', 'location'] } },
          [...BODY_ERRORS, 403, 422, 503],
        ),
      },
    },
    async (request, reply) => {
      const created = await commands.create(request.body, requestMeta(request));
      reply
        .code(201)
        .header('etag', etagOf(created.version))
        .header('location', `/v1/destinations/${created.id}`);
      return destinationView(created);
    },
  );

  api.get(
    '/v1/destinations/:id',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getDestination',
        tags,
        security: bearer,
        params: IdParams,
        summary: 'Read a destination',
        response: replies(
          { 200: { description: 'The destination.', schema: ref(DestinationSchema), headers: ['etag'] } },
          [400, 404, 503],
        ),
      },
    },
    async (request, reply) => {
      const found = await commands.get(Number(request.params.id));
      reply.header('etag', etagOf(found.version));
      return destinationView(found);
    },
  );

  api.put(
    '/v1/destinations/:id',
    {
      config: { role: 'editor' },
      schema: {
        operationId: 'replaceDestination',
        tags,
        security: bearer,
        params: IdParams,
        headers: IfMatchRequired,
        body: ref(DestinationBody),
        summary: 'Replace a destination (If-Match required; mappings kept when omitted)',
        response: replies(
          { 200: { description: 'Replaced.', schema: ref(DestinationSchema), headers: ['etag'] } },
          [...BODY_ERRORS, 403, 404, 412, 422, 428, 503],
        ),
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const updated = await commands.update(
        Number(request.params.id),
        ifMatch,
        request.body,
        requestMeta(request),
      );
      reply.header('etag', etagOf(updated.version));
      return destinationView(updated);
    },
  );

  api.patch(
    '/v1/destinations/:id',
    {
      config: { role: 'editor' },
      schema: {
        operationId: 'patchDestination',
        tags,
        security: bearer,
        params: IdParams,
        headers: IfMatchRequired,
        consumes: MERGE_PATCH_TYPES,
        body: ref(DestinationPatch),
        summary: 'Change a destination (JSON Merge Patch, RFC 7396; If-Match required)',
        response: replies(
          { 200: { description: 'Changed.', schema: ref(DestinationSchema), headers: ['etag'] } },
          [...BODY_ERRORS, 403, 404, 412, 422, 428, 503],
        ),
      },
    },
    async (request, reply) => {
      const updated = await commands.patch(
        Number(request.params.id),
        parseIfMatch(request.headers['if-match']),
        request.body,
        checkDestination(request),
        requestMeta(request),
      );
      reply.header('etag', etagOf(updated.version));
      return destinationView(updated);
    },
  );

  api.delete(
    '/v1/destinations/:id',
    {
      config: { role: 'editor' },
      schema: {
        operationId: 'deleteDestination',
        tags,
        security: bearer,
        params: IdParams,
        headers: IfMatchRequired,
        summary: 'Delete a destination (If-Match required)',
        response: replies({ 204: { description: 'Deleted.' } }, [400, 403, 404, 412, 428, 503]),
      },
    },
    async (request, reply) => {
      await commands.remove(
        Number(request.params.id),
        parseIfMatch(request.headers['if-match']),
        requestMeta(request),
      );
      return reply.code(204).send();
    },
  );
}
