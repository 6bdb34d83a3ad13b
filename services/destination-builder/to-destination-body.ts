/**
 * The stored destination in the form of a PUT body: what a JSON Merge Patch applies to. The
 * reverse of to-destination-config.ts for every field a body carries; write-only secrets are left
 * out (absent = keep the stored one), so a patch that does not name a secret keeps it.
 */
import type { DestinationConfig, SegmentMapping } from '../../libs/schema/types.ts';
import { destinationView } from './destination-view.ts';
import type { DestinationBody, MappingBody } from './request-bodies.ts';

export function toMappingBody(mapping: SegmentMapping): MappingBody {
  return { ...mapping };
}

/** The destination as the API shows it, without what a body does not carry. */
export function toDestinationBody(config: DestinationConfig): DestinationBody {
  const {
    id: _id,
    version: _v,
    createdBy: _cb,
    createdAt: _ca,
    updatedBy: _ub,
    updatedAt: _ua,
    s2s,
    ...body
  } = destinationView(config);
  if (s2s === null) return { ...body, s2s: null };
  const { realTime, batch } = s2s;
  return {
    ...body,
    s2s: {
      ...s2s,
      realTime:
        realTime === null
          ? null
          : (({ oauthClientSecret: _secret, hmacKey: _key, ...rest }) => rest)(realTime),
      batch: batch === null ? null : (({ sftpKey: _key, ...rest }) => rest)(batch),
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
