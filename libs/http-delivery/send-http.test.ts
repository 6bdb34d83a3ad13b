import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy } from '../outbound/index.ts';
import { createPartnerAgent } from './partner-agent.ts';
import { sendHttp } from './send-http.ts';

let server: Server;
let base: string;
const seen: { url: string; id: string | undefined }[] = [];
const policy = new AddressPolicy(['127.0.0.1', 'localhost']);
const agent = createPartnerAgent({
  lookup: policy.lookup,
  connectTimeoutMs: 500,
  responseTimeoutMs: 300,
  connectionsPerOrigin: 4,
  keepAliveMs: 4000,
});
const options = {
  dispatcher: agent,
  isForbiddenIp: (ip: string) => policy.isForbiddenIp(ip),
  maxRedirects: 2,
};

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', id: req.headers['x-delivery-id'] as string | undefined });
    const path = req.url ?? '';
    if (path.startsWith('/hang')) return;
    if (path.startsWith('/trickle')) {
      // Headers at once, then one byte every 50 ms, never ending: each chunk beats the idle timeout.
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (path.startsWith('/to-private')) {
      res.writeHead(302, { location: 'http://127.0.0.2:9/x' }).end();
    } else if (path.startsWith('/to-ok')) {
      res.writeHead(302, { location: '/ok' }).end();
    } else if (path.startsWith('/busy')) {
      res.writeHead(429, { 'retry-after': '3' }).end();
    } else {
      res.writeHead(200).end('ok');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await agent.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('sendHttp', () => {
  it('sends the headers and returns the status', async () => {
    const out = await sendHttp(
      { method: 'GET', url: `${base}/ok`, headers: { 'x-delivery-id': 'd1' } },
      options,
    );
    expect(out).toMatchObject({ status: 200, failure: null });
    expect(seen.at(-1)).toEqual({ url: '/ok', id: 'd1' });
  });

  it('returns Retry-After', async () => {
    expect(await sendHttp({ method: 'GET', url: `${base}/busy`, headers: {} }, options)).toMatchObject({
      status: 429,
      retryAfter: '3',
    });
  });

  it('follows a redirect to an allowed address, refuses one to 127.0.0.2', async () => {
    expect(await sendHttp({ method: 'GET', url: `${base}/to-ok`, headers: {} }, options)).toMatchObject({
      status: 200,
    });
    const refused = await sendHttp({ method: 'GET', url: `${base}/to-private`, headers: {} }, options);
    expect(refused).toMatchObject({ status: null, failure: 'ssrf_refused' });
    expect(refused.detail).toMatch(/127\.0\.0\.2/);
    const noFollow = await sendHttp(
      { method: 'GET', url: `${base}/to-ok`, headers: {} },
      { ...options, maxRedirects: 0 },
    );
    expect(noFollow).toMatchObject({ status: 302 });
  });

  it('refuses a host name that resolves to a forbidden address at connect time', async () => {
    const strict = new AddressPolicy([]);
    const strictAgent = createPartnerAgent({
      lookup: strict.lookup,
      connectTimeoutMs: 500,
      responseTimeoutMs: 300,
      connectionsPerOrigin: 1,
      keepAliveMs: 1000,
    });
    const port = (server.address() as AddressInfo).port;
    const out = await sendHttp(
      { method: 'GET', url: `http://localhost:${port}/ok`, headers: {} },
      { dispatcher: strictAgent, isForbiddenIp: (ip) => strict.isForbiddenIp(ip), maxRedirects: 0 },
    );
    await strictAgent.close();
    expect(out).toMatchObject({ status: null, failure: 'ssrf_refused' });
  });

  it('times out a partner that never answers, and reports refused connections', async () => {
    const hang = await sendHttp({ method: 'GET', url: `${base}/hang`, headers: {} }, options);
    expect(hang).toMatchObject({ status: null, failure: 'timeout' });
    expect(hang.durationMs).toBeGreaterThanOrEqual(250);
    const closed = await sendHttp({ method: 'GET', url: 'http://127.0.0.1:9/x', headers: {} }, options);
    expect(closed).toMatchObject({ status: null, failure: 'connection_failed' });
  });

  it('a partner that trickles its body forever is cut off: the whole body has the response timeout', async () => {
    for (const readBody of [false, true]) {
      const outcome = await sendHttp(
        { method: 'POST', url: `${base}/trickle`, headers: {}, body: '{}' },
        { ...options, responseTimeoutMs: 300, readBody },
      );
      expect(outcome, `readBody ${readBody}`).toMatchObject({ status: null, failure: 'timeout' });
      expect(outcome.detail).toMatch(/300 ms/);
    }
  });
});
