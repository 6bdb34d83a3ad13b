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
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  app.get('/version', async () => buildInfo());
  app.get('/healthz', async (_request, reply) => {
    const { ok, results } = await evaluate(liveness);
    reply.code(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'failing', checks: results };
  });
  app.get('/readyz', async (_request, reply) => {
    const { ok, results } = await evaluate(checks);
    reply.code(ok ? 200 : 503);
    return { status: ok ? 'ready' : 'not_ready', checks: results };
  });
}
