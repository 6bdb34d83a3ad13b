/**
 * The builder's OpenAPI document without a running builder: the app is built with inert
 * dependencies (nothing behind the routes; no request is served, no broker is needed) and asked
 * for its document. Used to generate the web UI's API types (deploy/tools/api-types.ts) and to lint
 * the document in CI; the running builder serves the same document at /openapi.json.
 */
import { createMetrics } from '../../libs/metrics/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { buildApp, type AppDeps } from './build-app.ts';
import { createBuilderMetrics } from './metrics.ts';

const unused = new Proxy(
  {},
  {
    get: (_target, name) => {
      throw new Error(`the OpenAPI document builder serves no request (${String(name)} was called)`);
    },
  },
);

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const registry = createMetrics('destination-builder');
  const app = await buildApp({
    logger: createLogger('destination-builder', 'silent'),
    registry,
    metrics: createBuilderMetrics(registry, () => 0),
    bodyLimitBytes: 1,
    destinations: unused as AppDeps['destinations'],
    dataSources: unused as AppDeps['dataSources'],
    tokens: unused as AppDeps['tokens'],
    readiness: {},
  });
  await app.ready();
  const document = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  return document;
}
