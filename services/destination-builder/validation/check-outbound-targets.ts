/**
 * SPEC §6: outbound requests only go to public addresses; a destination target that resolves to a
 * loopback, private, link-local or metadata address is refused at configuration time (and again at
 * connect time by the delivery services). Targets: URL templates (destination and mappings), the
 * S2S endpoint and OAuth token URL, the SFTP host. Macros are replaced by neutral values first; a
 * macro in the host is already refused by validation.
 */
import { AppError } from '../../../libs/errors/index.ts';
import type { DestinationConfig } from '../../../libs/schema/types.ts';
import { inspectUrlTemplate } from './inspect-url-template.ts';
import { validationIssue, type ValidationIssue } from './validation-issue.ts';

/** The part of libs/outbound's AddressPolicy the check needs. */
export interface TargetPolicy {
  assertUrl(url: string): Promise<void>;
  assertHost(host: string): Promise<void>;
}

export function outboundTargets(
  config: DestinationConfig,
): { pointer: string; url?: string; host?: string }[] {
  const targets: { pointer: string; url?: string; host?: string }[] = [];
  const url = (pointer: string, template: string | null) => {
    if (template !== null) targets.push({ pointer, url: template });
  };
  url('/url/baseUrl', config.url?.baseUrl ?? null);
  url('/url/secureUrl', config.url?.secureUrl ?? null);
  config.mappings.forEach((mapping, index) => {
    url(`/mappings/${index}/url`, mapping.url);
    url(`/mappings/${index}/secureUrl`, mapping.secureUrl);
  });
  url('/s2s/realTime/endpoint', config.s2s?.realTime?.endpoint ?? null);
  url('/s2s/realTime/oauthTokenUrl', config.s2s?.realTime?.oauthTokenUrl ?? null);
  const sftpHost = config.s2s?.batch?.target === 'SFTP' ? config.s2s.batch.sftpHost : null;
  if (sftpHost !== null && sftpHost !== undefined)
    targets.push({ pointer: '/s2s/batch/sftpHost', host: sftpHost });
  return targets;
}

/**
 * Checks the targets of a destination; with `previous`, only targets that are new or changed (an
 * edit of an unrelated field must not fail because the allow-list changed since).
 */
export async function checkOutboundTargets(
  config: DestinationConfig,
  policy: TargetPolicy,
  previous?: DestinationConfig,
): Promise<ValidationIssue[]> {
  const known = new Set(previous ? outboundTargets(previous).map((t) => t.url ?? `host:${t.host}`) : []);
  const fresh = outboundTargets(config).filter((t) => !known.has(t.url ?? `host:${t.host}`));
  const checks = fresh.map(async (target): Promise<ValidationIssue | null> => {
    try {
      if (target.host !== undefined) {
        await policy.assertHost(target.host);
      } else {
        const probe = inspectUrlTemplate(target.url as string).probe;
        if (probe === null) return null; // reported by validation
        await policy.assertUrl(probe.href);
      }
      return null;
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown } }).cause;
      if (AppError.is(error, 'ssrf_refused') && typeof cause?.code !== 'string') {
        return validationIssue(
          target.pointer,
          'forbidden_address',
          `${error.message}; ask an operator to allow-list it if intended`,
        );
      }
      return validationIssue(
        target.pointer,
        'unresolvable_host',
        `the target host could not be checked: ${(error as Error).message}`,
      );
    }
  });
  return (await Promise.all(checks)).filter((issue): issue is ValidationIssue => issue !== null);
}
