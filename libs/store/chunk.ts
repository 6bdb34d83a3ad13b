/** Splits rows into slices small enough for one multi-row statement (bind-parameter limits). */
export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < rows.length; start += size) slices.push(rows.slice(start, start + size));
  return slices;
}
