/** Cookie destination settings (SPEC §3): name, domain, publishing rule, format, separators, size, ttl. */
import { useContext } from 'react';
import { CheckboxField, FormContext, Section, SelectField, TextField } from './fields.tsx';
import type { Draft } from './form-model.ts';

export function CookieFields() {
  const draft = useContext(FormContext).draft as Draft;
  const c = draft.cookie;
  return (
    <Section pointer="/cookie" legend="Cookie settings">
      <div className="grid-2">
        <TextField pointer="/cookie/name" label="Cookie name" required />
        <TextField
          pointer="/cookie/domain"
          label="Cookie domain"
          placeholder=".example.com"
          hint="Blank = the current domain; otherwise one domain starting with a dot, no wildcards."
        />
      </div>
      <SelectField
        pointer="/cookie/publishTo"
        label="Publish to domains"
        options={[
          ['ALL', 'All domains'],
          ['ONLY_LISTED', 'Only the listed domains'],
          ['ALL_EXCEPT_LISTED', 'All except the listed domains'],
        ]}
      />
      {c.publishTo !== 'ALL' ? (
        <TextField
          pointer="/cookie/publishDomains"
          label="Listed domains"
          multiline
          hint="One per line (or separated by commas)."
        />
      ) : null}
      <div className="grid-2">
        <SelectField
          pointer="/cookie/dataFormat"
          label="Data format"
          options={[
            ['SINGLE_KEY', 'Single key: one key, a value per mapping'],
            ['MULTI_KEY', 'Multi key: a key and value per mapping'],
          ]}
        />
        {c.dataFormat === 'SINGLE_KEY' ? <TextField pointer="/cookie/key" label="Key" required /> : null}
      </div>
      <div className="grid-3">
        <SelectField pointer="/cookie/keySeparator" label="Key separator" options={[['=', '=']]} />
        <SelectField
          pointer="/cookie/pairSeparator"
          label="Pair separator"
          options={[
            ['&', '&'],
            [',', ','],
          ]}
        />
        <SelectField
          pointer="/cookie/serialSeparator"
          label="Serial separator"
          options={[
            [',', ','],
            ['#', '#'],
            [';', ';'],
          ]}
        />
      </div>
      <CheckboxField
        pointer="/cookie/serialize"
        label="Serialize values of a key (x=1,2&y=3 instead of x=1&x=2&y=3)"
      />
      <div className="grid-2">
        <TextField
          pointer="/cookie/maxSizeBytes"
          label="Max size (bytes)"
          type="number"
          hint="Above it, segments are dropped from the largest priority number down (those without a priority first)."
        />
        <TextField pointer="/cookie/ttlDays" label="Time to live (days)" type="number" />
      </div>
    </Section>
  );
}
