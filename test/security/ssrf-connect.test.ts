/**
 * SSRF corpus at connect time (issue 14, item 5), loopback targets only: real HTTP listeners on
 * 127.0.0.1 and [::1] count what reaches them, and the delivery services' own send paths call them
 * with the production wiring (services/url-delivery/start-url-delivery.ts and
 * services/s2s-delivery/start-s2s-delivery.ts: AddressPolicy from the service config, its `lookup`
 * as the partner agent's resolver, `isForbiddenIp` for literal IPs and redirect hops).
 *   production config (OUTBOUND_ALLOW_LIST empty, the default): every form is `ssrf_refused` and
 *     the listeners receive nothing;
 *   the same call with the form's address allow-listed gets through (so the test can fail).
 * WHATWG URL parsing turns 127.1, 0x7f000001, 2130706433 and 0177.0.0.1 into 127.0.0.1 before any
 * check; the guard must hold on what the socket would connect to.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../libs/config/index.ts';
import { createPartnerAgent, type HttpOutcome } from '../../libs/http-delivery/index.ts';
import { AddressPolicy } from '../../libs/outbound/index.ts';
import { s2sDeliveryConfigSchema } from '../../services/s2s-delivery/config.ts';
import { createSend as createS2sSend } from '../../services/s2s-delivery/send.ts';
import { urlDeliveryConfigSchema } from '../../services/url-delivery/config.ts';
import { createSend as createUrlSend } from '../../services/url-delivery/send.ts';
import { SECRET_KEYS } from '../support/builder.ts';
import { brokers, registryUrl } from '../support/stack.ts';

type Listener = 'v4' | 'v6';

interface Form {
  /** The host as written in the URL. */
  host: string;
  /** The listener it reaches when allowed; null = no socket can answer there. */
  reaches: Listener | null;
  /** The allow-list entry that lets it through. */
  allow: string;
}

const FORMS: Form[] = [
  { host: '127.0.0.1', reaches: 'v4', allow: '127.0.0.1/32' },
  { host: '127.1', reaches: 'v4', allow: '127.0.0.1/32' },
  { host: '0x7f000001', reaches: 'v4', allow: '127.0.0.1/32' },
  { host: '2130706433', reaches: 'v4', allow: '127.0.0.1/32' },
  { host: '0177.0.0.1', reaches: 'v4', allow: '127.0.0.1/32' },
  { host: '[::1]', reaches: 'v6', allow: '::1/128' },
  { host: '[0:0:0:0:0:0:0:1]', reaches: 'v6', allow: '::1/128' },
  // IPv4-mapped: the socket connects to the IPv4 itself, so the IPv4 allow-list applies
  { host: '[::ffff:127.0.0.1]', reaches: 'v4', allow: '127.0.0.1/32' },
  { host: '[::ffff:7f00:1]', reaches: 'v4', allow: '127.0.0.1/32' },
  // IPv4-compatible (deprecated): nothing listens at ::7f00:1, so allowed = not refused by the guard
  { host: '[::127.0.0.1]', reaches: null, allow: '::127.0.0.1/128' },
  // a host name: refused by the agent's connect-time lookup, not by a literal check
  { host: 'localhost', reaches: 'v4', allow: 'localhost' },
];

const configVars = { KAFKA_BROKERS: brokers.join(','), SCHEMA_REGISTRY_URL: registryUrl };

/** The two send paths as their services wire them, with the given allow-list. */
function senders(allowList: string[] | undefined) {
  const extra = allowList === undefined ? {} : { OUTBOUND_ALLOW_LIST: allowList.join(',') };
  const urlConfig = loadConfig(urlDeliveryConfigSchema, { ...configVars, ...extra });
  const s2sConfig = loadConfig(s2sDeliveryConfigSchema, {
    ...configVars,
    SECRET_KEYS: SECRET_KEYS.join(','),
    ...extra,
  });
  const urlPolicy = new AddressPolicy(urlConfig.outboundAllowList);
  const urlAgent = createPartnerAgent({
    lookup: urlPolicy.lookup,
    connectTimeoutMs: urlConfig.connectTimeoutMs,
    responseTimeoutMs: urlConfig.responseTimeoutMs,
    connectionsPerOrigin: urlConfig.connectionsPerOrigin,
    keepAliveMs: urlConfig.keepAliveMs,
  });
  const s2sPolicy = new AddressPolicy(s2sConfig.outboundAllowList);
  const s2sAgent = createPartnerAgent({
    lookup: s2sPolicy.lookup,
    connectTimeoutMs: s2sConfig.connectTimeoutMs,
    responseTimeoutMs: 30_000,
    connectionsPerOrigin: s2sConfig.connectionsPerOrigin,
    keepAliveMs: s2sConfig.keepAliveMs,
  });
  const url = createUrlSend({
    dispatcher: urlAgent,
    isForbiddenIp: (ip) => urlPolicy.isForbiddenIp(ip),
    maxRedirects: urlConfig.maxRedirects,
    userAgent: urlConfig.userAgent,
  });
  const s2s = createS2sSend({ dispatcher: s2sAgent, isForbiddenIp: (ip) => s2sPolicy.isForbiddenIp(ip) });
  const call = (target: string) => ({
    method: 'POST' as const,
    url: target,
    headers: { 'content-type': 'application/json' },
    body: '{"users":[]}',
  });
  return {
    allowList: [...urlConfig.outboundAllowList, ...s2sConfig.outboundAllowList],
    paths: {
      'url-delivery GET': (target: string) => url({ url: target } as never, 'ssrf-test'),
      's2s-delivery POST': (target: string) => s2s.post(call(target), 3000),
      's2s-delivery token fetch': (target: string) => s2s.fetch(call(target), 3000),
    } satisfies Record<string, (target: string) => Promise<HttpOutcome>>,
    close: () => Promise.all([urlAgent.close(), s2sAgent.close()]),
  };
}

