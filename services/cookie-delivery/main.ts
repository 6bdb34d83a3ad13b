/** cookie-delivery process: config from the environment, graceful shutdown on SIGTERM. */
import { loadConfig } from '../../libs/config/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { stopOnSignals } from '../../libs/runtime/stop-on-signals.ts';
import { exitForRestart, guardProcess } from '../../libs/runtime/guard-process.ts';
import { cookieDeliveryConfigSchema } from './config.ts';
import { SERVICE, startCookieDelivery } from './start-cookie-delivery.ts';

const config = loadConfig(cookieDeliveryConfigSchema);
const logger = createLogger(SERVICE, config.logLevel);
guardProcess(logger);
const instance = await startCookieDelivery(config, {
  logger,
  onGiveUp: () => exitForRestart(logger, 'consumer could not be restarted'),
});
logger.info({ url: instance.url }, 'cookie-delivery started');

stopOnSignals(logger, () => instance.stop(), 'stopping: finishing the batch in flight');
