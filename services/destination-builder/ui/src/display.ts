/** How values are written on screen: type names, dates and times (UTC, as the API stores them). Pure. */
import type { DestinationType, Mapping } from './api-types.ts';

export const TYPE_NAME: Record<DestinationType, string> = {
  URL: 'URL',
  COOKIE: 'Cookie',
  S2S: 'Server-to-server',
};

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Whether a mapping is live today (between its dates, end inclusive), scheduled or expired. */
export function mappingState(m: Mapping, today = todayUtc()): 'live' | 'scheduled' | 'expired' {
  if (m.startDate > today) return 'scheduled';
  if (m.endDate !== null && m.endDate < today) return 'expired';
  return 'live';
}
