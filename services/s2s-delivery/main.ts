/** s2s-delivery process: config from the environment, ops + export API server, graceful shutdown on SIGTERM. */
import { loadConfig } from '../../libs/config/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { stopOnSignals } from '../../libs/runtime/stop-on-signals.ts';
import { exitForRestart, guardProcess } from '../../libs/runtime/guard-process.ts';
import { s2sDeliveryConfigSchema } from './config.ts';
import { SERVICE, startS2sDelivery } from './start-s2s-delivery.ts';

const config = loadConfig(s2sDeliveryConfigSchema);
const logger = createLogger(SERVICE, config.logLevel);
guardProcess(logger);
const instance = await startS2sDelivery(config, {
  logger,
  onGiveUp: () => exitForRestart(logger, 'consumer could not be restarted'),
});
const address = await instance.app.listen({ host: config.httpHost, port: config.httpPort });
logger.info({ address }, 's2s-delivery started');

stopOnSignals(
  logger,
  () => instance.stop(),
  'stopping: finishing the batch and sends in flight, leaving the group',
);
