/** Destination builder process: see libs/runtime/run-service.ts (env, HTTP API, signals). */
import { runService } from '../../libs/runtime/run-service.ts';
import { destinationBuilderService } from './start-destination-builder.ts';

await runService(destinationBuilderService);
