/**
 * The callers of the authorization matrix, made through the real API: no token, a malformed one,
 * an unknown one, a revoked admin token, an expired admin token, and viewer, editor and admin
 * tokens. The revoked and expired tokens are admin tokens that are first shown to work, so only
 * the revocation or the expiry can explain a 401.
 *
 * POST /v1/tokens refuses an `expiresAt` that is not in the future, and the token store compares
 * `expiresAt <= now` on every request (services/destination-builder/token-store.ts): the expired
 * token is created to expire a few seconds ahead and waited for until it is refused.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { auth } from '../support/builder.ts';
import { waitFor } from '../support/stack.ts';

export const IDENTITIES = [
  'none',
  'malformed',
  'unknown',
  'revoked',
  'expired',
  'viewer',
  'editor',
  'admin',
] as const;
export type Identity = (typeof IDENTITIES)[number];

export type IdentityHeaders = Record<Identity, Record<string, string>>;

const EXPIRES_IN_MS = 8000;

export async function createIdentities(
  app: FastifyInstance,
  bootstrapToken: string,
): Promise<{ headers: IdentityHeaders; tokens: string[] }> {
  const create = async (name: string, role: string, expiresAt?: number) => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth(bootstrapToken),
      payload: {
        name,
        role,
        ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt).toISOString() }),
      },
    });
    if (response.statusCode !== 201)
      throw new Error(`POST /v1/tokens ${response.statusCode}: ${response.body}`);
    return response.json() as { id: string; token: string };
  };
  const adminStatus = async (token: string) =>
    (await app.inject({ method: 'GET', url: '/v1/tokens', headers: auth(token) })).statusCode;

  const expiring = await create('matrix-expiring-admin', 'admin', Date.now() + EXPIRES_IN_MS);
  const works = await adminStatus(expiring.token);
  if (works !== 200) throw new Error(`the expiring admin token answered ${works} before its expiry`);

  const revoked = await create('matrix-revoked-admin', 'admin');
  if ((await adminStatus(revoked.token)) !== 200) throw new Error('the admin token to revoke does not work');
  const revoke = await app.inject({
    method: 'DELETE',
    url: `/v1/tokens/${revoked.id}`,
    headers: auth(bootstrapToken),
  });
  if (revoke.statusCode !== 204) throw new Error(`revoking answered ${revoke.statusCode}`);

  const viewer = await create('matrix-viewer', 'viewer');
  const editor = await create('matrix-editor', 'editor');
  const admin = await create('matrix-admin', 'admin');
  await waitFor(async () => (await adminStatus(expiring.token)) === 401, {
    timeoutMs: EXPIRES_IN_MS + 20_000,
    intervalMs: 250,
    message: 'the expiring admin token to be refused',
  });
  const unknown = `sdb_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
  return {
    headers: {
      none: {},
      malformed: { authorization: 'Bearer not a token' },
      unknown: auth(unknown),
      revoked: auth(revoked.token),
      expired: auth(expiring.token),
      viewer: auth(viewer.token),
      editor: auth(editor.token),
      admin: auth(admin.token),
    },
    tokens: [expiring.token, revoked.token, viewer.token, editor.token, admin.token],
  };
}
