/** Every service's config schema, by service folder: the source of the README config tables. */
import type { TObject } from '@sinclair/typebox';
import { allInOneConfigSchema } from './all-in-one/config.ts';
import { bootstrapConfigSchema } from './bootstrap/config.ts';
import { cookieDeliveryConfigSchema } from './cookie-delivery/config.ts';
import { builderConfigSchema } from './destination-builder/config.ts';
import { lagExporterConfigSchema } from './lag-exporter/config.ts';
import { publisherConfigSchema } from './publisher/config.ts';
import { routerConfigSchema } from './router/config.ts';
import { s2sDeliveryConfigSchema } from './s2s-delivery/config.ts';
import { urlDeliveryConfigSchema } from './url-delivery/config.ts';

export const SERVICE_CONFIGS: Record<string, TObject> = {
  'destination-builder': builderConfigSchema,
  router: routerConfigSchema,
  'url-delivery': urlDeliveryConfigSchema,
  'cookie-delivery': cookieDeliveryConfigSchema,
  's2s-delivery': s2sDeliveryConfigSchema,
  'lag-exporter': lagExporterConfigSchema,
  'all-in-one': allInOneConfigSchema,
  bootstrap: bootstrapConfigSchema,
  publisher: publisherConfigSchema,
};
