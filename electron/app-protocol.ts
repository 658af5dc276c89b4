import fs from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { resolveAppAsset } from './asset-path.js';
import { securityHeaders } from './csp.js';
import { APP_SCHEME } from './trusted-url.js';

/**
 * app:// is a standard, secure scheme (so the renderer gets a real origin, localStorage and
 * fetch of its own files) — instead of file://, which would grant every local file.
 * Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer (dist/renderer) on app://pacs-mcp/ with the CSP and security headers. */
export function serveRenderer(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405 });
    const asset = resolveAppAsset(rendererDir, request.url);
    if (!asset) return new Response('Not found', { status: 404, headers: securityHeaders() });
    try {
      const body = await fs.readFile(asset.file);
      return new Response(body, { status: 200, headers: { ...securityHeaders(), 'Content-Type': asset.contentType } });
    } catch {
      return new Response('Not found', { status: 404, headers: securityHeaders() });
    }
  });
}
