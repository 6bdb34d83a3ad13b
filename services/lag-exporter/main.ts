/** lag-exporter process: config from the environment, ops HTTP server, graceful shutdown on SIGTERM. */
import { loadConfig } from '../../libs/config/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { lagExporterConfigSchema } from './config.ts';
import { SERVICE, startLagExporter } from './start-lag-exporter.ts';

const config = loadConfig(lagExporterConfigSchema);
const logger = createLogger(SERVICE, config.logLevel);
const exporter = await startLagExporter(config, { logger });
await exporter.app.listen({ host: config.httpHost, port: config.httpPort });
logger.info(
  { port: config.httpPort, groups: config.consumerGroups, groupPrefix: config.consumerGroupPrefix },
  'lag-exporter started',
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    void exporter.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
