/** cookie-delivery process: see libs/runtime/run-service.ts (env, HTTP server, signals, exit for a restart). */
import { runService } from '../../libs/runtime/run-service.ts';
import { cookieDeliveryService } from './start-cookie-delivery.ts';

await runService(cookieDeliveryService);
