/**
 * Authorization matrix (issue 14, item 5): every route the builder registers (read from its route
 * tree, route-table.ts) called with every identity (identities.ts). The expected answer comes from
 * the declared policy (route-policy.ts), never from the route's own config:
 *   no, malformed, unknown, revoked or expired token on a non-public route  401 + WWW-Authenticate
 *   a valid token whose role is below the route's                           403
 *   a role at or above it, or any caller on a public route                   neither 401 nor 403
 *   any call                                                                  never 5xx
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, auth, startBuilder, type RunningBuilder } from '../support/builder.ts';
import { testEnvironment, type TestEnvironment } from '../support/stack.ts';
import { IDENTITIES, createIdentities, type Identity, type IdentityHeaders } from './identities.ts';
import { ROUTE_POLICY, policyOf, type Access, type FixtureIds } from './route-policy.ts';
import { routeTable, type Route } from './route-table.ts';

const RANK: Record<Access, number> = { public: -1, viewer: 0, editor: 1, admin: 2 };
const ROLE_OF: Partial<Record<Identity, Access>> = { viewer: 'viewer', editor: 'editor', admin: 'admin' };

function expected(access: Access, identity: Identity): 401 | 403 | 'allowed' {
  if (access === 'public') return 'allowed';
  const role = ROLE_OF[identity];
  if (role === undefined) return 401;
  return RANK[role] >= RANK[access] ? 'allowed' : 403;
}

describe('security: authorization matrix of the destination builder', () => {
  let env: TestEnvironment;
  let builder: RunningBuilder;
  let headers: IdentityHeaders;
  let ids: FixtureIds;
  const inject = (options: InjectOptions) => builder.service.app.inject(options);

  beforeAll(async () => {
    env = await testEnvironment('sec-matrix', 1);
    builder = await startBuilder(env);
    ({ headers } = await createIdentities(builder.service.app, ADMIN_TOKEN));
    const destination = await inject({
      method: 'POST',
      url: '/v1/destinations',
      headers: auth(ADMIN_TOKEN),
      payload: ROUTE_POLICY['POST /v1/destinations']!.body!({} as FixtureIds),
    });
    expect(destination.statusCode, destination.body).toBe(201);
    const dataSource = await inject({
      method: 'PUT',
      url: '/v1/data-sources/1001',
      headers: auth(ADMIN_TOKEN),
      payload: { name: 'CRM', exportControls: [] },
    });
    expect(dataSource.statusCode, dataSource.body).toBe(201);
    const spare = await inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth(ADMIN_TOKEN),
      payload: { name: 'matrix-spare', role: 'viewer' },
    });
    expect(spare.statusCode).toBe(201);
    ids = { destination: destination.json().id, dataSource: 1001, spareToken: spare.json().id };
  });
  afterAll(async () => {
    await builder?.stop();
  });

  it('declares a policy for every registered route, and every declared route is registered', () => {
    const routes = routeTable(builder.service.app);
    const undeclared = routes.filter((r) => policyOf(r.method, r.path) === undefined);
    expect(undeclared, 'routes without a declared policy (add them to route-policy.ts)').toEqual([]);
    const registered = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const missing = Object.entries(ROUTE_POLICY)
      .filter(([key, policy]) => !policy.optional && !registered.has(key))
      .map(([key]) => key);
    expect(missing, 'declared routes the app does not register').toEqual([]);
    // the OpenAPI document lists no operation the route tree does not have
    const documented = Object.entries(builder.service.app.swagger().paths ?? {}).flatMap(([path, ops]) =>
      Object.keys(ops ?? {}).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.filter((key) => !registered.has(key))).toEqual([]);
    expect(documented.length).toBeGreaterThan(15);
  });

  it('answers every route x identity as the policy says, never with a 5xx', async () => {
    const routes: Route[] = routeTable(builder.service.app);
    const deviations: string[] = [];
    const tally = { 401: 0, 403: 0, allowed: 0 };
    for (const route of routes) {
      const policy = policyOf(route.method, route.path)!;
      for (const identity of IDENTITIES) {
        const response = await inject({
          method: route.method as InjectOptions['method'],
          url: policy.url(ids),
          headers: headers[identity],
          ...(policy.body ? { payload: policy.body(ids) } : {}),
        });
        const want = expected(policy.access, identity);
        const status = response.statusCode;
        tally[want] += 1;
        const label = `${route.method} ${route.path} as ${identity}: ${status}`;
        if (status >= 500) deviations.push(`${label} (a 5xx) ${response.body.slice(0, 200)}`);
        else if (want === 'allowed' && (status === 401 || status === 403))
          deviations.push(`${label}, expected to be allowed (${policy.access})`);
        else if (want !== 'allowed' && status !== want)
          deviations.push(`${label}, expected ${want} (${policy.access})`);
        else if (want === 401 && response.headers['www-authenticate'] === undefined)
          deviations.push(`${label} without WWW-Authenticate`);
      }
    }
    const calls = routes.length * IDENTITIES.length;
    console.log(
      `authorization matrix: ${routes.length} routes x ${IDENTITIES.length} identities = ${calls} calls ` +
        `(${tally[401]} expected 401, ${tally[403]} expected 403, ${tally.allowed} allowed), ` +
        `${deviations.length} deviations`,
    );
    expect(deviations).toEqual([]);
    // the matrix exercised every kind of answer
    expect(tally[401]).toBeGreaterThan(0);
    expect(tally[403]).toBeGreaterThan(0);
    expect(tally.allowed).toBeGreaterThan(0);
  });
});
