/**
 * Adds one segment or many pasted at once through the bulk endpoint (all or nothing). Values are
 * auto-filled as the destination says (segment id, or the pasted integration code) and stay
 * editable; start/end dates apply to every row; cookie priorities, multi-key keys and per-segment
 * URLs (non-serialized URL destinations) have their own columns. Field errors of the answer land
 * on their row (`/mappings/<row>/<field>`).
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { Api } from './api-client.ts';
import type { Destination, Issue, MappingInput } from './api-types.ts';
import { ErrorSummary } from './error-summary.tsx';
import { fieldId, fieldIssues } from './field-issues.ts';
import { failureOf } from './failure-of.ts';
import type { FormFailure } from './destination-form.tsx';
import { todayUtc } from './display.ts';
import { parseSegments } from './parse-segments.ts';

interface RowEdit {
  value?: string;
  priority?: string;
  key?: string;
  url?: string;
  secureUrl?: string;
}

interface Props {
  api: Api;
  destination: Destination;
  onAdded: (destination: Destination, etag: string | null) => void;
}

function Cell({
  pointer,
  label,
  value,
  issues,
  onChange,
}: {
  pointer: string;
  label: string;
  value: string;
  issues: ReadonlyMap<string, readonly Issue[]>;
  onChange: (v: string) => void;
}) {
  const errors = issues.get(pointer) ?? [];
  const id = fieldId(`/add${pointer}`);
  return (
    <td className={errors.length > 0 ? 'has-error' : undefined}>
      <input
        id={id}
        aria-label={label}
        value={value}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {errors.length > 0 ? (
        <span className="field-error" id={`${id}-error`}>
          {errors.map((e) => e.message).join('; ')}
        </span>
      ) : null}
    </td>
  );
}

export function AddMappings({ api, destination: d, onAdded }: Props) {
  const [text, setText] = useState('');
  const [startDate, setStartDate] = useState(todayUtc());
  const [endDate, setEndDate] = useState('');
  const [priority, setPriority] = useState('');
  const [edits, setEdits] = useState<Record<number, RowEdit>>({});
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = useMemo(() => parseSegments(text), [text]);
  const issues = useMemo(() => fieldIssues(failure?.issues ?? []), [failure]);
  const known = new Set(d.mappings.map((m) => m.sid));
  const isCookie = d.type === 'COOKIE';
  const multiKey = isCookie && d.cookie?.dataFormat === 'MULTI_KEY';
  const perSegmentUrl = d.type === 'URL' && d.url?.serialize === false;
  const codes = d.autoFill === 'INTEGRATION_CODE';

  const rows = parsed.segments.map((s) => {
    const edit = edits[s.sid] ?? {};
    const auto = d.autoFill === 'SEGMENT_ID' ? String(s.sid) : (s.value ?? '');
    return {
      sid: s.sid,
      pasted: s.value,
      value: edit.value ?? (codes ? (s.value ?? '') : (s.value ?? auto)),
      priority: edit.priority ?? priority,
      key: edit.key ?? '',
      url: edit.url ?? '',
      secureUrl: edit.secureUrl ?? '',
    };
  });
  const edit = (sid: number, field: keyof RowEdit, value: string) =>
    setEdits((all) => ({ ...all, [sid]: { ...all[sid], [field]: value } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    if (rows.length === 0) {
      setFailure({ message: 'Paste or type at least one segment id.', issues: [] });
      return;
    }
    const mappings: MappingInput[] = rows.map((r) => ({
      sid: r.sid,
      ...(r.value !== '' ? { value: r.value } : {}),
      ...(codes && r.pasted !== undefined ? { integrationCode: r.pasted } : {}),
      startDate,
      endDate: endDate === '' ? null : endDate,
      ...(isCookie && r.priority.trim() !== '' ? { priority: Number(r.priority) } : {}),
      ...(multiKey ? { key: r.key === '' ? null : r.key } : {}),
      ...(perSegmentUrl ? { url: r.url || null, secureUrl: r.secureUrl || null } : {}),
    }));
    setBusy(true);
    try {
      const { data, etag } = await api.addMappings(d.id, mappings);
      setFailure(null);
      setText('');
      setEdits({});
      setAdded(mappings.length);
      onAdded(data, etag);
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="add-title" className="panel">
      <h3 id="add-title">Map segments</h3>
      {failure ? (
        <ErrorSummary title="No segment was mapped" message={failure.message} issues={failure.issues} />
      ) : null}
      {added !== null ? (
        <p className="success" role="status">
          Mapped {added} segment{added === 1 ? '' : 's'}.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="paste-segments">Segment ids</label>
          <textarea
            id="paste-segments"
            className="mono"
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby="paste-hint paste-errors"
          />
          <p className="hint" id="paste-hint">
            One or many: separated by commas, spaces or new lines. To give values, one per line as{' '}
            <code>{codes ? 'sid=integration code' : 'sid=value'}</code> (or paste two columns from a
            spreadsheet). Auto-fill:{' '}
            {d.autoFill === 'SEGMENT_ID'
              ? 'the value defaults to the segment id'
              : codes
                ? 'the value is the integration code'
                : 'none, type each value'}
            .
          </p>
          {parsed.errors.length > 0 ? (
            <ul className="field-error" id="paste-errors">
              {parsed.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="grid-3">
          <div className={`field${issues.has('/mappings/0/startDate') ? ' has-error' : ''}`}>
            <label htmlFor="add-start">Start date (UTC)</label>
            <input
              id="add-start"
              type="date"
              required
              value={startDate}
              onChange={(e) => setStartDate(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="add-end">End date (blank = never expires)</label>
            <input id="add-end" type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
          </div>
          {isCookie ? (
            <div className="field">
              <label htmlFor="add-priority">Priority (default for new rows)</label>
              <input
                id="add-priority"
                inputMode="numeric"
                value={priority}
                onChange={(e) => setPriority(e.target.value)}
              />
              <p className="hint">
                1 is the highest priority: when the cookie exceeds its max size, segments with larger numbers
                (and those without one) are dropped first.
              </p>
            </div>
          ) : null}
        </div>
        {rows.length > 0 ? (
          <table className="staging">
            <caption>
              {rows.length} segment{rows.length === 1 ? '' : 's'} to map
            </caption>
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Mapping value</th>
                {isCookie ? <th scope="col">Priority</th> : null}
                {multiKey ? <th scope="col">Key</th> : null}
                {perSegmentUrl ? <th scope="col">URL</th> : null}
                {perSegmentUrl ? <th scope="col">Secure URL</th> : null}
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.sid}>
                  <th scope="row">{r.sid}</th>
                  <Cell
                    pointer={`/mappings/${i}/value`}
                    label={`Value of segment ${r.sid}`}
                    value={r.value}
                    issues={issues}
                    onChange={(v) => edit(r.sid, 'value', v)}
                  />
                  {isCookie ? (
                    <Cell
                      pointer={`/mappings/${i}/priority`}
                      label={`Priority of segment ${r.sid}`}
                      value={r.priority}
                      issues={issues}
                      onChange={(v) => edit(r.sid, 'priority', v)}
                    />
                  ) : null}
                  {multiKey ? (
                    <Cell
                      pointer={`/mappings/${i}/key`}
                      label={`Key of segment ${r.sid}`}
                      value={r.key}
                      issues={issues}
                      onChange={(v) => edit(r.sid, 'key', v)}
                    />
                  ) : null}
                  {perSegmentUrl ? (
                    <Cell
                      pointer={`/mappings/${i}/url`}
                      label={`URL of segment ${r.sid}`}
                      value={r.url}
                      issues={issues}
                      onChange={(v) => edit(r.sid, 'url', v)}
                    />
                  ) : null}
                  {perSegmentUrl ? (
                    <Cell
                      pointer={`/mappings/${i}/secureUrl`}
                      label={`Secure URL of segment ${r.sid}`}
                      value={r.secureUrl}
                      issues={issues}
                      onChange={(v) => edit(r.sid, 'secureUrl', v)}
                    />
                  ) : null}
                  <td>
                    {known.has(r.sid) ? <span className="warn">already mapped</span> : null}
                    {(issues.get(`/mappings/${i}/sid`) ?? []).map((e) => (
                      <span key={e.rule} className="field-error">
                        {e.message}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || parsed.errors.length > 0}>
            {rows.length > 1 ? `Map ${rows.length} segments` : 'Map segment'}
          </button>
        </div>
      </form>
    </section>
  );
}
