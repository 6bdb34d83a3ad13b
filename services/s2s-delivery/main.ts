/** s2s-delivery process: config from the environment, ops + export API server, graceful shutdown on SIGTERM. */
import { loadConfig } from '../../libs/config/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { s2sDeliveryConfigSchema } from './config.ts';
import { SERVICE, startS2sDelivery } from './start-s2s-delivery.ts';

const config = loadConfig(s2sDeliveryConfigSchema);
const logger = createLogger(SERVICE, config.logLevel);
const instance = await startS2sDelivery(config, { logger });
await instance.app.listen({ host: config.httpHost, port: config.httpPort });
logger.info({ port: config.httpPort }, 's2s-delivery started');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing the batch and sends in flight, leaving the group');
    void (async () => {
      await instance.stop();
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  });
}
