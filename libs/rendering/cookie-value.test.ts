import { describe, expect, it } from 'vitest';
import type { CookieSettings } from '../schema/types.ts';
import { cookieAppliesTo, cookieValue, type CookieSegment } from './cookie-value.ts';

function settings(overrides: Partial<CookieSettings>): CookieSettings {
  return {
    name: 'aam',
    domain: null,
    publishTo: 'ALL',
    publishDomains: [],
    dataFormat: 'SINGLE_KEY',
    key: 'x',
    keySeparator: '=',
    pairSeparator: '&',
    serialize: false,
    serialSeparator: ',',
    maxSizeBytes: 2048,
    ttlDays: 30,
    ...overrides,
  };
}

const seg = (
  sid: number,
  value: string,
  key: string | null = null,
  priority: number | null = null,
): CookieSegment => ({
  sid,
  value,
  key,
  priority,
});

describe('cookieValue', () => {
  it('single key, standard and serialized', () => {
    const segments = [seg(1, '1'), seg(2, '2'), seg(3, '3')];
    expect(cookieValue(settings({}), segments).value).toBe('x=1&x=2&x=3');
    expect(cookieValue(settings({ serialize: true, serialSeparator: ';' }), segments).value).toBe('x=1;2;3');
  });

  it('multi key: standard x=1&x=2&y=3, serialized x=1,2&y=3, pair separator ","', () => {
    const segments = [seg(1, '1', 'x'), seg(2, '2', 'x'), seg(3, '3', 'y')];
    const multi = settings({ dataFormat: 'MULTI_KEY', key: null });
    expect(cookieValue(multi, segments).value).toBe('x=1&x=2&y=3');
    expect(cookieValue({ ...multi, serialize: true }, segments).value).toBe('x=1,2&y=3');
    expect(
      cookieValue({ ...multi, serialize: true, serialSeparator: '#', pairSeparator: ',' }, segments).value,
    ).toBe('x=1#2,y=3');
  });

  it('URL-encodes keys and values so separators never leak', () => {
    const value = cookieValue(settings({ dataFormat: 'MULTI_KEY', serialize: true }), [
      seg(1, 'sports fan', 'c.interest'),
      seg(2, 'a;b,c', 'c.interest'),
      seg(3, 'x=y&z', 'k&v'),
    ]).value;
    expect(value).toBe('c.interest=sports%20fan,a%3Bb%2Cc&k%26v=x%3Dy%26z');
  });

  it('drops the lowest-priority segments first, whole pairs only, to fit the max size', () => {
    const segments = [
      seg(10, 'aaaa', null, 1),
      seg(11, 'bbbb', null, 3),
      seg(12, 'cccc', null, null),
      seg(13, 'dddd', null, 2),
    ];
    const full = cookieValue(settings({}), segments);
    expect(full).toEqual({ value: 'x=aaaa&x=bbbb&x=cccc&x=dddd', included: [10, 11, 12, 13], dropped: [] });
    // 27 bytes, 19 allowed: drop 12 (no priority) -> 20 bytes, then 11 (priority 3) -> 13 bytes
    const capped = cookieValue(settings({ maxSizeBytes: 19 }), segments);
    expect(capped).toEqual({ value: 'x=aaaa&x=dddd', included: [10, 13], dropped: [12, 11] });
    expect(cookieValue(settings({ maxSizeBytes: 6 }), segments).value).toBe('x=aaaa');
    expect(cookieValue(settings({ maxSizeBytes: 5 }), segments)).toEqual({
      value: '',
      included: [],
      dropped: [12, 11, 13, 10],
    });
  });

  it('equal priorities drop the later segment first; serialized values drop whole values', () => {
    const segments = [seg(1, '111', null, 1), seg(2, '222', null, 1), seg(3, '333', null, 1)];
    const result = cookieValue(settings({ serialize: true, maxSizeBytes: 10 }), segments);
    expect(result).toEqual({ value: 'x=111,222', included: [1, 2], dropped: [3] });
  });

  it('fails clearly without a key', () => {
    expect(() => cookieValue(settings({ key: null }), [seg(1, '1')])).toThrowError(/has no key/);
    expect(() => cookieValue(settings({ dataFormat: 'MULTI_KEY', key: null }), [seg(7, '1')])).toThrowError(
      /segment 7 has no key/,
    );
  });
});

