/**
 * Server-to-server destination settings (SPEC §3): a partner namespace and account alias, and at
 * least one mode. Real-time: an HTTPS endpoint (AAM requires HTTPS; an operator may allow http for
 * allow-listed test partners), auth none | OAuth2 client credentials (token URL, client id, secret)
 * | HMAC (header name, key), 1-100 users per request (AAM: 1-10, default 10), flush interval,
 * timeout. Batch: a 5-field UTC cron no more often than hourly, sync modes, target LOCAL (a
 * directory inside one of the operator's LOCAL_EXPORT_ROOTS, local-export-path.ts) or SFTP (host,
 * user, key, path), a file-name template with known placeholders only and otherwise the characters
 * `[A-Za-z0-9._-]`, not starting with a dot.
 */
import { CronExpressionParser } from 'cron-parser';
import type { DestinationConfig, S2sBatch, S2sRealTime, S2sSettings } from '../../../libs/schema/types.ts';
import { localExportPath } from '../../../libs/destinations/local-export-path.ts';
import { jsonLineIssues, type JsonLineLayout } from '../../../libs/rendering/index.ts';
import { validateUrlTemplate } from './validate-url-template.ts';
import { validationIssue, type ValidationIssue } from './validation-issue.ts';

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** An OpenSSH SHA256 fingerprint: `SHA256:` and 32 bytes in unpadded base64. */
const HOST_KEY_FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
const FILE_PLACEHOLDERS = new Set([
  'syncType',
  'destinationId',
  'dpid',
  'pidAlias',
  'mode',
  'timestampMs',
  'split',
]);
const MIN_SCHEDULE_SECONDS = 3600;

export interface S2sRules {
  /** Allow http:// real-time endpoints and token URLs (tests and demos with local partners). */
  allowHttpEndpoints: boolean;
  /** The stored destination when updating. */
  previous?: DestinationConfig;
  /** Directories LOCAL batch targets may write under (LOCAL_EXPORT_ROOTS); empty = LOCAL refused. */
  localExportRoots: readonly string[];
}

export function validateS2sSettings(s2s: S2sSettings, rules: S2sRules): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(s2s.dpid) || s2s.dpid <= 0) {
    issues.push(
      validationIssue('/s2s/dpid', 'out_of_range', 'the partner namespace (dpid) is a positive integer'),
    );
  }
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(s2s.accountAlias)) {
    issues.push(
      validationIssue(
        '/s2s/accountAlias',
        'required',
        'the account alias is 1-128 letters, digits, `.`, `_` or `-` (it appears in file names)',
      ),
    );
  }
  if (s2s.realTime === null && s2s.batch === null) {
    issues.push(validationIssue('/s2s', 'mode_required', 'enable real-time, batch or both'));
  }
  if (s2s.realTime !== null) issues.push(...validateRealTime(s2s.realTime, rules));
  if (s2s.batch !== null) issues.push(...validateBatch(s2s.batch, rules));
  return issues;
}

function validateRealTime(rt: S2sRealTime, rules: S2sRules): ValidationIssue[] {
  const at = '/s2s/realTime';
  const httpsOnly = !rules.allowHttpEndpoints;
  const issues = validateUrlTemplate(rt.endpoint, `${at}/endpoint`, { serialized: false, httpsOnly });
  if (rt.endpoint.includes('%') || rt.endpoint.includes('${')) {
    issues.push(validationIssue(`${at}/endpoint`, 'unknown_macro', 'endpoints take no macros'));
  }
  if (rt.auth === 'OAUTH2') {
    if (rt.oauthTokenUrl === null) {
      issues.push(validationIssue(`${at}/oauthTokenUrl`, 'required', 'OAuth2 needs the token endpoint'));
    } else {
      issues.push(
        ...validateUrlTemplate(rt.oauthTokenUrl, `${at}/oauthTokenUrl`, { serialized: false, httpsOnly }),
      );
    }
    if ((rt.oauthClientId ?? '') === '') {
      issues.push(validationIssue(`${at}/oauthClientId`, 'required', 'OAuth2 needs a client id'));
    }
    if (rt.oauthClientSecret === null) {
      issues.push(
        validationIssue(`${at}/oauthClientSecret`, 'secret_required', 'OAuth2 needs a client secret'),
      );
    }
  }
  if (rt.auth === 'HMAC') {
    if (rt.hmacHeader === null || !HEADER_NAME.test(rt.hmacHeader)) {
      issues.push(
        validationIssue(
          `${at}/hmacHeader`,
          'invalid_header_name',
          'HMAC needs the header name carrying the signature',
        ),
      );
    }
    if (rt.hmacKey === null)
      issues.push(validationIssue(`${at}/hmacKey`, 'secret_required', 'HMAC needs a key'));
  }
  // the stored key was read with the other encoding: its bytes would change without anyone seeing it
  const stored = rules.previous?.s2s?.realTime;
  if (
    stored !== undefined &&
    stored !== null &&
    rt.hmacKey !== null &&
    rt.hmacKey === stored.hmacKey &&
    rt.hmacKeyEncoding !== stored.hmacKeyEncoding
  ) {
    issues.push(
      validationIssue(
        `${at}/hmacKey`,
        'secret_required',
        'send the HMAC key again when its encoding changes',
      ),
    );
  }
  const ranges: [keyof S2sRealTime, number, number][] = [
    ['usersPerRequest', 1, 100],
    ['flushIntervalMs', 10, 60_000],
    ['timeoutMs', 100, 30_000],
  ];
  for (const [field, min, max] of ranges) {
    const value = rt[field] as number;
    if (!Number.isInteger(value) || value < min || value > max) {
      issues.push(validationIssue(`${at}/${field}`, 'out_of_range', `${field} is ${min}-${max}`));
    }
  }
  return issues;
}

