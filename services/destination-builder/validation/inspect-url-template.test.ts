import { describe, expect, it } from 'vitest';
import { inspectUrlTemplate } from './inspect-url-template.ts';

describe('inspectUrlTemplate', () => {
  it('finds known macros case-insensitively and flags unknown ones', () => {
    const result = inspectUrlTemplate(
      'https://p.example/x?s=%ALIAS%&d=%did%&u=%dpid_20915%&g=${GDPR}&c=${gdpr_consent_755}&r=%Rnd%&q=%uuid%&z=${FOO}',
    );
    expect(result.hasAlias).toBe(true);
    expect(result.unknown).toEqual(['%uuid%', '${FOO}']);
    expect(result.macros).toHaveLength(8);
  });

  it('does not take percent-encoded bytes for macros', () => {
    const result = inspectUrlTemplate('https://p.example/a%2Fb%20c?s=%alias%');
    expect(result.unknown).toEqual([]);
    expect(result.probe?.hostname).toBe('p.example');
  });

  it('detects macros in the host but allows a leading %http_proto%', () => {
    expect(inspectUrlTemplate('https://%did%.evil.example/').macroInAuthority).toBe(true);
    expect(inspectUrlTemplate('https://p.example:%region%/').macroInAuthority).toBe(true);
    const proto = inspectUrlTemplate('%http_proto%://p.example/%alias%');
    expect(proto.macroInAuthority).toBe(false);
    expect(proto.probe?.protocol).toBe('https:');
  });

  it('returns no probe for something that is not a URL', () => {
    expect(inspectUrlTemplate('not a url %alias%').probe).toBeNull();
  });
});
