/**
 * Bearer-token authentication and role checks, run on every API route before the body is parsed
 * (an anonymous caller cannot make the service parse a large body). A route declares the role it
 * needs in `config.role`; routes without one (ops, OpenAPI) are public. 401 = no or unknown token
 * (with WWW-Authenticate), 403 = known token whose role is too low.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../libs/errors/index.ts';
import { hasRole, type Principal, type Role, type TokenStore } from './token-store.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    role?: Role;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function authenticate(tokens: Pick<TokenStore, 'authenticate'>) {
  return async (request: FastifyRequest): Promise<void> => {
    const needed = request.routeOptions.config.role;
    if (needed === undefined) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
    const principal = match ? tokens.authenticate(match[1] as string) : null;
    if (principal === null) {
      throw new AppError(
        'unauthenticated',
        match ? 'unknown, revoked or expired token' : 'send Authorization: Bearer <token>',
      );
    }
    if (!hasRole(principal, needed)) {
      throw new AppError(
        'forbidden',
        `this needs the ${needed} role; the token "${principal.name}" has ${principal.role}`,
      );
    }
    request.principal = principal;
  };
}

/** The actor recorded in audit records for an authenticated request. */
export function requestMeta(request: FastifyRequest) {
  const principal = request.principal as Principal;
  return { actor: { name: principal.name, role: principal.role }, requestId: String(request.id) };
}
