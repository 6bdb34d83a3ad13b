/** url-delivery process: config from the environment, ops HTTP server, graceful shutdown on SIGTERM. */
import Fastify from 'fastify';
import { loadConfig } from '../../libs/config/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { stopOnSignals } from '../../libs/runtime/stop-on-signals.ts';
import { exitForRestart, guardProcess } from '../../libs/runtime/guard-process.ts';
import { registerOpsRoutes } from '../../libs/runtime/ops-routes.ts';
import { urlDeliveryConfigSchema } from './config.ts';
import { SERVICE, startUrlDelivery } from './start-url-delivery.ts';

const config = loadConfig(urlDeliveryConfigSchema);
const logger = createLogger(SERVICE, config.logLevel);
guardProcess(logger);
const instance = await startUrlDelivery(config, {
  logger,
  onGiveUp: () => exitForRestart(logger, 'consumer could not be restarted'),
});
const app = Fastify({ logger: false });
registerOpsRoutes(app, instance.registry, instance.health.readiness, instance.health.liveness);
const address = await app.listen({ host: config.httpHost, port: config.httpPort });
logger.info({ address }, 'url-delivery started');

stopOnSignals(
  logger,
  async () => {
    await app.close();
    await instance.stop();
  },
  'stopping: finishing in-flight deliveries',
);
