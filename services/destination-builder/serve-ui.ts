/**
 * Serves the built web UI (ui/, built by `npm run build:ui` into ui/dist) at `/ui/` and redirects
 * `/` there. Public files: the UI asks for a bearer token and calls the API like any client. A
 * strict Content-Security-Policy keeps the page on this origin (no external fonts or scripts).
 * When the folder has no index.html the UI is skipped and `/ui/` answers 404.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const DEFAULT_UI_DIR = fileURLToPath(new URL('./ui/dist/', import.meta.url));

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Returns whether the UI is served (its folder holds an index.html). */
export async function serveUi(app: FastifyInstance, dir: string): Promise<boolean> {
  if (!existsSync(join(dir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/ui/',
    decorateReply: false,
    redirect: true,
    setHeaders: (reply) => {
      reply.header('content-security-policy', CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
    },
  });
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/ui/'));
  return true;
}
