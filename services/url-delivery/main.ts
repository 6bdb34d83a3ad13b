/** url-delivery process: see libs/runtime/run-service.ts (env, ops server, signals, exit for a restart). */
import { runService } from '../../libs/runtime/run-service.ts';
import { urlDeliveryService } from './start-url-delivery.ts';

await runService(urlDeliveryService);
