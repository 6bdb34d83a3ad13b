import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_TABLE_START, withConfigTable } from '../deploy/tools/config-table.ts';
import { SERVICE_CONFIGS } from './service-configs.ts';

describe('service README config tables', () => {
  it.each(Object.entries(SERVICE_CONFIGS))(
    '%s README table is generated from its config schema',
    (service, schema) => {
      const readme = readFileSync(new URL(`./${service}/README.md`, import.meta.url), 'utf8');
      expect(readme).toContain(CONFIG_TABLE_START);
      // Run `npm run docs:config` when this fails.
      expect(withConfigTable(readme, schema)).toBe(readme);
    },
  );
});
