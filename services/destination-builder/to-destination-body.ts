/**
 * The stored destination in the form of a PUT body: what a JSON Merge Patch applies to. The
 * reverse of to-destination-config.ts for every field a body carries; write-only secrets are left
 * out (absent = keep the stored one), so a patch that does not name a secret keeps it.
 */
import type { DestinationConfig, SegmentMapping } from '../../libs/schema/types.ts';
import type { DestinationBody, MappingBody } from './request-bodies.ts';

export function toMappingBody(mapping: SegmentMapping): MappingBody {
  return { ...mapping };
}

export function toDestinationBody(config: DestinationConfig): DestinationBody {
  const { realTime, batch } = config.s2s ?? { realTime: null, batch: null };
  return {
    name: config.name,
    description: config.description,
    type: config.type,
    status: config.status,
    platform: config.platform,
    dataExportLabels: [...config.dataExportLabels],
    autoFill: config.autoFill,
    mappings: config.mappings.map(toMappingBody),
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
                : (({ oauthClientSecret: _secret, hmacKey: _key, ...rest }) => rest)(realTime),
            batch:
              batch === null
                ? null
                : (({ sftpKey: _key, ...rest }) => ({ ...rest, syncModes: [...rest.syncModes] }))(batch),
          },
  };
}

/** Write-only secrets a merge patch sets to null: null there means "remove it", not "keep it". */
export function restoreSecretRemovals(merged: DestinationBody, patch: Record<string, unknown>): void {
  const s2s = patch.s2s as
    { realTime?: Record<string, unknown> | null; batch?: Record<string, unknown> | null } | undefined | null;
  const realTime = merged.s2s?.realTime;
  if (realTime && s2s?.realTime) {
    if (s2s.realTime.oauthClientSecret === null) realTime.oauthClientSecret = null;
    if (s2s.realTime.hmacKey === null) realTime.hmacKey = null;
  }
  const batch = merged.s2s?.batch;
  if (batch && s2s?.batch && s2s.batch.sftpKey === null) batch.sftpKey = null;
}
