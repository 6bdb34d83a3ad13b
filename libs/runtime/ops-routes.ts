/**
 * Operational endpoints every service exposes on its Fastify server:
 *   GET /metrics  Prometheus text format from the service's registry
 *   GET /healthz  200 while every liveness check passes (a consumer that is down or has given up
 *                 fails it), else 503 with the checks: restart me if this stays failed
 *   GET /readyz   200 when every readiness check passes (broker and database reachable now, config
 *                 loaded, consumer in its group), else 503 with the failing checks
 *   GET /version  the build this process runs: version, commit, build time, Node.js version,
 *                 compiled or source (build-info.ts; also the segdest_build_info metric)
 */
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { buildInfo } from './build-info.ts';

export type ReadinessCheck = () => boolean | Promise<boolean>;

/** What a service instance answers on /readyz (readiness) and /healthz (liveness). */
export interface ServiceHealth {
  readiness: Record<string, ReadinessCheck>;
  liveness: Record<string, ReadinessCheck>;
}

// Documented where a service publishes an OpenAPI document (the builder): public, tagged ops.
const checksSchema = (statuses: [string, string]) => ({
  type: 'object',
  additionalProperties: false,
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: statuses },
    checks: { type: 'object', additionalProperties: { type: 'boolean' } },
  },
});
const ops = (operationId: string, summary: string, response: Record<string, object>) => ({
  schema: { tags: ['ops'], security: [], operationId, summary, response },
});
const HEALTH = checksSchema(['ok', 'failing']);
const READY = checksSchema(['ready', 'not_ready']);
const VERSION = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'commit', 'builtAt', 'node', 'runtime'],
  properties: {
    version: { type: 'string' },
    commit: { type: 'string' },
    builtAt: { type: ['string', 'null'] },
    node: { type: 'string' },
    runtime: { type: 'string', enum: ['compiled', 'source'] },
  },
};

export function registerOpsRoutes(
  app: FastifyInstance,
  registry: Registry,
  checks: Record<string, ReadinessCheck> = {},
  liveness: Record<string, ReadinessCheck> = {},
): void {
  const evaluate = async (list: Record<string, ReadinessCheck>) => {
    const results: Record<string, boolean> = {};
    for (const [name, check] of Object.entries(list)) {
      try {
        results[name] = await check();
      } catch {
        results[name] = false;
      }
    }
    return { ok: Object.values(results).every(Boolean), results };
  };
  const metricsDoc = ops('getMetrics', 'Prometheus metrics (text exposition format)', {
    200: {
      description: 'The metrics.',
      content: { 'text/plain': { schema: { type: 'string' } } },
    },
  });
  app.get('/metrics', metricsDoc, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  app.get(
    '/version',
    ops('getVersion', 'The build this process runs', { 200: { description: 'The build.', ...VERSION } }),
    async () => buildInfo(),
  );
  const healthDoc = ops('getHealth', 'Liveness: 503 means restart me if it stays so', {
    200: { description: 'Every liveness check passes.', ...HEALTH },
    503: { description: 'A liveness check fails.', ...HEALTH },
  });
  app.get('/healthz', healthDoc, async (_request, reply) => {
    const { ok, results } = await evaluate(liveness);
    reply.code(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'failing', checks: results };
  });
  const readyDoc = ops('getReadiness', 'Readiness: 503 while a dependency is unreachable or not caught up', {
    200: { description: 'Every readiness check passes.', ...READY },
    503: { description: 'A readiness check fails.', ...READY },
  });
  app.get('/readyz', readyDoc, async (_request, reply) => {
    const { ok, results } = await evaluate(checks);
    reply.code(ok ? 200 : 503);
    return { status: ok ? 'ready' : 'not_ready', checks: results };
  });
}
