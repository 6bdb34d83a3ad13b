import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { answerMethodNotAllowed, onlyMethods } from './method-not-allowed.ts';

describe('answerMethodNotAllowed', () => {
  const app = Fastify();
  answerMethodNotAllowed(app);
  app.get('/things/:id', async () => ({}));
  app.put('/things/:id', async () => ({}));
  app.post('/things/:id/parts/bulk', async () => ({}));
  app.delete('/things/:id/parts/:pid', async () => ({}));
  onlyMethods(app, '/things/:id/parts/bulk', ['POST']);

  it('answers 405 with the methods of the path, and 404 for a path nothing serves', async () => {
    const trace = await app.inject({ method: 'PATCH', url: '/things/7' });
    expect(trace.statusCode).toBe(405);
    expect(trace.headers.allow).toBe('GET, HEAD, PUT');
    expect(trace.json()).toEqual({
      error: 'method_not_allowed',
      message: 'PATCH is not allowed on /things/7',
    });
    // a body method without Content-Type is still a wrong method, not a bad body
    const query = await app.inject({ method: 'POST', url: '/things/7' });
    expect(query.statusCode).toBe(405);
    const missing = await app.inject({ method: 'GET', url: '/nothing/here?x=1' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'not_found', message: 'no route GET /nothing/here' });
  });

  it('lets the most static pattern decide, as the router does', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS'] as const) {
      const response = await app.inject({ method, url: '/things/7/parts/bulk' });
      expect(response.statusCode, method).toBe(405);
      expect(response.headers.allow, method).toBe('POST');
    }
    expect((await app.inject({ method: 'POST', url: '/things/7/parts/bulk' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: '/things/7/parts/3' })).statusCode).toBe(200);
    const other = await app.inject({ method: 'GET', url: '/things/7/parts/3' });
    expect(other.statusCode).toBe(405);
    expect(other.headers.allow).toBe('DELETE');
  });
});
