import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_TABLE_START, withConfigTable } from './config-table.ts';
import { CONFIG_READMES } from './config-tables.ts';

describe('README config tables', () => {
  it.each(Object.entries(CONFIG_READMES))(
    '%s table is generated from its config schema',
    (readme, schema) => {
      const text = readFileSync(new URL(`../../${readme}`, import.meta.url), 'utf8');
      expect(text).toContain(CONFIG_TABLE_START);
      // Run `npm run docs:config` when this fails.
      expect(withConfigTable(text, schema)).toBe(text);
    },
  );
});
