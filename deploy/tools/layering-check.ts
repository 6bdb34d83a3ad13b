/**
 * The layering check run by `npm test` (issue 15): reads every TypeScript import of the product and
 * fails when
 *   1. a file imports from a higher floor: libs/ (floor 1) < services/ (floor 2) < deploy/, test/
 *      (floor 3); `libs/` never imports `services/`, and no service imports another service
 *      (`services/all-in-one` starts the others, and `services/service-configs.ts`
 *      and `services/service-definitions.ts` list them: the allowed exceptions, ALLOWED_CROSS_SERVICE);
 *   2. a file under `libs/` has fewer than two owners and is not in the allow-list below. Owners of a
 *      libs file: the services (and `deploy/`) that import it, directly or through other libs files;
 *      tests do not count (a lib used by one service and its tests still belongs to that service).
 * Imports are read from the TypeScript syntax tree (import/export-from declarations), not with
 * regexes, so comments and strings are not mistaken for imports. An import of a barrel (`index.ts`)
 * counts for the files that export the names imported, not for every file of the barrel.
 * Usage: `tsx deploy/tools/layering-check.ts` (exit 1 on a violation, the list printed);
 * `--list` prints every libs file with its owners.
 */
import { existsSync, readdirSync, statSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/** Service folders that start or list the others (the composition root), allowed to import services. */
const ALLOWED_CROSS_SERVICE = [
  'services/all-in-one/',
  'services/service-configs.ts',
  'services/service-definitions.ts',
];

/**
 * libs files with a single owner, each with why it stays. SHARED_BY_DESIGN: a seam meant for more
 * than one user. PENDING_MOVE: known single-owner code that issue 15 moves to its owner; the check
 * keeps new files off this list, and an entry that gained a second owner (or moved) fails as stale.
 */
const SHARED_BY_DESIGN: Record<string, string> = {
  'libs/config/child-env.ts':
    'reads process.env, which only libs/config may (lint rule); used by the demo to start the all-in-one',
  'libs/kafka/lag-reader.ts': 'speaks kafkajs, which stays behind libs/kafka (fixed choice)',
  'libs/kafka/murmur2-partition.ts':
    'speaks kafkajs, which stays behind libs/kafka (fixed choice) (the kafkajs default partitioner)',
  'libs/kafka/partition-producers.ts': 'speaks kafkajs, which stays behind libs/kafka (fixed choice)',
  'libs/kafka/record-timestamp-reader.ts': 'speaks kafkajs, which stays behind libs/kafka (fixed choice)',
  'libs/kafka/stored-offset-consumer.ts': 'speaks kafkajs, which stays behind libs/kafka (fixed choice)',
  'libs/kafka/delayed-consumer.ts':
    'speaks kafkajs (the consume loop of the retry topics), which stays behind libs/kafka (fixed choice)',
  'libs/kafka/partition-progress.ts': 'the commit bookkeeping of libs/kafka/delayed-consumer.ts, beside it',
  'libs/kafka/partition-lag.ts': 'the arithmetic of libs/kafka/lag-reader.ts, beside it',
  'libs/kafka/map-with-concurrency.ts': 'used by libs/kafka/lag-reader.ts, beside it',
};
const PENDING_MOVE: Record<string, string> = {};

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

interface ImportRef {
  specifier: string;
  /** Names imported or re-exported (original names); null = the whole module (namespace, side effect). */
  names: string[] | null;
  reexport: boolean;
}

function importsOf(file: string): ImportRef[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest);
  const refs: ImportRef[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const bindings = statement.importClause?.namedBindings;
      const names =
        bindings && ts.isNamedImports(bindings)
          ? bindings.elements.map((e) => (e.propertyName ?? e.name).text)
          : statement.importClause?.name
            ? ['default']
            : null;
      refs.push({ specifier: statement.moduleSpecifier.text, names, reexport: false });
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      const clause = statement.exportClause;
      const names = clause && ts.isNamedExports(clause) ? clause.elements.map((e) => e.name.text) : null;
      refs.push({ specifier: statement.moduleSpecifier.text, names, reexport: true });
    }
  }
  return refs;
}

function floor(file: string): number {
  if (file.startsWith('libs/')) return 1;
  if (file.startsWith('services/')) return 2;
  return 3;
}

function serviceOf(file: string): string | null {
  const match = /^services\/([^/]+)\//.exec(file);
  return match ? `services/${match[1]}` : null;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith('test/');

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(ROOT, dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate);
  }
  return null;
}

