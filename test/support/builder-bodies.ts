/** Request bodies the builder tests share. */
const PIXEL = 'http://203.0.113.10/p?s=%alias%&u=%did%';
const SECURE_PIXEL = 'https://203.0.113.10/p?s=%alias%&u=%did%';

/** A URL destination with the given segments mapped (auto-filled values). */
export function urlBody(name: string, sids: number[] = [101, 102]) {
  return {
    name,
    type: 'URL',
    autoFill: 'SEGMENT_ID',
    url: { serialize: true, baseUrl: PIXEL, secureUrl: SECURE_PIXEL, delimiter: ',' },
    mappings: sids.map((sid) => ({ sid, startDate: '2020-01-01' })),
  };
}
