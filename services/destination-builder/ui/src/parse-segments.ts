/**
 * Reads segments pasted into the mappings editor. Plain ids may be separated by commas, spaces,
 * semicolons or new lines (`123, 456 789`); a line `sid=value` or `sid<TAB>value` (a spreadsheet
 * copy) also gives the mapping value (or integration code). Every other token is reported with its
 * line so the user can fix it. Pure.
 */
export interface PastedSegment {
  sid: number;
  value?: string;
}

export interface ParsedSegments {
  segments: PastedSegment[];
  errors: string[];
}

const SID = /^[1-9][0-9]{0,9}$/;
const MAX_SID = 2_147_483_647;

const isSid = (token: string) => SID.test(token) && Number(token) <= MAX_SID;

export function parseSegments(text: string): ParsedSegments {
  const segments: PastedSegment[] = [];
  const errors: string[] = [];
  const seen = new Set<number>();
  const add = (segment: PastedSegment, line: number) => {
    if (seen.has(segment.sid)) {
      errors.push(`line ${line}: segment ${segment.sid} is listed twice`);
      return;
    }
    seen.add(segment.sid);
    segments.push(segment);
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const pair = /^\s*([^\s=\t]+)\s*(?:=|\t)\s*(.*?)\s*$/.exec(raw);
    if (pair && (raw.includes('=') || raw.includes('\t'))) {
      const [, sid = '', value = ''] = pair;
      if (!isSid(sid)) errors.push(`line ${line}: "${sid}" is not a segment id`);
      else add(value === '' ? { sid: Number(sid) } : { sid: Number(sid), value }, line);
      return;
    }
    for (const token of raw.split(/[\s,;]+/).filter(Boolean)) {
      if (isSid(token)) add({ sid: Number(token) }, line);
      else errors.push(`line ${line}: "${token}" is not a segment id`);
    }
  });
  return { segments, errors };
}
