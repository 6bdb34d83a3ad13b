/**
 * Verifies the S2S batch export directory against SPEC §4: every `<root>.info` manifest lists files
 * that exist with the stated byte size, md5 and line count; Totals add up; no temp file is left;
 * `full` files hold exactly the addressable users with live segments, one line
 * `<partner user id> <live values,> <removed values,>`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { S2sMembership } from './expect-deliveries.ts';

export interface ExportReport {
  dir: string;
  manifests: number;
  files: number;
  lines: number;
  problems: string[];
  names: string[];
}

interface Manifest {
  Files: {
    FileName: string;
    FileSequenceNumber: number;
    FileByteSize: number;
    FileLineCount: number;
    md5: string;
  }[];
  Totals: { FileName: string; TotalNumberFiles: number; TotalNumberLines: number; TotalByteSize: number };
}

export function verifyExports(
  dir: string,
  fullState: ReadonlyMap<string, ReadonlyMap<string, S2sMembership>>,
  idSyncs: ReadonlyMap<string, string>,
): ExportReport {
  const report: ExportReport = { dir, manifests: 0, files: 0, lines: 0, problems: [], names: [] };
  if (!existsSync(dir)) return report;
  const entries = readdirSync(dir);
  report.names = entries.sort();
  for (const name of entries) {
    if (/\.(tmp|part)$|^\./.test(name)) report.problems.push(`temporary file left: ${name}`);
  }
  for (const info of entries.filter((n) => n.endsWith('.info'))) {
    report.manifests += 1;
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, info), 'utf8')) as Manifest;
    } catch (error) {
      report.problems.push(`${info}: not JSON (${(error as Error).message})`);
      continue;
    }
    let lines = 0;
    let bytes = 0;
    const fullLines: string[] = [];
    for (const file of manifest.Files ?? []) {
      const path = join(dir, file.FileName);
      if (!existsSync(path)) {
        report.problems.push(`${info}: ${file.FileName} missing`);
        continue;
      }
      report.files += 1;
      const raw = readFileSync(path);
      const text = (file.FileName.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
      const fileLines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
      if (statSync(path).size !== file.FileByteSize)
        report.problems.push(`${file.FileName}: size differs from the manifest`);
      if (createHash('md5').update(raw).digest('hex') !== file.md5)
        report.problems.push(`${file.FileName}: md5 differs`);
      if (fileLines.length !== file.FileLineCount)
        report.problems.push(`${file.FileName}: line count differs`);
      lines += fileLines.length;
      bytes += file.FileByteSize;
      if (/_full_/.test(file.FileName)) fullLines.push(...fileLines);
    }
    report.lines += lines;
    const totals = manifest.Totals;
    if (
      !totals ||
      totals.TotalNumberFiles !== (manifest.Files ?? []).length ||
      totals.TotalNumberLines !== lines ||
      totals.TotalByteSize !== bytes
    ) {
      report.problems.push(`${info}: Totals do not add up`);
    }
    if (/_full_/.test(info)) report.problems.push(...compareFull(info, fullLines, fullState, idSyncs));
  }
  return report;
}

function compareFull(
  info: string,
  lines: string[],
  state: ReadonlyMap<string, ReadonlyMap<string, S2sMembership>>,
  idSyncs: ReadonlyMap<string, string>,
): string[] {
  const want = new Map<string, string>();
  for (const [uuid, segments] of state) {
    const partnerId = idSyncs.get(uuid);
    const live = [...segments]
      .filter(([, m]) => m.member)
      .map(([v]) => v)
      .sort();
    if (partnerId !== undefined && live.length > 0) want.set(partnerId, live.join(','));
  }
  const got = new Map<string, string>();
  for (const line of lines) {
    const [partnerId = '', live = ''] = line.split(' ');
    got.set(
      partnerId,
      live
        .split(',')
        .filter((v) => v !== '')
        .sort()
        .join(','),
    );
  }
  const problems: string[] = [];
  for (const [id, live] of want)
    if (got.get(id) !== live)
      problems.push(`${info}: user ${id} expected ${live}, got ${got.get(id) ?? '(absent)'}`);
  for (const id of got.keys()) if (!want.has(id)) problems.push(`${info}: unexpected user ${id}`);
  return problems;
}
