/**
 * The export history API, beside /metrics /healthz /readyz on the ops port:
 *   GET  /v1/destinations/{id}/exports[?limit=50]  newest first: mode, outcome, file names, users,
 *        lines, bytes, duration, watermark window, error (AAM: Outbound File History / job history)
 *   POST /v1/destinations/{id}/exports {"mode":"full"|"iter"}  runs an export now, answers with its record
 *   POST /v1/destinations/{id}/replay  a full export from the current state (a partner lost its data)
 * 404 unknown destination, 409 not a batch S2S destination or another instance holds its lease.
 * With a token configured, every route needs `Authorization: Bearer <token>` (401 otherwise, compared
 * in constant time); the ops routes on the same port (/metrics, /healthz, /readyz) stay open.
 */
import { timingSafeEqual } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { DestinationConfig } from '../../libs/schema/index.ts';
import { ExportRunSchema } from '../../libs/schema/export-run.ts';
import { type StoreHandle } from '../../libs/store/index.ts';
import { listExports, type ExportRecord } from './store/export-history.ts';
import { type ExportMode } from './store/stream-users.ts';
import type { ExportResult } from './run-export.ts';

export interface ExportRoutesDeps {
  store: StoreHandle;
  /** Bearer token the routes require; empty = none. */
  token: string;
  destination(id: number): DestinationConfig | undefined;
  trigger(destination: DestinationConfig, mode: ExportMode): Promise<ExportResult>;
}

const ExportSchema = ExportRunSchema;
const ErrorSchema = Type.Object({ error: Type.String(), message: Type.String() });
const Params = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const TriggerBody = Type.Object({ mode: Type.Union([Type.Literal('full'), Type.Literal('iter')]) });

/** True when the Authorization header carries the expected bearer token. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function registerExportRoutes(app: FastifyInstance, deps: ExportRoutesDeps): void {
  if (deps.token !== '') {
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/v1/destinations/')) return;
      if (bearerMatches(request.headers.authorization, deps.token)) return;
      await reply.code(401).header('www-authenticate', 'Bearer').send({
        error: 'unauthenticated',
        message: 'the export API needs Authorization: Bearer <EXPORT_API_TOKEN>',
      });
    });
  }
  app.get<{ Params: Static<typeof Params>; Querystring: { limit?: number } }>(
    '/v1/destinations/:id/exports',
    {
      schema: {
        params: Params,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
        response: { 200: Type.Object({ exports: Type.Array(ExportSchema) }) },
      },
    },
    async (request) => ({
      exports: await listExports(deps.store, request.params.id, request.query.limit ?? 50),
    }),
  );

  const run = async (id: number, mode: ExportMode, reply: { code(status: number): unknown }) => {
    const destination = deps.destination(id);
    if (destination === undefined) {
      reply.code(404);
      return { error: 'not_found', message: `destination ${id} is unknown` };
    }
    const result = await deps.trigger(destination, mode);
    if (result.kind === 'not_batch') {
      reply.code(409);
      return { error: 'not_batch', message: `destination ${id} has no batch export settings` };
    }
    if (result.kind === 'busy') {
      reply.code(409);
      return { error: 'busy', message: `another instance is exporting destination ${id}` };
    }
    reply.code(result.record.outcome === 'succeeded' ? 201 : 500);
    return result.record satisfies ExportRecord;
  };
  const responses = { 201: ExportSchema, 404: ErrorSchema, 409: ErrorSchema, 500: ExportSchema };

  app.post<{ Params: Static<typeof Params>; Body: Static<typeof TriggerBody> }>(
    '/v1/destinations/:id/exports',
    { schema: { params: Params, body: TriggerBody, response: responses } },
    async (request, reply) => run(request.params.id, request.body.mode, reply),
  );
  app.post<{ Params: Static<typeof Params> }>(
    '/v1/destinations/:id/replay',
    { schema: { params: Params, response: responses } },
    async (request, reply) => run(request.params.id, 'full', reply),
  );
}
