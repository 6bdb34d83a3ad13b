/**
 * The LOCAL export target (SPEC §4: "write to a temp name, then rename"; AAM: the .info may be read
 * as soon as it appears): parts are written under hidden temp names in the target directory itself,
 * renamed to their final names (same file system: atomic), then the .info is written the same way,
 * last. Issue 14 hardening:
 *   - prepare() resolves the directory against LOCAL_EXPORT_ROOTS after following symlinks
 *     (resolve-local-dir.ts); every write goes to that real path;
 *   - final names must be safe (`[A-Za-z0-9._-]`, no leading dot, ≤255), checked before any rename;
 *   - temp files are created exclusively ('wx', mode 0o640), never opened over an existing file;
 *   - a final name that already exists is replaced only when it is a regular file that a succeeded
 *     export of this destination recorded in its history (`mayReplace`): the service never
 *     overwrites a file it did not create. Otherwise the export fails and its temp files are removed.
 */
import { randomUUID } from 'node:crypto';
import { lstat, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isSafeFileName } from '../../libs/destinations/local-export-path.ts';
import type { ExportTarget } from './export-target.ts';
import { resolveLocalDir } from './resolve-local-dir.ts';

export const EXPORT_FILE_MODE = 0o640;

export interface LocalTargetOptions {
  /** LOCAL_EXPORT_ROOTS of this service. */
  roots: readonly string[];
  /** True when an existing file of this name was published by this destination (export history). */
  mayReplace(name: string): Promise<boolean>;
}

export function localTarget(directory: string, options: LocalTargetOptions): ExportTarget {
  let real: string | null = null;
  const dir = () => {
    if (real === null) throw new Error('LOCAL export target used before prepare()');
    return real;
  };
  /** Refuses (before anything is renamed) a final name that exists and is not the service's own. */
  const assertReplaceable = async (name: string) => {
    const final = join(dir(), name);
    const existing = await lstat(final).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (existing !== null && !(existing.isFile() && (await options.mayReplace(name)))) {
      throw new Error(`refusing to replace ${final}: it exists and no export of this destination wrote it`);
    }
  };
  return {
    syncType: 'local',
    async prepare() {
      real = await resolveLocalDir(directory, options.roots);
      return real;
    },
    async publish(parts, info) {
      const names = [...parts.map((p) => p.finalName), info.name];
      const unsafe = names.find((name) => !isSafeFileName(name));
      if (unsafe !== undefined) {
        throw new Error(`unsafe export file name ${JSON.stringify(unsafe)}: [A-Za-z0-9._-], no leading dot`);
      }
      for (const name of names) await assertReplaceable(name);
      for (const part of parts) await rename(join(dir(), part.tempName), join(dir(), part.finalName));
      const temp = join(dir(), `.${info.name}.${randomUUID()}.tmp`);
      try {
        await writeFile(temp, info.content, { flag: 'wx', mode: EXPORT_FILE_MODE });
        await rename(temp, join(dir(), info.name));
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
    },
    async discard(tempPrefix) {
      if (real === null) return;
      for (const name of await readdir(real).catch(() => [] as string[])) {
        if (name.startsWith(tempPrefix)) await unlink(join(real, name)).catch(() => undefined);
      }
    },
  };
}