/** The rule as first written: re-render the whole value after every drop (quadratic, but plainly right). */
function renderEachDrop(s: CookieSettings, segments: CookieSegment[]) {
  const enc = encodeURIComponent;
  const pairs = segments.map((g) => ({
    sid: g.sid,
    key: s.dataFormat === 'SINGLE_KEY' ? s.key! : (g.key ?? s.key!),
    value: g.value,
  }));
  const render = (kept: typeof pairs) => {
    if (!s.serialize)
      return kept.map((p) => `${enc(p.key)}${s.keySeparator}${enc(p.value)}`).join(s.pairSeparator);
    const byKey = new Map<string, string[]>();
    for (const p of kept) byKey.set(p.key, [...(byKey.get(p.key) ?? []), enc(p.value)]);
    return [...byKey]
      .map(([k, v]) => `${enc(k)}${s.keySeparator}${v.join(s.serialSeparator)}`)
      .join(s.pairSeparator);
  };
  const order = [...pairs.keys()].sort((a, b) => {
    const pa = segments[a]!.priority ?? Infinity;
    const pb = segments[b]!.priority ?? Infinity;
    return pa === pb ? b - a : pb - pa;
  });
  let kept = pairs;
  const dropped: number[] = [];
  for (const i of order) {
    if (Buffer.byteLength(render(kept)) <= s.maxSizeBytes) break;
    kept = kept.filter((p) => p !== pairs[i]);
    dropped.push(pairs[i]!.sid);
  }
  return { value: render(kept), included: kept.map((p) => p.sid), dropped };
}

describe('cookieValue at size', () => {
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const words = ['a', 'sports', 'x y', 'é', '東京', 'a;b', '1,2', '%'];

  it.each([
    ['single key, standard', { dataFormat: 'SINGLE_KEY' as const }],
    ['single key, serialized', { dataFormat: 'SINGLE_KEY' as const, serialize: true }],
    ['multi key, standard, multibyte separator', { dataFormat: 'MULTI_KEY' as const, pairSeparator: '§' }],
    ['multi key, serialized', { dataFormat: 'MULTI_KEY' as const, serialize: true, serialSeparator: '#' }],
  ])('drops exactly what re-rendering after every drop would (%s)', (_name, overrides) => {
    for (let round = 0; round < 40; round += 1) {
      const s = settings({ ...overrides, maxSizeBytes: 64 + rnd(400) });
      const segments = Array.from({ length: 1 + rnd(120) }, (_, sid) =>
        seg(sid, words[rnd(words.length)]! + sid, `k${rnd(5)}`, rnd(3) === 0 ? null : rnd(6)),
      );
      expect(cookieValue(s, segments)).toEqual(renderEachDrop(s, segments));
    }
  });

  it('a 10,000-segment request keeps the highest priorities within the max size', () => {
    const segments = Array.from({ length: 10_000 }, (_, sid) =>
      seg(sid, `v${sid}`, null, sid < 5 ? 1 : null),
    );
    const result = cookieValue(settings({ maxSizeBytes: 2048 }), segments);
    expect(Buffer.byteLength(result.value)).toBeLessThanOrEqual(2048);
    expect(result.included.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(result.included.length + result.dropped.length).toBe(10_000);
  });
});

describe('cookieAppliesTo', () => {
  it('follows the AAM cookie-domain table', () => {
    const sports = settings({ domain: '.sports.com' });
    const golf = settings({ domain: '.golf.sports.com' });
    const blank = settings({ domain: null });
    const sites = ['sports.com', 'golf.sports.com', 'baseball.sports.com', 'sports.golf.com'];
    expect(sites.map((s) => cookieAppliesTo(sports, s))).toEqual([true, true, true, false]);
    expect(sites.map((s) => cookieAppliesTo(golf, s))).toEqual([false, true, false, false]);
    expect(sites.map((s) => cookieAppliesTo(blank, s))).toEqual([true, true, true, true]);
  });

  it('applies the publish-to rule independently of the cookie domain', () => {
    const only = settings({ publishTo: 'ONLY_LISTED', publishDomains: ['news.com', '.shop.example'] });
    expect(cookieAppliesTo(only, 'news.com')).toBe(true);
    expect(cookieAppliesTo(only, 'WWW.News.com:443')).toBe(true);
    expect(cookieAppliesTo(only, 'a.shop.example')).toBe(true);
    expect(cookieAppliesTo(only, 'fakenews.com')).toBe(false);
    const except = settings({ publishTo: 'ALL_EXCEPT_LISTED', publishDomains: ['news.com'] });
    expect(cookieAppliesTo(except, 'news.com')).toBe(false);
    expect(cookieAppliesTo(except, 'sports.com')).toBe(true);
    const both = settings({
      domain: '.sports.com',
      publishTo: 'ALL_EXCEPT_LISTED',
      publishDomains: ['golf.sports.com'],
    });
    expect(cookieAppliesTo(both, 'golf.sports.com')).toBe(false);
    expect(cookieAppliesTo(both, 'sports.com')).toBe(true);
    expect(cookieAppliesTo(both, 'news.com')).toBe(false);
    expect(cookieAppliesTo(settings({}), '')).toBe(false);
  });
});
