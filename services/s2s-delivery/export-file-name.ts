/**
 * Batch file names (SPEC §4, AAM "Outbound file name and content"):
 *   {syncType}_{destinationId}_{dpid}_{pidAlias}_{mode}_{timestampMs}{split}.sync[.gz]
 * syncType `ftp` for SFTP targets and `local` for a local directory (not an AAM value: AAM has no
 * local target), mode `full` | `iter`, timestampMs the 13-digit Unix time of the export start (UTC),
 * split a 3-digit part number (`001`, `002`...) only when the export is split into several files.
 * A destination's fileNameTemplate replaces the part before `.sync[.gz]` (same placeholders). The
 * control file is `<root>.info`, the root being the name with an empty {split}.
 */
import type { ExportMode } from './store/stream-users.ts';

export const DEFAULT_FILE_TEMPLATE =
  '{syncType}_{destinationId}_{dpid}_{pidAlias}_{mode}_{timestampMs}{split}';

export interface FileNameParts {
  template: string | null;
  syncType: 'ftp' | 'local';
  destinationId: number;
  dpid: number;
  pidAlias: string;
  mode: ExportMode;
  timestampMs: number;
  gzip: boolean;
}

/** The root of the names (no split, no extension). */
export function exportRoot(parts: FileNameParts): string {
  return render(parts, '');
}

/** Data file name; part is 1-based, null when the export is not split. */
export function exportFileName(parts: FileNameParts, part: number | null): string {
  const split = part === null ? '' : String(part).padStart(3, '0');
  return `${render(parts, split)}.sync${parts.gzip ? '.gz' : ''}`;
}

export function infoFileName(parts: FileNameParts): string {
  return `${exportRoot(parts)}.info`;
}

function render(parts: FileNameParts, split: string): string {
  const values: Record<string, string> = {
    syncType: parts.syncType,
    destinationId: String(parts.destinationId),
    dpid: String(parts.dpid),
    pidAlias: parts.pidAlias,
    mode: parts.mode,
    timestampMs: String(parts.timestampMs),
    split,
  };
  return (parts.template ?? DEFAULT_FILE_TEMPLATE).replace(
    /\{(\w+)\}/g,
    (whole, name: string) => values[name] ?? whole,
  );
}
