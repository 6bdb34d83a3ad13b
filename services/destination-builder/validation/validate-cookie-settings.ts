/**
 * Cookie destination settings (SPEC §3, AAM "Cookie destination"): a cookie name (RFC 6265 token),
 * a domain that is blank (the page's domain) or one domain starting with `.` and without wildcards,
 * a publish rule whose listed domains exist when it needs them, key separator `=`, pair separator
 * `&` or `,`, serial separator `,` `#` or `;` (not equal to the pair separator), a size cap and a
 * lifetime.
 */
import type { CookieSettings } from '../../../libs/schema/types.ts';
import { validationIssue, type ValidationIssue } from './validation-issue.ts';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
export const MAX_COOKIE_BYTES = 4096;

function isHostName(name: string): boolean {
  return name.length <= 253 && name.split('.').every((label) => LABEL.test(label));
}

function domainIssues(domain: string, pointer: string, leadingDot: boolean): ValidationIssue[] {
  if (domain.includes('*')) {
    return [validationIssue(pointer, 'cookie_domain_wildcard', `"${domain}": wildcards are not allowed`)];
  }
  if (leadingDot && !domain.startsWith('.')) {
    return [
      validationIssue(
        pointer,
        'cookie_domain_format',
        `"${domain}" must start with a period, e.g. .example.com`,
      ),
    ];
  }
  const name = leadingDot ? domain.slice(1) : domain.replace(/^\./, '');
  if (!isHostName(name) || !name.includes('.')) {
    return [
      validationIssue(
        pointer,
        'cookie_domain_format',
        `"${domain}" is not one domain name (no scheme, path or list)`,
      ),
    ];
  }
  return [];
}

export function validateCookieSettings(cookie: CookieSettings): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!TOKEN.test(cookie.name)) {
    issues.push(
      validationIssue(
        '/cookie/name',
        'invalid_cookie_name',
        'cookie names are RFC 6265 tokens (no spaces, =, ; or ,)',
      ),
    );
  }
  if (cookie.domain !== null && cookie.domain !== '') {
    issues.push(...domainIssues(cookie.domain, '/cookie/domain', true));
  }
  if (cookie.publishTo !== 'ALL' && cookie.publishDomains.length === 0) {
    issues.push(
      validationIssue(
        '/cookie/publishDomains',
        'required',
        `publish rule ${cookie.publishTo} needs at least one domain`,
      ),
    );
  }
  cookie.publishDomains.forEach((domain, index) => {
    issues.push(...domainIssues(domain, `/cookie/publishDomains/${index}`, false));
  });
  if (cookie.dataFormat === 'SINGLE_KEY' && (cookie.key ?? '').trim() === '') {
    issues.push(validationIssue('/cookie/key', 'required', 'single-key cookie destinations need a key'));
  }
  if (cookie.dataFormat === 'MULTI_KEY' && cookie.key !== null) {
    issues.push(
      validationIssue(
        '/cookie/key',
        'not_allowed_for_type',
        'multi-key cookies take the key from each mapping',
      ),
    );
  }
  if (cookie.keySeparator !== '=') {
    issues.push(validationIssue('/cookie/keySeparator', 'separator_not_allowed', 'the key separator is `=`'));
  }
  if (cookie.pairSeparator !== '&' && cookie.pairSeparator !== ',') {
    issues.push(
      validationIssue('/cookie/pairSeparator', 'separator_not_allowed', 'the pair separator is `&` or `,`'),
    );
  }
  if (![',', '#', ';'].includes(cookie.serialSeparator)) {
    issues.push(
      validationIssue(
        '/cookie/serialSeparator',
        'separator_not_allowed',
        'the serial separator is `,`, `#` or `;`',
      ),
    );
  } else if (cookie.serialize && cookie.serialSeparator === cookie.pairSeparator) {
    issues.push(
      validationIssue(
        '/cookie/serialSeparator',
        'separators_conflict',
        'serial and pair separators must differ when serializing',
      ),
    );
  }
  if (
    !Number.isInteger(cookie.maxSizeBytes) ||
    cookie.maxSizeBytes < 64 ||
    cookie.maxSizeBytes > MAX_COOKIE_BYTES
  ) {
    issues.push(
      validationIssue('/cookie/maxSizeBytes', 'out_of_range', `max size is 64-${MAX_COOKIE_BYTES} bytes`),
    );
  }
  if (!Number.isInteger(cookie.ttlDays) || cookie.ttlDays < 1 || cookie.ttlDays > 400) {
    issues.push(
      validationIssue('/cookie/ttlDays', 'out_of_range', 'ttl is 1-400 days (browsers cap cookies at 400)'),
    );
  }
  return issues;
}
