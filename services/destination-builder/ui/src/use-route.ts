/**
 * Hash routes of the UI (the builder serves static files only, so routing stays in the browser):
 *   #/                         destinations list (query: ?q=&type=&status=&segment=)
 *   #/new/URL|COOKIE|S2S       create form
 *   #/destinations/7[/tab]     one destination: settings | mappings | preview | delivery
 */
import { useEffect, useState } from 'react';
import type { DestinationType } from './api-types.ts';

export type Tab = 'settings' | 'mappings' | 'preview' | 'delivery';

export type Route =
  | { page: 'list'; query: URLSearchParams }
  | { page: 'new'; type: DestinationType }
  | { page: 'destination'; id: number; tab: Tab };

const TABS: readonly Tab[] = ['settings', 'mappings', 'preview', 'delivery'];

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'new' && (parts[1] === 'URL' || parts[1] === 'COOKIE' || parts[1] === 'S2S')) {
    return { page: 'new', type: parts[1] };
  }
  if (parts[0] === 'destinations' && /^[1-9][0-9]*$/.test(parts[1] ?? '')) {
    const tab = TABS.find((t) => t === parts[2]) ?? 'settings';
    return { page: 'destination', id: Number(parts[1]), tab };
  }
  return { page: 'list', query: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseRoute(hash);
}

export const navigate = (hash: string) => {
  window.location.hash = hash;
};
