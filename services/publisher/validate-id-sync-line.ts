/**
 * One JSON line -> an IdSync ready to encode (schemas/id-sync.avsc), or every reason it is refused
 * (pure): `{"uuid": "...", "dpid": 20915, "dpuuid": "...", "seenAt": 1764000000000}`, seenAt as
 * epoch ms or ISO-8601, default now; unknown fields refused; uuid by the same rule as events'.
 */
import { schemas, UUID_PATTERN, type IdSync } from '../../libs/schema/index.ts';
import { parseObjectLine } from './validate-line.ts';

export type IdSyncLineResult =
  { kind: 'blank' } | { kind: 'valid'; event: IdSync } | { kind: 'invalid'; errors: string[] };

const FIELDS = ['uuid', 'dpid', 'dpuuid', 'seenAt'];

export function validateIdSyncLine(line: string, now = Date.now()): IdSyncLineResult {
  const parsed = parseObjectLine(line);
  if (parsed.kind !== 'object') return parsed;
  const input = parsed.input;
  const errors = Object.keys(input)
    .filter((key) => !FIELDS.includes(key))
    .map((key) => `${key}: unknown field`);
  const reported = new Set<string>();
  for (const field of ['uuid', 'dpid', 'dpuuid']) {
    if (input[field] === undefined) {
      errors.push(`${field}: required`);
      reported.add(field);
    }
  }
  let seenAt = input.seenAt ?? now;
  if (typeof seenAt === 'string') {
    seenAt = Date.parse(seenAt);
    if (Number.isNaN(seenAt)) {
      errors.push(`seenAt: ${JSON.stringify(input.seenAt)} is not epoch ms or an ISO-8601 time`);
      reported.add('seenAt');
    }
  }
  const sync = { uuid: input.uuid, dpid: input.dpid, dpuuid: input.dpuuid, seenAt };
  schemas.idSync.type.isValid(sync, {
    errorHook: (path, value) => {
      if (reported.has(path[0] ?? '')) return;
      errors.push(`${path.join('.')}: ${JSON.stringify(value)} is not valid`);
    },
  });
  if (typeof sync.uuid === 'string' && !UUID_PATTERN.test(sync.uuid))
    errors.push(`uuid: "${sync.uuid.slice(0, 40)}" does not match ${UUID_PATTERN}`);
  if (typeof sync.dpuuid === 'string' && sync.dpuuid.trim() === '') errors.push('dpuuid: empty');
  if (typeof sync.dpid === 'number' && sync.dpid <= 0)
    errors.push(`dpid: ${sync.dpid} is not a positive namespace id`);
  return errors.length > 0 ? { kind: 'invalid', errors } : { kind: 'valid', event: sync as IdSync };
}
