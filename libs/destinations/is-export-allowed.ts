/**
 * SPEC §6 data export controls: a destination carries data export labels (what it may do with the
 * data); a data source carries export controls (the same labels, as prohibitions). A segment may
 * go to a destination only when none of the data sources that contributed to it (the event's
 * SegmentChange.dataSourceIds) prohibits a label the destination carries. Unknown data sources
 * prohibit nothing.
 */
import type { DataExportLabel, DataSource } from '../schema/types.ts';

export function isExportAllowed(
  destinationLabels: readonly DataExportLabel[],
  contributingSourceIds: readonly number[],
  dataSource: (id: number) => Pick<DataSource, 'exportControls'> | undefined,
): boolean {
  if (destinationLabels.length === 0) return true;
  for (const sourceId of contributingSourceIds) {
    const controls = dataSource(sourceId)?.exportControls;
    if (controls !== undefined && controls.some((label) => destinationLabels.includes(label))) return false;
  }
  return true;
}
