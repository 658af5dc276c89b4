import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_CHANNEL, type ApiEnvelope } from '../../electron/api/types.js';
import { registerApiIpc } from '../../electron/ipc.js';
import { guardWebContents, hardenSession, installSecurityGuards } from '../../electron/security.js';
import { APP_START_URL } from '../../electron/trusted-url.js';
import { Engine } from '../../mcp/engine.js';
import { appServicesFor } from '../helpers/app-services.js';
import { makeTempHome } from '../helpers/temp-home.js';

/**
 * The security decisions as Electron calls them: the handlers main.ts registers on the app, each
 * web contents, the session and ipcMain, called here the way Electron calls them (plain
 * functions given an event object), without the Electron binary.
 */

type Listener = (...args: any[]) => unknown;

/** Records what is registered on it, like the Electron object it stands in for. */
function registrations() {
  const listeners = new Map<string, Listener[]>();
  return {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return this;
    },
    listeners(event: string): Listener[] {
      return listeners.get(event) ?? [];
    },
  };
}

function webContents() {
  const contents = { ...registrations(), windowOpenHandler: undefined as Listener | undefined };
  return Object.assign(contents, {
    setWindowOpenHandler(handler: Listener) {
      contents.windowOpenHandler = handler;
    },
  });
}

/** Fires `event` the way Electron does: an event object with the URL, which a listener may prevent. */
function fire(contents: ReturnType<typeof webContents>, event: string, url: string): boolean {
  let prevented = false;
  const listeners = contents.listeners(event);
  expect(listeners.length, `a listener for ${event}`).toBeGreaterThan(0);
  for (const listener of listeners) listener({ url, preventDefault: () => (prevented = true) });
  return prevented;
}

function guarded() {
  const opened: string[] = [];
  const contents = webContents();
  guardWebContents(contents as never, async (url) => {
    opened.push(url);
  });
  return { contents, opened };
}

/** What the handlers write to the log (stderr), while `work` runs. */
async function logged(work: () => unknown): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await work();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    spy.mockRestore();
  }
  return lines.join('');
}

afterEach(() => vi.restoreAllMocks());

