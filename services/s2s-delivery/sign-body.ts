/**
 * HMAC signature of a real-time POST (AAM "Digitally signed HTTP(S) requests"): the MAC of the
 * request body bytes with the partner's shared key, HmacSHA256 or HmacSHA1, Base64-encoded, sent in
 * the header the partner chose (e.g. `X-Signature: +wFdR/afZNoVqtGl8/e1KJ4ykPU=`). Host and headers
 * are not signed. The key is the text the partner gave, as UTF-8 bytes, or base64-decoded when the
 * destination says BASE64 (partners often hand out a base64 key: its text is not the key). Pure.
 */
import { createHmac } from 'node:crypto';

export function signBody(
  algorithm: 'SHA256' | 'SHA1',
  key: string,
  body: string | Buffer,
  encoding: 'UTF8' | 'BASE64' = 'UTF8',
): string {
  const bytes = encoding === 'BASE64' ? Buffer.from(key.trim(), 'base64') : Buffer.from(key, 'utf8');
  return createHmac(algorithm === 'SHA256' ? 'sha256' : 'sha1', bytes)
    .update(body)
    .digest('base64');
}
