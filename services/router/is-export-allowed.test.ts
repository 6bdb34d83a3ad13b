import { describe, expect, it } from 'vitest';
import type { DataExportLabel } from '../../libs/schema/types.ts';
import { isExportAllowed } from './is-export-allowed.ts';

const sources = new Map<number, { exportControls: DataExportLabel[] }>([
  [1001, { exportControls: ['OFFSITE_TARGETING'] }],
  [1002, { exportControls: [] }],
]);
const lookup = { prohibitedLabels: (id: number) => sources.get(id)?.exportControls };

describe('isExportAllowed', () => {
  it('blocks a segment when a contributing source prohibits a label of the destination', () => {
    expect(isExportAllowed(['OFFSITE_TARGETING', 'PII'], [1002, 1001], lookup)).toBe(false);
  });
  it('allows it otherwise', () => {
    expect(isExportAllowed(['ONSITE_TARGETING'], [1001, 1002], lookup)).toBe(true);
    expect(isExportAllowed([], [1001], lookup)).toBe(true);
    expect(isExportAllowed(['OFFSITE_TARGETING'], [9999], lookup)).toBe(true);
    expect(isExportAllowed(['OFFSITE_TARGETING'], [], lookup)).toBe(true);
  });
});
