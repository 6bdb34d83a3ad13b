/**
 * What every service's main.ts does, once: config from the environment, the logger, the process
 * guard, start the definition, listen, stop gracefully on SIGTERM/SIGINT, and exit non-zero for the
 * process supervisor when a consumer gave up restarting (ARCHITECTURE "Staying up").
 */
import { loadConfig } from '../config/index.ts';
import { createLogger, type Logger } from './logger.ts';
import { exitForRestart, guardProcess } from './guard-process.ts';
import type { ServiceDefinition, ServiceInstance } from './service.ts';
import { stopOnSignals } from './stop-on-signals.ts';

export async function runService<C extends { logLevel: string }>(
  definition: ServiceDefinition<C>,
): Promise<{ instance: ServiceInstance; logger: Logger; address: string }> {
  const config = loadConfig(definition.configSchema) as C;
  const logger = createLogger(definition.name, config.logLevel);
  guardProcess(logger);
  const started = Date.now();
  const instance = await definition.start(config, {
    logger,
    onGiveUp: () => exitForRestart(logger, 'consumer could not be restarted'),
  });
  const { host, port } = definition.address(config);
  const address = await instance.app.listen({ host, port });
  logger.info({ address, ms: Date.now() - started }, `${definition.name} started`);
  stopOnSignals(logger, () => instance.stop(), definition.stopping);
  return { instance, logger, address };
}
