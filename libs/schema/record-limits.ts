/**
 * Size and shape limits of every consumed record type, declared once beside the schemas
 * (schemas/*.avsc) and enforced where each service validates its input (validate-limits.ts);
 * the table in docs/publishing.md is this file. A record past a limit is dead-lettered
 * (`invalid_event`, detail naming the field and the limit), never processed or stored.
 *
 * Why these numbers (ids: ../shared/reference/aam-destinations.md):
 *   uuid        AAM UUIDs and ECIDs are 38 digits, GAID/IDFA 36 characters (8-4-4-4-12 hex);
 *               1-64 of A-Z a-z 0-9 `_` `-` is the rule cookie-delivery's edge read has always had
 *               (it is a URL path segment), now the rule of every service, applied at the router.
 *   eventId     a UUID is 36 characters; 128 leaves room for prefixed ids. It becomes X-Delivery-Id,
 *               so printable only: a control character would make the HTTP header invalid.
 *   mcid        an ECID is 38 digits; 64 as for uuid.
 *   dpuuid / partner id  CRM ids, SHA-256 hex of an email (64), device ad ids (36): 255.
 *   tcString    IAB TCF v2 strings are usually under 1 KB; 8 KiB covers publisher restrictions
 *               and long vendor lists (the TCF cookie itself must fit 4 KiB).
 *   partnerIds  AAM keeps at most 10 DPUUIDs per device id per data source; 50 namespaces per user.
 *   segments    the router's MAX_SEGMENTS_PER_EVENT (default 1000) decides for events, up to the
 *               ceiling of 10,000; deliveries carry at most as many as their event.
 *   dataSourceIds  traits of 100 data sources in one segment is far beyond AAM practice.
 *   mapping value 255, URL templates 4096: what the Destination Builder accepts
 *               (services/destination-builder/validation/validate-mappings.ts MAX_MAPPING_VALUE, validate-url-template.ts).
 *   record bytes  events 256 KiB (a 1000-segment event is ~20 KB), deliveries 512 KiB: half the
 *               broker's default message.max.bytes (1 MiB), so an accepted record, and its dead
 *               letter (original bytes + ~200 bytes), always fit one broker record.
 * Record bytes are the Confluent wire format: 5 header bytes + the Avro body as this product's
 * reader schema encodes it. Lengths are UTF-16 code units (JavaScript `length`).
 */

/** The device id rule of every service (also the edge read's path parameter). */
export const UUID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Characters no id or consent string may hold: C0 controls (NUL, CR, LF, ESC, ...) and DEL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Highest segment count any service accepts, whatever MAX_SEGMENTS_PER_EVENT says. */
export const SEGMENTS_CEILING = 10_000;

const KIB = 1024;

const eventStrings = {
  eventId: 128,
  uuid: 64,
  platform: 16,
  mcid: 64,
  'partnerIds[].id': 255,
  'consent.tcString': 8 * KIB,
} as const;

const deliveryStrings = {
  deliveryId: 140,
  eventId: 128,
  uuid: 64,
  mcid: 64,
  'partnerIds[].id': 255,
  tcString: 8 * KIB,
  'segments[].value': 255,
} as const;

const deliveryArrays = { partnerIds: 50, segments: SEGMENTS_CEILING } as const;

export const RECORD_LIMITS = {
  qualificationEvent: {
    maxRecordBytes: 256 * KIB,
    strings: eventStrings,
    /** segments: the default; the router's maxSegmentsPerEvent decides, up to SEGMENTS_CEILING. */
    arrays: { partnerIds: 50, segments: 1000, 'segments[].dataSourceIds': 100 },
  },
  urlDeliveryRequest: {
    maxRecordBytes: 512 * KIB,
    strings: { ...deliveryStrings, 'segments[].url': 4096, 'segments[].secureUrl': 4096 },
    arrays: deliveryArrays,
  },
  cookieDeliveryRequest: {
    maxRecordBytes: 512 * KIB,
    strings: { ...deliveryStrings, 'segments[].key': 255 },
    arrays: deliveryArrays,
  },
  s2sDeliveryRequest: {
    maxRecordBytes: 512 * KIB,
    strings: deliveryStrings,
    arrays: deliveryArrays,
  },
  idSync: {
    maxRecordBytes: 1 * KIB,
    strings: { uuid: 64, dpuuid: 255 },
    arrays: {},
  },
  dataSource: {
    maxRecordBytes: 4 * KIB,
    strings: { name: 255, updatedBy: 255 },
    arrays: { exportControls: 4 },
  },
} as const;

export type LimitedRecord = keyof typeof RECORD_LIMITS;
