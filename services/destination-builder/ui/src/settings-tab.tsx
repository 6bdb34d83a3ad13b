/**
 * Edit and delete a destination. Saves send the ETag read when the form was filled as If-Match:
 * if someone else changed the destination meanwhile the API answers 412 and the conflict notice
 * replaces the save, with a way to reload; the form keeps the user's input until then.
 */
import { useState } from 'react';
import { ApiError, type Api } from './api-client.ts';
import type { Destination } from './api-types.ts';
import { ConflictNotice } from './conflict-notice.tsx';
import type { Loaded } from './destination-page.tsx';
import { DestinationForm, type FormFailure } from './destination-form.tsx';
import { failureOf } from './failure-of.ts';
import { draftFromDestination } from './form-model.ts';
import { navigate } from './use-route.ts';

interface Props {
  api: Api;
  loaded: Loaded;
  onSaved: (destination: Destination, etag: string | null) => void;
  onReload: () => Promise<void>;
}

export function SettingsTab({ api, loaded, onSaved, onReload }: Props) {
  const [initial] = useState(() => draftFromDestination(loaded.destination));
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [conflict, setConflict] = useState<{ latest: Destination | null } | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const id = loaded.destination.id;

  const onConflict = async () => {
    const latest = await api.getDestination(id).then(
      (r) => r.data,
      () => null,
    );
    setConflict({ latest });
  };

  const save = async (body: Record<string, unknown>) => {
    setBusy(true);
    setSaved(null);
    try {
      const { data, etag } = await api.updateDestination(id, loaded.etag, body);
      setFailure(null);
      setSaved(data.version);
      onSaved(data, etag);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) await onConflict();
      else setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await api.deleteDestination(id, loaded.etag);
      navigate('#/');
    } catch (error) {
      setConfirmDelete(false);
      if (error instanceof ApiError && error.status === 412) await onConflict();
      else setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title" className="visually-hidden">
        Settings
      </h2>
      {conflict ? <ConflictNotice latest={conflict.latest} onReload={() => void onReload()} /> : null}
      {saved !== null ? (
        <p className="success" role="status">
          Saved as version {saved}.
        </p>
      ) : null}
      <DestinationForm
        initial={initial}
        submitLabel="Save changes"
        failure={failure}
        busy={busy}
        onSubmit={save}
      >
        {confirmDelete ? (
          <div className="confirm" role="group" aria-labelledby="confirm-delete-text">
            <p id="confirm-delete-text">
              Delete “{loaded.destination.name}” and its {loaded.destination.mappings.length} mappings?
              Deliveries stop at once.
            </p>
            <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
              Delete permanently
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            Delete destination…
          </button>
        )}
      </DestinationForm>
    </section>
  );
}
