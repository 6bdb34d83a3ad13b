/**
 * Checks a decoded record against its limits (record-limits.ts), one pure function per consumed
 * record type: null when it is within them, else `{ reason: 'invalid_event', detail }` where the
 * detail names the field and the limit and never echoes more than 40 characters of a value.
 * Cost is linear in the record (lengths first, then each item, then the encoded size, computed by
 * avsc into an empty buffer: no copy), so a hostile record is refused as cheaply as it was read.
 */
import type avro from 'avsc';
import { CONTROL_CHARACTERS, RECORD_LIMITS, SEGMENTS_CEILING, UUID_PATTERN } from './record-limits.ts';
import { schemas } from './schemas.ts';
import type {
  CookieDeliveryRequest,
  DataSource,
  IdSync,
  PartnerId,
  QualificationEvent,
  S2sDeliveryRequest,
  UrlDeliveryRequest,
} from './types.ts';

export interface LimitViolation {
  reason: 'invalid_event';
  detail: string;
}

type Check = LimitViolation | null;

const PREVIEW = 40;
const EMPTY = Buffer.alloc(0);
const WIRE_HEADER_BYTES = 5;

const violation = (detail: string): LimitViolation => ({ reason: 'invalid_event', detail });

/** A value as it may appear in a detail: JSON-quoted, at most 40 characters, `...` when cut. */
export function preview(value: string): string {
  return value.length > PREVIEW ? `${JSON.stringify(value.slice(0, PREVIEW))}...` : JSON.stringify(value);
}

/** An id or consent string: at most `max` long, no control character (it ends up in headers and URLs). */
function text(field: string, value: string | null, max: number, required = false): Check {
  const tooLong = length(field, value, max, required);
  if (tooLong || value === null) return tooLong;
  const at = value.search(CONTROL_CHARACTERS);
  if (at !== -1)
    return violation(`${field}: control character U+${hex(value.charCodeAt(at))} at index ${at}`);
  return null;
}

/** Any string: at most `max` long (mapping values and templates are checked by the builder). */
function length(field: string, value: string | null, max: number, required = false): Check {
  if (value === null) return null;
  if (required && value.length === 0) return violation(`${field}: empty`);
  if (value.length > max)
    return violation(`${field}: ${value.length} characters, more than the limit of ${max}`);
  return null;
}

function uuid(value: string): Check {
  if (value.length === 0) return violation('uuid: empty');
  if (UUID_PATTERN.test(value)) return null;
  const why =
    value.length > 64 ? `${value.length} characters` : `${preview(value)} has a character outside the set`;
  return violation(`uuid: ${why}; the rule is 1-64 characters of A-Z a-z 0-9 _ -`);
}

function array(field: string, items: readonly unknown[], max: number): Check {
  return items.length > max
    ? violation(`${field}: ${items.length} entries, more than the limit of ${max}`)
    : null;
}

function recordBytes(name: string, type: avro.Type, value: unknown, max: number): Check {
  const end = type.encode(value, EMPTY, 0);
  const bytes = WIRE_HEADER_BYTES + (end < 0 ? -end : end);
  return bytes > max ? violation(`${name}: ${bytes} bytes encoded, more than the limit of ${max}`) : null;
}

function partnerIds(ids: readonly PartnerId[], maxEntries: number, maxId: number): Check {
  const tooMany = array('partnerIds', ids, maxEntries);
  if (tooMany) return tooMany;
  for (const [i, partner] of ids.entries()) {
    const broken = text(`partnerIds[${i}].id`, partner.id, maxId);
    if (broken) return broken;
  }
  return null;
}

function first(...checks: (() => Check)[]): Check {
  for (const check of checks) {
    const result = check();
    if (result) return result;
  }
  return null;
}

