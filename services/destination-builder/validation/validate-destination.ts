/**
 * Every rule a destination must pass before the builder writes it (SPEC §3 and §6), as a list of
 * issues naming the field (JSON pointer) and the rule. Pure: address checks, which need DNS, are in
 * check-outbound-targets.ts.
 *   common: name required (≤255, no control or bidi formatting characters: validate-name.ts), unique among destinations (case-insensitive); type immutable;
 *   exactly the settings block of the type; labels at most once each; a cookie destination on a
 *   browser platform (BROWSER or ALL); then the type's rules and the mapping rules.
 */
import type { DestinationConfig } from '../../../libs/schema/types.ts';
import { validateCookieSettings } from './validate-cookie-settings.ts';
import { validateMappings } from './validate-mappings.ts';
import { validateS2sSettings, type S2sRules } from './validate-s2s-settings.ts';
import { validateName } from './validate-name.ts';
import { validateUrlSettings } from './validate-url-settings.ts';
import { validationIssue, type ValidationIssue } from './validation-issue.ts';

export interface ValidationContext extends S2sRules {
  /** The other destinations (for unique names). */
  others: readonly DestinationConfig[];
  /** The stored version when this is an update. */
  previous?: DestinationConfig;
}

const BLOCK = { URL: 'url', COOKIE: 'cookie', S2S: 's2s' } as const;

export function validateDestination(config: DestinationConfig, ctx: ValidationContext): ValidationIssue[] {
  const issues: ValidationIssue[] = validateName(config.name, { pointer: '/name', max: 255, required: true });
  const name = config.name.trim();
  const clash = ctx.others.find(
    (other) => other.id !== config.id && other.name.trim().toLowerCase() === name.toLowerCase(),
  );
  if (name !== '' && clash !== undefined) {
    issues.push(
      validationIssue('/name', 'unique', `destination ${clash.id} is already named "${clash.name}"`),
    );
  }
  if (config.description.length > 4000) {
    issues.push(validationIssue('/description', 'too_long', 'descriptions are at most 4000 characters'));
  }
  if (ctx.previous !== undefined && ctx.previous.type !== config.type) {
    issues.push(
      validationIssue(
        '/type',
        'immutable',
        `the type of a destination cannot change (was ${ctx.previous.type})`,
      ),
    );
  }
  if (new Set(config.dataExportLabels).size !== config.dataExportLabels.length) {
    issues.push(validationIssue('/dataExportLabels', 'duplicate', 'each label at most once'));
  }
  for (const [type, block] of Object.entries(BLOCK)) {
    const present = config[block] !== null;
    if (type === config.type && !present) {
      issues.push(
        validationIssue(`/${block}`, 'required', `${config.type} destinations need their ${block} settings`),
      );
    }
    if (type !== config.type && present) {
      issues.push(
        validationIssue(
          `/${block}`,
          'not_allowed_for_type',
          `${block} settings apply to ${type} destinations only`,
        ),
      );
    }
  }
  if (config.type === 'URL' && config.url !== null) issues.push(...validateUrlSettings(config.url));
  if (config.type === 'COOKIE' && (config.platform === 'ANDROID' || config.platform === 'IOS')) {
    issues.push(
      validationIssue(
        '/platform',
        'not_allowed_for_type',
        `cookies exist in browsers only: a cookie destination takes BROWSER or ALL (only browser events reach it), not ${config.platform}`,
      ),
    );
  }
  if (config.type === 'COOKIE' && config.cookie !== null)
    issues.push(...validateCookieSettings(config.cookie));
  if (config.type === 'S2S' && config.s2s !== null) issues.push(...validateS2sSettings(config.s2s, ctx));
  issues.push(...validateMappings(config));
  return issues;
}
