import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.ts';
import { SecretBox, secretContext } from './secret-box.ts';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('SecretBox (AES-256-GCM)', () => {
  const k1 = key('k1');
  const box = new SecretBox([k1]);
  const context = secretContext(7, 'hmacKey');

  it('round-trips a secret and never stores the plaintext', () => {
    const secret = box.encrypt('s3cr3t-value', context);
    expect(secret.keyId).toBe('k1');
    expect(secret.iv).toHaveLength(12);
    expect(secret.tag).toHaveLength(16);
    expect(secret.ciphertext.toString('utf8')).not.toContain('s3cr3t');
    expect(box.decrypt(secret, context)).toBe('s3cr3t-value');
  });

  it('uses a fresh IV each time', () => {
    const a = box.encrypt('same', context);
    const b = box.encrypt('same', context);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it('refuses a ciphertext moved to another destination or field (AAD)', () => {
    const secret = box.encrypt('value', context);
    expect(() => box.decrypt(secret, secretContext(8, 'hmacKey'))).toThrow(AppError);
    expect(() => box.decrypt(secret, secretContext(7, 'sftpKey'))).toThrow(/does not decrypt/);
  });

  it('detects tampering', () => {
    const secret = box.encrypt('value', context);
    const flipped = Buffer.from(secret.ciphertext);
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(() => box.decrypt({ ...secret, ciphertext: flipped }, context)).toThrow(/does not decrypt/);
  });

  it('rotates: the first key encrypts, older keys still decrypt', () => {
    const old = box.encrypt('value', context);
    const rotated = new SecretBox([key('k2'), k1]);
    expect(rotated.decrypt(old, context)).toBe('value');
    expect(rotated.needsRotation(old)).toBe(true);
    expect(rotated.encrypt('value', context).keyId).toBe('k2');
    expect(() => new SecretBox([key('k2')]).decrypt(old, context)).toThrow(/unknown key id "k1"/);
  });

  it('refuses bad key material without echoing it', () => {
    expect(() => new SecretBox(['k1:c2hvcnQ='])).toThrow(/base64 of 32 bytes/);
    expect(() => new SecretBox(['nokey'])).toThrow(AppError);
    expect(() => new SecretBox([])).toThrow(/at least one/);
    expect(() => new SecretBox([k1, k1])).toThrow(/twice/);
    try {
      new SecretBox(['k9:c2hvcnQ=']);
    } catch (error) {
      expect(String(error)).not.toContain('c2hvcnQ=');
    }
  });
});
