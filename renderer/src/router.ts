import { useEffect, useState } from 'react';

export const SCREENS = [
  { id: 'connections', title: 'Connections', icon: '⛁' },
  { id: 'staging', title: 'Staging uploads', icon: '⇪' },
  { id: 'snapshots', title: 'Snapshots', icon: '◫' },
  { id: 'parcel', title: 'Parcel', icon: '⌂' },
  { id: 'mcp', title: 'MCP & Claude Desktop', icon: '⚡' },
  { id: 'audit', title: 'Audit', icon: '☰' },
  { id: 'sql', title: 'SQL console', icon: '❯' },
  { id: 'lakehouse', title: 'Lakehouse', icon: '≋' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

export interface Route {
  screen: ScreenId;
  params: URLSearchParams;
}

/** Hash routes (#/snapshots?base=…): in-page only, so the navigation guard never has to allow anything. */
export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const screen = (SCREENS.find((s) => s.id === path)?.id ?? 'connections') as ScreenId;
  return { screen, params: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(screen: ScreenId, params?: Record<string, string>): void {
  const query = params ? `?${new URLSearchParams(params)}` : '';
  window.location.hash = `#/${screen}${query}`;
}
