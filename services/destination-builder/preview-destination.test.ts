import { describe, expect, it } from 'vitest';
import { cookieDestination, urlDestination } from '../../test/support/destinations.ts';
import { sampleEvent } from '../../test/support/samples.ts';
import { previewDestination } from './preview-destination.ts';

const atMs = Date.parse('2026-06-15T12:00:00Z');
const segments = [{ sid: 10, status: 'QUALIFIED' as const, updatedAt: atMs, dataSourceIds: [] }];

describe('previewDestination', () => {
  it('says when the event’s platform is not the destination’s: nothing would be sent (issue 20)', () => {
    const browserOnly = urlDestination(1, [10], { platform: 'BROWSER' });
    const android = previewDestination({
      destination: browserOnly,
      event: sampleEvent({ platform: 'android', segments }),
      atMs,
    });
    expect(android.notes).toContain(
      'the destination takes BROWSER events only: this android event would not be sent',
    );
    const browser = previewDestination({ destination: browserOnly, event: sampleEvent({ segments }), atMs });
    expect(browser.notes.join(' ')).not.toContain('would not be sent');
    const all = previewDestination({
      destination: urlDestination(1, [10], { platform: 'ALL' }),
      event: sampleEvent({ platform: 'ios', segments }),
      atMs,
    });
    expect(all.notes.join(' ')).not.toContain('events only');
  });

  it('says a cookie destination never receives app events', () => {
    const preview = previewDestination({
      destination: cookieDestination(2, [10], { platform: 'ALL' }),
      event: sampleEvent({ platform: 'ios', segments }),
      atMs,
    });
    expect(preview.notes).toContain('cookies exist in browsers only: this ios event would not be sent');
  });
});
