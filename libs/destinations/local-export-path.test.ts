import { describe, expect, it } from 'vitest';
import { isSafeFileName, localExportPath } from './local-export-path.ts';

describe('localExportPath', () => {
  const roots = ['/srv/exports', '/var/lib/segdest/'];

  it.each([
    ['/srv/exports', '/srv/exports'],
    ['/srv/exports/a/b', '/srv/exports'],
    ['/var/lib/segdest', '/var/lib/segdest'],
    ['/var/lib/segdest/x/', '/var/lib/segdest'],
  ])('accepts %s (root %s)', (dir, root) => {
    expect(localExportPath(dir, roots)).toEqual({ ok: true, root });
  });

  it.each([
    '/etc/cron.d',
    '/srv/exports-evil',
    '/srv',
    '/',
    'srv/exports',
    '/srv/exports/../etc',
    '/srv/exports/./a',
    '/srv//exports',
    '/srv/exports/a\0b',
    '',
  ])('refuses %j and names the roots', (dir) => {
    const verdict = localExportPath(dir, roots);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain('/srv/exports, /var/lib/segdest/');
  });

  it('refuses everything without roots', () => {
    expect(localExportPath('/tmp', [])).toEqual({
      ok: false,
      reason: expect.stringMatching(/disabled.*LOCAL_EXPORT_ROOTS/),
    });
  });

  it('a root of / allows every normalized absolute path', () => {
    expect(localExportPath('/anything/at/all', ['/']).ok).toBe(true);
  });
});

describe('isSafeFileName', () => {
  it.each(['local_1_2_a_full_1700000000000.sync.gz', 'a', 'A-b.c_d', 'x'.repeat(255)])(
    'accepts %s',
    (name) => {
      expect(isSafeFileName(name)).toBe(true);
    },
  );

  it.each([
    '',
    '.hidden',
    '..',
    'a/b',
    'a\\b',
    'a b',
    'a\nb',
    'a\0b',
    'caf\u00e9',
    'x'.repeat(256),
    'a\u202eb',
  ])('refuses %j', (name) => {
    expect(isSafeFileName(name)).toBe(false);
  });
});
