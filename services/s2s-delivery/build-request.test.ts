import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildRequest, buildTokenRequest, readTokenResponse } from './build-request.ts';
import { OAuthTokenCache } from './oauth-token-cache.ts';
import { signBody } from './sign-body.ts';

const realTime = {
  endpoint: 'https://partner.example/aam',
  auth: 'HMAC' as const,
  oauthTokenUrl: null,
  oauthClientId: null,
  oauthClientSecret: null,
  hmacAlgorithm: 'SHA1' as const,
  hmacHeader: 'X-Signature',
  hmacKey: null,
  hmacKeyEncoding: 'UTF8' as const,
  usersPerRequest: 10,
  flushIntervalMs: 1000,
  timeoutMs: 3000,
};

describe('real-time request', () => {
  it('signs the body bytes (HmacSHA1/SHA256, base64) into the partner header', () => {
    const body = '{"User_count":1}';
    const call = buildRequest(realTime, { destinationId: 4, id: 17, body }, { hmacKey: 'k' }, 'ua');
    expect(call).toEqual({
      method: 'POST',
      url: 'https://partner.example/aam',
      body,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'user-agent': 'ua',
        'x-delivery-id': 's2s-4-17',
        'x-signature': createHmac('sha1', 'k').update(body).digest('base64'),
      },
    });
    expect(signBody('SHA256', 'k', body)).toBe(createHmac('sha256', 'k').update(body).digest('base64'));
  });

  it('signs with the base64-decoded key bytes when the key is given as base64 (issue 20)', () => {
    const body = '{"User_count":2}';
    const bytes = Buffer.from('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'hex');
    const base64 = bytes.toString('base64');
    const expected = createHmac('sha256', bytes).update(body).digest('base64');
    expect(signBody('SHA256', base64, body, 'BASE64')).toBe(expected);
    expect(signBody('SHA256', bytes.toString('base64url'), body, 'BASE64')).toBe(expected);
    expect(signBody('SHA256', base64, body, 'UTF8')).not.toBe(expected);
    const call = buildRequest(
      { ...realTime, hmacAlgorithm: 'SHA256', hmacKeyEncoding: 'BASE64' },
      { destinationId: 4, id: 18, body },
      { hmacKey: base64 },
      'ua',
    );
    expect(call.headers['x-signature']).toBe(expected);
  });

  it('asks for client-credentials tokens with Basic auth and reads expires_in', () => {
    const call = buildTokenRequest('https://partner.example/oauth2/token', 'id', 's:cret', 'ua');
    expect(call.headers.authorization).toBe(`Basic ${Buffer.from('id:s%3Acret').toString('base64')}`);
    expect(call.body).toBe('grant_type=client_credentials');
    expect(readTokenResponse('{"access_token":"t","token_type":"Bearer","expires_in":60}', 5)).toEqual({
      accessToken: 't',
      lifetimeMs: 60_000,
    });
    expect(readTokenResponse('{"access_token":"t"}', 5)).toEqual({ accessToken: 't', lifetimeMs: 5 });
    expect(readTokenResponse('nope', 5)).toBeNull();
  });

  it('caches tokens until shortly before expiry, per destination version', () => {
    let now = 0;
    const cache = new OAuthTokenCache(() => now);
    cache.put(1, 3, 'tok', 10_000);
    expect(cache.get(1, 3)).toBe('tok');
    expect(cache.get(1, 4)).toBeUndefined();
    now = 8_999;
    expect(cache.get(1, 3)).toBe('tok');
    now = 9_000; // 10 % margin
    expect(cache.get(1, 3)).toBeUndefined();
    cache.put(1, 3, 'tok2', 3_600_000);
    cache.invalidate(1);
    expect(cache.get(1, 3)).toBeUndefined();
  });
});
