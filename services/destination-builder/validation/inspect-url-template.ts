/**
 * What a URL destination template contains, for validation (not rendering: libs/rendering does that).
 * Macros, case-insensitive (SPEC §3, AAM "URL macros"):
 *   %alias% %did% %dpid_<n>% %mcid% %http_proto% %region% %rnd% %timestamp%
 *   ${GDPR} ${GDPR_CONSENT_<vendorId>}
 * Percent-encoded bytes (`%2F`) are not macros: a macro name starts with a letter.
 */

const PERCENT_MACRO = /%([a-z][a-z0-9_]*)%/gi;
const DOLLAR_MACRO = /\$\{([a-z][a-z0-9_]*)\}/gi;
const KNOWN_PERCENT = /^(alias|did|dpid_\d+|mcid|http_proto|region|rnd|timestamp)$/i;
const KNOWN_DOLLAR = /^(gdpr|gdpr_consent_\d+)$/i;

export interface UrlTemplateInspection {
  /** Every macro as written, e.g. `%ALIAS%`, `${GDPR}`. */
  macros: string[];
  /** Macros that are not in the list above. */
  unknown: string[];
  hasAlias: boolean;
  /** The template with each macro replaced by a neutral value, parseable as a URL; null if not. */
  probe: URL | null;
  /** A macro in the host or port (or in the scheme, other than a leading %http_proto%). */
  macroInAuthority: boolean;
}

export function inspectUrlTemplate(template: string): UrlTemplateInspection {
  const macros: string[] = [];
  const unknown: string[] = [];
  let hasAlias = false;
  for (const match of template.matchAll(PERCENT_MACRO)) {
    macros.push(match[0]);
    const name = match[1] as string;
    if (/^alias$/i.test(name)) hasAlias = true;
    if (!KNOWN_PERCENT.test(name)) unknown.push(match[0]);
  }
  for (const match of template.matchAll(DOLLAR_MACRO)) {
    macros.push(match[0]);
    if (!KNOWN_DOLLAR.test(match[1] as string)) unknown.push(match[0]);
  }
  const marker = 'macro0';
  // `%http_proto%://host/…` picks the page's protocol: probe it as https.
  const replaced = template
    .replace(/^%http_proto%(?=:\/\/)/i, 'https')
    .replace(PERCENT_MACRO, marker)
    .replace(DOLLAR_MACRO, marker);
  let probe: URL | null = null;
  try {
    probe = new URL(replaced);
  } catch {
    probe = null;
  }
  const authorityEnd = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(replaced)?.[0] ?? '';
  return { macros, unknown, hasAlias, probe, macroInAuthority: authorityEnd.includes(marker) };
}
