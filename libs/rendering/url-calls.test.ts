import { describe, expect, it } from 'vitest';
import type { UrlSettings } from '../schema/types.ts';
import { buildUrlCalls, encodeAliasValue, type UrlCallSegment } from './url-calls.ts';
import type { MacroContext } from './url-template.ts';

const context: MacroContext = {
  uuid: '19393857340598234059823405982340598234',
  mcid: null,
  partnerIds: [],
  region: 9,
  pageProtocol: 'HTTPS',
  gdprApplies: false,
  tcString: null,
  nowMs: 1_795_000_000_000,
  random: () => 0,
};

function settings(overrides: Partial<UrlSettings>): UrlSettings {
  return {
    serialize: true,
    baseUrl: null,
    secureUrl: null,
    delimiter: ',',
    referrerPolicy: 'HIDE',
    ...overrides,
  };
}

function seg(sid: number, value = String(sid), extra: Partial<UrlCallSegment> = {}): UrlCallSegment {
  return { sid, value, newlyQualified: true, url: null, secureUrl: null, ...extra };
}

describe('buildUrlCalls: serialized', () => {
  it('Facebook WCA: three segments in one call joined by ","', () => {
    const template =
      'https://www.facebook.com/tr/?id=6876666666662303&ev=Adobe-Audience-Manager-Segment&cd[segID]=%ALIAS%&noscript=1';
    const result = buildUrlCalls({
      settings: settings({ baseUrl: template, secureUrl: template, delimiter: ',' }),
      segments: [seg(3401321), seg(2993399, '2993399', { newlyQualified: false }), seg(3263410)],
      context,
    });
    expect(result).toEqual({
      calls: [
        {
          url: 'https://www.facebook.com/tr/?id=6876666666662303&ev=Adobe-Audience-Manager-Segment&cd[segID]=3401321,2993399,3263410&noscript=1',
          sids: [3401321, 2993399, 3263410],
        },
      ],
      failures: [],
    });
  });

  it('Google RLSA: mapping values aam=<sid> joined by ";"', () => {
    const template =
      'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/123/?value=0&guid=ON&script=0&data=%ALIAS%';
    const { calls } = buildUrlCalls({
      settings: settings({ secureUrl: template, delimiter: ';' }),
      segments: [seg(123, 'aam=123'), seg(456, 'aam=456')],
      context,
    });
    expect(calls.map((c) => c.url)).toEqual([
      'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/123/?value=0&guid=ON&script=0&data=aam=123;aam=456',
    ]);
  });

  it('encodes values that need it, including the delimiter inside a value', () => {
    const { calls } = buildUrlCalls({
      settings: settings({ secureUrl: 'https://p.example/?s=%alias%', delimiter: ',' }),
      segments: [seg(1, 'sports & golf'), seg(2, 'a,b'), seg(3, 'é#?')],
      context,
    });
    expect(calls[0]!.url).toBe('https://p.example/?s=sports%20%26%20golf,a%2Cb,%C3%A9%23%3F');
    expect(encodeAliasValue('k=v;w', ';')).toBe('k=v%3Bw');
  });

  it('chooses the template by page protocol and falls back to the other one', () => {
    const both = settings({
      baseUrl: 'http://p.example/h?s=%alias%',
      secureUrl: 'https://p.example/s?s=%alias%',
    });
    expect(buildUrlCalls({ settings: both, segments: [seg(1)], context }).calls[0]!.url).toBe(
      'https://p.example/s?s=1',
    );
    const http = { ...context, pageProtocol: 'HTTP' as const };
    expect(buildUrlCalls({ settings: both, segments: [seg(1)], context: http }).calls[0]!.url).toBe(
      'http://p.example/h?s=1',
    );
    const onlyBase = settings({ baseUrl: 'http://p.example/h?s=%alias%' });
    expect(buildUrlCalls({ settings: onlyBase, segments: [seg(1)], context }).calls[0]!.url).toBe(
      'http://p.example/h?s=1',
    );
  });

  it('splits an over-long serialized URL into two calls, each under the limit, no value cut', () => {
    const template = 'https://p.example/?s=%alias%&r=%rnd%';
    const values = Array.from({ length: 20 }, (_, i) =>
      seg(1000 + i, `segment-value-${String(i).padStart(3, '0')}`),
    );
    const { calls, failures } = buildUrlCalls({
      settings: settings({ secureUrl: template }),
      segments: values,
      context,
      maxUrlBytes: 250,
    });
    expect(failures).toEqual([]);
    expect(calls).toHaveLength(2);
    for (const call of calls) expect(Buffer.byteLength(call.url)).toBeLessThanOrEqual(250);
    expect(calls.flatMap((c) => c.sids)).toEqual(values.map((v) => v.sid));
    const carried = calls.flatMap((c) => new URL(c.url).searchParams.get('s')!.split(','));
    expect(carried).toEqual(values.map((v) => v.value));
  });

  it('fails clearly when the template cannot render', () => {
    const noAlias = buildUrlCalls({
      settings: settings({ secureUrl: 'https://p.example/?s=1' }),
      segments: [seg(1)],
      context,
    });
    expect(noAlias.calls).toEqual([]);
    expect(noAlias.failures[0]!.error.code).toBe('render_failed');
    expect(noAlias.failures[0]!.error.message).toMatch(/no %alias%/);
    const none = buildUrlCalls({ settings: settings({}), segments: [seg(1)], context });
    expect(none.failures[0]!.error.message).toMatch(/neither a base url nor a secure url/);
    const tooLong = buildUrlCalls({
      settings: settings({ secureUrl: 'https://p.example/?s=%alias%' }),
      segments: [seg(1, 'x'.repeat(300))],
      context,
      maxUrlBytes: 200,
    });
    expect(tooLong.failures[0]!.error.message).toMatch(/longer than 200 bytes/);
    const unknown = buildUrlCalls({
      settings: settings({ secureUrl: 'https://p.example/?s=%alias%&u=%user%' }),
      segments: [seg(1)],
      context,
    });
    expect(unknown.failures[0]!.error.message).toMatch(/unknown macro %user%/);
  });
});

describe('buildUrlCalls: one call per segment', () => {
  it('fires one call per newly qualified segment with the mapping url', () => {
    const result = buildUrlCalls({
      settings: settings({ serialize: false, delimiter: '' }),
      segments: [
        seg(1, 'one', {
          url: 'http://a.example/?s=%alias%',
          secureUrl: 'https://a.example/?s=%alias%&d=%did%',
        }),
        seg(2, 'two', { newlyQualified: false, secureUrl: 'https://a.example/?s=%alias%' }),
        seg(3, 'three', { secureUrl: 'https://b.example/px/%alias%' }),
      ],
      context,
    });
    expect(result).toEqual({
      calls: [
        { url: `https://a.example/?s=one&d=${context.uuid}`, sids: [1] },
        { url: 'https://b.example/px/three', sids: [3] },
      ],
      failures: [],
    });
  });

  it('keeps the good calls when one mapping cannot render', () => {
    const result = buildUrlCalls({
      settings: settings({ serialize: false }),
      segments: [seg(1, 'one', { secureUrl: 'https://a.example/?s=%alias%' }), seg(2, 'two')],
      context,
    });
    expect(result.calls.map((c) => c.sids)).toEqual([[1]]);
    expect(result.failures.map((f) => [f.sids, f.error.code])).toEqual([[[2], 'render_failed']]);
  });
});
