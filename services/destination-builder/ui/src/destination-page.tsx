/**
 * One destination: loads it with its ETag (the version used for If-Match) and shows a tab:
 * settings (edit, delete), mappings, preview, delivery. Every write passes the new version back up.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Api } from './api-client.ts';
import type { Destination } from './api-types.ts';
import { DeliveryPanel } from './delivery-panel.tsx';
import { TYPE_NAME } from './display.ts';
import { MappingsEditor } from './mappings-editor.tsx';
import { PreviewPanel } from './preview-panel.tsx';
import { SettingsTab } from './settings-tab.tsx';
import type { Tab } from './use-route.ts';

export interface Loaded {
  destination: Destination;
  etag: string;
}

const TAB_NAMES: Record<Tab, string> = {
  settings: 'Settings',
  mappings: 'Mappings',
  preview: 'Preview',
  delivery: 'Delivery',
};

export function DestinationPage({ api, id, tab }: { api: Api; id: number; tab: Tab }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  const reload = useCallback(async () => {
    try {
      const { data, etag } = await api.getDestination(id);
      setLoaded({ destination: data, etag: etag ?? `"${data.version}"` });
      setGeneration((g) => g + 1);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (error && loaded === null) {
    return (
      <p className="error-box" role="alert">
        Could not load destination {id}: {error}
      </p>
    );
  }
  if (loaded === null) return <p role="status">Loading…</p>;
  const d = loaded.destination;
  const changed = (next: Destination, etag: string | null) =>
    setLoaded({ destination: next, etag: etag ?? `"${next.version}"` });
  return (
    <>
      <p className="breadcrumb">
        <a href="#/">Destinations</a> › {d.name}
      </p>
      <h1>
        {d.name}{' '}
        <span className="muted small">
          {TYPE_NAME[d.type]} · #{d.id} · version {d.version} ·{' '}
          <span className={`badge ${d.status.toLowerCase()}`}>
            {d.status === 'ACTIVE' ? 'Active' : 'Paused'}
          </span>
        </span>
      </h1>
      <nav className="tabs" aria-label="Destination sections">
        {(Object.keys(TAB_NAMES) as Tab[]).map((t) => (
          <a key={t} href={`#/destinations/${id}/${t}`} aria-current={t === tab ? 'page' : undefined}>
            {TAB_NAMES[t]}
          </a>
        ))}
      </nav>
      {tab === 'settings' ? (
        <SettingsTab key={generation} api={api} loaded={loaded} onSaved={changed} onReload={reload} />
      ) : null}
      {tab === 'mappings' ? (
        <MappingsEditor api={api} loaded={loaded} onChanged={changed} onReload={reload} />
      ) : null}
      {tab === 'preview' ? <PreviewPanel api={api} destination={d} /> : null}
      {tab === 'delivery' ? <DeliveryPanel api={api} destination={d} /> : null}
    </>
  );
}
