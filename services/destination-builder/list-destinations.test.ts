import { describe, expect, it } from 'vitest';
import { cookieDestination, s2sDestination, urlDestination } from '../../test/support/destinations.ts';
import { listDestinations } from './list-destinations.ts';

const all = [
  s2sDestination(3, [10], { name: 'Gamma S2S' }),
  urlDestination(1, [10, 11], { name: 'Alpha pixel' }),
  cookieDestination(2, [11], { name: 'Beta cookie', status: 'PAUSED' }),
];
const names = (query: Parameters<typeof listDestinations>[1]) =>
  listDestinations(all, query).items.map((d) => d.name);

describe('listDestinations', () => {
  it('filters by type, status, segment and name, ordered by id', () => {
    expect(names({ limit: 50, offset: 0 })).toEqual(['Alpha pixel', 'Beta cookie', 'Gamma S2S']);
    expect(names({ type: 'cookie', limit: 50, offset: 0 })).toEqual(['Beta cookie']);
    expect(names({ status: 'active', limit: 50, offset: 0 })).toEqual(['Alpha pixel', 'Gamma S2S']);
    expect(names({ containsSegment: 10, limit: 50, offset: 0 })).toEqual(['Alpha pixel', 'Gamma S2S']);
    expect(names({ q: 'PIX', limit: 50, offset: 0 })).toEqual(['Alpha pixel']);
  });

  it('paginates after filtering', () => {
    expect(listDestinations(all, { limit: 1, offset: 1 })).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(names({ limit: 1, offset: 1 })).toEqual(['Beta cookie']);
    expect(names({ limit: 5, offset: 9 })).toEqual([]);
  });
});
