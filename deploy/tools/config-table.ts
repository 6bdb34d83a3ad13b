/**
 * The README config table of a service, generated from its config schema (the schema is the single
 * source: variable, default, description), between the markers
 *   <!-- config-table:start --> ... <!-- config-table:end -->
 */
import type { TObject } from '@sinclair/typebox';
import { describeConfig } from '../../libs/config/load-config.ts';

export const CONFIG_TABLE_START = '<!-- config-table:start -->';
export const CONFIG_TABLE_END = '<!-- config-table:end -->';

export function configTable(schema: TObject): string {
  const rows = describeConfig(schema).map(
    (row) => `| \`${row.variable}\` | \`${row.default}\` | ${row.description.replace(/\|/g, '\\|')} |`,
  );
  return ['| variable | default | description |', '|---|---|---|', ...rows].join('\n');
}

/** The README text with its config table replaced (or appended under "## Config" when absent). */
export function withConfigTable(readme: string, schema: TObject): string {
  const block = `${CONFIG_TABLE_START}\n${configTable(schema)}\n${CONFIG_TABLE_END}`;
  const start = readme.indexOf(CONFIG_TABLE_START);
  const end = readme.indexOf(CONFIG_TABLE_END);
  if (start >= 0 && end > start)
    return readme.slice(0, start) + block + readme.slice(end + CONFIG_TABLE_END.length);
  return `${readme.trimEnd()}\n\n## Config (generated)\n${block}\n`;
}
