import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset } from '../../electron/asset-path.js';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, securityHeaders } from '../../electron/csp.js';
import { isTrustedSender } from '../../electron/ipc-sender.js';
import { navigationDecision, windowOpenDecision } from '../../electron/navigation-guard.js';
import { permissionDecision } from '../../electron/permissions.js';
import { APP_ORIGIN, APP_START_URL, isAppUrl, isSafeExternalUrl } from '../../electron/trusted-url.js';

describe('trusted URLs', () => {
  it('recognises only the app origin as the app', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/assets/index.js#/audit`)).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://pacs-mcp.evil.com/index.html',
      'app://user:pw@pacs-mcp/index.html',
      'app://user@pacs-mcp/index.html',
      'app://:pw@pacs-mcp/index.html',
      'file:///etc/passwd',
      'http://pacs-mcp/index.html',
      'https://127.0.0.1/',
      'javascript:alert(1)',
      'devtools://devtools/bundled/inspector.html',
      '',
      'not a url',
      null,
      undefined,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('lets only http(s) links without credentials go to the OS browser', () => {
    expect(isSafeExternalUrl('https://modelcontextprotocol.io/docs')).toBe(true);
    expect(isSafeExternalUrl('http://example.org/a?b=c')).toBe(true);
    expect(isSafeExternalUrl(`https://example.org/${'a'.repeat(2048 - 'https://example.org/'.length)}`), 'exactly 2,048 characters').toBe(true);
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'ms-msdt:/id PCWDiagnostic',
      'vbscript:msgbox',
      'app://pacs-mcp/index.html',
      'https://user:password@example.org/',
      'https://user@example.org/',
      'https://:password@example.org/',
      'mailto:someone@example.org',
      `https://example.org/${'a'.repeat(3000)}`,
      `https://example.org/${'a'.repeat(2049 - 'https://example.org/'.length)}`,
      'https://',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});

describe('navigation and new-window guards', () => {
  it('allows navigation only inside app://pacs-mcp', () => {
    expect(navigationDecision(`${APP_ORIGIN}/index.html#/sql`)).toBe('allow');
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'app://other/index.html', 'about:blank', 'data:text/html,hi']) {
      expect(navigationDecision(url), url).toBe('deny');
    }
  });

  it('never opens a window; safe links are handed to the OS browser, others dropped', () => {
    expect(windowOpenDecision('https://example.org/help')).toEqual({ action: 'deny', openExternally: 'https://example.org/help' });
    expect(windowOpenDecision('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: null });
    expect(windowOpenDecision(`${APP_ORIGIN}/index.html`)).toEqual({ action: 'deny', openExternally: null });
    expect(windowOpenDecision('javascript:alert(1)')).toEqual({ action: 'deny', openExternally: null });
  });
});

describe('permission handler', () => {
  it('denies by default, every permission Electron knows, from any origin', () => {
    const permissions = ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'hid', 'serial', 'usb', 'idle-detection', 'storage-access', 'fileSystem', 'mediaKeySystem', 'display-capture', 'window-management', 'unknown'];
    for (const permission of permissions) {
      expect(permissionDecision(permission, APP_START_URL), permission).toBe(false);
      expect(permissionDecision(permission, 'https://example.org/'), permission).toBe(false);
    }
  });

  it('grants clipboard writing (the Copy buttons) to the app only', () => {
    expect(permissionDecision('clipboard-sanitized-write', APP_START_URL)).toBe(true);
    expect(permissionDecision('clipboard-sanitized-write', 'https://example.org/')).toBe(false);
    expect(permissionDecision('clipboard-sanitized-write', undefined)).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('accepts only the app top frame', () => {
    expect(isTrustedSender({ url: APP_START_URL, isTopFrame: true })).toBe(true);
    expect(isTrustedSender({ url: APP_START_URL, isTopFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.org/', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/x.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: undefined, isTopFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('denies by default and allows scripts only from the app itself', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('never allows inline script, eval, wildcards or remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|unsafe-hashes|\*|https?:|ws:/);
    for (const sources of Object.values(CSP_DIRECTIVES)) for (const s of sources) expect(["'self'", "'none'", 'data:', 'blob:']).toContain(s);
  });

  it('goes out with nosniff, no referrer and a locked permissions policy', () => {
    const headers = securityHeaders();
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['Permissions-Policy']).toMatch(/camera=\(\)/);
  });
});

describe('app:// file resolution', () => {
  const root = path.resolve('/srv/app/dist/renderer');

  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppAsset(root, `${APP_ORIGIN}/`)).toEqual({ file: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(resolveAppAsset(root, `${APP_ORIGIN}/assets/index-abc.js?x=1#/sql`)?.file).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppAsset(root, `${APP_ORIGIN}/assets/a%20b.css`)?.file).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it('refuses traversal, other hosts, NULs and unknown types', () => {
    for (const url of [
      `${APP_ORIGIN}/../../../etc/passwd`,
      `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd.html`,
      `${APP_ORIGIN}/assets/..%2f..%2f..%2fsecret.js`,
      `${APP_ORIGIN}/assets/%5c..%5c..%5cwin.ini.js`,
      `${APP_ORIGIN}/index.html%00.js`,
      `${APP_ORIGIN}/%E0%A4%A`,
      'app://other/index.html',
      'file:///srv/app/dist/renderer/index.html',
      `${APP_ORIGIN}/app.sqlite`,
      `${APP_ORIGIN}/package.json.exe`,
    ]) {
      // Either refused, or clamped to a file inside the renderer folder (`/../x` normalises to `/x`).
      const resolved = resolveAppAsset(root, url);
      if (resolved) expect(resolved.file.startsWith(root + path.sep), `${url} → ${resolved.file}`).toBe(true);
    }
    for (const refused of [`${APP_ORIGIN}/app.sqlite`, `${APP_ORIGIN}/package.json.exe`, `${APP_ORIGIN}/index.html%00.js`, `${APP_ORIGIN}/assets/%5c..%5cwin.ini.js`, `${APP_ORIGIN}/%E0%A4%A`, 'app://other/index.html', 'file:///srv/app/dist/renderer/index.html']) {
      expect(resolveAppAsset(root, refused), refused).toBeNull();
    }
    expect(resolveAppAsset(root, `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd.html`)?.file).toBe(path.join(root, 'etc', 'passwd.html'));
  });
});
