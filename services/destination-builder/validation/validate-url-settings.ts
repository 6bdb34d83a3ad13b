/**
 * URL destination settings (SPEC §3): serialized destinations carry all live mapped values in one
 * call, so both templates are required and must contain %alias%; `baseUrl` is used on http pages
 * (http or https), `secureUrl` on https pages (https only). Non-serialized destinations take their
 * templates from each mapping. The delimiter separates values inside %alias%.
 */
import type { UrlSettings } from '../../../libs/schema/types.ts';
import { validateUrlTemplate } from './validate-url-template.ts';
import { validationIssue, type ValidationIssue } from './validation-issue.ts';

export function validateUrlSettings(url: UrlSettings): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (url.serialize) {
    if (url.baseUrl === null) {
      issues.push(
        validationIssue(
          '/url/baseUrl',
          'required',
          'serialized URL destinations need a base URL containing %alias%',
        ),
      );
    } else {
      issues.push(...validateUrlTemplate(url.baseUrl, '/url/baseUrl', { serialized: true }));
    }
    if (url.secureUrl === null) {
      issues.push(
        validationIssue(
          '/url/secureUrl',
          'required',
          'serialized URL destinations need a secure URL containing %alias%',
        ),
      );
    } else {
      issues.push(
        ...validateUrlTemplate(url.secureUrl, '/url/secureUrl', { serialized: true, httpsOnly: true }),
      );
    }
  } else {
    for (const field of ['baseUrl', 'secureUrl'] as const) {
      if (url[field] !== null) {
        issues.push(
          validationIssue(
            `/url/${field}`,
            'not_allowed_for_type',
            'non-serialized URL destinations take their templates from each mapping; leave this null',
          ),
        );
      }
    }
  }
  if (url.delimiter.length < 1 || url.delimiter.length > 3 || /[\s%]/.test(url.delimiter)) {
    issues.push(
      validationIssue(
        '/url/delimiter',
        'separator_not_allowed',
        'the delimiter is 1-3 characters, without spaces or %',
      ),
    );
  }
  return issues;
}
