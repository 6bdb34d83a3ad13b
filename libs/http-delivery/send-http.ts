/**
 * One outbound HTTP call and its raw outcome (status, Retry-After, or why there was no response).
 * Redirects are followed only to public addresses: up to `maxRedirects` hops, each target checked
 * by the address policy before connecting (literal IPs here, host names again at connect time).
 * The response body is drained and discarded so the keep-alive connection can be reused, unless
 * the caller asks for it (`readBody`, e.g. an OAuth token response), up to `maxBodyBytes`.
 */
import { isIP } from 'node:net';
import type { Dispatcher } from 'undici';
import { request } from 'undici';

export type FailureKind = 'timeout' | 'connection_failed' | 'ssrf_refused';

export interface HttpOutcome {
  /** Final HTTP status; null when no response arrived. */
  status: number | null;
  retryAfter: string | null;
  /** Set when no response arrived. */
  failure: FailureKind | null;
  detail: string;
  durationMs: number;
  /** The response body as text, only when SendHttpOptions.readBody is set. */
  body?: string;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface SendHttpOptions {
  dispatcher: Dispatcher;
  isForbiddenIp(ip: string): boolean;
  maxRedirects: number;
  /** Optional per-call response timeout (the agent's applies otherwise). */
  responseTimeoutMs?: number;
  /** Return the response body (text, at most maxBodyBytes) instead of discarding it. */
  readBody?: boolean;
  maxBodyBytes?: number;
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

export async function sendHttp(call: HttpCall, options: SendHttpOptions): Promise<HttpOutcome> {
  const started = performance.now();
  const done = (o: Omit<HttpOutcome, 'durationMs'>): HttpOutcome => ({
    ...o,
    durationMs: performance.now() - started,
  });
  let url = call.url;
  let method = call.method;
  let body = call.body;
  for (let hop = 0; ; hop += 1) {
    const refused = refusedLiteral(url, options);
    if (refused) return done({ status: null, retryAfter: null, failure: 'ssrf_refused', detail: refused });
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        dispatcher: options.dispatcher,
        method,
        headers: call.headers,
        body,
        ...(options.responseTimeoutMs === undefined
          ? {}
          : { headersTimeout: options.responseTimeoutMs, bodyTimeout: options.responseTimeoutMs }),
      });
    } catch (error) {
      return done({ status: null, retryAfter: null, failure: failureKind(error), detail: describe(error) });
    }
    const { statusCode, headers } = response;
    const text = options.readBody
      ? await readText(response.body, options.maxBodyBytes ?? 65_536).catch(() => '')
      : await response.body.dump().then(
          () => undefined,
          () => undefined,
        );
    const location = header(headers, 'location');
    if (statusCode >= 300 && statusCode < 400 && location !== null && hop < options.maxRedirects) {
      url = new URL(location, url).toString();
      if (statusCode === 303) {
        method = 'GET';
        body = undefined;
      }
      continue;
    }
    return done({
      status: statusCode,
      retryAfter: header(headers, 'retry-after'),
      failure: null,
      detail:
        statusCode >= 300 && statusCode < 400
          ? `redirect to ${location ?? '(no location)'} not followed`
          : '',
      ...(text === undefined ? {} : { body: text }),
    });
  }
}

async function readText(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > maxBytes) {
      body.destroy();
      break;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function refusedLiteral(url: string, options: SendHttpOptions): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return `not a valid URL: ${url}`;
  }
  if (isIP(host) !== 0 && options.isForbiddenIp(host))
    return `connection to ${host} refused: non-public address`;
  return null;
}

function failureKind(error: unknown): FailureKind {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'ESSRF') return 'ssrf_refused';
    if (TIMEOUT_CODES.has(code)) return 'timeout';
  }
  return 'connection_failed';
}

function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error && parts.length < 3; e = e.cause) {
    const code = (e as NodeJS.ErrnoException).code;
    parts.push(code ? `${code}: ${e.message}` : e.message);
  }
  return parts.join(' <- ') || String(error);
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}
