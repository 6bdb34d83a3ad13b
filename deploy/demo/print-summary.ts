/** The demo summary as text lines (pure). */
import type { DemoResult } from './run-demo.ts';

export function printSummary(result: DemoResult, options: { showToken: boolean }): string[] {
  const r = result;
  const pad = (text: string, width: number) => text.padEnd(width);
  const lines = [
    '',
    `summary of run ${r.runId} (topics ${r.prefix}*)`,
    `  events in          ${r.published.events} qualification events (+${r.published.badRecords} bad records), ${r.published.idSyncs} ID syncs`,
    `  throughput         published at ${r.published.eventsPerSecond} events/s; every delivery done ${r.published.processingSeconds.toFixed(1)} s after the first event (${r.published.endToEndEventsPerSecond} events/s end to end); run ${r.seconds.toFixed(1)} s`,
    '  deliveries per destination (router records | at the partner | service metrics)',
    ...r.destinations.map(
      (d) =>
        `    #${d.id} ${pad(d.name, 48)} ${pad(d.type, 6)} ${String(d.routed).padStart(6)} | ${String(d.atSink).padStart(6)} | ${d.metric}`,
    ),
    `  dead letters       ${
      Object.entries(r.deadLetters)
        .map(([reason, n]) => `${reason} ${n}`)
        .join(', ') || 'none'
    }`,
    `  files written      ${r.exports.names.length === 0 ? `none in ${r.exports.dir}` : `${r.exports.names.length} in ${r.exports.dir}: ${r.exports.names.slice(0, 6).join(', ')}${r.exports.names.length > 6 ? ', ...' : ''}`}`,
    `  lag (lag exporter) ${r.lag.map((l) => `${l.group} ${l.messages} msgs / ${l.seconds.toFixed(1)} s`).join('; ')}`,
    '  checks',
    ...r.checks.map((c) => `    [${c.status === 'pass' ? ' ok ' : 'FAIL'}] ${c.name}: ${c.detail}`),
    '  open',
    `    UI                 ${r.urls.ui}   (paste the API token below)`,
    `    live status        ${r.urls.status}`,
    `    API docs           ${r.urls.docs}   (OpenAPI: ${r.urls['destination-builder']}/openapi.json)`,
    `    cookie edge        ${r.urls.cookieExample}`,
    `    metrics            ${Object.entries(r.urls)
      .filter(([name]) => !['docs', 'ui', 'status', 'cookieExample'].includes(name))
      .map(([name, url]) => `${name} ${url}/metrics`)
      .join('\n                       ')}`,
  ];
  if (options.showToken) lines.push(`    API token          ${r.adminToken}   (admin, this run only)`);
  lines.push(`  result             ${r.ok ? 'every check passed' : 'SOME CHECKS FAILED'}`);
  return lines;
}
