/**
 * `npm run docs:config`: regenerates the config table of every service README from the service's
 * config schema. services/config-tables.test.ts fails when a README is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { withConfigTable } from './config-table.ts';
import { SERVICE_CONFIGS } from '../../services/service-configs.ts';

for (const [service, schema] of Object.entries(SERVICE_CONFIGS)) {
  const path = new URL(`../../services/${service}/README.md`, import.meta.url);
  const before = readFileSync(path, 'utf8');
  const after = withConfigTable(before, schema);
  if (after !== before) {
    writeFileSync(path, after);
    process.stdout.write(`updated services/${service}/README.md\n`);
  }
}
