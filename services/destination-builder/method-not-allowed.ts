/**
 * HTTP's 405 for a method a path does not support (RFC 9110 §15.5.6), with the `Allow` header
 * listing those it does: Fastify answers every unrouted request 404, which tells a client the path
 * does not exist when only the method is wrong. Routes are collected as they are added; a request
 * that found no route is matched against their patterns in its first hook, before its body is read
 * (Fastify would refuse e.g. a QUERY without Content-Type with 400 first). Unknown paths stay 404.
 * `onlyMethods` answers 405 on a static path that a parametric route of other methods would
 * otherwise take (PUT .../mappings/bulk is not a mapping named "bulk").
 */
import type { FastifyInstance, FastifyReply } from 'fastify';

interface Pattern {
  regex: RegExp;
  /** Static segments: where several patterns match, the router takes the most static one. */
  statics: number;
  methods: Set<string>;
}

function toRegex(url: string): RegExp {
  const source = url
    .split('/')
    .map((part) =>
      part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

export function answerMethodNotAllowed(app: FastifyInstance): void {
  const patterns = new Map<string, Pattern>();
  app.addHook('onRoute', (route) => {
    if ((route.config as { notAllowed?: boolean } | undefined)?.notAllowed) return;
    const statics = route.url.split('/').filter((p) => p !== '' && !p.startsWith(':') && p !== '*').length;
    const pattern = patterns.get(route.url) ?? {
      regex: toRegex(route.url),
      statics,
      methods: new Set<string>(),
    };
    for (const method of [route.method].flat()) pattern.methods.add(method);
    patterns.set(route.url, pattern);
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const path = request.url.split('?')[0] ?? '';
    const matching = [...patterns.values()].filter((p) => p.regex.test(path));
    const best = Math.max(...matching.map((p) => p.statics));
    const allowed = new Set(matching.filter((p) => p.statics === best).flatMap((p) => [...p.methods]));
    if (allowed.size > 0 && !allowed.has(request.method)) notAllowed(reply, request.method, path, allowed);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${path}` });
  });
}

function notAllowed(reply: FastifyReply, method: string, path: string, allowed: Iterable<string>) {
  return reply
    .code(405)
    .header('allow', [...allowed].sort().join(', '))
    .send({ error: 'method_not_allowed', message: `${method} is not allowed on ${path}` });
}

const OTHER_METHODS = ['GET', 'PUT', 'PATCH', 'DELETE', 'POST', 'OPTIONS'];

/** Answers 405 on `url` for every method but `methods` (a hidden route, not in the document). */
export function onlyMethods(app: FastifyInstance, url: string, methods: readonly string[]): void {
  app.route({
    method: OTHER_METHODS.filter((m) => !methods.includes(m)),
    url,
    schema: { hide: true },
    config: { notAllowed: true },
    handler: async (request, reply) => notAllowed(reply, request.method, url, methods),
  });
}
