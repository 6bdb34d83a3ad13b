/**
 * The JSON-lines layout of batch files (issue 20): one JSON object per user, its own fields first,
 * then one array of segment entries, e.g. Adobe's Trade Desk example (outbound macro examples,
 * docs/partners.md):
 *   {"AdvertiserId":"12345","DataCenterId":2,"TDID":"…","Data":[{"Name":"4321"},{"Name":"987","TtlInMinutes":0}]}
 * A layout names the user fields, the array's key, the fields of a live segment's entry and of a
 * removed segment's entry (null = removals left out, as a full file has none anyway). Field values
 * are constants (string, number, boolean) or strings with placeholders; a string that is exactly
 * one numeric placeholder is written as a JSON number. Unknown placeholders are refused when the
 * destination is saved (`jsonLineIssues`). Pure.
 */
import { CONTROL_CHARACTERS } from '../schema/record-limits.ts';

export type JsonLineValue = string | number | boolean;
export type JsonLineFields = Record<string, JsonLineValue>;

export interface JsonLineLayout {
  /** The user's fields, in order. Placeholders: USER_PLACEHOLDERS. */
  fields: JsonLineFields;
  /** Key of the segment array, written after the user's fields. */
  segmentsField: string;
  /** Fields of a live segment's entry. Placeholders: SEGMENT_PLACEHOLDERS and the user's. */
  segment: JsonLineFields;
  /** Fields of a removed segment's entry; null = removed segments are left out. */
  removed: JsonLineFields | null;
}

export interface JsonLineUser {
  uuid: string;
  dpid: number;
  dpuuid: string | null;
  segments: { sid: number; value: string; member: boolean; updatedAt: number }[];
}

export interface JsonLineContext {
  destinationId: number;
  pidAlias: string;
}

/** Placeholders of the user's fields (and of segment entries). */
export const USER_PLACEHOLDERS = {
  dpuuid: 'the partner user id (the ID sync in the destination namespace)',
  uuid: 'the AAM device id',
  dpid: 'the destination namespace (a number when alone)',
  destinationId: 'the destination id (a number when alone)',
  pidAlias: 'the account alias on the partner platform',
} as const;

/** Placeholders only segment entries have. */
export const SEGMENT_PLACEHOLDERS = {
  value: 'the mapping value of the segment',
  sid: 'the segment id (a number when alone)',
  status: '1 for a live segment, 0 for a removed one, as AAM real-time messages (a number when alone)',
  updatedAt: 'when the membership last changed, epoch milliseconds (a number when alone)',
  updatedAtSeconds: 'the same in epoch seconds (a number when alone)',
} as const;

const NUMERIC = new Set(['dpid', 'destinationId', 'sid', 'status', 'updatedAt', 'updatedAtSeconds']);
const PLACEHOLDER = /\{(\w+)\}/g;
const ALONE = /^\{(\w+)\}$/;

export const JSON_LINE_LIMITS = { fields: 32, entryFields: 16, keyLength: 64, valueLength: 512 } as const;

type Values = Record<string, string | number>;

function fill(fields: JsonLineFields, values: Values, out: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== 'string') {
      out[key] = value;
      continue;
    }
    const name = ALONE.exec(value)?.[1];
    if (name !== undefined && NUMERIC.has(name) && Object.hasOwn(values, name)) {
      out[key] = Number(values[name]);
      continue;
    }
    out[key] = value.replace(PLACEHOLDER, (whole, placeholder: string) =>
      Object.hasOwn(values, placeholder) ? String(values[placeholder]) : whole,
    );
  }
}

/** One user's line, `\n`-terminated. */
export function jsonLine(user: JsonLineUser, layout: JsonLineLayout, context: JsonLineContext): string {
  const userValues: Values = {
    dpuuid: user.dpuuid ?? '',
    uuid: user.uuid,
    dpid: user.dpid,
    destinationId: context.destinationId,
    pidAlias: context.pidAlias,
  };
  const line: Record<string, unknown> = {};
  fill(layout.fields, userValues, line);
  const entries: Record<string, unknown>[] = [];
  for (const segment of user.segments) {
    const fields = segment.member ? layout.segment : layout.removed;
    if (fields === null) continue;
    const entry: Record<string, unknown> = {};
    fill(
      fields,
      {
        ...userValues,
        value: segment.value,
        sid: segment.sid,
        status: segment.member ? 1 : 0,
        updatedAt: segment.updatedAt,
        updatedAtSeconds: Math.floor(segment.updatedAt / 1000),
      },
      entry,
    );
    entries.push(entry);
  }
  line[layout.segmentsField] = entries;
  return `${JSON.stringify(line)}\n`;
}

/** Problems of a layout, each with the JSON pointer below the layout it is about. Pure. */
export function jsonLineIssues(layout: JsonLineLayout): { pointer: string; message: string }[] {
  const issues: { pointer: string; message: string }[] = [];
  const key = (k: string, pointer: string) => {
    if (k.length === 0 || k.length > JSON_LINE_LIMITS.keyLength || CONTROL_CHARACTERS.test(k)) {
      issues.push({
        pointer,
        message: `a field name is 1-${JSON_LINE_LIMITS.keyLength} characters, no control characters`,
      });
    }
  };
  const check = (fields: JsonLineFields, pointer: string, known: Set<string>, most: number) => {
    const entries = Object.entries(fields);
    if (entries.length > most) issues.push({ pointer, message: `at most ${most} fields` });
    for (const [name, value] of entries) {
      const at = `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      key(name, at);
      if (typeof value === 'number' && !Number.isFinite(value)) {
        issues.push({ pointer: at, message: 'a number must be finite' });
      }
      if (typeof value !== 'string') continue;
      if (value.length > JSON_LINE_LIMITS.valueLength) {
        issues.push({
          pointer: at,
          message: `a value is at most ${JSON_LINE_LIMITS.valueLength} characters`,
        });
      }
      for (const match of value.matchAll(PLACEHOLDER)) {
        if (!known.has(match[1] as string)) {
          issues.push({
            pointer: at,
            message: `unknown placeholder ${match[0]}; known here: ${[...known].map((p) => `{${p}}`).join(' ')}`,
          });
        }
      }
    }
  };
  const user = new Set(Object.keys(USER_PLACEHOLDERS));
  const segment = new Set([...user, ...Object.keys(SEGMENT_PLACEHOLDERS)]);
  check(layout.fields, '/fields', user, JSON_LINE_LIMITS.fields);
  key(layout.segmentsField, '/segmentsField');
  if (Object.hasOwn(layout.fields, layout.segmentsField)) {
    issues.push({ pointer: '/segmentsField', message: 'the segment array needs a key no user field has' });
  }
  check(layout.segment, '/segment', segment, JSON_LINE_LIMITS.entryFields);
  if (layout.removed !== null) check(layout.removed, '/removed', segment, JSON_LINE_LIMITS.entryFields);
  return issues;
}
