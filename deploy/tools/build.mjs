#!/usr/bin/env node
/**
 * `npm run build`: compiles the services, libs and the demo to JavaScript in dist/ (TypeScript's own compiler,
 * `rewriteRelativeImportExtensions`: the sources keep their `.ts` import suffixes, the output imports
 * `.js`; no bundler, so stack traces and source maps point at one file each), copies what the code
 * reads at run time beside it (schemas/*.avsc, the lag exporter's status page, the built web UI), and
 * writes dist/build-info.json (version, commit, build time) for `GET /version` and
 * `segdest_build_info`. Every product start (npm scripts, demo, Dockerfile, compose, k8s) runs
 * `node dist/services/<name>/main.js`.
 *
 *   node deploy/tools/build.mjs            clean build (the web UI too, when its sources changed)
 *   node deploy/tools/build.mjs --if-stale build only when a source is newer than the last build
 *   node deploy/tools/build.mjs --no-ui    leave the web UI out (the Docker build makes it in its own stage)
 *   node deploy/tools/build.mjs --quiet    no summary line (CLIs whose output is read)
 *
 * Plain JavaScript on purpose: it runs before anything is compiled, with node alone.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, 'build-info.json');
const UI = join(ROOT, 'services/destination-builder/ui');
const args = new Set(process.argv.slice(2));

/** Newest modification time (ms) of the files under `dirs` that `keep` accepts. */
function newest(dirs, keep) {
  let latest = 0;
  const walk = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const name = path.split('/').pop();
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return;
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if (keep(relative(ROOT, path))) latest = Math.max(latest, stat.mtimeMs);
  };
  for (const dir of dirs) if (existsSync(join(ROOT, dir))) walk(join(ROOT, dir));
  return latest;
}

const isUi = (path) => path.startsWith('services/destination-builder/ui/');
const serverSources = () =>
  newest(
    ['libs', 'services', 'deploy/demo', 'schemas', 'package.json', 'tsconfig.json', 'tsconfig.build.json'],
    (path) => !isUi(path) && !path.endsWith('.test.ts') && /\.(ts|avsc|html|json)$/.test(path),
  );
const uiSources = () => newest(['services/destination-builder/ui'], (path) => !path.includes('/dist/'));
const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${command} ${commandArgs.join(' ')} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

function commit() {
  const fromEnv = process.env.SOURCE_COMMIT;
  if (fromEnv) return fromEnv;
  const git = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (git.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return `${git.stdout.trim()}${dirty.stdout.trim() === '' ? '' : '-dirty'}`;
}

const withUi = !args.has('--no-ui');
const uiIndex = join(UI, 'dist/index.html');
const uiStale = withUi && uiSources() > builtAt(uiIndex);
const serverStale = serverSources() > builtAt(STAMP) || (withUi && builtAt(uiIndex) > builtAt(STAMP));
if (args.has('--if-stale') && !uiStale && !serverStale) process.exit(0);

const started = Date.now();
// A full build starts from nothing (no output of a deleted source survives, and tsc's incremental
// state cannot claim files that were removed by hand); --if-stale builds incrementally.
if (!args.has('--if-stale')) rmSync(DIST, { recursive: true, force: true });
const bin = (name) => join(ROOT, 'node_modules', name);
if (uiStale) {
  run(process.execPath, [bin('typescript/bin/tsc'), '-p', 'services/destination-builder/ui']);
  run(process.execPath, [
    bin('vite/bin/vite.js'),
    'build',
    '--config',
    join(UI, 'vite.config.ts'),
    '--logLevel',
    'warn',
  ]);
}
run(process.execPath, [bin('typescript/bin/tsc'), '-p', 'tsconfig.build.json']);

// What the compiled code reads beside itself (paths relative to import.meta.url, as in the sources).
cpSync(join(ROOT, 'schemas'), join(DIST, 'schemas'), { recursive: true });
cpSync(
  join(ROOT, 'services/lag-exporter/status-page.html'),
  join(DIST, 'services/lag-exporter/status-page.html'),
);
if (existsSync(uiIndex)) {
  cpSync(join(UI, 'dist'), join(DIST, 'services/destination-builder/ui/dist'), { recursive: true });
}
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
mkdirSync(DIST, { recursive: true });
writeFileSync(
  STAMP,
  `${JSON.stringify({ version, commit: commit(), builtAt: new Date().toISOString() }, null, 2)}\n`,
);
if (!args.has('--quiet'))
  console.log(`build: dist/ written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
