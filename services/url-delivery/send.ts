/**
 * The only network I/O of url-delivery: one pixel GET per call, through the shared partner agent
 * (keep-alive pool per origin, timeouts, connect-time SSRF guard). Every call carries
 * `X-Delivery-Id: <deliveryId>` (stable across retries, so partners can drop duplicates). No Referer
 * header is ever sent: the service is not the user's browser, so the referrer is hidden (AAM's
 * default); "SHOW" would need the page URL, which qualification events do not carry.
 */
import type { Dispatcher } from 'undici';
import { sendHttp, type HttpOutcome } from '../../libs/http-delivery/index.ts';
import type { UrlCall } from '../../libs/rendering/index.ts';

export interface SendOptions {
  dispatcher: Dispatcher;
  isForbiddenIp(ip: string): boolean;
  maxRedirects: number;
  userAgent: string;
}

export type Send = (call: UrlCall, deliveryId: string) => Promise<HttpOutcome>;

export function createSend(options: SendOptions): Send {
  return (call, deliveryId) =>
    sendHttp(
      {
        method: 'GET',
        url: call.url,
        headers: { 'x-delivery-id': deliveryId, 'user-agent': options.userAgent, accept: '*/*' },
      },
      {
        dispatcher: options.dispatcher,
        isForbiddenIp: options.isForbiddenIp,
        maxRedirects: options.maxRedirects,
      },
    );
}
