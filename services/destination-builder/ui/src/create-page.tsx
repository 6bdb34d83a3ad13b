/**
 * Create a destination of one type, blank or from a template (a partner layout Adobe documents,
 * GET /v1/destination-templates); on success go to its mappings.
 */
import { useEffect, useState } from 'react';
import type { Api } from './api-client.ts';
import type { DestinationTemplate, DestinationType } from './api-types.ts';
import { DestinationForm, type FormFailure } from './destination-form.tsx';
import { TYPE_NAME } from './display.ts';
import { failureOf } from './failure-of.ts';
import { draftFromTemplate, newDraft } from './form-model.ts';
import { navigate } from './use-route.ts';

export function CreatePage({ api, type }: { api: Api; type: DestinationType }) {
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [templates, setTemplates] = useState<DestinationTemplate[]>([]);
  const [chosen, setChosen] = useState<DestinationTemplate | null>(null);
  useEffect(() => {
    let live = true;
    api.listTemplates().then(
      ({ data }) => live && setTemplates(data.items.filter((t) => t.body.type === type)),
      () => live && setTemplates([]),
    );
    return () => {
      live = false;
    };
  }, [api, type]);
  const submit = async (body: Record<string, unknown>) => {
    setBusy(true);
    try {
      const { data } = await api.createDestination(body);
      navigate(`#/destinations/${data.id}/mappings`);
    } catch (error) {
      setFailure(failureOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p className="breadcrumb">
        <a href="#/">Destinations</a> › New
      </p>
      <h1>New {TYPE_NAME[type]} destination</h1>
      {templates.length > 0 ? (
        <div className="field">
          <label htmlFor="start-from-template">Start from a template</label>
          <select
            id="start-from-template"
            value={chosen?.id ?? ''}
            onChange={(e) => {
              setChosen(templates.find((t) => t.id === e.target.value) ?? null);
              setFailure(null);
            }}
          >
            <option value="">Blank form</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {chosen ? (
        <aside className="notice" aria-label="Template">
          <p>
            {chosen.description} Source: <a href={chosen.source.url}>{chosen.source.title}</a>.
          </p>
          <p>Fill in before saving:</p>
          <ul>
            {chosen.fillIns.map((f) => (
              <li key={f.pointer}>
                <code>{f.pointer}</code>: {f.hint}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
      <DestinationForm
        key={chosen?.id ?? 'blank'}
        initial={chosen ? draftFromTemplate(chosen.body) : newDraft(type)}
        submitLabel="Create destination"
        failure={failure}
        busy={busy}
        onSubmit={submit}
      />
    </>
  );
}
