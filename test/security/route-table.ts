/**
 * Every route a Fastify app registers, read from its radix tree (`app.printRoutes()`), so the
 * authorization matrix follows the app instead of a hand-kept list. The default (common-prefix)
 * print is used because its node labels concatenate to the exact registered paths, e.g.
 *   ├── v1/
 *   │   ├── d
 *   │   │   ├── e
 *   │   │   │   ├── stinations (GET, HEAD, POST)
 * is `/v1/destinations`. (The `commonPrefix: false` print drops some static prefixes, such as the
 * `ui/` of `/ui/*` in Fastify 5.12.)
 */
import type { FastifyInstance } from 'fastify';

export interface Route {
  method: string;
  /** The path as registered, with `:param` and `*`. */
  path: string;
}

const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/u;

export function routeTable(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    if (line.trim() === '') continue;
    const match = LINE.exec(line);
    if (match === null) throw new Error(`unexpected line in printRoutes(): ${JSON.stringify(line)}`);
    const depth = (match[1] as string).length / 4;
    stack.length = depth;
    stack.push(match[2] as string);
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      routes.push({ method, path: stack.join('') });
    }
  }
  if (routes.length === 0) throw new Error('printRoutes() listed no routes');
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
