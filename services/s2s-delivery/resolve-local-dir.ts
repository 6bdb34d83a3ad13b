/**
 * The export-time check of a LOCAL target (issue 14): the builder checked the configured localDir
 * against LOCAL_EXPORT_ROOTS lexically; here the same rule is applied to the *real* paths, so a
 * symlink inside a root that points elsewhere (e.g. to /etc/cron.d) is refused:
 *   1. the configured path must pass the lexical rule (local-export-path.ts);
 *   2. its deepest existing ancestor is resolved with fs.realpath and, with the missing components
 *      appended, must lie inside the realpath of a root (so nothing is created outside a root);
 *   3. the missing directories are created (mode 0o750), the directory is resolved again and must
 *      still lie inside a real root. The export then writes to that real path.
 * A root that does not exist allows nothing. What remains is a race with someone who can already
 * write inside the root and swaps a directory for a symlink between step 3 and the writes.
 */
import { lstat, mkdir, realpath } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { localExportPath } from '../../libs/destinations/local-export-path.ts';

export const EXPORT_DIR_MODE = 0o750;

export async function resolveLocalDir(dir: string, roots: readonly string[]): Promise<string> {
  const configured = localExportPath(dir, roots);
  if (!configured.ok) throw new Error(configured.reason);
  const realRoots = (await Promise.all(roots.map((root) => realpath(root).catch(() => null)))).filter(
    (root): root is string => root !== null,
  );
  const inside = (path: string, what: string) => {
    if (realRoots.length === 0 || !localExportPath(path, realRoots).ok) {
      throw new Error(
        `LOCAL export directory ${dir} resolves to ${path}${what}, outside every existing LOCAL export root (${roots.join(', ')})`,
      );
    }
  };
  let existing = dir;
  while (!(await exists(existing))) existing = dirname(existing);
  inside(join(await realpath(existing), relative(existing, dir)), '');
  await mkdir(dir, { recursive: true, mode: EXPORT_DIR_MODE });
  const real = await realpath(dir);
  inside(real, ' (after creating it)');
  return real;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
