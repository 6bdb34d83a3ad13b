/**
 * The mapped segments of a destination: live / scheduled / expired, edit one row in place (PUT
 * mapping), select several and remove them in one change (PUT of the destination without them,
 * with If-Match: a concurrent change is shown as a conflict, never overwritten).
 */
import { useState } from 'react';
import { ApiError, type Api } from './api-client.ts';
import type { Destination, Mapping } from './api-types.ts';
import { ErrorSummary } from './error-summary.tsx';
import { failureOf } from './failure-of.ts';
import type { FormFailure } from './destination-form.tsx';
import { mappingState } from './display.ts';
import { bodyFromDraft, draftFromDestination } from './form-model.ts';

interface Props {
  api: Api;
  destination: Destination;
  etag: string;
  onChanged: (destination: Destination, etag: string | null) => void;
  onConflict: () => void;
}

function EditRow({
  mapping,
  columns,
  onSave,
  onCancel,
  busy,
}: {
  mapping: Mapping;
  columns: { priority: boolean; key: boolean; url: boolean };
  onSave: (m: Mapping) => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const [m, setM] = useState(mapping);
  const text = (field: 'value' | 'key' | 'url' | 'secureUrl', label: string) => (
    <td>
      <input
        aria-label={`${label} of segment ${m.sid}`}
        value={m[field] ?? ''}
        onChange={(e) => setM({ ...m, [field]: e.target.value })}
      />
    </td>
  );
  return (
    <tr className="editing">
      <td />
      <th scope="row">{m.sid}</th>
      {text('value', 'Value')}
      <td>
        <input
          type="date"
          aria-label={`Start date of segment ${m.sid}`}
          value={m.startDate}
          onChange={(e) => setM({ ...m, startDate: e.target.value })}
        />
      </td>
      <td>
        <input
          type="date"
          aria-label={`End date of segment ${m.sid}`}
          value={m.endDate ?? ''}
          onChange={(e) => setM({ ...m, endDate: e.target.value === '' ? null : e.target.value })}
        />
      </td>
      {columns.priority ? (
        <td>
          <input
            inputMode="numeric"
            aria-label={`Priority of segment ${m.sid}`}
            value={m.priority ?? ''}
            onChange={(e) => setM({ ...m, priority: e.target.value === '' ? null : Number(e.target.value) })}
          />
        </td>
      ) : null}
      {columns.key ? text('key', 'Key') : null}
      {columns.url ? text('url', 'URL') : null}
      {columns.url ? text('secureUrl', 'Secure URL') : null}
      <td />
      <td className="row-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => onSave(m)}>
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </td>
    </tr>
  );
}

export function MappingTable({ api, destination: d, etag, onChanged, onConflict }: Props) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [editing, setEditing] = useState<number | null>(null);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const columns = {
    priority: d.type === 'COOKIE',
    key: d.type === 'COOKIE' && d.cookie?.dataFormat === 'MULTI_KEY',
    url: d.type === 'URL' && d.url?.serialize === false,
  };
  const all = d.mappings.length > 0 && d.mappings.every((m) => selected.has(m.sid));
  const toggle = (sid: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(sid);
      else next.delete(sid);
      return next;
    });

  const run = async (work: () => Promise<{ data: Destination; etag: string | null }>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const { data, etag: next } = await work();
      setFailure(null);
      setMessage(done);
      onChanged(data, next);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) onConflict();
      else setFailure(failureOf(error));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const removeSelected = async () => {
    const remaining = d.mappings.filter((m) => !selected.has(m.sid));
    const count = d.mappings.length - remaining.length;
    const body = bodyFromDraft(draftFromDestination(d), remaining);
    if (
      await run(
        () => api.updateDestination(d.id, etag, body),
        `Removed ${count} mapping${count === 1 ? '' : 's'}.`,
      )
    ) {
      setSelected(new Set());
    }
  };

  const saveRow = async (m: Mapping) => {
    if (await run(() => api.updateMapping(d.id, m), `Saved segment ${m.sid}.`)) setEditing(null);
  };

  return (
    <section aria-labelledby="mapped-title" className="panel">
      <h3 id="mapped-title">
        Mapped segments <span className="muted">({d.mappings.length})</span>
      </h3>
      {failure ? (
        <ErrorSummary title="The change was not saved" message={failure.message} issues={failure.issues} />
      ) : null}
      {message ? (
        <p className="success" role="status">
          {message}
        </p>
      ) : null}
      {d.mappings.length === 0 ? (
        <p>No segment is mapped yet: nothing is sent to this destination.</p>
      ) : (
        <>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={selected.size === 0 || busy}
              onClick={() => void removeSelected()}
            >
              Remove selected ({selected.size})
            </button>
          </div>
          <table className="mappings">
            <caption className="visually-hidden">Mapped segments</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all mappings"
                    checked={all}
                    onChange={(e) =>
                      setSelected(e.target.checked ? new Set(d.mappings.map((m) => m.sid)) : new Set())
                    }
                  />
                </th>
                <th scope="col">Segment</th>
                <th scope="col">Value</th>
                <th scope="col">Start</th>
                <th scope="col">End</th>
                {columns.priority ? <th scope="col">Priority</th> : null}
                {columns.key ? <th scope="col">Key</th> : null}
                {columns.url ? <th scope="col">URL</th> : null}
                {columns.url ? <th scope="col">Secure URL</th> : null}
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.mappings.map((m) =>
                editing === m.sid ? (
                  <EditRow
                    key={m.sid}
                    mapping={m}
                    columns={columns}
                    busy={busy}
                    onSave={(next) => void saveRow(next)}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <tr key={m.sid}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select segment ${m.sid}`}
                        checked={selected.has(m.sid)}
                        onChange={(e) => toggle(m.sid, e.target.checked)}
                      />
                    </td>
                    <th scope="row">{m.sid}</th>
                    <td className="mono">{m.value}</td>
                    <td>{m.startDate}</td>
                    <td>{m.endDate ?? 'never'}</td>
                    {columns.priority ? <td>{m.priority ?? '—'}</td> : null}
                    {columns.key ? <td className="mono">{m.key ?? '—'}</td> : null}
                    {columns.url ? <td className="mono wrap">{m.url ?? '—'}</td> : null}
                    {columns.url ? <td className="mono wrap">{m.secureUrl ?? '—'}</td> : null}
                    <td>
                      <span className={`badge ${mappingState(m)}`}>{mappingState(m)}</span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        onClick={() => setEditing(m.sid)}
                        aria-label={`Edit segment ${m.sid}`}
                      >
                        Edit
                      </button>
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
