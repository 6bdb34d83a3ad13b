/**
 * Read-only delivery figures for the web UI, both optional (`available: false` when not configured
 * or not answering, and the UI says so):
 *   GET /v1/delivery-stats  the delivery services' /metrics (`DELIVERY_METRICS_URLS`) as
 *       per-destination totals;
 *   GET /v1/destinations/{id}/export-history  the s2s exporter's run history (`EXPORT_HISTORY_URL`).
 */
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ExportRunSchema } from '../../../libs/schema/export-run.ts';
import { deliveryStats } from '../delivery-stats.ts';
import { readExportHistory } from '../read-export-history.ts';
import { readMetricsSources } from '../read-metrics-sources.ts';
import { DeliveryStatsSchema, ExportHistorySchema } from '../api-schemas.ts';
import { ref } from '../schema-kit.ts';
import { bearer, IdParams, replies } from './route-schemas.ts';

const HistoryQuery = Type.Object(
  { limit: Type.Optional(Type.String({ pattern: '^(?:[1-9][0-9]?|100)$' })) },
  { additionalProperties: false },
);

// export runs as the exporter writes them, extra fields allowed (a newer exporter's)
const READABLE_RUN = { ...ExportRunSchema, additionalProperties: true };

export interface StatsSources {
  deliveryMetricsUrls: readonly string[];
  exportHistoryUrl: string;
  exportHistoryToken: string;
}

export function statsRoutes(
  app: FastifyInstance,
  { deliveryMetricsUrls, exportHistoryUrl, exportHistoryToken }: StatsSources,
): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/v1/delivery-stats',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getDeliveryStats',
        tags: ['destinations'],
        security: bearer,
        summary: 'Delivery and export figures per destination, read from the delivery services’ metrics',
        response: replies(
          {
            200: {
              description: 'The figures (available: false when no service answered).',
              schema: ref(DeliveryStatsSchema),
            },
          },
          [],
        ),
      },
    },
    async () => {
      const { samples, sources } = await readMetricsSources(deliveryMetricsUrls);
      return {
        available: sources.some((s) => s.ok),
        readAt: new Date().toISOString(),
        sources,
        destinations: deliveryStats(samples),
      };
    },
  );

  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/v1/destinations/:id/export-history',
    {
      config: { role: 'viewer' },
      schema: {
        operationId: 'getExportHistory',
        tags: ['destinations'],
        security: bearer,
        params: IdParams,
        querystring: HistoryQuery,
        summary: 'Export runs of a batch S2S destination, read from the s2s exporter (newest first)',
        response: replies(
          {
            200: {
              description: 'The runs (available: false when the exporter did not answer).',
              schema: ref(ExportHistorySchema),
            },
          },
          [400],
        ),
      },
    },
    async (request) => {
      const validate = request.compileValidationSchema(READABLE_RUN);
      return readExportHistory(
        exportHistoryUrl,
        Number(request.params.id),
        Number(request.query.limit ?? 20),
        {
          token: exportHistoryToken,
          isRun: (record) => validate(record),
        },
      );
    },
  );
}
