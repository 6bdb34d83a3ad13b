import { describe, expect, it } from 'vitest';
import { exportLine } from './export-line.ts';

const user = {
  uuid: '59767559181262060060278870901087098252',
  dpid: 20915,
  dpuuid: 'p-1',
  segments: [
    { sid: 24, value: '24', member: true, updatedAt: 1 },
    { sid: 25, value: '25', member: false, updatedAt: 1 },
    { sid: 26, value: '26', member: true, updatedAt: 1 },
    { sid: 28, value: '28', member: false, updatedAt: 1 },
  ],
};
const context = { destinationId: 7, pidAlias: 'acct', template: null, jsonLine: null };

describe('exportLine', () => {
  it('writes <partner id> <live,...> <removed,...> with every field present', () => {
    expect(exportLine(user, context)).toBe('p-1 24,26 25,28\n');
    expect(exportLine({ ...user, segments: user.segments.filter((s) => s.member) }, context)).toBe(
      'p-1 24,26 \n',
    );
    expect(exportLine({ ...user, segments: user.segments.filter((s) => !s.member) }, context)).toBe(
      'p-1  25,28\n',
    );
  });

  it('renders a line template', () => {
    const template =
      '{dpuuid}{tab}{uuid}{tab}{segments}|{removed}|{pidAlias}|{destinationId}|{dpid}|{unknown}';
    expect(exportLine(user, { ...context, template })).toBe(
      'p-1\t59767559181262060060278870901087098252\t24,26|25,28|acct|7|20915|{unknown}\n',
    );
  });

  it('writes a JSON line when the destination has a JSON-lines layout', () => {
    const jsonLine = {
      fields: { AdvertiserId: '{pidAlias}', TDID: '{dpuuid}' },
      segmentsField: 'Data',
      segment: { Name: '{value}' },
      removed: { Name: '{value}', TtlInMinutes: 0 },
    };
    expect(exportLine(user, { ...context, jsonLine })).toBe(
      '{"AdvertiserId":"acct","TDID":"p-1","Data":[{"Name":"24"},{"Name":"25","TtlInMinutes":0},{"Name":"26"},{"Name":"28","TtlInMinutes":0}]}\n',
    );
  });
});
