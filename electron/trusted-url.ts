/** The renderer's own origin: the custom `app://` protocol (never file://, never http). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pacs-mcp';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A URL of the app itself: scheme app:, host pacs-mcp, no credentials, no port. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * A link the OS browser may open: http or https only (no file:, smb:, javascript:, custom
 * handlers that start programs), no user:password@ part, and a real host name.
 */
export function isSafeExternalUrl(url: string | undefined | null): boolean {
  if (!url || url.length > 2_048) return false;
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username || parsed.password) return false;
  return parsed.hostname.length > 0;
}
