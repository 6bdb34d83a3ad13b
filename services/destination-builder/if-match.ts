/**
 * Optimistic concurrency over HTTP (RFC 9110 §13.1.1): responses carry `ETag: "<version>"`,
 * updates send it back in `If-Match`. Accepts `"3"`, `W/"3"` and a bare `3`; anything else is a
 * 400 (a malformed precondition must not silently become "no precondition").
 */
import { AppError } from '../../libs/errors/index.ts';

export function etagOf(version: number): string {
  return `"${version}"`;
}

export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (match === null)
    throw new AppError(
      'invalid_request',
      `If-Match must be the ETag you read, e.g. "3" (got ${JSON.stringify(header.slice(0, 40))})`,
    );
  return Number(match[1]);
}
