/** Create a destination of one type; on success go to its mappings. */
import { useState } from 'react';
import type { Api } from './api-client.ts';
import type { DestinationType } from './api-types.ts';
import { DestinationForm, type FormFailure } from './destination-form.tsx';
import { TYPE_NAME } from './display.ts';
import { failureOf } from './failure-of.ts';
import { newDraft } from './form-model.ts';
import { navigate } from './use-route.ts';

export function CreatePage({ api, type }: { api: Api; type: DestinationType }) {
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [busy, setBusy] = useState(false);
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
      <DestinationForm
        initial={newDraft(type)}
        submitLabel="Create destination"
        failure={failure}
        busy={busy}
        onSubmit={submit}
      />
    </>
  );
}
