import type { App, Session, WebContents } from 'electron';
import { logError } from '../mcp/util/log.js';
import { navigationDecision, webviewDecision, windowOpenDecision } from './navigation-guard.js';
import { permissionDecision } from './permissions.js';
import { APP_SCHEME } from './trusted-url.js';

/** `shell.openExternal`: hands a link to the OS browser. */
export type OpenExternal = (url: string) => Promise<void>;

/**
 * The Electron security checklist, wired once for every web contents the app creates:
 * navigation and redirects stay inside app://, no new windows (safe links go to the OS browser),
 * no <webview>, permissions denied by default, and no network request leaves the renderer.
 * Electron's objects are passed in (main.ts), so the wiring runs in tests without the binary.
 */
export function installSecurityGuards(app: Pick<App, 'on'>, openExternal: OpenExternal): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openExternal));
}

export function guardWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, openExternal: OpenExternal): void {
  const blockNavigation = (event: { preventDefault(): void }, url: string) => {
    if (navigationDecision(url) === 'deny') {
      event.preventDefault();
      logError(`blocked navigation to ${url}`);
    }
  };
  contents.on('will-navigate', (event) => blockNavigation(event, event.url));
  contents.on('will-frame-navigate', (event) => blockNavigation(event, event.url));
  contents.on('will-redirect', (event) => blockNavigation(event, event.url));
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void openExternal(decision.openExternally).catch((err) => logError(`could not open ${url}`, err));
    return { action: decision.action };
  });
  contents.on('will-attach-webview', (event) => {
    if (webviewDecision() === 'deny') event.preventDefault();
  });
}

export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'>): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(permissionDecision(permission, details.requestingUrl ?? contents?.getURL()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionDecision(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
  // The renderer talks to the engine over IPC only: any http(s)/ws request from it is a bug or an attack.
  session.webRequest.onBeforeRequest((details, callback) => {
    const scheme = details.url.slice(0, details.url.indexOf(':'));
    callback({ cancel: ![APP_SCHEME, 'data', 'blob', 'devtools'].includes(scheme) });
  });
}
