/**
 * One JSON line -> a QualificationEvent ready to encode, or the reasons it is refused (pure).
 * Contract: docs/publishing.md and schemas/qualification-event.avsc. Input is plain JSON (unions
 * are not wrapped as in Avro's JSON encoding): optional fields take their schema default, eventTime
 * and updatedAt are epoch milliseconds or ISO-8601 strings, unknown fields are refused (a typo would
 * otherwise silently drop data). The Avro type checks types; the router's domain rules (non-empty
 * ids, known platform, 1..1000 segments) and the record limits (libs/schema/record-limits.ts: the
 * uuid rule, string and array lengths, encoded size) run too, so what passes here is not
 * dead-lettered there.
 */
import { eventProblems, RECORD_LIMITS, schemas, type QualificationEvent } from '../../libs/schema/index.ts';

export type LineResult =
  { kind: 'blank' } | { kind: 'valid'; event: QualificationEvent } | { kind: 'invalid'; errors: string[] };

interface FieldSpec {
  name: string;
  default?: unknown;
}

const EVENT_FIELDS = (schemas.qualificationEvent.json as { fields: FieldSpec[] }).fields;
const SEGMENT_FIELDS = ['sid', 'status', 'updatedAt', 'dataSourceIds'];
const PARTNER_ID_FIELDS = ['dpid', 'id'];
const CONSENT_FIELDS = ['gdprApplies', 'tcString'];
const MAX_SEGMENTS = RECORD_LIMITS.qualificationEvent.arrays.segments;

/** A line as one JSON object, or why not (blank lines are blank, not errors). */
export function parseObjectLine(
  line: string,
):
  | { kind: 'blank' }
  | { kind: 'invalid'; errors: string[] }
  | { kind: 'object'; input: Record<string, unknown> } {
  if (line.trim() === '') return { kind: 'blank' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return { kind: 'invalid', errors: [`malformed JSON: ${(error as Error).message}`] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'invalid', errors: ['a line must be one JSON object'] };
  }
  return { kind: 'object', input: parsed as Record<string, unknown> };
}

export function validateLine(line: string): LineResult {
  const parsed = parseObjectLine(line);
  if (parsed.kind !== 'object') return parsed;
  const input = parsed.input;
  const errors = unknownFields(input);
  const event: Record<string, unknown> = {};
  for (const field of EVENT_FIELDS) {
    const value = input[field.name];
    if (value === undefined) {
      if (field.default === undefined) errors.push(`${field.name}: required`);
      else event[field.name] = structuredClone(field.default);
    } else event[field.name] = value;
  }
  event.eventTime = toMillis(event.eventTime);
  const consent = event.consent as Record<string, unknown> | null;
  if (typeof consent === 'object' && consent !== null && consent.tcString === undefined) {
    event.consent = { ...consent, tcString: null };
  }
  if (Array.isArray(event.segments)) {
    event.segments = event.segments.map((segment: unknown) =>
      typeof segment === 'object' && segment !== null
        ? {
            dataSourceIds: [],
            ...segment,
            updatedAt: toMillis((segment as { updatedAt?: unknown }).updatedAt),
          }
        : segment,
    );
  }
  // every problem of the line at once: unknown and missing fields, then each type error of the
  // fields present, then (when the types hold) every domain rule broken
  const missing = new Set(errors.filter((e) => e.endsWith(': required')).map((e) => e.split(':')[0]));
  const typesHold = schemas.qualificationEvent.type.isValid(event, {
    errorHook: (path, value, type) => {
      if (path.length === 1 && missing.has(path[0])) return;
      errors.push(`${formatPath(path)}: ${JSON.stringify(value) ?? 'undefined'} is not ${describe(type)}`);
    },
  });
  if (typesHold)
    errors.push(...eventProblems(event as unknown as QualificationEvent, MAX_SEGMENTS).map((p) => p.detail));
  return errors.length > 0
    ? { kind: 'invalid', errors }
    : { kind: 'valid', event: event as unknown as QualificationEvent };
}

function unknownFields(input: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const known = new Set(EVENT_FIELDS.map((f) => f.name));
  for (const key of Object.keys(input)) if (!known.has(key)) errors.push(`${key}: unknown field`);
  const nested = (value: unknown, allowed: string[], at: string) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const key of Object.keys(value))
      if (!allowed.includes(key)) errors.push(`${at}.${key}: unknown field`);
  };
  if (Array.isArray(input.segments))
    input.segments.forEach((s, i) => nested(s, SEGMENT_FIELDS, `segments[${i}]`));
  if (Array.isArray(input.partnerIds))
    input.partnerIds.forEach((p, i) => nested(p, PARTNER_ID_FIELDS, `partnerIds[${i}]`));
  nested(input.consent, CONSENT_FIELDS, 'consent');
  return errors;
}

/** Epoch milliseconds from a number or an ISO-8601 string; anything else is left for the type check. */
function toMillis(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : ms;
}

function formatPath(path: string[]): string {
  return (
    path.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`)).join('') ||
    '(event)'
  );
}

interface TypeInfo {
  typeName?: string;
  symbols?: string[];
  name?: string;
  types?: TypeInfo[];
}

function describe(type: TypeInfo): string {
  if (type.symbols) return `one of ${type.symbols.join(', ')}`;
  if (type.types) return type.types.map((t) => (t.typeName === 'null' ? 'null' : describe(t))).join(' or ');
  const name = type.typeName ?? type.name ?? 'valid';
  if (name === 'long' || name === 'logical:timestamp-millis')
    return 'an integer (epoch ms, or an ISO-8601 string)';
  if (name === 'int') return 'a 32-bit integer';
  return `a ${name}`;
}
