/**
 * What this process runs: the product version and commit (dist/build-info.json, written by
 * `npm run build`; run from the sources, the package.json version and commit `source`), the Node.js
 * version, and whether it runs compiled JavaScript or TypeScript sources. Served on `GET /version`
 * and as the `segdest_build_info` metric.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface BuildInfo {
  version: string;
  commit: string;
  builtAt: string | null;
  node: string;
  /** `compiled` under dist/, `source` when the .ts files run through tsx or vitest. */
  runtime: 'compiled' | 'source';
}

let cached: BuildInfo | undefined;

export function buildInfo(): BuildInfo {
  if (cached) return cached;
  const compiled = import.meta.url.endsWith('.js');
  // dist/libs/runtime/build-info.js -> dist/build-info.json; libs/runtime/build-info.ts -> package.json
  const stamp = fileURLToPath(new URL('../../build-info.json', import.meta.url));
  const pkg = fileURLToPath(new URL('../../package.json', import.meta.url));
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const built = compiled && existsSync(stamp) ? read(stamp) : undefined;
  const version = String(built?.version ?? (existsSync(pkg) ? read(pkg).version : undefined) ?? 'unknown');
  cached = {
    version,
    commit: String(built?.commit ?? 'source'),
    builtAt: typeof built?.builtAt === 'string' ? built.builtAt : null,
    node: process.versions.node,
    runtime: compiled ? 'compiled' : 'source',
  };
  return cached;
}
