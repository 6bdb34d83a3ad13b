/**
 * Validation of the edge read `GET /v1/cookies/{uuid}?domain=<requesting domain>` (pure).
 *   uuid    the device id: 1-64 characters of A-Z a-z 0-9 `_` `-` (AAM ids are 38 digits), the one
 *           uuid rule of every service (libs/schema/record-limits.ts; the router refuses others);
 *   domain  the host name of the page asking (no scheme, path or port): dot-separated labels of
 *           letters, digits and `-` (no leading/trailing `-`), at most 253 characters; case-insensitive,
 *           a trailing dot is ignored.
 * Anything else is a 400 whose message names the parameter and the rule.
 */
import { UUID_PATTERN } from '../../libs/schema/index.ts';

export interface ReadParams {
  uuid: string;
  /** Lower-case host name without a trailing dot. */
  domain: string;
}

export type ParsedRead = { ok: true; params: ReadParams } | { ok: false; message: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function readParams(uuid: unknown, domain: unknown): ParsedRead {
  if (typeof uuid !== 'string' || !UUID_PATTERN.test(uuid)) {
    return { ok: false, message: 'uuid must be 1-64 characters of A-Z, a-z, 0-9, "_" or "-"' };
  }
  if (typeof domain !== 'string' || domain === '') {
    return { ok: false, message: 'query parameter "domain" (the requesting host name) is required' };
  }
  const host = domain.toLowerCase().replace(/\.$/, '');
  if (host.length > 253 || !host.split('.').every((label) => LABEL.test(label))) {
    return {
      ok: false,
      message:
        'domain must be a host name such as www.example.com (letters, digits, "-" and dots; no scheme, port or path)',
    };
  }
  return { ok: true, params: { uuid, domain: host } };
}
