/**
 * HMAC signature of a real-time POST (AAM "Digitally signed HTTP(S) requests"): the MAC of the
 * request body bytes with the partner's shared key, HmacSHA256 or HmacSHA1, Base64-encoded, sent in
 * the header the partner chose (e.g. `X-Signature: +wFdR/afZNoVqtGl8/e1KJ4ykPU=`). Host and headers
 * are not signed. Pure.
 */
import { createHmac } from 'node:crypto';

export function signBody(algorithm: 'SHA256' | 'SHA1', key: string, body: string | Buffer): string {
  return createHmac(algorithm === 'SHA256' ? 'sha256' : 'sha1', key)
    .update(body)
    .digest('base64');
}
