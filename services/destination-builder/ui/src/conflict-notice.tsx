/**
 * Shown when a write answered 412 (its If-Match was stale): someone changed the destination since it was read. Says who
 * and when (from a fresh read) and offers to reload the latest version; nothing was overwritten.
 */
import { useEffect, useRef } from 'react';
import type { Destination } from './api-types.ts';
import { dateTime } from './display.ts';

export function ConflictNotice({ latest, onReload }: { latest: Destination | null; onReload: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="conflict" role="alert" tabIndex={-1} ref={ref} aria-labelledby="conflict-title">
      <h2 id="conflict-title">Someone else changed this destination</h2>
      <p>
        Your changes were <strong>not saved</strong>, so nothing was overwritten.
        {latest
          ? ` It is now at version ${latest.version}, changed by ${latest.updatedBy} at ${dateTime(latest.updatedAt)}.`
          : ''}{' '}
        Reload to see the latest version, then make your change again.
      </p>
      <button type="button" className="primary" onClick={onReload}>
        Reload the latest version
      </button>
    </div>
  );
}
