/**
 * Every long-running service of the product, by name, as main.ts runs it (libs/runtime/service.ts):
 * the one list all-in-one and the test harnesses start. Data plane first, in the order all-in-one
 * stops them; the builder and the lag exporter link to the data plane's URLs, so they start last.
 */
import type { ServiceDefinition, ServiceInstance } from '../libs/runtime/service.ts';
import { cookieDeliveryService } from './cookie-delivery/start-cookie-delivery.ts';
import { destinationBuilderService } from './destination-builder/start-destination-builder.ts';
import { lagExporterService } from './lag-exporter/start-lag-exporter.ts';
import { routerService } from './router/start-router.ts';
import { s2sDeliveryService } from './s2s-delivery/start-s2s-delivery.ts';
import { urlDeliveryService } from './url-delivery/start-url-delivery.ts';

export const SERVICE_DEFINITIONS = {
  router: routerService,
  'url-delivery': urlDeliveryService,
  'cookie-delivery': cookieDeliveryService,
  's2s-delivery': s2sDeliveryService,
  'destination-builder': destinationBuilderService,
  'lag-exporter': lagExporterService,
} as const;

export type ServiceName = keyof typeof SERVICE_DEFINITIONS;
export const SERVICES = Object.keys(SERVICE_DEFINITIONS) as ServiceName[];
/** The services with a consumer group (what the lag exporter reports). */
export const DATA_PLANE = ['router', 'url-delivery', 'cookie-delivery', 's2s-delivery'] as const;
export type DataPlaneService = (typeof DATA_PLANE)[number];

/** The instance type each definition starts. */
export type InstanceOf<N extends ServiceName> =
  (typeof SERVICE_DEFINITIONS)[N] extends ServiceDefinition<never, infer I> ? I : ServiceInstance;
