/**
 * The demo's partner: one HTTP and one HTTPS listener on 127.0.0.1 recording everything received.
 *   GET  /pixel/...      URL destination calls (recorded with scheme, path+query, X-Delivery-Id)
 *   POST /oauth/token    OAuth2 client credentials (RFC 6749 §4.4): checks the client id/secret
 *                        (Basic auth or form body) and issues a bearer token valid for an hour
 *   POST /s2s/users      S2S real-time JSON batches; 401 unless the bearer token is one it issued
 * Every other request is answered 404 and recorded as `other`.
 */
import { randomBytes } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface PixelHit {
  scheme: 'http' | 'https';
  path: string;
  deliveryId: string;
}

export interface S2sPost {
  deliveryId: string;
  authorized: boolean;
  body: unknown;
}

export interface PartnerSink {
  http: string;
  https: string;
  pixels: PixelHit[];
  s2sPosts: S2sPost[];
  tokenRequests: { granted: boolean }[];
  other: string[];
  close(): Promise<void>;
}

export interface SinkOptions {
  tls: { cert: string; key: string };
  clientId: string;
  clientSecret: string;
  port?: number;
  tlsPort?: number;
}

export async function startPartnerSink(options: SinkOptions): Promise<PartnerSink> {
  const sink: Omit<PartnerSink, 'http' | 'https' | 'close'> = {
    pixels: [],
    s2sPosts: [],
    tokenRequests: [],
    other: [],
  };
  const tokens = new Set<string>();
  const handler = (scheme: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const deliveryId = String(req.headers['x-delivery-id'] ?? '');
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'GET' && path.startsWith('/pixel/')) {
        sink.pixels.push({ scheme, path, deliveryId });
        res.writeHead(200, { 'content-type': 'image/gif' }).end();
      } else if (req.method === 'POST' && path === '/oauth/token') {
        const granted = clientMatches(req, body, options);
        sink.tokenRequests.push({ granted });
        if (!granted) {
          res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}');
          return;
        }
        const token = randomBytes(16).toString('hex');
        tokens.add(token);
        res
          .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
          .end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }));
      } else if (req.method === 'POST' && path === '/s2s/users') {
        const bearer = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
        const authorized = bearer !== undefined && tokens.has(bearer);
        let parsed: unknown = body;
        try {
          parsed = JSON.parse(body);
        } catch {
          // recorded as the raw text; the check reports it
        }
        sink.s2sPosts.push({ deliveryId, authorized, body: parsed });
        res.writeHead(authorized ? 200 : 401).end();
      } else {
        sink.other.push(`${req.method} ${scheme}://${path}`);
        res.writeHead(404).end();
      }
    });
  };
  const http = createHttpServer(handler('http'));
  const https = createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler('https'));
  for (const server of [http, https]) server.keepAliveTimeout = 60_000;
  await listen(http, options.port ?? 0);
  await listen(https, options.tlsPort ?? 0);
  const port = (server: Server) => (server.address() as AddressInfo).port;
  return {
    ...sink,
    http: `http://127.0.0.1:${port(http)}`,
    https: `https://127.0.0.1:${port(https)}`,
    async close() {
      for (const server of [http, https]) server.closeAllConnections();
      await Promise.all([http, https].map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function clientMatches(req: IncomingMessage, body: string, options: SinkOptions): boolean {
  const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
  if (basic !== undefined) {
    const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    return (
      decodeURIComponent(id ?? '') === options.clientId &&
      decodeURIComponent(secret ?? '') === options.clientSecret
    );
  }
  const form = new URLSearchParams(body);
  return (
    form.get('grant_type') === 'client_credentials' &&
    form.get('client_id') === options.clientId &&
    form.get('client_secret') === options.clientSecret
  );
}
