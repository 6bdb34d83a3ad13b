/**
 * The only network I/O of s2s-delivery's real-time path: POSTs of batches and OAuth2 token
 * requests, through the shared partner agent (keep-alive pool per origin, connect-time SSRF guard).
 * The destination's timeout (AAM: the partner answers within 3000 ms) bounds each response.
 * Redirects are not followed: a partner endpoint that moved is a configuration error (http_3xx).
 */
import type { Dispatcher } from 'undici';
import { sendHttp, type HttpCall, type HttpOutcome } from '../../libs/http-delivery/index.ts';

export interface SendOptions {
  dispatcher: Dispatcher;
  isForbiddenIp(ip: string): boolean;
}

export interface Send {
  post(call: HttpCall, timeoutMs: number): Promise<HttpOutcome>;
  /** Like post, but returns the response body (token endpoint). */
  fetch(call: HttpCall, timeoutMs: number): Promise<HttpOutcome>;
}

export function createSend(options: SendOptions): Send {
  const base = { dispatcher: options.dispatcher, isForbiddenIp: options.isForbiddenIp, maxRedirects: 0 };
  return {
    post: (call, timeoutMs) => sendHttp(call, { ...base, responseTimeoutMs: timeoutMs }),
    fetch: (call, timeoutMs) =>
      sendHttp(call, { ...base, responseTimeoutMs: timeoutMs, readBody: true, maxBodyBytes: 65_536 }),
  };
}