function qualificationEvent(
  event: QualificationEvent,
  maxSegments: number = RECORD_LIMITS.qualificationEvent.arrays.segments,
): Check {
  const { strings, arrays, maxRecordBytes } = RECORD_LIMITS.qualificationEvent;
  const segmentLimit = Math.min(maxSegments, SEGMENTS_CEILING);
  return first(
    () => uuid(event.uuid),
    () => text('eventId', event.eventId, strings.eventId, true),
    () => length('platform', event.platform, strings.platform),
    () => text('mcid', event.mcid, strings.mcid),
    () => text('consent.tcString', event.consent?.tcString ?? null, strings['consent.tcString']),
    () => partnerIds(event.partnerIds, arrays.partnerIds, strings['partnerIds[].id']),
    () => array('segments', event.segments, segmentLimit),
    () => {
      const max = arrays['segments[].dataSourceIds'];
      const i = event.segments.findIndex((s) => s.dataSourceIds.length > max);
      return i === -1 ? null : array(`segments[${i}].dataSourceIds`, event.segments[i]!.dataSourceIds, max);
    },
    () => recordBytes('event', schemas.qualificationEvent.type, event, maxRecordBytes),
  );
}

type DeliveryRecord = 'urlDeliveryRequest' | 'cookieDeliveryRequest' | 's2sDeliveryRequest';
type AnyDelivery = UrlDeliveryRequest | CookieDeliveryRequest | S2sDeliveryRequest;

function delivery(name: DeliveryRecord, request: AnyDelivery, segmentStrings: string[]): Check {
  const { strings, arrays, maxRecordBytes } = RECORD_LIMITS[name];
  const limits = strings as Record<string, number>;
  return first(
    () => uuid(request.uuid),
    () => text('deliveryId', request.deliveryId, strings.deliveryId, true),
    () => text('eventId', request.eventId, strings.eventId),
    () => text('mcid', request.mcid, strings.mcid),
    () => text('tcString', request.tcString, strings.tcString),
    () => partnerIds(request.partnerIds, arrays.partnerIds, strings['partnerIds[].id']),
    () => array('segments', request.segments, arrays.segments),
    () => {
      for (const [i, segment] of request.segments.entries()) {
        for (const field of segmentStrings) {
          const value = (segment as unknown as Record<string, string | null>)[field] ?? null;
          const broken = length(`segments[${i}].${field}`, value, limits[`segments[].${field}`]!);
          if (broken) return broken;
        }
      }
      return null;
    },
    () => recordBytes('request', schemas[name].type, request, maxRecordBytes),
  );
}

function idSync(sync: IdSync): Check {
  const { strings, maxRecordBytes } = RECORD_LIMITS.idSync;
  return first(
    () => uuid(sync.uuid),
    () =>
      Number.isInteger(sync.dpid) && sync.dpid > 0 ? null : violation(`dpid: ${sync.dpid}, must be positive`),
    () => text('dpuuid', sync.dpuuid, strings.dpuuid, true),
    () =>
      Number.isFinite(sync.seenAt) && sync.seenAt > 0
        ? null
        : violation(`seenAt: ${sync.seenAt}, must be a positive epoch millisecond time`),
    () => recordBytes('id sync', schemas.idSync.type, sync, maxRecordBytes),
  );
}

function dataSource(source: DataSource): Check {
  const { strings, arrays, maxRecordBytes } = RECORD_LIMITS.dataSource;
  return first(
    () => length('name', source.name, strings.name),
    () => length('updatedBy', source.updatedBy, strings.updatedBy),
    () => array('exportControls', source.exportControls, arrays.exportControls),
    () => recordBytes('data source', schemas.dataSource.type, source, maxRecordBytes),
  );
}

export const validateLimits = {
  /** `maxSegments`: the router's MAX_SEGMENTS_PER_EVENT (capped at SEGMENTS_CEILING). */
  qualificationEvent,
  urlDeliveryRequest: (request: UrlDeliveryRequest) =>
    delivery('urlDeliveryRequest', request, ['value', 'url', 'secureUrl']),
  cookieDeliveryRequest: (request: CookieDeliveryRequest) =>
    delivery('cookieDeliveryRequest', request, ['value', 'key']),
  s2sDeliveryRequest: (request: S2sDeliveryRequest) => delivery('s2sDeliveryRequest', request, ['value']),
  idSync,
  dataSource,
} as const;

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}
