const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0].toLowerCase();
}

/** The Host header must name loopback: a rebinding attack arrives with the attacker's host name. */
export function isAllowedHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOSTS.has(hostnameOf(host));
}

/** No Origin (non-browser clients) is fine; a browser Origin must be loopback or the app itself. */
export function isAllowedOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  if (origin === 'app://pacs-mcp') return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname === '::1' ? '[::1]' : url.hostname);
  } catch {
    return false;
  }
}
