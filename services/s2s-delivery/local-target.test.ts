import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localTarget } from './local-target.ts';
import { writeExportFiles } from './write-export-files.ts';

/** Issue 14: LOCAL exports only under operator roots (symlinks resolved), safe names, no overwrites. */
describe('localTarget', () => {
  let base: string;
  let root: string;
  let outside: string;
  const never = async (_name: string) => false;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'local-target-'));
    root = join(base, 'root');
    outside = join(base, 'operator');
    await mkdir(root);
    await mkdir(outside);
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  async function publishOne(
    dir: string,
    finalName: string,
    mayReplace: (name: string) => Promise<boolean> = never,
    content = 'line\n',
  ) {
    const target = localTarget(dir, { roots: [root], mayReplace });
    const workDir = await target.prepare();
    const parts = await writeExportFiles(
      (async function* () {
        yield { text: content, lines: 1 };
      })(),
      { workDir, tempPrefix: '.segdest-t-part-', gzip: false, splitSizeBytes: null },
    );
    try {
      await target.publish(
        parts.map((p) => ({ tempName: p.tempName, finalName })),
        { name: `${finalName}.info`, content: '{}' },
      );
    } catch (error) {
      await target.discard('.segdest-t-part-');
      throw error;
    }
    return workDir;
  }

  it('writes inside a root, creating directories 0o750 and files 0o640', async () => {
    const dir = join(root, 'partner', 'in');
    await publishOne(dir, 'a.sync');
    expect((await stat(join(root, 'partner'))).mode & 0o777).toBe(0o750);
    expect((await stat(dir)).mode & 0o777).toBe(0o750);
    expect((await stat(join(dir, 'a.sync'))).mode & 0o777).toBe(0o640);
    expect((await stat(join(dir, 'a.sync.info'))).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['a.sync', 'a.sync.info']);
  });

  it.each([
    ['a directory outside the roots', () => outside],
    ['a path with ..', () => join(root, '..', 'operator')],
    ['a relative path', () => 'root/x'],
  ])('refuses %s', async (_label, dir) => {
    await expect(publishOne(dir(), 'a.sync')).rejects.toThrow(/LOCAL export/);
    expect(await readdir(outside)).toEqual([]);
  });

  it('refuses every directory when no roots are configured', async () => {
    const target = localTarget(root, { roots: [], mayReplace: never });
    await expect(target.prepare()).rejects.toThrow(/disabled/);
  });

  it('refuses a symlink inside the root that points outside, and creates nothing through it', async () => {
    await symlink(outside, join(root, 'link'));
    await expect(publishOne(join(root, 'link'), 'authorized_keys')).rejects.toThrow(/resolves to .*operator/);
    await expect(publishOne(join(root, 'link', 'deeper'), 'x.sync')).rejects.toThrow(/resolves to/);
    expect(await readdir(outside)).toEqual([]);
  });

  it('judges a root that is itself a symlink by its real path', async () => {
    // The root itself is a symlink: its real path is what counts, and a target inside it is fine.
    const linkedRoot = join(base, 'linked-root');
    await symlink(root, linkedRoot);
    const target = localTarget(join(linkedRoot, 'x'), { roots: [linkedRoot], mayReplace: never });
    expect(await target.prepare()).toBe(join(root, 'x'));
  });

  it('never replaces a file it did not create', async () => {
    const dir = join(root, 'in');
    await mkdir(dir);
    await writeFile(join(dir, 'authorized_keys'), 'operator key\n');
    await expect(publishOne(dir, 'authorized_keys')).rejects.toThrow(/refusing to replace/);
    expect(await readFile(join(dir, 'authorized_keys'), 'utf8')).toBe('operator key\n');
    expect(await readdir(dir)).toEqual(['authorized_keys']); // temp parts discarded, no .info
  });

  it('refuses to replace a symlink or a directory even when the name is in the history', async () => {
    const dir = join(root, 'in');
    await mkdir(dir);
    await symlink(join(outside, 'target'), join(dir, 'a.sync'));
    await expect(publishOne(dir, 'a.sync', async () => true)).rejects.toThrow(/refusing to replace/);
    expect((await lstat(join(dir, 'a.sync'))).isSymbolicLink()).toBe(true);
  });

  it('replaces a file a previous export of the destination published (fixed file names)', async () => {
    const dir = join(root, 'in');
    await publishOne(dir, 'segments.sync', never, 'first\n');
    await publishOne(dir, 'segments.sync', async (name) => name.startsWith('segments.sync'), 'second\n');
    expect(await readFile(join(dir, 'segments.sync'), 'utf8')).toBe('second\n');
  });

  it.each(['.bashrc', 'a b', 'a/b', '../x', 'caf\u00e9', 'x'.repeat(256)])(
    'refuses the unsafe file name %j before renaming anything',
    async (name) => {
      const dir = join(root, 'in');
      await expect(publishOne(dir, name)).rejects.toThrow(/unsafe export file name/);
      expect(await readdir(dir)).toEqual([]);
    },
  );
});

describe('writeExportFiles temp files', () => {
  it('never opens a temp name over an existing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'write-wx-'));
    try {
      await writeFile(join(dir, '.t-1'), 'planted');
      await expect(
        writeExportFiles(
          (async function* () {
            yield { text: 'x\n', lines: 1 };
          })(),
          { workDir: dir, tempPrefix: '.t-', gzip: false, splitSizeBytes: null },
        ),
      ).rejects.toMatchObject({ code: 'EEXIST' });
      expect(await readFile(join(dir, '.t-1'), 'utf8')).toBe('planted');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
