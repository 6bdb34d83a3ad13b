/**
 * SPEC §6 data export controls: a destination carries data export labels (what it may do with the
 * data); a data source carries export controls (the same labels, as prohibitions). A segment may
 * go to a destination only when none of the data sources that contributed to it (the event's
 * SegmentChange.dataSourceIds) prohibits a label the destination carries. Unknown data sources
 * prohibit nothing. The router applies it per routed segment; the builder's preview with it.
 */
import type { DataExportLabel } from '../../libs/schema/types.ts';

/** The export controls of a data source (undefined: unknown source). */
export interface ExportControls {
  prohibitedLabels(dataSourceId: number): readonly DataExportLabel[] | undefined;
}

export function isExportAllowed(
  destinationLabels: readonly DataExportLabel[],
  contributingSourceIds: readonly number[],
  controls: ExportControls,
): boolean {
  if (destinationLabels.length === 0 || contributingSourceIds.length === 0) return true;
  for (const sourceId of contributingSourceIds) {
    const prohibited = controls.prohibitedLabels(sourceId);
    if (prohibited !== undefined && prohibited.some((label) => destinationLabels.includes(label)))
      return false;
  }
  return true;
}