export interface Report {
  upward: string[];
  singleOwner: { file: string; owners: string[] }[];
  stale: string[];
  owners: Map<string, Set<string>>;
}

export function check(): Report {
  const files = ['libs', 'services', 'deploy', 'test']
    .filter((d) => existsSync(join(ROOT, d)))
    .flatMap((d) => walk(join(ROOT, d)))
    .map((f) => relative(ROOT, f));
  const parsed = new Map(files.map((f) => [f, importsOf(f)]));
  // Barrels: which file each exported name comes from.
  const barrels = new Map<string, Map<string, string>>();
  for (const [file, imports] of parsed) {
    if (!file.endsWith('/index.ts')) continue;
    const names = new Map<string, string>();
    for (const i of imports) {
      const target = i.reexport ? resolveImport(file, i.specifier) : null;
      if (target !== null) for (const name of i.names ?? []) names.set(name, target);
    }
    barrels.set(file, names);
  }
  const importers = new Map<string, Set<string>>();
  const addImporter = (target: string, file: string) => {
    if (!importers.has(target)) importers.set(target, new Set());
    importers.get(target)!.add(file);
  };
  const upward: string[] = [];
  for (const [file, imports] of parsed) {
    for (const { specifier, names } of imports) {
      const target = resolveImport(file, specifier);
      if (target === null) continue;
      addImporter(target, file);
      const barrel = barrels.get(target);
      if (barrel && names !== null && file !== target) {
        for (const name of names) {
          const source = barrel.get(name);
          if (source !== undefined) addImporter(source, file);
        }
      }
      if (isTest(file)) continue;
      const crossService =
        serviceOf(file) !== null &&
        serviceOf(target) !== null &&
        serviceOf(file) !== serviceOf(target) &&
        !ALLOWED_CROSS_SERVICE.some((allowed) => file.startsWith(allowed));
      if (floor(target) > floor(file) || crossService) upward.push(`${file} -> ${target}`);
    }
  }

  const owners = new Map<string, Set<string>>();
  const ownersOf = (file: string, seen = new Set<string>()): Set<string> => {
    const known = owners.get(file);
    if (known) return known;
    const result = new Set<string>();
    seen.add(file);
    for (const importer of importers.get(file) ?? []) {
      if (isTest(importer)) continue;
      // A barrel re-exporting this file passes its importers on by name (counted above).
      if ([...(barrels.get(importer)?.values() ?? [])].includes(file)) continue;
      if (importer.startsWith('libs/')) {
        if (!seen.has(importer)) for (const o of ownersOf(importer, seen)) result.add(o);
      } else {
        result.add(serviceOf(importer) ?? importer.split('/').slice(0, 2).join('/'));
      }
    }
    if (seen.size === 1) owners.set(file, result);
    seen.delete(file);
    return result;
  };
  const libs = files.filter((f) => f.startsWith('libs/') && !isTest(f));
  for (const file of libs) owners.set(file, ownersOf(file, new Set()));

  const allowed = { ...SHARED_BY_DESIGN, ...PENDING_MOVE };
  const singleOwner = libs
    .filter((f) => !f.endsWith('/index.ts'))
    .map((file) => ({ file, owners: [...owners.get(file)!].sort() }))
    .filter(({ owners: o }) => o.length < 2);
  const stale = Object.keys(allowed).filter((file) => !singleOwner.some((s) => s.file === file));
  return {
    upward,
    singleOwner: singleOwner.filter(({ file }) => !(file in allowed)),
    stale,
    owners,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const report = check();
  if (process.argv.includes('--list')) {
    for (const [file, o] of [...report.owners].sort())
      console.log(`${o.size}\t${file}\t${[...o].sort().join(' ')}`);
  }
  for (const line of report.upward)
    console.error(`layering: import from a higher floor or another service: ${line}`);
  for (const { file, owners: o } of report.singleOwner) {
    console.error(
      `layering: ${file} has ${o.length === 0 ? 'no owner' : `one owner (${o[0]})`}: move it there or add it to the allow-list`,
    );
  }
  for (const file of report.stale)
    console.error(`layering: allow-list entry ${file} is stale (moved, or now shared)`);
  const failed = report.upward.length + report.singleOwner.length + report.stale.length;
  console.log(`layering: ${report.owners.size} libs files checked, ${failed} problem(s)`);
  process.exit(failed > 0 ? 1 : 0);
}
