/**
 * One user's line in a batch file (SPEC §4, AAM default content):
 *   <partner user id><SP><live segment values, comma-separated><SP><removed segment values, comma-separated>
 * e.g. `4250948725049857 14356,20001 12176`. The three fields are always there: an empty list
 * leaves its field empty (`id 1,2 ` in full files, which carry no removals). Values are mapping values.
 * A destination's lineTemplate replaces the layout, with placeholders {dpuuid} {uuid} {dpid}
 * {segments} {removed} {destinationId} {pidAlias} {tab} (lists comma-separated); unknown
 * placeholders are kept as written. A JSON-lines layout (libs/rendering/json-line.ts) replaces both.
 * Lines end with `\n`. Pure.
 */
import { jsonLine, type JsonLineLayout } from '../../libs/rendering/index.ts';
import type { ExportUser } from './store/stream-users.ts';

export interface LineContext {
  destinationId: number;
  pidAlias: string;
  template: string | null;
  jsonLine: JsonLineLayout | null;
}

export function exportLine(user: ExportUser, context: LineContext): string {
  if (context.jsonLine !== null) return jsonLine(user, context.jsonLine, context);
  const live: string[] = [];
  const removed: string[] = [];
  for (const segment of user.segments) (segment.member ? live : removed).push(segment.value);
  if (context.template === null) return `${user.dpuuid ?? ''} ${live.join(',')} ${removed.join(',')}\n`;
  const values: Record<string, string> = {
    dpuuid: user.dpuuid ?? '',
    uuid: user.uuid,
    dpid: String(user.dpid),
    segments: live.join(','),
    removed: removed.join(','),
    destinationId: String(context.destinationId),
    pidAlias: context.pidAlias,
    tab: '\t',
  };
  return `${context.template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole)}\n`;
}
