/** URL destination settings (SPEC §3): serialize, templates, delimiter, referrer policy. */
import { useContext } from 'react';
import { CheckboxField, FormContext, Section, SelectField, TextField } from './fields.tsx';
import type { Draft } from './form-model.ts';

const MACROS =
  '%alias% %did% %dpid_<n>% %mcid% %http_proto% %region% %rnd% %timestamp% ${GDPR} ${GDPR_CONSENT_<vendor>}';

export function UrlFields() {
  const draft = useContext(FormContext).draft as Draft;
  const serialized = draft.url.serialize;
  return (
    <Section pointer="/url" legend="URL (pixel) settings">
      <CheckboxField
        pointer="/url/serialize"
        label="Serialize: one call carries all of the user's mapped segments"
        hint="Off: one call per newly qualified segment, each mapping with its own URL."
      />
      {serialized ? (
        <>
          <TextField
            pointer="/url/baseUrl"
            label="Base URL (http pages)"
            type="url"
            monospace
            placeholder="http://partner.example/px?segs=%alias%&uid=%did%"
            hint={`Must contain %alias%. Macros: ${MACROS}`}
          />
          <TextField
            pointer="/url/secureUrl"
            label="Secure URL (https pages)"
            type="url"
            monospace
            placeholder="https://partner.example/px?segs=%alias%&uid=%did%"
            hint="Used when the page is served over https; must contain %alias%."
          />
          <TextField
            pointer="/url/delimiter"
            label="Delimiter between values in %alias%"
            hint="For example , or ;"
          />
        </>
      ) : (
        <p className="hint">
          Each mapping carries its own URL and secure URL (set them in the Mappings tab).
        </p>
      )}
      <SelectField
        pointer="/url/referrerPolicy"
        label="Referrer"
        options={[
          ['HIDE', 'Hide the page URL from the partner (default)'],
          ['SHOW', 'Send the page URL as referrer'],
        ]}
      />
    </Section>
  );
}
