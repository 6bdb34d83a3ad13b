/**
 * Form inputs bound to a draft by JSON pointer: each shows its label, an optional hint and the
 * API's field errors for that pointer (aria-invalid + aria-describedby), so a 400/422 answer lands
 * on the input it names. Secrets are write-only: the stored value is never shown.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { getAt } from './draft-at.ts';
import { fieldId, type IssueMap } from './field-issues.ts';
import type { SecretDraft } from './form-model.ts';

export interface FormBinding {
  draft: unknown;
  issues: IssueMap;
  set: (pointer: string, value: unknown) => void;
}

export const FormContext = createContext<FormBinding>({ draft: {}, issues: new Map(), set: () => {} });

function useBinding(pointer: string) {
  const { draft, issues, set } = useContext(FormContext);
  const id = fieldId(pointer);
  const errors = issues.get(pointer) ?? [];
  return { id, value: getAt(draft, pointer), errors, set: (value: unknown) => set(pointer, value) };
}

function Messages({
  id,
  hint,
  errors,
}: {
  id: string;
  hint?: ReactNode;
  errors: readonly { message: string; rule: string }[];
}) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors.length > 0 ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.map((e) => e.message).join('; ')}
        </p>
      ) : null}
    </>
  );
}

function describedBy(id: string, hint: unknown, errors: readonly unknown[]) {
  const ids = [hint ? `${id}-hint` : '', errors.length > 0 ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface TextProps {
  pointer: string;
  label: string;
  hint?: ReactNode;
  type?: 'text' | 'url' | 'number' | 'date';
  required?: boolean;
  multiline?: boolean;
  placeholder?: string;
  monospace?: boolean;
}

export function TextField({
  pointer,
  label,
  hint,
  type = 'text',
  required,
  multiline,
  placeholder,
  monospace,
}: TextProps) {
  const { id, value, errors, set } = useBinding(pointer);
  const common = {
    id,
    name: pointer,
    value: String(value ?? ''),
    required,
    placeholder,
    className: monospace ? 'mono' : undefined,
    'aria-invalid': errors.length > 0 || undefined,
    'aria-describedby': describedBy(id, hint, errors),
  };
  return (
    <div className={`field${errors.length > 0 ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => set(e.target.value)} />
      ) : (
        <input
          {...common}
          type={type === 'number' ? 'text' : type}
          inputMode={type === 'number' ? 'numeric' : undefined}
          onChange={(e) => set(e.target.value)}
        />
      )}
      <Messages id={id} hint={hint} errors={errors} />
    </div>
  );
}

interface SelectProps {
  pointer: string;
  label: string;
  options: readonly (readonly [string, string])[];
  hint?: ReactNode;
}

export function SelectField({ pointer, label, options, hint }: SelectProps) {
  const { id, value, errors, set } = useBinding(pointer);
  return (
    <div className={`field${errors.length > 0 ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={pointer}
        value={String(value)}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(id, hint, errors)}
        onChange={(e) => set(e.target.value)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      <Messages id={id} hint={hint} errors={errors} />
    </div>
  );
}

export function CheckboxField({
  pointer,
  label,
  hint,
}: {
  pointer: string;
  label: string;
  hint?: ReactNode;
}) {
  const { id, value, errors, set } = useBinding(pointer);
  return (
    <div className={`field checkbox${errors.length > 0 ? ' has-error' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        aria-describedby={describedBy(id, hint, errors)}
        onChange={(e) => set(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      <Messages id={id} hint={hint} errors={errors} />
    </div>
  );
}

/** A write-only secret: blank keeps the stored one; the stored value is never shown. */
export function SecretField({ pointer, label }: { pointer: string; label: string }) {
  const { id, value, errors, set } = useBinding(pointer);
  const secret = value as SecretDraft;
  const hint = secret.stored
    ? 'A value is stored (write-only, never shown). Leave blank to keep it, or type a new one to replace it.'
    : 'Write-only: it is stored encrypted and never shown again.';
  return (
    <div className={`field${errors.length > 0 ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={pointer}
        type="password"
        autoComplete="new-password"
        value={secret.value}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(id, hint, errors)}
        onChange={(e) => set({ ...secret, value: e.target.value, remove: false })}
      />
      <Messages id={id} hint={hint} errors={errors} />
      {secret.stored ? (
        <label className="inline">
          <input
            type="checkbox"
            checked={secret.remove}
            onChange={(e) => set({ ...secret, value: '', remove: e.target.checked })}
          />{' '}
          Remove the stored value
        </label>
      ) : null}
    </div>
  );
}

/** A fieldset that also shows issues naming the block itself (`/s2s mode_required`). */
export function Section({
  pointer,
  legend,
  children,
}: {
  pointer: string;
  legend: string;
  children: ReactNode;
}) {
  const { issues } = useContext(FormContext);
  const errors = issues.get(pointer) ?? [];
  const id = fieldId(pointer);
  return (
    <fieldset id={id} className={errors.length > 0 ? 'has-error' : undefined} tabIndex={-1}>
      <legend>{legend}</legend>
      {errors.length > 0 ? (
        <p className="field-error" role="alert">
          {errors.map((e) => e.message).join('; ')}
        </p>
      ) : null}
      {children}
    </fieldset>
  );
}
