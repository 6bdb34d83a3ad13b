import { describe, expect, it } from 'vitest';
import { s2sMessage } from './s2s-message.ts';

describe('s2sMessage', () => {
  it('renders the SPEC §4 example', () => {
    const at = Date.parse('2026-11-28T13:59:58.456Z');
    const message = s2sMessage({
      destinationId: 423,
      dpid: 20915,
      clientId: 'acct-42',
      processTimeMs: Date.parse('2026-11-28T14:00:00.789Z'),
      users: [
        {
          uuid: '1939',
          partnerUserId: '4250948725049857',
          regions: [9],
          segments: [
            { value: '14356', member: true, updatedAt: at },
            { value: '12176', member: false, updatedAt: at },
          ],
        },
      ],
    });
    expect(JSON.stringify(message)).toBe(
      '{"ProcessTime":"2026-11-28T14:00:00Z","User_DPID":20915,"Client_ID":"acct-42","AAM_Destination_ID":423,' +
        '"User_count":1,"Users":[{"AAM_UUID":"1939","DataPartner_UUID":"4250948725049857","AAM_Regions":[9],' +
        '"Segments":[{"Segment_ID":"14356","Status":1,"DateTime":"2026-11-28T13:59:58Z"},' +
        '{"Segment_ID":"12176","Status":0,"DateTime":"2026-11-28T13:59:58Z"}]}]}',
    );
  });

  it('counts users', () => {
    const users = [1, 2, 3].map((n) => ({
      uuid: String(n),
      partnerUserId: `p${n}`,
      regions: [],
      segments: [],
    }));
    const message = s2sMessage({ destinationId: 1, dpid: 2, clientId: 'c', processTimeMs: 0, users });
    expect(message.User_count).toBe(3);
    expect(message.Users.map((u) => u.DataPartner_UUID)).toEqual(['p1', 'p2', 'p3']);
  });
});
