/**
 * Rules for one URL template (SPEC §3 URL destination): it parses as an absolute http(s) URL once
 * macros are replaced, uses only known macros, keeps macros out of the scheme/host/port (the target
 * must be checkable against the address policy before anything is sent), stays under the length
 * limit, and, when serialized, contains %alias%.
 */
import { inspectUrlTemplate } from './inspect-url-template.ts';
import { validationIssue, type ValidationIssue } from './validation-issue.ts';

/** Longest accepted template; rendered URLs above 8 KB are split by the renderer. */
export const MAX_TEMPLATE_LENGTH = 4096;

export function validateUrlTemplate(
  template: string,
  pointer: string,
  options: { serialized: boolean; httpsOnly?: boolean },
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (template.length > MAX_TEMPLATE_LENGTH) {
    return [
      validationIssue(pointer, 'too_long', `URL templates are at most ${MAX_TEMPLATE_LENGTH} characters`),
    ];
  }
  const inspection = inspectUrlTemplate(template);
  if (inspection.probe === null) {
    return [validationIssue(pointer, 'invalid_url', 'not an absolute URL (expected http://… or https://…)')];
  }
  const scheme = inspection.probe.protocol;
  if (options.httpsOnly === true ? scheme !== 'https:' : scheme !== 'http:' && scheme !== 'https:') {
    issues.push(
      validationIssue(
        pointer,
        'scheme_not_allowed',
        options.httpsOnly === true
          ? 'this URL must use https'
          : `scheme ${scheme} is not allowed (http or https)`,
      ),
    );
  }
  if (inspection.probe.username !== '' || inspection.probe.password !== '') {
    issues.push(validationIssue(pointer, 'invalid_url', 'credentials in URLs are not allowed'));
  }
  if (inspection.macroInAuthority) {
    issues.push(
      validationIssue(pointer, 'macro_in_host', 'macros may not appear in the scheme, host or port'),
    );
  }
  for (const macro of inspection.unknown) {
    issues.push(
      validationIssue(
        pointer,
        'unknown_macro',
        `unknown macro ${macro}; known: %alias% %did% %dpid_<n>% %mcid% %http_proto% %region% %rnd% %timestamp% \${GDPR} \${GDPR_CONSENT_<vendorId>}`,
      ),
    );
  }
  if (options.serialized && !inspection.hasAlias) {
    issues.push(validationIssue(pointer, 'alias_required', 'serialized URL templates must contain %alias%'));
  }
  return issues;
}
