/** s2s-delivery process: see libs/runtime/run-service.ts (env, ops + export API server, signals, exit for a restart). */
import { runService } from '../../libs/runtime/run-service.ts';
import { s2sDeliveryService } from './start-s2s-delivery.ts';

await runService(s2sDeliveryService);
