import { describe, expect, it } from 'vitest';
import type { DestinationConfig, EncryptedSecret } from '../../../libs/schema/types.ts';
import {
  cookieDestination,
  mapping,
  s2sDestination,
  urlDestination,
} from '../../../test/support/destinations.ts';
import { validateDestination, type ValidationContext } from './validate-destination.ts';

const ctx: ValidationContext = { others: [], allowHttpEndpoints: false, localExportRoots: ['/tmp'] };
const secret: EncryptedSecret = {
  keyId: 'k',
  iv: Buffer.alloc(12),
  ciphertext: Buffer.alloc(4),
  tag: Buffer.alloc(16),
};

function rules(config: DestinationConfig, context: ValidationContext = ctx): string[] {
  return validateDestination(config, context).map((issue) => `${issue.pointer} ${issue.rule}`);
}

const publicUrl = (overrides: Partial<NonNullable<DestinationConfig['url']>> = {}) => ({
  serialize: true,
  baseUrl: 'http://pixel.partner.example/p?s=%alias%',
  secureUrl: 'https://pixel.partner.example/p?s=%alias%',
  delimiter: ',',
  referrerPolicy: 'HIDE' as const,
  ...overrides,
});

describe('validateDestination', () => {
  it('accepts valid URL, cookie and S2S destinations', () => {
    expect(rules(urlDestination(1, [10, 11], { url: publicUrl() }))).toEqual([]);
    expect(rules(cookieDestination(2, [10], { mappings: [mapping(10, { priority: 2 })] }))).toEqual([]);
    expect(rules(s2sDestination(3, [10]))).toEqual([]);
  });

  it('requires %alias% in serialized templates and knows the macros', () => {
    const config = urlDestination(1, [10], {
      url: publicUrl({
        baseUrl: 'http://p.example/p?s=%segments%',
        secureUrl: 'https://p.example/p?s=%ALIAS%&t=%timestamp%',
      }),
    });
    expect(rules(config)).toEqual(['/url/baseUrl unknown_macro', '/url/baseUrl alias_required']);
  });

  it('refuses non-http schemes, macros in the host and an http secure URL', () => {
    const config = urlDestination(1, [10], {
      url: publicUrl({ baseUrl: 'ftp://p.example/%alias%', secureUrl: 'http://%did%.p.example/%alias%' }),
    });
    expect(rules(config)).toEqual([
      '/url/baseUrl scheme_not_allowed',
      '/url/secureUrl scheme_not_allowed',
      '/url/secureUrl macro_in_host',
    ]);
  });

  it('needs per-mapping templates when not serialized', () => {
    const config = urlDestination(1, [10, 11], {
      url: publicUrl({ serialize: false, baseUrl: null, secureUrl: null }),
      mappings: [mapping(10, { url: 'http://p.example/a?v=%alias%' }), mapping(11)],
    });
    expect(rules(config)).toEqual(['/mappings/1/url required']);
  });

  it('checks dates, duplicates and values of mappings', () => {
    const config = urlDestination(1, [], {
      url: publicUrl(),
      mappings: [
        mapping(10, { startDate: '2026-03-01', endDate: '2026-02-28' }),
        mapping(10),
        mapping(12, { startDate: '2026-02-30' }),
        mapping(13, { value: ' ' }),
        mapping(14, { priority: 1 }),
      ],
    });
    expect(rules(config)).toEqual([
      '/mappings/0/endDate end_before_start',
      '/mappings/1/sid duplicate',
      '/mappings/2/startDate invalid_date',
      '/mappings/3/value required',
      '/mappings/4/priority not_allowed_for_type',
    ]);
  });

  it('accepts an end date equal to the start date (inclusive)', () => {
    const config = urlDestination(1, [], {
      url: publicUrl(),
      mappings: [mapping(10, { startDate: '2026-03-01', endDate: '2026-03-01' })],
    });
    expect(rules(config)).toEqual([]);
  });

  it('refuses a cookie destination on a platform without cookies (issue 20)', () => {
    expect(rules(cookieDestination(2, [10], { platform: 'ANDROID' }))).toEqual([
      '/platform not_allowed_for_type',
    ]);
    expect(rules(cookieDestination(2, [10], { platform: 'IOS' }))).toEqual([
      '/platform not_allowed_for_type',
    ]);
    expect(rules(cookieDestination(2, [10], { platform: 'BROWSER' }))).toEqual([]);
    expect(rules(cookieDestination(2, [10], { platform: 'ALL' }))).toEqual([]);
    expect(rules(urlDestination(1, [10], { url: publicUrl(), platform: 'ANDROID' }))).toEqual([]);
  });

  it('checks cookie domains, separators and keys', () => {
    const base = cookieDestination(2, [10]);
    const cookie = base.cookie as NonNullable<DestinationConfig['cookie']>;
    expect(rules({ ...base, cookie: { ...cookie, domain: '*.example.com' } })).toEqual([
      '/cookie/domain cookie_domain_wildcard',
    ]);
    expect(rules({ ...base, cookie: { ...cookie, domain: 'example.com' } })).toEqual([
      '/cookie/domain cookie_domain_format',
    ]);
    expect(rules({ ...base, cookie: { ...cookie, domain: '.a.com,.b.com' } })).toEqual([
      '/cookie/domain cookie_domain_format',
    ]);
    expect(rules({ ...base, cookie: { ...cookie, domain: null } })).toEqual([]);
    expect(
      rules({
        ...base,
        cookie: {
          ...cookie,
          pairSeparator: ';',
          serialize: true,
          serialSeparator: '|',
          publishTo: 'ONLY_LISTED',
        },
      }),
    ).toEqual([
      '/cookie/publishDomains required',
      '/cookie/pairSeparator separator_not_allowed',
      '/cookie/serialSeparator separator_not_allowed',
    ]);
    expect(rules({ ...base, cookie: { ...cookie, dataFormat: 'MULTI_KEY', key: null } })).toEqual([
      '/mappings/0/key required',
    ]);
    expect(rules({ ...base, cookie: { ...cookie, name: 'bad name' } })).toEqual([
      '/cookie/name invalid_cookie_name',
    ]);
  });

  it('requires a mode for S2S and secrets for each auth mode', () => {
    const base = s2sDestination(3, [10]);
    const s2s = base.s2s as NonNullable<DestinationConfig['s2s']>;
    expect(rules({ ...base, s2s: { ...s2s, batch: null } })).toEqual(['/s2s mode_required']);
    const realTime = {
      endpoint: 'https://api.partner.example/segments',
      auth: 'OAUTH2' as const,
      oauthTokenUrl: 'https://auth.partner.example/token',
      oauthClientId: 'client',
      oauthClientSecret: null,
      hmacAlgorithm: 'SHA256' as const,
      hmacHeader: null,
      hmacKey: null,
      hmacKeyEncoding: 'UTF8' as const,
      usersPerRequest: 10,
      flushIntervalMs: 1000,
      timeoutMs: 3000,
    };
    expect(rules({ ...base, s2s: { ...s2s, realTime } })).toEqual([
      '/s2s/realTime/oauthClientSecret secret_required',
    ]);
    expect(rules({ ...base, s2s: { ...s2s, realTime: { ...realTime, oauthClientSecret: secret } } })).toEqual(
      [],
    );
    expect(
      rules({ ...base, s2s: { ...s2s, realTime: { ...realTime, auth: 'HMAC', hmacHeader: 'X-Signature' } } }),
    ).toEqual(['/s2s/realTime/hmacKey secret_required']);
    // the stored key read with another encoding is another key: it must be sent again (issue 20)
    const hmac = { ...realTime, auth: 'HMAC' as const, hmacHeader: 'X-Signature', hmacKey: secret };
    const previous = { ...base, s2s: { ...s2s, realTime: hmac } };
    const recoded = {
      ...previous,
      s2s: { ...s2s, realTime: { ...hmac, hmacKeyEncoding: 'BASE64' as const } },
    };
    expect(rules(recoded, { ...ctx, previous })).toEqual(['/s2s/realTime/hmacKey secret_required']);
    const resent = {
      ...recoded,
      s2s: { ...recoded.s2s, realTime: { ...recoded.s2s.realTime, hmacKey: { ...secret } } },
    };
    expect(rules(resent, { ...ctx, previous })).toEqual([]);
    expect(
      rules({
        ...base,
        s2s: {
          ...s2s,
          realTime: {
            ...realTime,
            auth: 'NONE',
            endpoint: 'http://api.partner.example/',
            usersPerRequest: 0,
          },
        },
      }),
    ).toEqual(['/s2s/realTime/endpoint scheme_not_allowed', '/s2s/realTime/usersPerRequest out_of_range']);
  });

  it('checks batch schedules, SFTP fields and file-name templates', () => {
    const base = s2sDestination(3, [10]);
    const s2s = base.s2s as NonNullable<DestinationConfig['s2s']>;
    const batch = s2s.batch as NonNullable<typeof s2s.batch>;
    expect(rules({ ...base, s2s: { ...s2s, batch: { ...batch, schedule: '*/5 * * * *' } } })).toEqual([
      '/s2s/batch/schedule out_of_range',
    ]);
    expect(rules({ ...base, s2s: { ...s2s, batch: { ...batch, schedule: '0 25 * * *' } } })).toEqual([
      '/s2s/batch/schedule invalid_cron',
    ]);
    expect(rules({ ...base, s2s: { ...s2s, batch: { ...batch, target: 'SFTP', localDir: null } } })).toEqual([
      '/s2s/batch/sftpHost required',
      '/s2s/batch/sftpUser required',
      '/s2s/batch/sftpKey secret_required',
      '/s2s/batch/sftpPath invalid_path',
    ]);
    const sftp = {
      ...batch,
      target: 'SFTP' as const,
      localDir: null,
      sftpHost: 'sftp.partner.example',
      sftpUser: 'aam',
      sftpKey: { keyId: 'k1', iv: Buffer.alloc(12), tag: Buffer.alloc(16), ciphertext: Buffer.from('c') },
      sftpPath: '/in',
    };
    const pinned = (sftpHostKey: string) =>
      rules({ ...base, s2s: { ...s2s, batch: { ...sftp, sftpHostKey } } });
    expect(pinned(`SHA256:${'A'.repeat(43)}`)).toEqual([]);
    for (const bad of [
      'MD5:16:27:ac',
      `SHA256:${'A'.repeat(42)}`,
      `SHA256:${'A'.repeat(43)}=`,
      'ssh-ed25519 AAAA',
    ])
      expect(pinned(bad), bad).toEqual(['/s2s/batch/sftpHostKey invalid_fingerprint']);
    expect(
      rules({ ...base, s2s: { ...s2s, batch: { ...batch, fileNameTemplate: '../{dpid}_{bogus}.sync' } } }),
    ).toEqual([
      '/s2s/batch/fileNameTemplate invalid_file_template',
      '/s2s/batch/fileNameTemplate invalid_file_template',
    ]);
  });

  it('accepts LOCAL directories only inside an operator root, naming the roots (issue 14)', () => {
    const base = s2sDestination(3, [10]);
    const s2s = base.s2s as NonNullable<DestinationConfig['s2s']>;
    const batch = s2s.batch as NonNullable<typeof s2s.batch>;
    const local = (localDir: string, localExportRoots: string[] = ['/srv/exports', '/tmp']) =>
      validateDestination(
        { ...base, s2s: { ...s2s, batch: { ...batch, target: 'LOCAL', localDir } } },
        { ...ctx, localExportRoots },
      );
    expect(local('/srv/exports')).toEqual([]);
    expect(local('/srv/exports/partner-a/')).toEqual([]);
    for (const bad of [
      '/etc/cron.d',
      '/home/op/.ssh',
      '/srv/exports-other',
      '/srv',
      'relative/dir',
      '/srv/exports/../../etc',
      '/srv/exports//x',
      '/srv/exports/./x',
      '',
    ]) {
      expect(
        local(bad).map((i) => `${i.pointer} ${i.rule}`),
        bad,
      ).toEqual(['/s2s/batch/localDir invalid_path']);
      expect(local(bad)[0]?.message, bad).toContain('/srv/exports, /tmp');
    }
    expect(local('/tmp/exports', [])[0]?.message).toMatch(/LOCAL exports are disabled.*LOCAL_EXPORT_ROOTS/);
  });

  it('restricts file-name templates to placeholders and [A-Za-z0-9._-], no leading dot (issue 14)', () => {
    const base = s2sDestination(3, [10]);
    const s2s = base.s2s as NonNullable<DestinationConfig['s2s']>;
    const batch = s2s.batch as NonNullable<typeof s2s.batch>;
    const template = (fileNameTemplate: string) =>
      rules({ ...base, s2s: { ...s2s, batch: { ...batch, fileNameTemplate } } });
    expect(template('segments_{dpid}-{mode}.{timestampMs}{split}')).toEqual([]);
    for (const bad of [
      '.bashrc',
      '{mode} x',
      'a\nb',
      'a\u0000b',
      'caf\u00e9',
      'a:b',
      'a$b',
      '',
      'x'.repeat(201),
      '~x',
      'a*b',
    ]) {
      expect(template(bad), JSON.stringify(bad)).toEqual([
        '/s2s/batch/fileNameTemplate invalid_file_template',
      ]);
    }
  });

  it('enforces unique names, an immutable type and the settings block of the type', () => {
    const existing = urlDestination(1, [], { name: 'Partner A', url: publicUrl() });
    const clash = cookieDestination(2, [], { name: ' partner a ' });
    expect(rules(clash, { ...ctx, others: [existing] })).toEqual(['/name unique']);
    expect(rules({ ...existing, name: 'Partner A' }, { ...ctx, others: [existing] })).toEqual([]);
    const changed = cookieDestination(1, [], { name: 'Partner A' });
    expect(rules(changed, { ...ctx, previous: existing })).toEqual(['/type immutable']);
    expect(rules({ ...existing, cookie: clash.cookie })).toEqual(['/cookie not_allowed_for_type']);
    expect(rules({ ...existing, url: null })).toEqual(['/url required']);
  });
});