describe('security: SSRF guard at connect time (loopback corpus)', () => {
  const received: Record<Listener, string[]> = { v4: [], v6: [] };
  const servers: Partial<Record<Listener, Server>> = {};
  const ports: Partial<Record<Listener, number>> = {};

  const listen = (listener: Listener, host: string) =>
    new Promise<void>((resolve, reject) => {
      const server = createServer((request, response) => {
        received[listener].push(`${request.method} ${request.url}`);
        if (request.url?.startsWith('/redirect')) {
          const to = new URL(request.url, 'http://x').searchParams.get('to') ?? '/';
          response.writeHead(302, { location: to }).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
      server.once('error', reject);
      server.listen(0, host, () => {
        servers[listener] = server;
        ports[listener] = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const target = (form: Form, path = '/pixel') => {
    // a form that reaches no listener still needs a port: any closed one does
    const port = ports[form.reaches ?? 'v6'];
    return `http://${form.host}:${port}${path}`;
  };
  const reset = () => {
    received.v4.length = 0;
    received.v6.length = 0;
  };

  beforeAll(async () => {
    await listen('v4', '127.0.0.1');
    await listen('v6', '::1');
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => new Promise((r) => s.close(r))));
  });

  it('refuses every loopback form on every send path with the production allow-list, and nothing arrives', async () => {
    const production = senders(undefined);
    expect(production.allowList).toEqual([]);
    reset();
    const wrong: string[] = [];
    let calls = 0;
    for (const form of FORMS) {
      for (const [path, send] of Object.entries(production.paths)) {
        const outcome = await send(target(form));
        calls += 1;
        if (outcome.failure !== 'ssrf_refused')
          wrong.push(`${path} ${form.host}: ${outcome.status ?? outcome.failure} ${outcome.detail}`);
      }
    }
    await production.close();
    console.log(
      `ssrf at connect time: ${FORMS.length} loopback forms x ${Object.keys(production.paths).length} send paths = ${calls} calls refused`,
    );
    expect(wrong).toEqual([]);
    expect(received).toEqual({ v4: [], v6: [] });
  });

  it('lets the same calls through once each form is allow-listed', async () => {
    const wrong: string[] = [];
    for (const form of FORMS) {
      const allowed = senders([form.allow]);
      for (const [path, send] of Object.entries(allowed.paths)) {
        reset();
        const outcome = await send(target(form));
        const label = `${path} ${form.host} (allow ${form.allow})`;
        if (form.reaches === null) {
          // the guard lets it pass; the connection itself fails or times out
          if (outcome.failure === 'ssrf_refused' || outcome.status !== null)
            wrong.push(`${label}: ${outcome.status ?? outcome.failure} ${outcome.detail}`);
          continue;
        }
        if (outcome.status !== 200)
          wrong.push(`${label}: ${outcome.status ?? outcome.failure} ${outcome.detail}`);
        if (received[form.reaches].length + received[form.reaches === 'v4' ? 'v6' : 'v4'].length !== 1)
          wrong.push(`${label}: the listeners received ${JSON.stringify(received)}`);
      }
      await allowed.close();
    }
    expect(wrong).toEqual([]);
  });

  it('refuses redirect hops to loopback forms that are not allow-listed', async () => {
    // 127.0.0.1 is allowed; the redirects lead to other loopback forms, which are not
    const allowed = senders(['127.0.0.1/32']);
    const hops = [
      `http://[::1]:${ports.v6}/pixel`,
      `http://[0:0:0:0:0:0:0:1]:${ports.v6}/pixel`,
      `http://[::127.0.0.1]:${ports.v6}/pixel`,
    ];
    const wrong: string[] = [];
    for (const hop of hops) {
      reset();
      const outcome = await allowed.paths['url-delivery GET'](
        `http://127.0.0.1:${ports.v4}/redirect?to=${encodeURIComponent(hop)}`,
      );
      if (outcome.failure !== 'ssrf_refused')
        wrong.push(`${hop}: ${outcome.status ?? outcome.failure} ${outcome.detail}`);
      // the first hop arrived, the redirect target did not
      if (received.v4.length !== 1 || received.v6.length !== 0)
        wrong.push(`${hop}: ${JSON.stringify(received)}`);
    }
    await allowed.close();
    expect(wrong).toEqual([]);
  });
});
