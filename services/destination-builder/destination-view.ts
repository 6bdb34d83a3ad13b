/**
 * What the API returns for a destination: the stored record with times as ISO-8601 strings and
 * every secret replaced by `{ "set": true }` (never its value, never its ciphertext).
 */
import type { DestinationConfig, EncryptedSecret } from '../../libs/schema/types.ts';

export interface SecretView {
  set: true;
}

function secretView(secret: EncryptedSecret | null): SecretView | null {
  return secret === null ? null : { set: true };
}

export function destinationView(config: DestinationConfig) {
  const realTime = config.s2s?.realTime ?? null;
  const batch = config.s2s?.batch ?? null;
  return {
    ...config,
    createdAt: new Date(config.createdAt).toISOString(),
    updatedAt: new Date(config.updatedAt).toISOString(),
    s2s:
      config.s2s === null
        ? null
        : {
            ...config.s2s,
            realTime:
              realTime === null
                ? null
                : {
                    ...realTime,
                    oauthClientSecret: secretView(realTime.oauthClientSecret),
                    hmacKey: secretView(realTime.hmacKey),
                  },
            batch: batch === null ? null : { ...batch, sftpKey: secretView(batch.sftpKey) },
          },
  };
}

export type DestinationView = ReturnType<typeof destinationView>;