function validateBatch(batch: S2sBatch, rules: S2sRules): ValidationIssue[] {
  const at = '/s2s/batch';
  const issues: ValidationIssue[] = [];
  issues.push(...scheduleIssues(batch.schedule, `${at}/schedule`));
  if (batch.syncModes.length === 0) {
    issues.push(validationIssue(`${at}/syncModes`, 'required', 'choose FULL, ITER or both'));
  }
  if (new Set(batch.syncModes).size !== batch.syncModes.length) {
    issues.push(validationIssue(`${at}/syncModes`, 'duplicate', 'each sync mode once'));
  }
  if (batch.splitSizeBytes !== null && batch.splitSizeBytes < 1024) {
    issues.push(
      validationIssue(`${at}/splitSizeBytes`, 'out_of_range', 'split size is at least 1024 bytes, or null'),
    );
  }
  if (batch.target === 'LOCAL') {
    const verdict = localExportPath(batch.localDir ?? '', rules.localExportRoots);
    if (!verdict.ok) issues.push(validationIssue(`${at}/localDir`, 'invalid_path', verdict.reason));
  } else {
    if (batch.sftpHost === null || batch.sftpHost.trim() === '') {
      issues.push(validationIssue(`${at}/sftpHost`, 'required', 'SFTP exports need a host'));
    }
    if ((batch.sftpUser ?? '') === '')
      issues.push(validationIssue(`${at}/sftpUser`, 'required', 'SFTP exports need a user'));
    if (batch.sftpKey === null)
      issues.push(validationIssue(`${at}/sftpKey`, 'secret_required', 'SFTP exports need a private key'));
    if (batch.sftpHostKey !== null && !HOST_KEY_FINGERPRINT.test(batch.sftpHostKey)) {
      issues.push(
        validationIssue(
          `${at}/sftpHostKey`,
          'invalid_fingerprint',
          'host key fingerprint is SHA256:<43 base64 characters>, as `ssh-keygen -lf <key>.pub` prints it',
        ),
      );
    }
    if (batch.sftpPath === null || batch.sftpPath.split('/').includes('..')) {
      issues.push(
        validationIssue(`${at}/sftpPath`, 'invalid_path', 'SFTP exports need a remote directory without ..'),
      );
    }
    if (!Number.isInteger(batch.sftpPort) || batch.sftpPort < 1 || batch.sftpPort > 65535) {
      issues.push(validationIssue(`${at}/sftpPort`, 'out_of_range', 'port is 1-65535'));
    }
  }
  if (batch.fileNameTemplate !== null)
    issues.push(...fileTemplateIssues(batch.fileNameTemplate, `${at}/fileNameTemplate`));
  if (batch.jsonLine !== null) issues.push(...jsonLayoutIssues(batch, `${at}/jsonLine`));
  return issues;
}

/** The JSON-lines layout: its own rules, and it replaces the text layout (not both). */
function jsonLayoutIssues(batch: S2sBatch, pointer: string): ValidationIssue[] {
  let layout: JsonLineLayout;
  try {
    layout = JSON.parse(batch.jsonLine as string) as JsonLineLayout;
  } catch {
    return [validationIssue(pointer, 'invalid_layout', 'the JSON-lines layout is not valid JSON')];
  }
  const issues = jsonLineIssues(layout).map((issue) =>
    validationIssue(`${pointer}${issue.pointer}`, 'invalid_layout', issue.message),
  );
  if (batch.lineTemplate !== null) {
    issues.push(
      validationIssue(
        pointer,
        'exclusive',
        'a batch file has one layout: set lineTemplate or jsonLine, not both',
      ),
    );
  }
  return issues;
}

function scheduleIssues(schedule: string, pointer: string): ValidationIssue[] {
  if (schedule.trim().split(/\s+/).length !== 5) {
    return [
      validationIssue(
        pointer,
        'invalid_cron',
        'a 5-field cron expression (minute hour day month weekday), UTC',
      ),
    ];
  }
  try {
    const expression = CronExpressionParser.parse(schedule, {
      tz: 'UTC',
      currentDate: new Date(Date.UTC(2030, 0, 1)),
    });
    let previous = expression.next().getTime();
    for (let i = 0; i < 48; i += 1) {
      const next = expression.next().getTime();
      if (next - previous < MIN_SCHEDULE_SECONDS * 1000) {
        return [validationIssue(pointer, 'out_of_range', 'batch exports run at most hourly')];
      }
      previous = next;
    }
  } catch (error) {
    return [validationIssue(pointer, 'invalid_cron', `not a cron expression: ${(error as Error).message}`)];
  }
  return [];
}

function fileTemplateIssues(template: string, pointer: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const literal = template.replace(/\{[^}]*\}/g, '');
  if (
    template === '' ||
    template.length > 200 ||
    template.startsWith('.') ||
    template.includes('..') ||
    !/^[A-Za-z0-9._-]*$/.test(literal)
  ) {
    issues.push(
      validationIssue(
        pointer,
        'invalid_file_template',
        'a file name of 1-200 characters: placeholders and letters, digits, `.`, `_` or `-`, not starting with `.` and without ..',
      ),
    );
  }
  for (const match of template.matchAll(/\{([^}]*)\}/g)) {
    if (!FILE_PLACEHOLDERS.has(match[1] as string)) {
      issues.push(
        validationIssue(
          pointer,
          'invalid_file_template',
          `unknown placeholder ${match[0]}; known: ${[...FILE_PLACEHOLDERS].map((p) => `{${p}}`).join(' ')}`,
        ),
      );
    }
  }
  return issues;
}
