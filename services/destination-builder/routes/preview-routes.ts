/** Renders what a stored destination would send for a sample qualification event; sends nothing. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { QualificationEvent } from '../../../libs/schema/types.ts';
import type { DestinationCommands } from '../destination-commands.ts';
import { previewDestination } from '../preview-destination.ts';
import { bearer, IdParams } from './route-schemas.ts';

const strict = { additionalProperties: false } as const;

const SampleEvent = Type.Object(
  {
    uuid: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z-]{1,64}$' })),
    platform: Type.Optional(
      Type.Union([Type.Literal('browser'), Type.Literal('android'), Type.Literal('ios')]),
    ),
    region: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    pageProtocol: Type.Optional(Type.Union([Type.Literal('HTTPS'), Type.Literal('HTTP')])),
    realTime: Type.Optional(Type.Boolean()),
    mcid: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    partnerIds: Type.Optional(
      Type.Array(Type.Object({ dpid: Type.Integer(), id: Type.String({ maxLength: 256 }) }, strict), {
        maxItems: 50,
      }),
    ),
    consent: Type.Optional(
      Type.Union([
        Type.Object(
          {
            gdprApplies: Type.Boolean(),
            tcString: Type.Union([Type.String({ maxLength: 4096 }), Type.Null()]),
          },
          strict,
        ),
        Type.Null(),
      ]),
    ),
    optedOut: Type.Optional(Type.Boolean()),
    segments: Type.Array(
      Type.Object(
        {
          sid: Type.Integer({ minimum: 1 }),
          status: Type.Union([
            Type.Literal('QUALIFIED'),
            Type.Literal('ACTIVE'),
            Type.Literal('DISQUALIFIED'),
          ]),
          updatedAt: Type.Optional(Type.String({ format: 'date-time' })),
        },
        strict,
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  strict,
);

const PreviewBody = Type.Object(
  {
    event: SampleEvent,
    at: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'When the event happens (mapping dates); default now.',
      }),
    ),
  },
  strict,
);

export function previewRoutes(app: FastifyInstance, commands: DestinationCommands): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/v1/destinations/:id/preview',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['destinations'],
        security: bearer,
        params: IdParams,
        body: PreviewBody,
        summary: 'Render what the destination would send for a sample event',
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
