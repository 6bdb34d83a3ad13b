/**
 * The rule every display name follows (destinations, data sources, API tokens; issue 14): at most
 * `max` characters, and none of the characters that corrupt logs, terminals or how a name reads:
 * C0 controls (U+0000-U+001F: NUL, ESC, CR, LF, TAB...), DEL and the C1 controls (U+007F-U+009F),
 * the line and paragraph separators (U+2028, U+2029), and the bidirectional formatting characters
 * (Unicode UAX #9: embeddings and overrides U+202A-U+202E, isolates U+2066-U+2069, and the marks
 * U+200E, U+200F, U+061C), which can make a name display as something else ("Trojan Source").
 */
import { validationIssue, type ValidationIssue } from './validation-issue.ts';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;

export interface NameRule {
  /** JSON pointer of the field. */
  pointer: string;
  max: number;
  /** An empty (or blank) name is an issue. */
  required: boolean;
}

export function validateName(name: string, rule: NameRule): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (rule.required && name.trim() === '')
    issues.push(validationIssue(rule.pointer, 'required', 'a name is required'));
  if ([...name].length > rule.max) {
    issues.push(validationIssue(rule.pointer, 'too_long', `names are at most ${rule.max} characters`));
  }
  const bad = FORBIDDEN.exec(name);
  if (bad !== null) {
    const code = `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    issues.push(
      validationIssue(
        rule.pointer,
        'invalid_characters',
        `names may not contain control or bidirectional formatting characters (found ${code} at position ${bad.index})`,
      ),
    );
  }
  return issues;
}