const FOREIGN = ['https://example.org/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'http://127.0.0.1:8080/'];

describe('each web contents the app creates', () => {
  it('is guarded as soon as Electron creates it', () => {
    const app = registrations();
    installSecurityGuards(app as never, async () => undefined);
    const contents = webContents();
    for (const listener of app.listeners('web-contents-created')) listener({}, contents);
    expect(contents.listeners('will-navigate')).toHaveLength(1);
    expect(contents.windowOpenHandler).toBeTypeOf('function');
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: stays inside the app, everything else is prevented', (event) => {
    const { contents } = guarded();
    expect(fire(contents, event, `${APP_START_URL}#/sql`)).toBe(false);
    for (const url of FOREIGN) expect(fire(contents, event, url), url).toBe(true);
  });

  it('window.open never opens a window; a safe link goes to the OS browser, nothing else does', () => {
    const { contents, opened } = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/help' })).toEqual({ action: 'deny' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', APP_START_URL, 'smb://server/share']) {
      expect(contents.windowOpenHandler?.({ url }), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://example.org/help']);
  });

  it('logs what it blocked, and a link the OS browser could not open', async () => {
    const { contents } = guarded();
    expect(await logged(() => fire(contents, 'will-navigate', 'https://evil.example/'))).toContain('ERROR blocked navigation to https://evil.example/');
    const failing = webContents();
    guardWebContents(failing as never, () => Promise.reject(new Error('no browser')));
    expect(await logged(() => failing.windowOpenHandler?.({ url: 'https://example.org/help' }))).toMatch(/ERROR could not open https:\/\/example\.org\/help: .*no browser/);
  });

  it('a <webview> is never attached', () => {
    const { contents } = guarded();
    expect(fire(contents, 'will-attach-webview', APP_START_URL)).toBe(true);
  });
});

describe('the session', () => {
  function hardened() {
    const handlers: Record<string, Listener> = {};
    const session = {
      setPermissionRequestHandler: (h: Listener) => (handlers.request = h),
      setPermissionCheckHandler: (h: Listener) => (handlers.check = h),
      setDevicePermissionHandler: (h: Listener) => (handlers.device = h),
      webRequest: { onBeforeRequest: (h: Listener) => (handlers.beforeRequest = h) },
    };
    hardenSession(session as never);
    return handlers;
  }

  const requested = (handlers: Record<string, Listener>, permission: string, requestingUrl: string | undefined, pageUrl = APP_START_URL) => {
    let granted: boolean | undefined;
    handlers.request({ getURL: () => pageUrl }, permission, (answer: boolean) => (granted = answer), { requestingUrl });
    return granted;
  };

  it('answers permission requests: only the clipboard write, only for the app', () => {
    const handlers = hardened();
    expect(requested(handlers, 'clipboard-sanitized-write', APP_START_URL)).toBe(true);
    expect(requested(handlers, 'clipboard-sanitized-write', undefined)).toBe(true);
    expect(requested(handlers, 'clipboard-sanitized-write', undefined, 'https://example.org/')).toBe(false);
    expect(requested(handlers, 'clipboard-sanitized-write', 'https://example.org/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'usb']) {
      expect(requested(handlers, permission, APP_START_URL), permission).toBe(false);
    }
  });

  it('denies a request from contents that are gone, with no URL to judge', () => {
    const handlers = hardened();
    let granted: boolean | undefined;
    handlers.request(null, 'clipboard-sanitized-write', (answer: boolean) => (granted = answer), {});
    expect(granted).toBe(false);
  });

  it('answers permission checks and device requests the same way', () => {
    const handlers = hardened();
    expect(handlers.check(null, 'clipboard-sanitized-write', 'app://pacs-mcp')).toBe(true);
    expect(handlers.check(null, 'clipboard-sanitized-write', 'https://example.org')).toBe(false);
    expect(handlers.check(null, 'media', 'app://pacs-mcp')).toBe(false);
    expect(handlers.device({ deviceType: 'usb', origin: 'app://pacs-mcp' })).toBe(false);
  });

  it('cancels every request that is not the app, data, blob or devtools', () => {
    const handlers = hardened();
    const cancelled = (url: string) => {
      let answer: { cancel: boolean } | undefined;
      handlers.beforeRequest({ url }, (a: { cancel: boolean }) => (answer = a));
      return answer?.cancel;
    };
    for (const url of [APP_START_URL, 'data:image/png;base64,AAAA', 'blob:app://pacs-mcp/1234', 'devtools://devtools/bundled/inspector.html']) {
      expect(cancelled(url), url).toBe(false);
    }
    for (const url of ['https://example.org/x.js', 'http://127.0.0.1:7345/mcp', 'ws://127.0.0.1:9000/', 'file:///etc/passwd', 'ftp://example.org/']) {
      expect(cancelled(url), url).toBe(true);
    }
  });
});

describe('the API channel', () => {
  async function registered() {
    const home = makeTempHome('pacs-ipc-wiring-');
    const engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory' }, initDemo: false });
    const handlers = new Map<string, Listener>();
    registerApiIpc(appServicesFor(engine, path.join(home.dir, 'app')), { handle: (channel: string, handler: Listener) => void handlers.set(channel, handler) } as never);
    return {
      handler: handlers.get(API_CHANNEL)!,
      close: async () => {
        await engine.close();
        home.cleanup();
      },
    };
  }

  const frame = (url: string, top: boolean) => ({ senderFrame: { url, parent: top ? null : { url: APP_START_URL } } });

  it("answers the app's own top frame only", async () => {
    const ipc = await registered();
    try {
      expect(ipc.handler).toBeTypeOf('function');
      const own = (await ipc.handler(frame(APP_START_URL, true), 'app.info', {})) as ApiEnvelope;
      expect(own.ok, JSON.stringify(own)).toBe(true);
      for (const [event, what] of [
        [frame(APP_START_URL, false), 'an iframe of the app'],
        [frame('https://example.org/', true), 'a foreign page'],
        [frame('file:///tmp/x.html', true), 'a local file'],
        [{ senderFrame: null }, 'a frame that is gone'],
      ] as const) {
        let answer: ApiEnvelope | undefined;
        const log = await logged(async () => (answer = (await ipc.handler(event, 'app.info', {})) as ApiEnvelope));
        expect(answer, what).toEqual({ ok: false, error: { code: 'forbidden', message: 'This frame may not call the PACS MCP API.' } });
        const url = event.senderFrame?.url ?? 'gone';
        expect(log, what).toContain(`ERROR refused an API call from an untrusted frame (${url})`);
      }
    } finally {
      await ipc.close();
    }
  });
});
