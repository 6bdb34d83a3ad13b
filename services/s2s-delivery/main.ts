/** s2s-delivery process: config from the environment, ops HTTP server, graceful shutdown on SIGTERM. */
import Fastify from 'fastify';
import { loadConfig } from '../../libs/config/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { registerOpsRoutes } from '../../libs/runtime/ops-routes.ts';
import { s2sDeliveryConfigSchema } from './config.ts';
import { SERVICE, startS2sDelivery } from './start-s2s-delivery.ts';

const config = loadConfig(s2sDeliveryConfigSchema);
const logger = createLogger(SERVICE, config.logLevel);
const instance = await startS2sDelivery(config, { logger });
const app = Fastify({ logger: false });
registerOpsRoutes(app, instance.registry, { consumer: () => instance.ready() });
await app.listen({ host: config.httpHost, port: config.httpPort });
logger.info({ port: config.httpPort }, 's2s-delivery started');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing the batch in flight, leaving the group');
    void (async () => {
      await app.close();
      await instance.stop();
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  });
}
