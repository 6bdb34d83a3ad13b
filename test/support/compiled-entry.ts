/**
 * The compiled entry point of a product main, as every deployment runs it: `services/router/main.ts`
 * (relative to the repository or absolute) -> `<repo>/dist/services/router/main.js`, started with
 * plain `node`. The integration tests' global setup builds dist/ first when a source is newer
 * (`node deploy/tools/build.mjs --if-stale`), so a test never runs a stale build.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function compiledEntry(main: string): string {
  const source = isAbsolute(main) ? relative(ROOT, main) : main;
  const entry = join(ROOT, 'dist', source.replace(/\.ts$/, '.js'));
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: run \`npm run build\` (the integration setup does it)`);
  }
  return entry;
}
