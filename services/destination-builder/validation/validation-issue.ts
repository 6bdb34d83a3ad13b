/**
 * One problem a user can act on: which field (a JSON pointer into the destination as the API shows
 * it, RFC 6901) and which rule it breaks, with a sentence saying what to do.
 */
export interface ValidationIssue {
  pointer: string;
  rule: ValidationRule;
  message: string;
}

export const VALIDATION_RULES = [
  'required',
  'unique',
  'immutable',
  'too_long',
  'out_of_range',
  'not_allowed_for_type',
  'alias_required',
  'unknown_macro',
  'invalid_url',
  'scheme_not_allowed',
  'macro_in_host',
  'invalid_cookie_name',
  'cookie_domain_format',
  'cookie_domain_wildcard',
  'separator_not_allowed',
  'separators_conflict',
  'mode_required',
  'secret_required',
  'invalid_cron',
  'invalid_date',
  'end_before_start',
  'duplicate',
  'invalid_header_name',
  'invalid_path',
  'invalid_fingerprint',
  'invalid_file_template',
  'forbidden_address',
  'unresolvable_host',
  'label_prohibited',
  'invalid_characters',
  'in_the_past',
  'invalid_encoding',
  'invalid_layout',
  'exclusive',
] as const;

export type ValidationRule = (typeof VALIDATION_RULES)[number];

export function validationIssue(pointer: string, rule: ValidationRule, message: string): ValidationIssue {
  return { pointer, rule, message };
}
