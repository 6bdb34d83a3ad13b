/**
 * Explains data export label conflicts (SPEC §6): data sources whose export controls prohibit a
 * label this destination carries. The builder has no segment -> data source catalog (the event
 * names the contributing sources), so it cannot refuse such a mapping in advance; the router drops
 * the segment for this destination whenever a prohibiting source contributed to it.
 */
import { useEffect, useState } from 'react';
import type { Api } from './api-client.ts';
import type { DataSource, Destination } from './api-types.ts';

export function LabelConflicts({ api, destination }: { api: Api; destination: Destination }) {
  const [sources, setSources] = useState<DataSource[] | null>(null);
  useEffect(() => {
    api.listDataSources().then(
      ({ data }) => setSources(data.items),
      () => setSources(null),
    );
  }, [api]);
  const labels = destination.dataExportLabels;
  const conflicting = (sources ?? [])
    .map((s) => ({ source: s, labels: s.exportControls.filter((l) => labels.includes(l)) }))
    .filter((c) => c.labels.length > 0);
  return (
    <section className="labels-box" aria-labelledby="labels-title">
      <h3 id="labels-title">Data export labels</h3>
      <p>
        This destination is labelled{' '}
        {labels.length === 0 ? <strong>with no labels</strong> : labels.map((l) => <code key={l}>{l}</code>)}.
        {labels.length === 0 ? ' No data source export control can block it.' : ''}
      </p>
      {conflicting.length > 0 ? (
        <>
          <p>These data sources prohibit a label the destination carries:</p>
          <ul>
            {conflicting.map(({ source, labels: clash }) => (
              <li key={source.id}>
                <strong>
                  {source.name || 'data source'} ({source.id})
                </strong>{' '}
                prohibits{' '}
                {clash.map((l) => (
                  <code key={l}>{l}</code>
                ))}
                : a segment is not sent here when this source contributed to the qualification.
              </li>
            ))}
          </ul>
          <p className="hint">
            The check happens per event, because the event names the sources behind each segment; the builder
            cannot know them when you map, so it accepts the mapping.
          </p>
        </>
      ) : labels.length > 0 && sources !== null ? (
        <p>No data source prohibits these labels today.</p>
      ) : null}
    </section>
  );
}
