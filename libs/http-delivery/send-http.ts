/**
 * One outbound HTTP call and its raw outcome (status, Retry-After, or why there was no response).
 * Redirects are followed only to public addresses: up to `maxRedirects` hops, each target checked
 * by the address policy before connecting (literal IPs here, host names again at connect time).
 * The response body is drained and discarded so the keep-alive connection can be reused, unless
 * the caller asks for it (`readBody`, e.g. an OAuth token response), up to `maxBodyBytes`. The
 * response timeout bounds the wait for the headers and, separately, the whole body after them.
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
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return done({
        status: null,
        retryAfter: null,
        failure: 'ssrf_refused',
        detail: `not a valid URL: ${url}`,
      });
    }
    const refused = refusedLiteral(target, options);
    if (refused) return done({ status: null, retryAfter: null, failure: 'ssrf_refused', detail: refused });
    let response: { statusCode: number; location: string | null; retryAfter: string | null; text?: string };
    try {
      response = options.readBody
        ? await requestWithBody(url, method, call.headers, body, options)
        : await dispatchDrained(target, method, call.headers, body, options);
    } catch (error) {
      return done({ status: null, retryAfter: null, failure: failureKind(error), detail: describe(error) });
    }
    const { statusCode, location, text } = response;
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
      retryAfter: response.retryAfter,
      failure: null,
      detail:
        statusCode >= 300 && statusCode < 400
          ? `redirect to ${location ?? '(no location)'} not followed`
          : '',
      ...(text === undefined ? {} : { body: text }),
    });
  }
}

/** A call whose response body is wanted (e.g. an OAuth token): undici's request() and its body stream. */
async function requestWithBody(
  url: string,
  method: HttpCall['method'],
  headers: Record<string, string>,
  body: HttpCall['body'],
  options: SendHttpOptions,
) {
  const response = await request(url, {
    dispatcher: options.dispatcher,
    method,
    headers,
    body,
    ...timeouts(options),
  });
  const ms = options.responseTimeoutMs;
  const deadline =
    ms === undefined ? undefined : setTimeout(() => response.body.destroy(bodyDeadlineError(ms)), ms);
  let text: string;
  try {
    text = await readText(response.body, options.maxBodyBytes ?? 65_536);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'UND_ERR_BODY_TIMEOUT') throw error;
    text = '';
  } finally {
    clearTimeout(deadline);
  }
  return {
    statusCode: response.statusCode,
    location: header(response.headers, 'location'),
    retryAfter: header(response.headers, 'retry-after'),
    text,
  };
}

/**
 * A call whose response body is discarded (pixels, batch posts): dispatched straight to the agent
 * with a handler that keeps the status and the two headers that matter and drops the body chunks.
 * This skips what request() adds per call (an async resource, a readable body stream, the header
 * object), about a third of the client's CPU per call at thousands of calls per second.
 */
function dispatchDrained(
  target: URL,
  method: HttpCall['method'],
  headers: Record<string, string>,
  body: HttpCall['body'],
  options: SendHttpOptions,
): Promise<{ statusCode: number; location: string | null; retryAfter: string | null }> {
  return new Promise((resolve, reject) => {
    let statusCode = 0;
    let location: string | null = null;
    let retryAfter: string | null = null;
    let deadline: NodeJS.Timeout | undefined;
    options.dispatcher.dispatch(
      {
        origin: target.origin,
        path: target.pathname + target.search,
        method,
        headers,
        body: body ?? null,
        ...timeouts(options),
      },
      {
        onRequestStart() {},
        onResponseStart(controller, status, responseHeaders) {
          statusCode = status;
          location = header(responseHeaders, 'location');
          retryAfter = header(responseHeaders, 'retry-after');
          const ms = options.responseTimeoutMs;
          if (ms !== undefined) deadline = setTimeout(() => controller.abort(bodyDeadlineError(ms)), ms);
        },
        onResponseEnd() {
          clearTimeout(deadline);
          resolve({ statusCode, location, retryAfter });
        },
        onResponseError(_controller, error) {
          clearTimeout(deadline);
          reject(error);
        },
      },
    );
  });
}

/**
 * undici's bodyTimeout is an idle timeout (between chunks): a partner sending one byte now and then
 * would hold the call, its gate slot and its record forever. The whole body gets the response
 * timeout from the moment the headers arrived.
 */
function bodyDeadlineError(ms: number): Error {
  return Object.assign(new Error(`response body not complete ${ms} ms after its headers`), {
    code: 'UND_ERR_BODY_TIMEOUT',
  });
}

function timeouts(options: SendHttpOptions) {
  return options.responseTimeoutMs === undefined
    ? {}
    : { headersTimeout: options.responseTimeoutMs, bodyTimeout: options.responseTimeoutMs };
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

function refusedLiteral(url: URL, options: SendHttpOptions): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
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
