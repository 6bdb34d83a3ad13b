/**
 * Where a LOCAL batch export may write, and what its files may be called (issue 14: an editor must
 * not make the service write chosen content into an operator's directory):
 *   - the directory is absolute, normalized (no `.`, `..`, `//`), and equal to or inside one of the
 *     operator's LOCAL_EXPORT_ROOTS; no roots = LOCAL targets refused. This check is lexical: the
 *     builder applies it at configuration time, s2s-delivery again at export time on the paths
 *     with every symlink resolved (fs.realpath of the directory and of each root);
 *   - a file name is 1-255 characters of `[A-Za-z0-9._-]` and does not start with a dot (hidden
 *     names are the service's own temp files).
 */
import { posix } from 'node:path';

export const SAFE_FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}$/;

export type LocalExportVerdict = { ok: true; root: string } | { ok: false; reason: string };

/** Is `dir` a permitted LOCAL export directory under `roots`? Pure: pass real paths for a real check. */
export function localExportPath(dir: string, roots: readonly string[]): LocalExportVerdict {
  if (roots.length === 0) {
    return { ok: false, reason: 'LOCAL exports are disabled here (no LOCAL_EXPORT_ROOTS configured)' };
  }
  const allowed = `allowed roots: ${roots.join(', ')}`;
  if (
    !dir.startsWith('/') ||
    dir.includes('\0') ||
    posix.normalize(dir).replace(/\/$/, '') !== dir.replace(/\/$/, '')
  ) {
    return {
      ok: false,
      reason: `LOCAL exports need an absolute, normalized directory (no ., .. or //); ${allowed}`,
    };
  }
  const path = trimSlash(dir);
  for (const root of roots) {
    const base = trimSlash(posix.normalize(root));
    if (path === base || path.startsWith(base === '/' ? '/' : `${base}/`)) return { ok: true, root: base };
  }
  return { ok: false, reason: `${dir} is not inside a LOCAL export root; ${allowed}` };
}

export function isSafeFileName(name: string): boolean {
  return SAFE_FILE_NAME.test(name);
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
