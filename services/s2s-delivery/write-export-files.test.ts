import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { infoManifest } from './info-manifest.ts';
import { writeExportFiles, type LineChunk } from './write-export-files.ts';

async function* chunks(...pages: string[][]): AsyncGenerator<LineChunk> {
  for (const lines of pages) yield { text: lines.map((l) => `${l}\n`).join(''), lines: lines.length };
}

describe('writeExportFiles', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('splits between lines at the size limit, md5 and sizes of the bytes written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'write-export-'));
    dirs.push(dir);
    // 9-byte lines, limit 20: two lines per part.
    const parts = await writeExportFiles(
      chunks(['aaaaaaaa', 'bbbbbbbb', 'cccccccc'], ['dddddddd', 'eeeeeeee']),
      {
        workDir: dir,
        tempPrefix: '.t-',
        gzip: false,
        splitSizeBytes: 20,
      },
    );
    const contents = await Promise.all(parts.map((p) => readFile(join(dir, p.tempName), 'utf8')));
    expect(contents).toEqual(['aaaaaaaa\nbbbbbbbb\n', 'cccccccc\ndddddddd\n', 'eeeeeeee\n']);
    expect(parts.map((p) => [p.tempName, p.lines, p.bytes])).toEqual([
      ['.t-1', 2, 18],
      ['.t-2', 2, 18],
      ['.t-3', 1, 9],
    ]);
    expect(parts[0]!.md5).toBe(createHash('md5').update(contents[0]!).digest('hex'));
  });

  it('gzips, one part when not split, an empty part when there are no lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'write-export-'));
    dirs.push(dir);
    const [part] = await writeExportFiles(chunks(['x 1 ', 'y 2 ']), {
      workDir: dir,
      tempPrefix: '.g-',
      gzip: true,
      splitSizeBytes: null,
    });
    const data = await readFile(join(dir, part!.tempName));
    expect(gunzipSync(data).toString()).toBe('x 1 \ny 2 \n');
    expect(part).toMatchObject({ lines: 2, bytes: data.length });
    const empty = await writeExportFiles(chunks(), {
      workDir: dir,
      tempPrefix: '.e-',
      gzip: false,
      splitSizeBytes: 10,
    });
    expect(empty).toEqual([
      { tempName: '.e-1', lines: 0, bytes: 0, md5: 'd41d8cd98f00b204e9800998ecf8427e' },
    ]);
  });
});

describe('infoManifest', () => {
  it('lists each file and the totals (the .info itself excluded)', () => {
    const text = infoManifest('r.info', [
      { name: 'r001.sync', bytes: 10, lines: 2, md5: 'a' },
      { name: 'r002.sync', bytes: 5, lines: 1, md5: 'b' },
    ]);
    expect(JSON.parse(text)).toEqual({
      Files: [
        { FileName: 'r001.sync', FileSequenceNumber: 1, FileByteSize: 10, FileLineCount: 2, md5: 'a' },
        { FileName: 'r002.sync', FileSequenceNumber: 2, FileByteSize: 5, FileLineCount: 1, md5: 'b' },
      ],
      Totals: { FileName: 'r.info', TotalNumberFiles: 2, TotalNumberLines: 3, TotalByteSize: 15 },
    });
  });
});
