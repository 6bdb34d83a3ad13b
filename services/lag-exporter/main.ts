/** lag-exporter process: see libs/runtime/run-service.ts (env, ops + /status server, signals). */
import { runService } from '../../libs/runtime/run-service.ts';
import { lagExporterService } from './start-lag-exporter.ts';

await runService(lagExporterService);
