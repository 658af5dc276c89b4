import { isAppUrl, isSafeExternalUrl } from './trusted-url.js';

/** In-window navigation: only within the app's own origin (the screens use hash routes anyway). */
export function navigationDecision(url: string): 'allow' | 'deny' {
  return isAppUrl(url) ? 'allow' : 'deny';
}

/**
 * window.open and target=_blank: the app never opens a second window. A safe http(s) link goes
 * to the OS browser instead; anything else is dropped.
 */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) ? url : null };
}

/** <webview> is never allowed (the window also has webviewTag off). */
export function webviewDecision(): 'deny' {
  return 'deny';
}
