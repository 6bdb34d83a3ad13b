/**
 * The edge read endpoint:
 *   GET /v1/cookies/{uuid}?domain=<requesting host>
 *   200 {"uuid","domain","cookies":[{"name","value","domain","ttlDays"}]} + one Set-Cookie per cookie
 *       (an empty list when nothing applies; `Cache-Control: no-store`)
 *   400 {"error":"invalid_request","message":...} when uuid or domain is garbage (read-params.ts)
 * Rows come from the store's cookie table (read-cookies.ts); which of them apply and how
 * they are rendered is build-response.ts.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { StoreHandle } from '../../libs/store/index.ts';
import { buildResponse } from './build-response.ts';
import type { DestinationLookup } from '../../libs/destinations/live-config.ts';
import type { CookieDeliveryMetrics } from './metrics.ts';
import { readParams } from './read-params.ts';
import { createReadCookies } from './read-cookies.ts';

export interface CookieRoutesDeps {
  store: StoreHandle;
  destinations: DestinationLookup;
  metrics: CookieDeliveryMetrics;
}

const CookieSpecSchema = Type.Object({
  name: Type.String(),
  value: Type.String(),
  domain: Type.String({
    description: 'Cookie domain; the requesting domain when the destination leaves it blank.',
  }),
  ttlDays: Type.Integer(),
});

const schema = {
  params: Type.Object({ uuid: Type.String({ description: 'Device id (AAM uuid).' }) }),
  querystring: Type.Object({
    domain: Type.Optional(
      Type.String({ description: 'Host name of the page asking, e.g. www.example.com.' }),
    ),
  }),
  response: {
    200: Type.Object({ uuid: Type.String(), domain: Type.String(), cookies: Type.Array(CookieSpecSchema) }),
    400: Type.Object({ error: Type.String(), message: Type.String() }),
  },
};

export function registerCookieRoutes(app: FastifyInstance, deps: CookieRoutesDeps): void {
  const readCookies = createReadCookies(deps.store);
  app.get<{ Params: { uuid: string }; Querystring: { domain?: string } }>(
    '/v1/cookies/:uuid',
    { schema },
    async (request, reply) => {
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      const parsed = readParams(request.params.uuid, request.query.domain);
      if (!parsed.ok) {
        deps.metrics.read('invalid', seconds());
        return reply.code(400).send({ error: 'invalid_request', message: parsed.message });
      }
      const { uuid, domain } = parsed.params;
      const states = await readCookies(uuid);
      const { cookies, setCookie } = buildResponse(states, domain, deps.destinations);
      for (const cookie of cookies) deps.metrics.served(cookie.destinationId);
      reply.header('cache-control', 'no-store');
      if (setCookie.length > 0) reply.header('set-cookie', setCookie);
      deps.metrics.read(cookies.length > 0 ? 'hit' : 'miss', seconds());
      return {
        uuid,
        domain,
        cookies: cookies.map(({ name, value, domain: cookieDomain, ttlDays }) => ({
          name,
          value,
          domain: cookieDomain,
          ttlDays,
        })),
      };
    },
  );
}
