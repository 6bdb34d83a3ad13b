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
});
