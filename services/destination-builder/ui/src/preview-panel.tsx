/**
 * Live preview: a sample user (segments qualified now, already held, removed; ids; consent) is
 * rendered by POST /preview on every change, and the exact URL(s), cookie value or S2S JSON line
 * the destination would produce is shown with the reasons a real event would send nothing.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Api } from './api-client.ts';
import type { Destination, PreviewResult, SampleEvent } from './api-types.ts';
import { parseSegments } from './parse-segments.ts';

interface Sample {
  qualified: string;
  held: string;
  removed: string;
  uuid: string;
  pageProtocol: 'HTTPS' | 'HTTP';
  realTime: boolean;
  region: string;
  partnerIds: string;
  gdprApplies: boolean;
  tcString: string;
  optedOut: boolean;
}

function initialSample(d: Destination): Sample {
  return {
    qualified: d.mappings
      .slice(0, 3)
      .map((m) => m.sid)
      .join(', '),
    held: '',
    removed: '',
    uuid: '19393959283847362514839201948372615243',
    pageProtocol: 'HTTPS',
    realTime: true,
    region: '9',
    partnerIds: d.s2s ? `${d.s2s.dpid}=partner-user-1` : '',
    gdprApplies: false,
    tcString: '',
    optedOut: false,
  };
}

function toEvent(s: Sample): { event: SampleEvent | null; problems: string[] } {
  const problems: string[] = [];
  const segments: SampleEvent['segments'] = [];
  for (const [text, status] of [
    [s.qualified, 'QUALIFIED'],
    [s.held, 'ACTIVE'],
    [s.removed, 'DISQUALIFIED'],
  ] as const) {
    const parsed = parseSegments(text);
    problems.push(...parsed.errors);
    segments.push(...parsed.segments.map((seg) => ({ sid: seg.sid, status })));
  }
  const partnerIds: { dpid: number; id: string }[] = [];
  for (const line of s.partnerIds.split(/\n/).filter((l) => l.trim() !== '')) {
    const match = /^\s*(\d+)\s*=\s*(\S+)\s*$/.exec(line);
    if (match) partnerIds.push({ dpid: Number(match[1]), id: match[2] as string });
    else problems.push(`partner id "${line}": write namespace=id, e.g. 20915=abc`);
  }
  if (segments.length === 0) problems.push('type at least one segment id');
  if (problems.length > 0) return { event: null, problems };
  return {
    event: {
      uuid: s.uuid.trim() || undefined,
      pageProtocol: s.pageProtocol,
      realTime: s.realTime,
      region: s.region.trim() === '' ? null : Number(s.region),
      partnerIds,
      consent: s.gdprApplies ? { gdprApplies: true, tcString: s.tcString.trim() || null } : null,
      optedOut: s.optedOut,
      segments,
    },
    problems,
  };
}

function Output({ result }: { result: PreviewResult }) {
  return (
    <>
      {result.notes.length > 0 ? (
        <ul className="notes">
          {result.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      {result.urls !== undefined ? (
        <>
          <h4>
            {result.urls.length} call{result.urls.length === 1 ? '' : 's'} (referrer{' '}
            {result.referrerPolicy?.toLowerCase()})
          </h4>
          {result.urls.length === 0 ? <p>No URL would be called.</p> : null}
          <ol className="output">
            {result.urls.map((call) => (
              <li key={call.url}>
                <code data-testid="preview-url">{call.url}</code>
                <span className="muted"> segments {call.sids.join(', ')}</span>
              </li>
            ))}
          </ol>
          {(result.failures ?? []).map((f) => (
            <p key={f.sids.join(',')} className="field-error">
              segments {f.sids.join(', ')}: {f.message}
            </p>
          ))}
        </>
      ) : null}
      {result.cookie !== undefined ? (
        <>
          <h4>Cookie</h4>
          <pre className="output" data-testid="preview-cookie">
            {result.cookie.name}={result.cookie.value}
          </pre>
          <p className="muted">
            domain {result.cookie.domain || '(current domain)'} · ttl {result.cookie.ttlDays} days · included{' '}
            {(result.included ?? []).join(', ') || 'none'}
            {(result.dropped ?? []).length > 0
              ? ` · dropped for size: ${(result.dropped ?? []).join(', ')}`
              : ''}
          </p>
        </>
      ) : null}
      {result.line !== undefined ? (
        <>
          <h4>S2S JSON line</h4>
          <pre className="output wrap" data-testid="preview-s2s">
            {result.line}
          </pre>
        </>
      ) : null}
    </>
  );
}

export function PreviewPanel({ api, destination: d }: { api: Api; destination: Destination }) {
  const [sample, setSample] = useState(() => initialSample(d));
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { event, problems } = useMemo(() => toEvent(sample), [sample]);
  const set = <K extends keyof Sample>(key: K, value: Sample[K]) =>
    setSample((s) => ({ ...s, [key]: value }));

  useEffect(() => {
    if (event === null) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      api.preview(d.id, event).then(
        ({ data }) => {
          if (cancelled) return;
          setResult(data);
          setError(null);
        },
        (e: Error) => !cancelled && setError(e.message),
      );
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, d.id, event]);

  const text = (
    key: 'qualified' | 'held' | 'removed' | 'uuid' | 'region' | 'tcString',
    label: string,
    hint?: string,
  ) => (
    <div className="field">
      <label htmlFor={`sample-${key}`}>{label}</label>
      <input
        id={`sample-${key}`}
        value={sample[key]}
        onChange={(e) => set(key, e.target.value)}
        aria-describedby={hint ? `sample-${key}-hint` : undefined}
      />
      {hint ? (
        <p className="hint" id={`sample-${key}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <div className="preview">
      <section aria-labelledby="sample-title" className="panel">
        <h2 id="sample-title">Sample user</h2>
        {text('qualified', 'Segments qualified now', 'Segment ids, separated by commas or spaces.')}
        {text('held', 'Segments already held')}
        {text('removed', 'Segments removed (disqualified)')}
        {text('uuid', 'Device id (uuid)')}
        <div className="grid-2">
          <div className="field">
            <label htmlFor="sample-protocol">Page protocol</label>
            <select
              id="sample-protocol"
              value={sample.pageProtocol}
              onChange={(e) => set('pageProtocol', e.target.value as 'HTTPS' | 'HTTP')}
            >
              <option value="HTTPS">https</option>
              <option value="HTTP">http</option>
            </select>
          </div>
          {text('region', 'Edge region')}
        </div>
        <div className="field">
          <label htmlFor="sample-partner-ids">Partner ids</label>
          <textarea
            id="sample-partner-ids"
            className="mono"
            rows={2}
            value={sample.partnerIds}
            onChange={(e) => set('partnerIds', e.target.value)}
            aria-describedby="sample-partner-ids-hint"
          />
          <p className="hint" id="sample-partner-ids-hint">
            One per line as namespace=id, e.g. 20915=abc: the event’s partner ids, which fill %dpid_N% URL
            macros. For S2S they stand in for the user’s ID sync: real S2S deliveries read ID syncs only
            (published to the id-syncs topic, e.g. npm run publish:events -- --id-syncs).
          </p>
        </div>
        <label className="inline">
          <input
            type="checkbox"
            checked={sample.realTime}
            onChange={(e) => set('realTime', e.target.checked)}
          />{' '}
          The user is on a page now (real-time event)
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={sample.gdprApplies}
            onChange={(e) => set('gdprApplies', e.target.checked)}
          />{' '}
          GDPR applies
        </label>
        {sample.gdprApplies ? text('tcString', 'TCF consent string') : null}
        <label className="inline">
          <input
            type="checkbox"
            checked={sample.optedOut}
            onChange={(e) => set('optedOut', e.target.checked)}
          />{' '}
          The user opted out
        </label>
      </section>
      <section aria-labelledby="result-title" className="panel result" aria-live="polite">
        <h2 id="result-title">What the destination would send</h2>
        {problems.length > 0 ? (
          <ul className="field-error">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        {error ? <p className="error-box">{error}</p> : null}
        {result && problems.length === 0 ? <Output result={result} /> : null}
        <p className="hint">
          Nothing is sent: the preview renders with the stored configuration and mapping dates of today.
        </p>
      </section>
    </div>
  );
}
