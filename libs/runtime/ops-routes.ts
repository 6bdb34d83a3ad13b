/**
 * Operational endpoints every service exposes on its Fastify server:
 *   GET /metrics  Prometheus text format from the service's registry
 *   GET /healthz  200 while the process is alive
 *   GET /readyz   200 when every readiness check passes, else 503 with the failing checks
 */
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export type ReadinessCheck = () => boolean | Promise<boolean>;

export function registerOpsRoutes(
  app: FastifyInstance,
  registry: Registry,
  checks: Record<string, ReadinessCheck> = {},
): void {
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const results: Record<string, boolean> = {};
    for (const [name, check] of Object.entries(checks)) {
      try {
        results[name] = await check();
      } catch {
        results[name] = false;
      }
    }
    const ready = Object.values(results).every(Boolean);
    reply.code(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not_ready', checks: results };
  });
}
