/** The shell: token gate, header with navigation, and the page of the current hash route. */
import { useMemo, useState } from 'react';
import { createApi } from './api-client.ts';
import { CreatePage } from './create-page.tsx';
import { DestinationList } from './destination-list.tsx';
import { DestinationPage } from './destination-page.tsx';
import { TOKEN_KEY, TokenGate } from './token-gate.tsx';
import { useRoute } from './use-route.ts';

export function App() {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY));
  const api = useMemo(() => (token ? createApi(token) : null), [token]);
  const route = useRoute();
  if (api === null) return <TokenGate onToken={setToken} />;
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
  };
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="top">
        <a href="#/" className="brand">
          Destination Builder
        </a>
        <nav aria-label="Create">
          <a href="#/new/URL">New URL</a>
          <a href="#/new/COOKIE">New cookie</a>
          <a href="#/new/S2S">New server-to-server</a>
        </nav>
        <button type="button" className="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {route.page === 'list' ? <DestinationList api={api} query={route.query} /> : null}
        {route.page === 'new' ? <CreatePage key={route.type} api={api} type={route.type} /> : null}
        {route.page === 'destination' ? (
          <DestinationPage key={route.id} api={api} id={route.id} tab={route.tab} />
        ) : null}
      </main>
    </>
  );
}
