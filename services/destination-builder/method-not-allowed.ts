/**
 * HTTP's 405 for a method a path does not support (RFC 9110 §15.5.6), with the `Allow` header
 * listing those it does: Fastify answers every unrouted request 404, which tells a client the path
 * does not exist when only the method is wrong. Routes are collected as they are added; the
 * not-found handler matches the path against their patterns. Unknown paths stay 404.
 */
import type { FastifyInstance } from 'fastify';

interface Pattern {
  regex: RegExp;
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
    const pattern = patterns.get(route.url) ?? { regex: toRegex(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) pattern.methods.add(method);
    patterns.set(route.url, pattern);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = new Set<string>();
    for (const { regex, methods } of patterns.values()) {
      if (regex.test(path)) for (const method of methods) allowed.add(method);
    }
    if (allowed.size > 0 && !allowed.has(request.method)) {
      return reply
        .code(405)
        .header('allow', [...allowed].sort().join(', '))
        .send({ error: 'method_not_allowed', message: `${request.method} is not allowed on ${path}` });
    }
    return reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${path}` });
  });
}
