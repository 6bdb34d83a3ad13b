/**
 * The HTTP API of the destination builder: Fastify with JSON Schema validation that refuses
 * unknown fields and never coerces types, a body size limit, bearer-token auth before body
 * parsing, the routes, the OpenAPI document (`/openapi.json`, UI at `/docs`) and the ops routes.
 */
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from '../../libs/metrics/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import { registerOpsRoutes, type ReadinessCheck } from '../../libs/runtime/ops-routes.ts';
import { COMPONENTS } from './api-schemas.ts';
import { authenticate } from './authenticate.ts';
import type { DataSourceCommands } from './data-source-commands.ts';
import type { DestinationCommands } from './destination-commands.ts';
import { errorHandler } from './error-handler.ts';
import { answerMethodNotAllowed } from './method-not-allowed.ts';
import { checkResponses } from './check-responses.ts';
import type { createBuilderMetrics } from './metrics.ts';
import { dataSourceRoutes } from './routes/data-source-routes.ts';
import { destinationRoutes } from './routes/destination-routes.ts';
import { mappingRoutes } from './routes/mapping-routes.ts';
import { registerMergePatchParser } from './routes/merge-patch-body.ts';
import { previewRoutes } from './routes/preview-routes.ts';
import { statsRoutes } from './routes/stats-routes.ts';
import { templateRoutes } from './routes/template-routes.ts';
import { tokenRoutes } from './routes/token-routes.ts';
import { serveUi } from './serve-ui.ts';
import type { TokenStore } from './token-store.ts';

export interface AppDeps {
  logger: Logger;
  registry: Registry;
  metrics: ReturnType<typeof createBuilderMetrics>;
  bodyLimitBytes: number;
  /** Check each answer against its response schema (development and tests). */
  checkResponses?: boolean;
  destinations: DestinationCommands;
  dataSources: DataSourceCommands;
  tokens: TokenStore;
  readiness: Record<string, ReadinessCheck>;
  /** Folder of the built web UI, served at /ui/ when it exists. */
  uiDir?: string;
  /** Delivery services' /metrics URLs read by GET /v1/delivery-stats. */
  deliveryMetricsUrls?: readonly string[];
  /** Base URL of the s2s exporter's export API read by GET /v1/destinations/{id}/export-history. */
  exportHistoryUrl?: string;
  exportHistoryToken?: string;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.bodyLimitBytes,
    genReqId: () => randomUUID(),
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true },
    },
  });
  app.setErrorHandler(errorHandler);
  answerMethodNotAllowed(app);
  if (deps.checkResponses === true) checkResponses(app);
  registerMergePatchParser(app);
  for (const component of COMPONENTS) app.addSchema(component);
  await app.register(swagger, {
    // components keep their $id as their name (the default numbers them def-0, def-1, ...)
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      servers: [{ url: '/', description: 'This builder' }],
      info: {
        title: 'Destination Builder API',
        version: '1.0.0',
        description:
          'Destinations, segment mappings, data export controls and API tokens. Writes use optimistic concurrency: send the ETag you read as If-Match.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.addHook('onRequest', authenticate(deps.tokens));
  app.addHook('onResponse', async (request, reply) => {
    if (!WRITE_METHODS.has(request.method) || request.routeOptions.config.role === undefined) return;
    const outcome = reply.statusCode < 400 ? 'committed' : reply.statusCode < 500 ? 'rejected' : 'failed';
    deps.metrics.writes.inc({ outcome });
  });
  destinationRoutes(app, deps.destinations);
  mappingRoutes(app, deps.destinations);
  previewRoutes(app, deps.destinations);
  dataSourceRoutes(app, deps.dataSources);
  tokenRoutes(app, deps.tokens);
  templateRoutes(app);
  statsRoutes(app, {
    deliveryMetricsUrls: deps.deliveryMetricsUrls ?? [],
    exportHistoryUrl: deps.exportHistoryUrl ?? '',
    exportHistoryToken: deps.exportHistoryToken ?? '',
  });
  if (deps.uiDir !== undefined) await serveUi(app, deps.uiDir);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerOpsRoutes(app, deps.registry, deps.readiness);
  return app;
}
