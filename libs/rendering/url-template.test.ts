import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.ts';
import { listMacros, renderUrlTemplate, validateUrlTemplate, type MacroContext } from './url-template.ts';

const context: MacroContext = {
  uuid: '19393857340598234059823405982340598234',
  mcid: 'MC 42',
  partnerIds: [
    { dpid: 1, id: 'CustomerABC' },
    { dpid: 20915, id: 'id&fa=1' },
  ],
  region: 9,
  pageProtocol: 'HTTPS',
  gdprApplies: true,
  tcString: 'CO-abc.DEF_ghi',
  nowMs: 1_795_000_000_123,
  random: () => 0.5,
};

describe('renderUrlTemplate', () => {
  it('replaces every SPEC §3 macro, case-insensitively', () => {
    const template =
      'https://p.example/x?a=%ALIAS%&d=%Did%&p1=%dpid_1%&p2=%DPID_20915%&p3=%dpid_7%&m=%mcid%' +
      '&proto=%HTTP_PROTO%&r=%region%&rnd=%rnd%&ts=%TimeStamp%&g=${GDPR}&c=${gdpr_consent_1234}';
    expect(renderUrlTemplate(template, 'v1', context)).toBe(
      'https://p.example/x?a=v1&d=19393857340598234059823405982340598234&p1=CustomerABC' +
        '&p2=id%26fa%3D1&p3=&m=MC%2042&proto=https&r=9&rnd=550000000&ts=1795000000&g=1&c=CO-abc.DEF_ghi',
    );
  });

  it('renders http, gdpr 0, empty consent, region and mcid when absent', () => {
    const url = renderUrlTemplate(
      '%http_proto%://p.example/?g=${GDPR}&c=${GDPR_CONSENT_99}&r=%region%&m=%mcid%',
      '',
      { ...context, pageProtocol: 'HTTP', gdprApplies: false, tcString: null, region: null, mcid: null },
    );
    expect(url).toBe('http://p.example/?g=0&c=&r=&m=');
  });

  it('draws a fresh 9-digit %rnd% per call, the same within a call', () => {
    let n = 0;
    const random = () => [0.1, 0.2][n++ % 2]!;
    const a = renderUrlTemplate('https://p/?a=%rnd%&b=%rnd%', '', { ...context, random });
    const b = renderUrlTemplate('https://p/?a=%rnd%&b=%rnd%', '', { ...context, random });
    expect(a).toBe('https://p/?a=190000000&b=190000000');
    expect(b).toBe('https://p/?a=280000000&b=280000000');
  });

  it('leaves percent-encoded bytes alone and refuses unknown macros', () => {
    expect(renderUrlTemplate('https://p/%E2%80%99?x=%did%', '', context)).toBe(
      `https://p/%E2%80%99?x=${context.uuid}`,
    );
    expect(() => renderUrlTemplate('https://p/?x=%uuid%', '', context)).toThrowError(/unknown macro %uuid%/);
    try {
      renderUrlTemplate('https://p/?x=${GDPR_VENDOR}', '', context);
      expect.unreachable();
    } catch (error) {
      expect(AppError.is(error, 'render_failed')).toBe(true);
    }
  });
});

describe('listMacros / validateUrlTemplate', () => {
  it('lists macros as written, the unknown ones and the %alias% count', () => {
    expect(listMacros('https://p/?a=%ALIAS%&b=%alias%&u=%dpuuid%&g=${GDPR}&x=${FOO}&e=%2F')).toEqual({
      macros: ['%ALIAS%', '%alias%', '%dpuuid%', '${GDPR}', '${FOO}'],
      unknown: ['%dpuuid%', '${FOO}'],
      aliasCount: 2,
    });
  });

  it('reports what stops a template from rendering', () => {
    expect(validateUrlTemplate('https://p/?a=%alias%', { requireAlias: true })).toEqual([]);
    expect(validateUrlTemplate('ftp://p/?a=%foo%', { requireAlias: true })).toEqual([
      'unknown macro(s) %foo%',
      'template has no %alias%',
      'template must start with http:// or https://',
    ]);
  });
});
