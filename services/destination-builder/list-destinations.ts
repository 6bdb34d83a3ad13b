/**
 * The list endpoint's filters and pagination, pure: type, status, `containsSegment=<sid>` (a
 * mapping names the segment, whatever its dates), a case-insensitive name search, then ordered by
 * id and cut into a page (`limit` 1-500, `offset`).
 */
import type { DestinationConfig } from '../../libs/schema/types.ts';

export interface ListQuery {
  type?: string;
  status?: string;
  containsSegment?: number;
  q?: string;
  limit: number;
  offset: number;
}

export function listDestinations(all: readonly DestinationConfig[], query: ListQuery) {
  const q = query.q?.trim().toLowerCase();
  const matching = all
    .filter((d) => query.type === undefined || d.type === query.type.toUpperCase())
    .filter((d) => query.status === undefined || d.status === query.status.toUpperCase())
    .filter(
      (d) => query.containsSegment === undefined || d.mappings.some((m) => m.sid === query.containsSegment),
    )
    .filter((d) => q === undefined || q === '' || d.name.toLowerCase().includes(q))
    .sort((a, b) => a.id - b.id);
  return {
    total: matching.length,
    limit: query.limit,
    offset: query.offset,
    items: matching.slice(query.offset, query.offset + query.limit),
  };
}
