/**
 * What the API returns for a destination: the stored record with times as ISO-8601 strings and
 * every secret replaced by `{ "set": true }` (never its value, never its ciphertext), as plain
 * objects (records decoded from Avro carry enumerable prototype methods, which the response
 * schema's `additionalProperties: false` would count as fields).
 */
import type { DestinationConfig, EncryptedSecret } from '../../libs/schema/types.ts';
import type { JsonLineLayout } from '../../libs/rendering/index.ts';

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
    dataExportLabels: [...config.dataExportLabels],
    mappings: config.mappings.map((m) => ({ ...m })),
    url: config.url === null ? null : { ...config.url },
    cookie:
      config.cookie === null ? null : { ...config.cookie, publishDomains: [...config.cookie.publishDomains] },
    s2s:
      config.s2s === null
        ? null
        : {
            dpid: config.s2s.dpid,
            accountAlias: config.s2s.accountAlias,
            realTime:
              realTime === null
                ? null
                : {
                    ...realTime,
                    oauthClientSecret: secretView(realTime.oauthClientSecret),
                    hmacKey: secretView(realTime.hmacKey),
                  },
            batch:
              batch === null
                ? null
                : {
                    ...batch,
                    syncModes: [...batch.syncModes],
                    sftpKey: secretView(batch.sftpKey),
                    jsonLine: batch.jsonLine === null ? null : (JSON.parse(batch.jsonLine) as JsonLineLayout),
                  },
          },
  };
}

export type DestinationView = ReturnType<typeof destinationView>;
