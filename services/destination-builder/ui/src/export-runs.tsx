/**
 * The export run history of a batch S2S destination (newest first), read through the builder from
 * the s2s exporter: when, mode, outcome, users, lines, bytes, files, error. When the builder has no
 * EXPORT_HISTORY_URL or the exporter does not answer, it says so.
 */
import { useEffect, useState } from 'react';
import type { Api } from './api-client.ts';
import type { ExportHistory } from './api-types.ts';
import { dateTime } from './display.ts';

export function ExportRuns({ api, id }: { api: Api; id: number }) {
  const [history, setHistory] = useState<ExportHistory | null>(null);
  useEffect(() => {
    api.exportHistory(id).then(
      ({ data }) => setHistory(data),
      (e: Error) => setHistory({ available: false, error: e.message, exports: [] }),
    );
  }, [api, id]);
  if (history === null) return <p role="status">Reading the export history…</p>;
  if (!history.available) {
    return <p>The export run history is not available ({history.error ?? 'no answer'}).</p>;
  }
  if (history.exports.length === 0) return <p>No export has run yet.</p>;
  return (
    <table className="exports" aria-label="Export runs, newest first">
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Mode</th>
          <th scope="col">Outcome</th>
          <th scope="col">Duration</th>
          <th scope="col">Users</th>
          <th scope="col">Lines</th>
          <th scope="col">Bytes</th>
          <th scope="col">Files</th>
        </tr>
      </thead>
      <tbody>
        {history.exports.map((run) => (
          <tr key={run.id}>
            <td>{dateTime(new Date(run.startedAt).toISOString())}</td>
            <td>{run.mode}</td>
            <td>
              <span
                className={`badge ${run.outcome === 'succeeded' ? 'live' : run.outcome === 'failed' ? 'failed' : 'scheduled'}`}
              >
                {run.outcome}
              </span>
              {run.error ? <span className="field-error">{run.error}</span> : null}
            </td>
            <td>{run.durationMs === null ? '—' : `${run.durationMs} ms`}</td>
            <td>{run.userCount}</td>
            <td>{run.lineCount}</td>
            <td>{run.byteCount}</td>
            <td className="mono wrap">{run.files.join(' ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
