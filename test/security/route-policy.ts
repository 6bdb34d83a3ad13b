/**
 * The declared access policy of the destination builder, one entry per route, read from the
 * route handlers (`config.role` in services/destination-builder/routes/*.ts, authenticate.ts):
 *   public  ops and documentation: /healthz, /readyz, /metrics, /version, /openapi.json, /docs/**, the UI
 *   viewer  every read, and POST .../preview (renders, writes nothing)
 *   editor  writes of destinations and mappings
 *   admin   API tokens (all of them, reads included) and writes of data sources
 * HEAD follows GET (Fastify adds it with the GET route's config). The matrix test fails when the
 * app registers a route that is not declared here, or when a declared route is gone.
 */
import type { Role } from '../../services/destination-builder/token-store.ts';

export type Access = 'public' | Role;

export interface RoutePolicy {
  access: Access;
  /** The concrete URL called, given the fixture ids. */
  url: (ids: FixtureIds) => string;
  /** A body that the route accepts, so an allowed caller reaches the handler. */
  body?: (ids: FixtureIds) => object;
  /** Registered only when the web UI is built (`npm run build:ui`). */
  optional?: boolean;
}

export interface FixtureIds {
  destination: number;
  dataSource: number;
  /** A token that exists when the matrix starts; admin revokes it (204). */
  spareToken: string;
}

const urlDestination = {
  name: 'matrix destination',
  type: 'URL',
  autoFill: 'SEGMENT_ID',
  url: {
    serialize: true,
    baseUrl: 'http://203.0.113.10/p?s=%alias%',
    secureUrl: 'https://203.0.113.10/p?s=%alias%',
    delimiter: ',',
  },
  mappings: [{ sid: 5, startDate: '2020-01-01' }],
};

const fixed = (url: string) => () => url;

export const ROUTE_POLICY: Record<string, RoutePolicy> = {
  'GET /': { access: 'public', url: fixed('/'), optional: true },
  'GET /ui/*': { access: 'public', url: fixed('/ui/index.html'), optional: true },
  'GET /docs': { access: 'public', url: fixed('/docs') },
  'GET /docs/': { access: 'public', url: fixed('/docs/') },
  'GET /docs/json': { access: 'public', url: fixed('/docs/json') },
  'GET /docs/yaml': { access: 'public', url: fixed('/docs/yaml') },
  'GET /docs/static/*': { access: 'public', url: fixed('/docs/static/swagger-ui.css') },
  'GET /docs/static/index.html': { access: 'public', url: fixed('/docs/static/index.html') },
  'GET /docs/static/swagger-initializer.js': {
    access: 'public',
    url: fixed('/docs/static/swagger-initializer.js'),
  },
  'GET /openapi.json': { access: 'public', url: fixed('/openapi.json') },
  'GET /healthz': { access: 'public', url: fixed('/healthz') },
  'GET /readyz': { access: 'public', url: fixed('/readyz') },
  'GET /metrics': { access: 'public', url: fixed('/metrics') },
  'GET /version': { access: 'public', url: fixed('/version') },

  'GET /v1/destinations': { access: 'viewer', url: fixed('/v1/destinations') },
  'POST /v1/destinations': { access: 'editor', url: fixed('/v1/destinations'), body: () => urlDestination },
  'GET /v1/destinations/:id': { access: 'viewer', url: (i) => `/v1/destinations/${i.destination}` },
  'PUT /v1/destinations/:id': {
    access: 'editor',
    url: (i) => `/v1/destinations/${i.destination}`,
    body: () => urlDestination,
  },
  'PATCH /v1/destinations/:id': {
    access: 'editor',
    url: (i) => `/v1/destinations/${i.destination}`,
    body: () => ({ description: 'patched by the matrix' }),
  },
  'DELETE /v1/destinations/:id': { access: 'editor', url: (i) => `/v1/destinations/${i.destination}` },
  'GET /v1/destinations/:id/mappings': {
    access: 'viewer',
    url: (i) => `/v1/destinations/${i.destination}/mappings`,
  },
  'POST /v1/destinations/:id/mappings': {
    access: 'editor',
    url: (i) => `/v1/destinations/${i.destination}/mappings`,
    body: () => ({ sid: 7, startDate: '2020-01-01' }),
  },
  'POST /v1/destinations/:id/mappings/bulk': {
    access: 'editor',
    url: (i) => `/v1/destinations/${i.destination}/mappings/bulk`,
    body: () => ({ mappings: [{ sid: 8, startDate: '2020-01-01' }] }),
  },
  'PUT /v1/destinations/:id/mappings/:sid': {
    access: 'editor',
    url: (i) => `/v1/destinations/${i.destination}/mappings/5`,
    body: () => ({ startDate: '2021-01-01' }),
  },
  'PATCH /v1/destinations/:id/mappings/:sid': {
    access: 'editor',
    url: (i) => `/v1/destinations/${i.destination}/mappings/5`,
    body: () => ({ endDate: null }),
  },
  // only POST exists on .../bulk: the other methods answer 405 to anyone, before authentication
  ...Object.fromEntries(
    ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((method) => [
      `${method} /v1/destinations/:id/mappings/bulk`,
      { access: 'public', url: (i: FixtureIds) => `/v1/destinations/${i.destination}/mappings/bulk` },
    ]),
  ),
  'DELETE /v1/destinations/:id/mappings/:sid': {
    access: 'editor',
    url: (i) => `/v1/destinations/${i.destination}/mappings/999`,
  },
  'POST /v1/destinations/:id/preview': {
    access: 'viewer',
    url: (i) => `/v1/destinations/${i.destination}/preview`,
    body: () => ({ event: { segments: [{ sid: 5, status: 'QUALIFIED' }] } }),
  },
  'GET /v1/destinations/:id/export-history': {
    access: 'viewer',
    url: (i) => `/v1/destinations/${i.destination}/export-history`,
  },
  'GET /v1/delivery-stats': { access: 'viewer', url: fixed('/v1/delivery-stats') },

  'GET /v1/data-sources': { access: 'viewer', url: fixed('/v1/data-sources') },
  'GET /v1/destination-templates': { access: 'viewer', url: fixed('/v1/destination-templates') },
  'GET /v1/destination-templates/:id': {
    access: 'viewer',
    url: fixed('/v1/destination-templates/trade-desk-json-lines'),
  },
  'GET /v1/data-sources/:id': { access: 'viewer', url: (i) => `/v1/data-sources/${i.dataSource}` },
  'PUT /v1/data-sources/:id': {
    access: 'admin',
    url: (i) => `/v1/data-sources/${i.dataSource}`,
    body: () => ({ exportControls: [] }),
  },
  'DELETE /v1/data-sources/:id': { access: 'admin', url: (i) => `/v1/data-sources/${i.dataSource}` },

  'GET /v1/tokens': { access: 'admin', url: fixed('/v1/tokens') },
  'POST /v1/tokens': {
    access: 'admin',
    url: fixed('/v1/tokens'),
    body: () => ({ name: 'matrix token', role: 'viewer' }),
  },
  'DELETE /v1/tokens/:id': { access: 'admin', url: (i) => `/v1/tokens/${i.spareToken}` },
};

/** The policy of a route: HEAD follows GET. */
export function policyOf(method: string, path: string): RoutePolicy | undefined {
  return ROUTE_POLICY[`${method === 'HEAD' ? 'GET' : method} ${path}`];
}
