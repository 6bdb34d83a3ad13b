/** router process: see libs/runtime/run-service.ts (env, ops server, signals, exit for a restart). */
import { runService } from '../../libs/runtime/run-service.ts';
import { routerService } from './start-router.ts';

await runService(routerService);
