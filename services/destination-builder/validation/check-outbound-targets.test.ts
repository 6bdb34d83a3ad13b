import { describe, expect, it } from 'vitest';
import type { DestinationConfig } from '../../../libs/schema/types.ts';
import { mapping, s2sDestination, urlDestination } from '../../../test/support/destinations.ts';
import { AddressPolicy } from '../../../libs/outbound/index.ts';
import { checkOutboundTargets } from './check-outbound-targets.ts';

/** Issue 14: IPv6 forms embedding a non-public IPv4 were accepted in every URL/host field. */
const HOSTS = [
  '[::127.0.0.1]',
  '[2002:7f00:1::]',
  '[::ffff:0:7f00:1]',
  '[2001:0:808:808::f7f7:f7f7]',
  '[64:ff9b:1::a00:1]',
];

function destinations(host: string): DestinationConfig[] {
  const url = (path: string) => `https://${host}/${path}?s=%alias%`;
  const pixel = urlDestination(1, [10], {
    url: { serialize: true, baseUrl: url('a'), secureUrl: url('b'), delimiter: ',', referrerPolicy: 'HIDE' },
    mappings: [mapping(10, { url: url('c'), secureUrl: url('d') })],
  });
  const base = s2sDestination(2, [10]);
  const s2s = base.s2s!;
  const server = s2sDestination(3, [10]);
  return [
    pixel,
    {
      ...base,
      s2s: {
        ...s2s,
        realTime: {
          endpoint: `https://${host}/users`,
          auth: 'OAUTH2',
          oauthTokenUrl: `https://${host}/token`,
          oauthClientId: 'c',
          oauthClientSecret: null,
          hmacAlgorithm: 'SHA256',
          hmacHeader: null,
          hmacKey: null,
          hmacKeyEncoding: 'UTF8',
          usersPerRequest: 10,
          flushIntervalMs: 100,
          timeoutMs: 1000,
        },
      },
    },
    {
      ...server,
      s2s: {
        ...server.s2s!,
        batch: { ...server.s2s!.batch!, target: 'SFTP', localDir: null, sftpHost: host.slice(1, -1) },
      },
    },
  ];
}

describe('checkOutboundTargets', () => {
  const policy = new AddressPolicy();

  it.each(HOSTS)('refuses %s in all seven URL and host fields', async (host) => {
    const issues = (await Promise.all(destinations(host).map((d) => checkOutboundTargets(d, policy)))).flat();
    expect(issues.map((i) => `${i.pointer} ${i.rule}`).sort()).toEqual([
      '/mappings/0/secureUrl forbidden_address',
      '/mappings/0/url forbidden_address',
      '/s2s/batch/sftpHost forbidden_address',
      '/s2s/realTime/endpoint forbidden_address',
      '/s2s/realTime/oauthTokenUrl forbidden_address',
      '/url/baseUrl forbidden_address',
      '/url/secureUrl forbidden_address',
    ]);
  });

  it('accepts the same fields on a public 6to4 address', async () => {
    const issues = await Promise.all(
      destinations('[2002:808:808::1]').map((d) => checkOutboundTargets(d, policy)),
    );
    expect(issues.flat()).toEqual([]);
  });
});
