/**
 * Segment mapping rules (SPEC §3, AAM "Segment mappings"): one mapping per segment, a non-empty
 * value (≤255 chars, like an integration code), a required start date and an optional end date
 * (YYYY-MM-DD, UTC, inclusive; blank = never expires) not before the start. Cookie mappings may
 * carry a priority; multi-key cookies need a key per mapping; non-serialized URL destinations need
 * each mapping's own URL template.
 */
import type { DestinationConfig, SegmentMapping } from '../../../libs/schema/types.ts';
import { validateUrlTemplate } from './validate-url-template.ts';
import { validationIssue, type ValidationIssue } from './validation-issue.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MAX_MAPPING_VALUE = 255;

export function isValidDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function validateMappings(config: DestinationConfig): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Map<number, number>();
  config.mappings.forEach((mapping, index) => {
    const at = `/mappings/${index}`;
    const first = seen.get(mapping.sid);
    if (first !== undefined) {
      issues.push(
        validationIssue(
          `${at}/sid`,
          'duplicate',
          `segment ${mapping.sid} is already mapped at /mappings/${first}`,
        ),
      );
    } else {
      seen.set(mapping.sid, index);
    }
    if (!Number.isInteger(mapping.sid) || mapping.sid <= 0) {
      issues.push(validationIssue(`${at}/sid`, 'out_of_range', 'segment id must be a positive integer'));
    }
    issues.push(...validateMapping(config, mapping, at));
  });
  return issues;
}

function validateMapping(config: DestinationConfig, mapping: SegmentMapping, at: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (mapping.value.trim() === '') {
    issues.push(
      validationIssue(
        `${at}/value`,
        'required',
        'a mapping value is required (or set the destination auto-fill)',
      ),
    );
  } else if (mapping.value.length > MAX_MAPPING_VALUE) {
    issues.push(
      validationIssue(
        `${at}/value`,
        'too_long',
        `mapping values are at most ${MAX_MAPPING_VALUE} characters`,
      ),
    );
  }
  const startValid = isValidDate(mapping.startDate);
  if (!startValid) {
    issues.push(
      validationIssue(`${at}/startDate`, 'invalid_date', 'start date must be a real date as YYYY-MM-DD'),
    );
  }
  if (mapping.endDate !== null) {
    if (!isValidDate(mapping.endDate)) {
      issues.push(
        validationIssue(
          `${at}/endDate`,
          'invalid_date',
          'end date must be a real date as YYYY-MM-DD, or null',
        ),
      );
    } else if (startValid && mapping.endDate < mapping.startDate) {
      issues.push(
        validationIssue(
          `${at}/endDate`,
          'end_before_start',
          `end date ${mapping.endDate} is before start date ${mapping.startDate}`,
        ),
      );
    }
  }
  const isCookie = config.type === 'COOKIE';
  const isPerSegmentUrl = config.type === 'URL' && config.url !== null && !config.url.serialize;
  if (mapping.priority !== null && !isCookie) {
    issues.push(
      validationIssue(
        `${at}/priority`,
        'not_allowed_for_type',
        'priority applies to cookie destinations only',
      ),
    );
  }
  if (mapping.priority !== null && (!Number.isInteger(mapping.priority) || mapping.priority < 0)) {
    issues.push(validationIssue(`${at}/priority`, 'out_of_range', 'priority must be a non-negative integer'));
  }
  if (isCookie && config.cookie?.dataFormat === 'MULTI_KEY' && (mapping.key ?? '').trim() === '') {
    issues.push(
      validationIssue(`${at}/key`, 'required', 'multi-key cookie destinations need a key on each mapping'),
    );
  }
  if (mapping.key !== null && !(isCookie && config.cookie?.dataFormat === 'MULTI_KEY')) {
    issues.push(
      validationIssue(
        `${at}/key`,
        'not_allowed_for_type',
        'a mapping key applies to multi-key cookie destinations only',
      ),
    );
  }
  if (isPerSegmentUrl) {
    if (mapping.url === null && mapping.secureUrl === null) {
      issues.push(
        validationIssue(
          `${at}/url`,
          'required',
          'non-serialized URL destinations need a URL (and/or secure URL) on each mapping',
        ),
      );
    }
    if (mapping.url !== null)
      issues.push(...validateUrlTemplate(mapping.url, `${at}/url`, { serialized: false }));
    if (mapping.secureUrl !== null) {
      issues.push(
        ...validateUrlTemplate(mapping.secureUrl, `${at}/secureUrl`, { serialized: false, httpsOnly: true }),
      );
    }
  } else {
    for (const field of ['url', 'secureUrl'] as const) {
      if (mapping[field] !== null) {
        issues.push(
          validationIssue(
            `${at}/${field}`,
            'not_allowed_for_type',
            'mapping URLs apply to non-serialized URL destinations only',
          ),
        );
      }
    }
  }
  return issues;
}
