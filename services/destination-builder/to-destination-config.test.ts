import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, secretContext } from '../../libs/destinations/secret-box.ts';
import type { DestinationBody } from './request-bodies.ts';
import { toDestinationConfig, toMapping } from './to-destination-config.ts';

const box = new SecretBox([`k1:${randomBytes(32).toString('base64')}`]);
const ctx = { id: 7, actor: 'alice', now: 1_000, secretBox: box };

const s2sBody = (secret?: string | null): DestinationBody => ({
  name: 'p',
  type: 'S2S',
  s2s: {
    dpid: 1,
    accountAlias: 'a',
    realTime: {
      endpoint: 'https://p.example/',
      auth: 'HMAC',
      hmacHeader: 'X-Sig',
      ...(secret === undefined ? {} : { hmacKey: secret }),
    },
  },
});

describe('toDestinationConfig', () => {
  it('auto-fills mapping values from the segment id or the integration code', () => {
    expect(toMapping({ sid: 42, startDate: '2026-01-01' }, 'SEGMENT_ID').value).toBe('42');
    expect(
      toMapping({ sid: 42, startDate: '2026-01-01', integrationCode: 'ic-42' }, 'INTEGRATION_CODE').value,
    ).toBe('ic-42');
    expect(toMapping({ sid: 42, value: 'own', startDate: '2026-01-01' }, 'SEGMENT_ID').value).toBe('own');
    expect(toMapping({ sid: 42, startDate: '2026-01-01' }, 'NONE').value).toBe('');
  });

  it('applies the Avro defaults and bookkeeping', () => {
    const config = toDestinationConfig(
      { name: 'n', type: 'COOKIE', cookie: { name: 'c', dataFormat: 'SINGLE_KEY', key: 'k' } },
      ctx,
    );
    expect(config).toMatchObject({
      id: 7,
      version: 1,
      status: 'ACTIVE',
      platform: 'ALL',
      createdBy: 'alice',
      createdAt: 1000,
    });
    expect(config.cookie).toMatchObject({
      keySeparator: '=',
      pairSeparator: '&',
      maxSizeBytes: 2048,
      ttlDays: 30,
      publishTo: 'ALL',
    });
  });

  it('encrypts a new secret, keeps an omitted one and removes a null one', () => {
    const first = toDestinationConfig(s2sBody('k3y'), ctx);
    const stored = first.s2s!.realTime!.hmacKey!;
    expect(box.decrypt(stored, secretContext(7, 'hmacKey'))).toBe('k3y');
    const kept = toDestinationConfig(s2sBody(), { ...ctx, previous: first });
    expect(kept.s2s!.realTime!.hmacKey).toBe(stored);
    expect(kept.version).toBe(2);
    expect(kept.createdAt).toBe(1000);
    expect(toDestinationConfig(s2sBody(null), { ...ctx, previous: first }).s2s!.realTime!.hmacKey).toBeNull();
  });

  it('refuses a BASE64 HMAC key that is not base64 text, and stores the encoding (issue 20)', () => {
    const base64 = (hmacKey: string, hmacKeyEncoding: 'UTF8' | 'BASE64' = 'BASE64'): DestinationBody => {
      const body = s2sBody(hmacKey);
      return { ...body, s2s: { ...body.s2s!, realTime: { ...body.s2s!.realTime!, hmacKeyEncoding } } };
    };
    const stored = toDestinationConfig(base64(randomBytes(32).toString('base64')), ctx);
    expect(stored.s2s!.realTime!.hmacKeyEncoding).toBe('BASE64');
    for (const bad of ['not base64!', 'a', '====', '']) {
      expect(() => toDestinationConfig(base64(bad), ctx), bad).toThrow(
        expect.objectContaining({ issues: [expect.objectContaining({ rule: 'invalid_encoding' })] }),
      );
    }
    expect(toDestinationConfig(base64('not base64!', 'UTF8'), ctx).s2s!.realTime!.hmacKeyEncoding).toBe(
      'UTF8',
    );
    expect(toDestinationConfig(s2sBody('k'), ctx).s2s!.realTime!.hmacKeyEncoding).toBe('UTF8');
  });
});
