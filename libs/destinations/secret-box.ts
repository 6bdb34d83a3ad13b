/**
 * Write-only destination secrets (OAuth client secret, HMAC key, SSH key), SPEC §3: "stored
 * encrypted, never returned by the API or printed in logs".
 *
 * AES-256-GCM (NIST SP 800-38D): a fresh random 96-bit IV per encryption, a 128-bit tag, and
 * additional authenticated data (AAD) binding the ciphertext to where it is used
 * (`destination/<id>/<field>`), so a ciphertext copied into another destination or field does not
 * decrypt. Keys come from configuration as `<keyId>:<base64 of 32 bytes>`; the first key encrypts,
 * every listed key decrypts (rotation: prepend the new key, rewrite the destinations, drop the old).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors/index.ts';
import type { EncryptedSecret } from '../schema/types.ts';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Fields of a destination that hold secrets, by the record they live in. */
export type SecretField = 'oauthClientSecret' | 'hmacKey' | 'sftpKey';

/** The AAD of a destination secret: delivery services decrypt with the same context. */
export function secretContext(destinationId: number, field: SecretField): string {
  return `destination/${destinationId}/${field}`;
}

export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentKeyId: string;

  /** @param keySpecs `<keyId>:<base64 32-byte key>`, the first one encrypts. */
  constructor(keySpecs: readonly string[]) {
    for (const spec of keySpecs) {
      const at = spec.indexOf(':');
      const keyId = spec.slice(0, at).trim();
      const key = Buffer.from(spec.slice(at + 1).trim(), 'base64');
      if (at <= 0 || key.length !== KEY_BYTES) {
        throw new AppError(
          'invalid_config',
          `secret key "${at > 0 ? keyId : '?'}" must be <keyId>:<base64 of ${KEY_BYTES} bytes>`,
        );
      }
      if (this.keys.has(keyId))
        throw new AppError('invalid_config', `secret key id "${keyId}" is listed twice`);
      this.keys.set(keyId, key);
    }
    const first = this.keys.keys().next();
    if (first.done) throw new AppError('invalid_config', 'at least one secret key is required');
    this.currentKeyId = first.value;
  }

  get keyId(): string {
    return this.currentKeyId;
  }

  encrypt(plaintext: string, context: string): EncryptedSecret {
    const key = this.keys.get(this.currentKeyId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.currentKeyId, iv, ciphertext, tag: cipher.getAuthTag() };
  }

  decrypt(secret: EncryptedSecret, context: string): string {
    const key = this.keys.get(secret.keyId);
    if (key === undefined) {
      throw new AppError('invalid_config', `secret encrypted with unknown key id "${secret.keyId}"`);
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, key, secret.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(secret.tag);
      return Buffer.concat([decipher.update(secret.ciphertext), decipher.final()]).toString('utf8');
    } catch (cause) {
      // Never include the ciphertext or key material in the message.
      throw new AppError(
        'invalid_config',
        `secret for ${context} does not decrypt with key "${secret.keyId}"`,
        {
          cause,
        },
      );
    }
  }

  /** True when the secret is encrypted with a key other than the current one (rotation pending). */
  needsRotation(secret: EncryptedSecret): boolean {
    return secret.keyId !== this.currentKeyId;
  }
}
