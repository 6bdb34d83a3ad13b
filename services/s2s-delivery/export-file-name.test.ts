import { describe, expect, it } from 'vitest';
import { exportFileName, exportRoot, infoFileName, type FileNameParts } from './export-file-name.ts';

const parts: FileNameParts = {
  template: null,
  syncType: 'ftp',
  destinationId: 1234,
  dpid: 20915,
  pidAlias: 'XYZCustomer',
  mode: 'iter',
  timestampMs: 1486140844000,
  gzip: true,
};

describe('exportFileName', () => {
  it('follows the AAM default name, split parts numbered 001.. only when split', () => {
    expect(exportFileName(parts, null)).toBe('ftp_1234_20915_XYZCustomer_iter_1486140844000.sync.gz');
    expect(exportFileName(parts, 1)).toBe('ftp_1234_20915_XYZCustomer_iter_1486140844000001.sync.gz');
    expect(exportFileName({ ...parts, gzip: false, mode: 'full' }, 12)).toBe(
      'ftp_1234_20915_XYZCustomer_full_1486140844000012.sync',
    );
    expect(infoFileName(parts)).toBe('ftp_1234_20915_XYZCustomer_iter_1486140844000.info');
    expect(exportRoot(parts)).toBe('ftp_1234_20915_XYZCustomer_iter_1486140844000');
  });

  it('takes a partner template', () => {
    const custom = { ...parts, template: 'aam-{pidAlias}-{mode}-{timestampMs}{split}' };
    expect(exportFileName(custom, 2)).toBe('aam-XYZCustomer-iter-1486140844000002.sync.gz');
    expect(infoFileName(custom)).toBe('aam-XYZCustomer-iter-1486140844000.info');
  });
});
