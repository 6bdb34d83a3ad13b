import { describe, expect, it } from 'vitest';
import { AddressPolicy } from './address-policy.ts';

describe('AddressPolicy', () => {
  const policy = new AddressPolicy();

  it.each([
    '127.0.0.1',
    '127.0.0.2',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00:ec2::254',
    'fe80::1',
    '::ffff:127.0.0.1',
    '224.0.0.1',
  ])('refuses %s', (ip) => {
    expect(policy.isForbiddenIp(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700::1111'])('allows public %s', (ip) => {
    expect(policy.isForbiddenIp(ip)).toBe(false);
  });

  it('lets the operator allow-list an address or a subnet', () => {
    const allowing = new AddressPolicy(['127.0.0.1', '10.1.0.0/16']);
    expect(allowing.isForbiddenIp('127.0.0.1')).toBe(false);
    expect(allowing.isForbiddenIp('127.0.0.2')).toBe(true);
    expect(allowing.isForbiddenIp('10.1.2.3')).toBe(false);
    expect(allowing.isForbiddenIp('10.2.0.1')).toBe(true);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', /non-public/],
    ['http://10.0.0.1/', /non-public/],
    ['http://[::1]/', /non-public/],
    ['http://localhost/', /non-public/],
    ['ftp://example.com/', /scheme/],
    ['http://user:pw@example.com/', /credentials/],
    ['not a url', /valid URL/],
  ])('assertUrl refuses %s', async (url, message) => {
    await expect(policy.assertUrl(url)).rejects.toMatchObject({
      code: 'ssrf_refused',
      message: expect.stringMatching(message),
    });
  });

  it('the connect-time lookup refuses a name that resolves to loopback', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      policy.lookup('localhost', {}, (err) => resolve(err)),
    );
    expect(error?.code).toBe('ESSRF');
    const allowed = new AddressPolicy(['127.0.0.1', '::1']);
    const address = await new Promise<unknown>((resolve, reject) =>
      allowed.lookup('localhost', {}, (err, addr) => (err ? reject(err) : resolve(addr))),
    );
    expect(address).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  /**
   * Issue 14: every IPv6 form that embeds or maps to a non-public IPv4, in hex and dotted notation,
   * compressed and expanded, with zone ids; refused at configuration time (literal host, bracketed
   * URL) and at connect time (the lookup the undici agent and the SFTP client use).
   */
  const EMBEDDED_FORMS: [string, string][] = [
    ['IPv4-compatible ::/96, dotted', '::127.0.0.1'],
    ['IPv4-compatible, hex', '::7f00:1'],
    ['IPv4-compatible, expanded', '0:0:0:0:0:0:7f00:1'],
    ['IPv4-compatible, public v4 (refused outright)', '::8.8.8.8'],
    ['IPv4-compatible metadata', '::169.254.169.254'],
    ['unspecified ::', '::'],
    ['unspecified, expanded', '0000:0000:0000:0000:0000:0000:0000:0000'],
    ['loopback ::1', '::1'],
    ['loopback, expanded', '0:0:0:0:0:0:0:1'],
    ['IPv4-mapped, dotted', '::ffff:127.0.0.1'],
    ['IPv4-mapped, hex', '::ffff:7f00:1'],
    ['IPv4-mapped, expanded', '0:0:0:0:0:ffff:a00:1'],
    ['IPv4-mapped, upper case', '::FFFF:C0A8:0101'],
    ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
    ['IPv4-translated, dotted', '::ffff:0:127.0.0.1'],
    ['IPv4-translated, hex', '::ffff:0:a00:1'],
    ['IPv4-translated, expanded', '0:0:0:0:ffff:0:c0a8:101'],
    ['6to4 of 127.0.0.1', '2002:7f00:1::'],
    ['6to4 of 10.0.0.1, expanded', '2002:0a00:0001:0000:0000:0000:0000:0001'],
    ['6to4 of 169.254.169.254', '2002:a9fe:a9fe::1'],
    ['6to4 of 192.168.1.1 with host bits', '2002:c0a8:101:1:2:3:4:5'],
    ['Teredo, client 127.0.0.1 (inverted)', '2001:0:4136:e378:8000:63bf:80ff:fffe'],
    ['Teredo, public server and client (refused outright)', '2001:0:808:808::f7f7:f7f7'],
    ['Teredo, expanded', '2001:0000:0a00:0001:0000:0000:f5ff:fffe'],
    ['NAT64 well-known of 127.0.0.1, dotted', '64:ff9b::127.0.0.1'],
    ['NAT64 well-known of 10.0.0.1, hex', '64:ff9b::a00:1'],
    ['NAT64 well-known, expanded', '0064:ff9b:0000:0000:0000:0000:a9fe:a9fe'],
    ['NAT64 local-use, public v4 (refused outright)', '64:ff9b:1::808:808'],
    ['NAT64 local-use, dotted', '64:ff9b:1:a::8.8.8.8'],
    ['link-local with zone id', 'fe80::1%eth0'],
    ['loopback with zone id', '::1%1'],
    ['IPv4-mapped with zone id', '::ffff:127.0.0.1%lo'],
    ['discard-only 100::/64', '100::1'],
    ['benchmarking 2001:2::/48', '2001:2::1'],
    ['site-local fec0::/10', 'fec0::1'],
    ['SRv6 SID 5f00::/16', '5f00::1'],
  ];
  const policyNone = new AddressPolicy();

  it.each(EMBEDDED_FORMS)('%s (%s): refused by isForbiddenIp', (_label, ip) => {
    expect(policyNone.isForbiddenIp(ip)).toBe(true);
  });

  it.each(EMBEDDED_FORMS)('%s (%s): refused at configuration time (host and URL)', async (_label, ip) => {
    await expect(policyNone.assertHost(ip)).rejects.toMatchObject({ code: 'ssrf_refused' });
    await expect(policyNone.assertHost(`[${ip}]`)).rejects.toMatchObject({ code: 'ssrf_refused' });
    // A zone id is not valid in a URL (WHATWG), so such URLs are refused as invalid.
    await expect(policyNone.assertUrl(`https://[${ip}]:8443/path`)).rejects.toMatchObject({
      code: 'ssrf_refused',
    });
  });

  it.each(EMBEDDED_FORMS)('%s (%s): refused at connect time', async (_label, ip) => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      policyNone.lookup(ip, {}, (err) => resolve(err)),
    );
    expect(error?.code).toBe('ESSRF');
  });

  it.each([
    ['IPv4-mapped public', '::ffff:8.8.8.8'],
    ['IPv4-translated public', '::ffff:0:8.8.8.8'],
    ['NAT64 well-known public (DNS64)', '64:ff9b::808:808'],
    ['6to4 public', '2002:808:808::1'],
    ['ISATAP id under a public prefix (judged by its prefix)', '2606:4700::5efe:7f00:1'],
    ['public', '2606:4700:4700:0000:0000:0000:0000:1111'],
  ])('%s (%s): allowed at configuration and connect time', async (_label, ip) => {
    expect(policyNone.isForbiddenIp(ip)).toBe(false);
    await expect(policyNone.assertUrl(`https://[${ip}]/`)).resolves.toBeUndefined();
    const address = await new Promise<unknown>((resolve, reject) =>
      policyNone.lookup(ip, {}, (err, addr) => (err ? reject(err) : resolve(addr))),
    );
    expect(address).toBe(ip);
  });

  it('the IPv4 allow-list extends to the IPv4-mapped form only', () => {
    const allowing = new AddressPolicy(['127.0.0.1']);
    expect(allowing.isForbiddenIp('::ffff:127.0.0.1')).toBe(false);
    expect(allowing.isForbiddenIp('::ffff:7f00:1')).toBe(false);
    expect(allowing.isForbiddenIp('2002:7f00:1::')).toBe(true);
    expect(allowing.isForbiddenIp('64:ff9b::7f00:1')).toBe(true);
    expect(allowing.isForbiddenIp('::127.0.0.1')).toBe(true);
  });

  it.each(['192.88.99.1', '198.18.0.1', '192.0.0.8'])(
    'refuses the IPv4 6to4-relay, benchmarking and protocol address %s',
    (ip) => {
      expect(policyNone.isForbiddenIp(ip)).toBe(true);
    },
  );
});
