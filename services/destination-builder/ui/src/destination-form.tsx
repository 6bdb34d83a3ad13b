/**
 * Create / edit form of a destination: the common fields of SPEC §3 and the settings of its type.
 * Submitting hands the API body to the caller; the API's field errors come back as `issues` and
 * are shown on their inputs and in the summary. No client-side rules: the API is the one judge.
 */
import { useContext, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { Issue, Label } from './api-types.ts';
import { CookieFields } from './cookie-fields.tsx';
import { setAt } from './draft-at.ts';
import { ErrorSummary } from './error-summary.tsx';
import { fieldId, fieldIssues } from './field-issues.ts';
import { FormContext, SelectField, TextField } from './fields.tsx';
import { bodyFromDraft, type Draft } from './form-model.ts';
import { S2sFields } from './s2s-fields.tsx';
import { UrlFields } from './url-fields.tsx';

export interface FormFailure {
  message: string;
  issues: Issue[];
}

const LABEL_TEXT: Record<Label, string> = {
  PII: 'PII: may be combined with personally identifiable information',
  ONSITE_TARGETING: 'On-site targeting',
  OFFSITE_TARGETING: 'Off-site targeting',
  ONSITE_PERSONALIZATION: 'On-site personalization',
};
// every label of the API, in the order above (the Record makes the compiler check it is complete)
const LABELS = Object.keys(LABEL_TEXT) as Label[];

function LabelsField() {
  const { draft, issues, set } = useContext(FormContext);
  const labels = (draft as Draft).dataExportLabels;
  const errors = issues.get('/dataExportLabels') ?? [];
  return (
    <fieldset
      id={fieldId('/dataExportLabels')}
      tabIndex={-1}
      className={errors.length > 0 ? 'has-error' : undefined}
    >
      <legend>Data export labels</legend>
      <p className="hint">
        What the partner does with the data. Segments from data sources that prohibit one of these labels are
        never sent here.
      </p>
      {LABELS.map((label) => (
        <label key={label} className="inline">
          <input
            type="checkbox"
            checked={labels.includes(label)}
            onChange={(e) =>
              set(
                '/dataExportLabels',
                e.target.checked ? [...labels, label] : labels.filter((l) => l !== label),
              )
            }
          />{' '}
          {LABEL_TEXT[label]}
        </label>
      ))}
      {errors.length > 0 ? <p className="field-error">{errors.map((e) => e.message).join('; ')}</p> : null}
    </fieldset>
  );
}

interface Props {
  initial: Draft;
  submitLabel: string;
  failure: FormFailure | null;
  busy: boolean;
  onSubmit: (body: Record<string, unknown>) => void;
  children?: ReactNode;
}

export function DestinationForm({ initial, submitLabel, failure, busy, onSubmit, children }: Props) {
  const [draft, setDraft] = useState<Draft>(initial);
  const issues = useMemo(() => fieldIssues(failure?.issues ?? []), [failure]);
  const binding = useMemo(
    () => ({
      draft,
      issues,
      set: (pointer: string, value: unknown) => setDraft((d) => setAt(d, pointer, value)),
    }),
    [draft, issues],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(bodyFromDraft(draft));
  };
  return (
    <FormContext.Provider value={binding}>
      <form onSubmit={submit} noValidate aria-label={`${submitLabel} form`}>
        {failure ? (
          <ErrorSummary
            title="The destination was not saved"
            message={failure.message}
            issues={failure.issues}
          />
        ) : null}
        <section className="form-section">
          <div className="grid-2">
            <TextField pointer="/name" label="Name" required hint="Unique among destinations." />
            <SelectField
              pointer="/type"
              label="Type"
              options={[
                [draft.type, { URL: 'URL (pixel)', COOKIE: 'Cookie', S2S: 'Server-to-server' }[draft.type]],
              ]}
              hint="Fixed once the destination exists."
            />
          </div>
          <TextField pointer="/description" label="Description" multiline />
          <div className="grid-3">
            <SelectField
              pointer="/status"
              label="Status"
              options={[
                ['ACTIVE', 'Active'],
                ['PAUSED', 'Paused (sends nothing)'],
              ]}
            />
            <SelectField
              pointer="/platform"
              label="Platform"
              options={[
                ['ALL', 'All devices'],
                ['BROWSER', 'Browser'],
                ['ANDROID', 'Android'],
                ['IOS', 'iOS'],
              ]}
            />
            <SelectField
              pointer="/autoFill"
              label="Mapping value auto-fill"
              options={[
                ['NONE', 'None: type each value'],
                ['SEGMENT_ID', 'Segment id'],
                ['INTEGRATION_CODE', 'Integration code'],
              ]}
            />
          </div>
          <LabelsField />
        </section>
        {draft.type === 'URL' ? <UrlFields /> : null}
        {draft.type === 'COOKIE' ? <CookieFields /> : null}
        {draft.type === 'S2S' ? <S2sFields /> : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : submitLabel}
          </button>
          {children}
        </div>
      </form>
    </FormContext.Provider>
  );
}
