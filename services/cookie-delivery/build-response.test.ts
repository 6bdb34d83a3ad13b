import { describe, expect, it } from 'vitest';
import type { CookieSettings, DestinationConfig } from '../../libs/schema/index.ts';
import { cookieDestination } from '../../test/support/destinations.ts';
import { buildResponse } from './build-response.ts';

const state = (destinationId: number, value: string) => ({ destinationId, value });

function lookup(...configs: DestinationConfig[]) {
  const byId = new Map(configs.map((c) => [c.id, c]));
  return { destination: (id: number) => byId.get(id) };
}

const cookie = (id: number, overrides: Partial<CookieSettings>) => {
  const base = cookieDestination(id, [1]);
  return { ...base, cookie: { ...base.cookie!, ...overrides } };
};

describe('buildResponse', () => {
  it('renders specs and Set-Cookie headers with the current settings; blank domain = requesting domain', () => {
    const response = buildResponse(
      [state(1, 'x=1,2'), state(2, 'k=a;b')],
      'www.sports.com',
      lookup(
        cookie(1, { name: 'aam', domain: null, ttlDays: 2 }),
        cookie(2, { name: 'k', domain: '.sports.com' }),
      ),
    );
    expect(response.cookies).toEqual([
      { destinationId: 1, name: 'aam', value: 'x=1,2', domain: 'www.sports.com', ttlDays: 2 },
      { destinationId: 2, name: 'k', value: 'k=a;b', domain: '.sports.com', ttlDays: 30 },
    ]);
    expect(response.setCookie).toEqual([
      'aam=x=1,2; Domain=www.sports.com; Max-Age=172800; Path=/; Secure; SameSite=None',
      'k=k=a%3Bb; Domain=.sports.com; Max-Age=2592000; Path=/; Secure; SameSite=None',
    ]);
  });

  it('leaves out cookies whose domain rules refuse the domain, and paused or unknown destinations', () => {
    const states = [state(1, 'a'), state(2, 'b'), state(3, 'c'), state(4, 'd'), state(5, 'e')];
    const destinations = lookup(
      cookie(1, { domain: '.example.com' }),
      cookie(2, { domain: null, publishTo: 'ONLY_LISTED', publishDomains: ['news.com'] }),
      cookie(3, { domain: null, publishTo: 'ALL_EXCEPT_LISTED', publishDomains: ['sports.com'] }),
      { ...cookie(4, { domain: null }), status: 'PAUSED' },
    );
    const ids = (domain: string) =>
      buildResponse(states, domain, destinations).cookies.map((c) => c.destinationId);
    expect(ids('www.sports.com')).toEqual([]);
    expect(ids('a.news.com')).toEqual([2, 3]);
    expect(ids('shop.example.com')).toEqual([1, 3]);
  });
});
