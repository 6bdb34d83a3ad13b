/**
 * `npm run docs:config`: regenerates the config table of every README that documents a config
 * schema (each service's, and the demo's) from the schema. config-tables.test.ts fails when a README
 * is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TObject } from '@sinclair/typebox';
import { demoConfigSchema } from '../demo/config.ts';
import { withConfigTable } from './config-table.ts';
import { SERVICE_CONFIGS } from '../../services/service-configs.ts';

/** README (relative to the repository) -> the config schema its table documents. */
export const CONFIG_READMES: Record<string, TObject> = {
  ...Object.fromEntries(
    Object.entries(SERVICE_CONFIGS).map(([service, schema]) => [`services/${service}/README.md`, schema]),
  ),
  'deploy/demo/README.md': demoConfigSchema,
};

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  for (const [readme, schema] of Object.entries(CONFIG_READMES)) {
    const path = new URL(`../../${readme}`, import.meta.url);
    const before = readFileSync(path, 'utf8');
    const after = withConfigTable(before, schema);
    if (after !== before) {
      writeFileSync(path, after);
      process.stdout.write(`updated ${readme}\n`);
    }
  }
}
