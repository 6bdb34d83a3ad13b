/**
 * Metric names referenced by a PromQL expression (or a Grafana `label_values(query, label)` variable),
 * without a full parser: strings, label matchers, ranges, grouping clauses and Grafana variables are
 * removed, then every identifier that is neither a function call nor a keyword is a metric name.
 * Good enough for our dashboards and rules, whose metric names are always written out (no
 * `{__name__=~...}` selectors).
 */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'atan2',
]);

export function promqlMetricNames(expression: string): string[] {
  let expr = expression.trim();
  const labelValues = /^label_values\s*\(([\s\S]*)\)$/.exec(expr);
  if (labelValues) {
    const args = labelValues[1] ?? '';
    const lastComma = args.lastIndexOf(',');
    if (lastComma < 0) return [];
    expr = args.slice(0, lastComma);
  }
  expr = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*(?::[a-z]+)?\}?/g, ' ');
  const names = new Set<string>();
  for (const match of expr.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*|\d+(?:\.\d+)?(?:e[+-]?\d+)?[a-z]*/gi)) {
    const token = match[0];
    if (/^\d/.test(token) || KEYWORDS.has(token.toLowerCase())) continue;
    const rest = expr.slice((match.index ?? 0) + token.length);
    if (/^\s*\(/.test(rest)) continue; // a function call
    names.add(token);
  }
  return [...names];
}
