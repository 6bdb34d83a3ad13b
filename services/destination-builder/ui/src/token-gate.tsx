/**
 * Asks for the API bearer token (created by an admin with POST /v1/tokens) and keeps it in
 * sessionStorage only: it is gone when the tab closes. Checked with a cheap read before use.
 */
import { useState, type FormEvent } from 'react';
import { ApiError, createApi } from './api-client.ts';

export const TOKEN_KEY = 'destination-builder.token';

export function TokenGate({ onToken }: { onToken: (token: string) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (value === '') {
      setError('Paste a token first.');
      return;
    }
    setBusy(true);
    try {
      await createApi(value).listDestinations({ limit: '1' });
      sessionStorage.setItem(TOKEN_KEY, value);
      onToken(value);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401
          ? 'This token is unknown, revoked or expired.'
          : (e as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="token-gate">
      <h1>Destination Builder</h1>
      <form onSubmit={submit} noValidate>
        <div className={`field${error ? ' has-error' : ''}`}>
          <label htmlFor="token">API token</label>
          <input
            id="token"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby="token-hint token-error"
          />
          <p className="hint" id="token-hint">
            A viewer token can read; editing needs an editor token. It is kept in this browser tab only.
          </p>
          {error ? (
            <p className="field-error" id="token-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
