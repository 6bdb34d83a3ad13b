/**
 * OAuth2 access tokens per destination (SPEC §3: "cache the token until expiry, refresh on 401").
 * A token is reused until `expires_in` minus a margin (10 % of its lifetime, at most 30 s), so it is
 * never sent in its last moments; a 401 from the partner drops it (invalidate) and the sender asks
 * for a new one. The cache key includes the destination version: a changed client id or secret
 * never reuses the old token. Tokens live in memory only.
 */
export interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

export class OAuthTokenCache {
  private readonly tokens = new Map<number, CachedToken & { version: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(destinationId: number, version: number): string | undefined {
    const token = this.tokens.get(destinationId);
    if (token === undefined || token.version !== version || token.expiresAt <= this.now()) return undefined;
    return token.accessToken;
  }

  put(destinationId: number, version: number, accessToken: string, lifetimeMs: number): void {
    const margin = Math.min(30_000, lifetimeMs * 0.1);
    this.tokens.set(destinationId, { accessToken, version, expiresAt: this.now() + lifetimeMs - margin });
  }

  invalidate(destinationId: number): void {
    this.tokens.delete(destinationId);
  }
}
