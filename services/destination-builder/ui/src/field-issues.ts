/**
 * Field errors from the API (`issues: [{ pointer, rule, message }]`, JSON pointers into the request
 * body) keyed for the inputs: each input is named by the pointer of its field, so an issue lands
 * on its input; issues on a block (`/s2s`, `/url`) land on the block's fieldset, and every issue is
 * also listed in the form's error summary. Pure.
 */
import type { Issue } from './api-types.ts';

export type IssueMap = ReadonlyMap<string, readonly Issue[]>;

export function fieldIssues(issues: readonly Issue[], prefix = ''): IssueMap {
  const map = new Map<string, Issue[]>();
  for (const issue of issues) {
    if (!issue.pointer.startsWith(prefix)) continue;
    const pointer = issue.pointer.slice(prefix.length) || '/';
    map.set(pointer, [...(map.get(pointer) ?? []), issue]);
  }
  return map;
}

/** The DOM id of the input for a pointer: `/s2s/realTime/endpoint` -> `field-s2s-realTime-endpoint`. */
export function fieldId(pointer: string): string {
  return `field${pointer.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

/** A readable label for an issue whose input is not on screen: `/s2s/batch/sftpKey` -> `s2s › batch › sftpKey`. */
export function pointerLabel(pointer: string): string {
  return pointer.split('/').filter(Boolean).join(' › ') || 'request';
}
