/** Renders what a stored destination would send for a sample qualification event; sends nothing. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { QualificationEvent } from '../../../libs/schema/types.ts';
import type { DestinationCommands } from '../destination-commands.ts';
import { previewDestination } from '../preview-destination.ts';
import { PreviewResultSchema } from '../api-schemas.ts';
import { PreviewBody } from '../request-bodies.ts';
import { ref } from '../schema-kit.ts';
import { bearer, BODY_ERRORS, IdParams, replies } from './route-schemas.ts';

export function previewRoutes(app: FastifyInstance, commands: DestinationCommands): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/v1/destinations/:id/preview',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'previewDestination',
        tags: ['destinations'],
        security: bearer,
        params: IdParams,
        body: ref(PreviewBody),
        summary: 'Render what the destination would send for a sample event',
        response: replies(
          { 200: { description: 'What would be sent; nothing is sent.', schema: ref(PreviewResultSchema) } },
          [...BODY_ERRORS, 404, 503],
        ),
      },
    },
    async (request) => {
      const destination = await commands.get(Number(request.params.id));
      const atMs = request.body.at === undefined ? Date.now() : Date.parse(request.body.at);
      const e = request.body.event;
      const event: QualificationEvent = {
        eventId: 'preview',
        eventTime: atMs,
        uuid: e.uuid ?? '00000000000000000000000000000000000001',
        platform: e.platform ?? 'browser',
        region: e.region ?? null,
        pageProtocol: e.pageProtocol ?? 'HTTPS',
        realTime: e.realTime ?? true,
        mcid: e.mcid ?? null,
        partnerIds: e.partnerIds ?? [],
        consent: e.consent ?? null,
        optedOut: e.optedOut ?? false,
        segments: e.segments.map((s) => ({
          sid: s.sid,
          status: s.status,
          updatedAt: s.updatedAt === undefined ? atMs : Date.parse(s.updatedAt),
          dataSourceIds: [],
        })),
      };
      return previewDestination({ destination, event, atMs });
    },
  );
}
