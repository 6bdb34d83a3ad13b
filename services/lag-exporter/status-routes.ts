/**
 * The live view without Grafana (issue 7):
 *   GET /status       a self-contained HTML page (inline JS and SVG, nothing loaded from elsewhere)
 *                     that polls /status.json and plots throughput per service and lag per group;
 *   GET /status.json  one reading (read-status.ts).
 */
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import type { Status } from './read-status.ts';

const PAGE = readFileSync(new URL('./status-page.html', import.meta.url), 'utf8');

export function registerStatusRoutes(app: FastifyInstance, read: () => Promise<Status>): void {
  app.get('/status', async (_request, reply) => {
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header(
      'content-security-policy',
      "default-src 'self'; img-src data:; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
    );
    return PAGE;
  });
  app.get('/status.json', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return read();
  });
}
