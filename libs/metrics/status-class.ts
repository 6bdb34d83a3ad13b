/**
 * The status_class label of a delivery attempt: the HTTP status family, or why there was none
 * (`refused`: the destination's gate refused the call, circuit open or too many queued; no request made).
 */
export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'timeout' | 'network' | 'refused';

export function statusClass(status: number | 'timeout' | 'network'): StatusClass {
  if (typeof status !== 'number') return status;
  if (status >= 200 && status < 600) return `${Math.floor(status / 100)}xx` as StatusClass;
  return 'network';
}
