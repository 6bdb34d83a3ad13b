/** cookie-delivery process: config from the environment, graceful shutdown on SIGTERM. */
import { loadConfig } from '../../libs/config/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { cookieDeliveryConfigSchema } from './config.ts';
import { SERVICE, startCookieDelivery } from './start-cookie-delivery.ts';

const config = loadConfig(cookieDeliveryConfigSchema);
const logger = createLogger(SERVICE, config.logLevel);
const instance = await startCookieDelivery(config, { logger });
logger.info({ url: instance.url }, 'cookie-delivery started');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing the batch in flight');
    void instance
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  });
}
