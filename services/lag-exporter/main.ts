/** lag-exporter process: config from the environment, ops HTTP server, graceful shutdown on SIGTERM. */
import { loadConfig } from '../../libs/config/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { stopOnSignals } from '../../libs/runtime/stop-on-signals.ts';
import { guardProcess } from '../../libs/runtime/guard-process.ts';
import { lagExporterConfigSchema } from './config.ts';
import { SERVICE, startLagExporter } from './start-lag-exporter.ts';

const config = loadConfig(lagExporterConfigSchema);
const logger = createLogger(SERVICE, config.logLevel);
guardProcess(logger);
const exporter = await startLagExporter(config, { logger });
await exporter.app.listen({ host: config.httpHost, port: config.httpPort });
logger.info(
  { port: config.httpPort, groups: config.consumerGroups, groupPrefix: config.consumerGroupPrefix },
  'lag-exporter started',
);

stopOnSignals(logger, () => exporter.stop());
