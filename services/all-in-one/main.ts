/**
 * all-in-one process: every service in one process on embedded defaults (see README). Prints one
 * info line `all-in-one ready` with the URL of each service once all are listening; SIGINT/SIGTERM
 * stop them all gracefully (finish in-flight batches, commit, leave the groups).
 */
import { loadConfig } from '../../libs/config/index.ts';
import { exitForRestart, guardProcess } from '../../libs/runtime/guard-process.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { allInOneConfigSchema } from './config.ts';
import { startAllInOne } from './start-all-in-one.ts';

const config = loadConfig(allInOneConfigSchema);
const logger = createLogger('all-in-one', 'info');
const started = Date.now();
guardProcess(logger);
const instance = await startAllInOne(config, {
  onGiveUp: () => exitForRestart(logger, 'a consumer could not be restarted'),
});
logger.info({ urls: instance.urls, groups: instance.groups, ms: Date.now() - started }, 'all-in-one ready');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping every service');
    void instance.stop().then(
      () => {
        logger.info('all-in-one stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
