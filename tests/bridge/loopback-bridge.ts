import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { resolveAppAsset } from '../../electron/asset-path.js';
import { securityHeaders } from '../../electron/csp.js';
import { APP_ORIGIN } from '../../electron/trusted-url.js';
import { AppServices } from '../../electron/services/index.js';
import { Engine, type EngineOptions } from '../../mcp/engine.js';
import { isAllowedHost } from '../../mcp/server/http-guards.js';

/** The repository root: the nearest folder above this file with our package.json (works from tests/ and a bundle in dist/). */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'pacs-mcp-desktop') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('loopback bridge: could not find the repository root');
    dir = parent;
  }
}

const ROOT = repoRoot();
const MAX_BODY = 100 * 1024 * 1024;

export interface LoopbackBridgeOptions {
  /** The data dir (required: tests never touch the real one). */
  dataDir: string;
  /** Environment the engine and the Claude config lookup see (HOME, XDG_CONFIG_HOME, PACS_MCP_SECRETS…). */
  env: Record<string, string | undefined>;
  /** Where Claude Desktop's config is looked for (a temp dir in tests). */
  homedir: string;
  rendererDir?: string;
  /** Where the MCP screen looks for the Claude Desktop bundle (none by default). */
  bundleDir?: string;
  engineOptions?: Omit<EngineOptions, 'dataDir' | 'env'>;
  startMcpHost?: boolean;
}

export interface LoopbackBridge {
  /** Open this in Chromium: the built renderer with the bridge client in place of the preload. */
  url: string;
  services: AppServices;
  engine: Engine;
  close(): Promise<void>;
}

/**
 * The typed API over HTTP on 127.0.0.1 against the real engine, so the built renderer runs in
 * plain Chromium (Playwright) without Electron. It serves dist/renderer with the app's CSP,
 * injects a client script that defines `window.pacs` exactly as the preload does, and answers
 * `POST /api/<group.method>` through the same AppServices (and so the same validation) as IPC.
 */
export async function startLoopbackBridge(options: LoopbackBridgeOptions): Promise<LoopbackBridge> {
  const rendererDir = options.rendererDir ?? path.join(ROOT, 'dist', 'renderer');
  const token = randomBytes(24).toString('hex');
  const clientScript = await buildClientScript(token);
  const engine = await Engine.open({ ...options.engineOptions, dataDir: options.dataDir, env: options.env as NodeJS.ProcessEnv });
  const services = new AppServices({
    engine: Promise.resolve(engine),
    host: 'bridge',
    startMcpHost: options.startMcpHost ?? true,
    claude: {
      platform: process.platform,
      env: options.env,
      homedir: options.homedir,
      packaged: false,
      execPath: process.execPath,
      serverScript: path.join(ROOT, 'dist', 'mcp', 'cli', 'main.js'),
      bundleDir: options.bundleDir,
    },
  });
  await services.ready;
  let origin = '';

  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: string | Buffer, type: string) => {
      res.writeHead(status, { ...securityHeaders(), 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
    };
    try {
      if (!isAllowedHost(req.headers.host)) return send(403, 'Host not allowed', 'text/plain');
      if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(403, 'Origin not allowed', 'text/plain');
      const url = new URL(req.url ?? '/', origin);

      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        if (!tokenMatches(req.headers['x-pacs-bridge-token'], token)) return send(401, 'Missing bridge token', 'text/plain');
        const body = await readBody(req);
        const input = body.length ? JSON.parse(body.toString('utf8')) : {};
        const envelope = await services.call(decodeURIComponent(url.pathname.slice('/api/'.length)), input);
        return send(200, JSON.stringify(envelope), 'application/json');
      }
      if (req.method !== 'GET') return send(405, 'Method not allowed', 'text/plain');
      if (url.pathname === '/__bridge/client.js') return send(200, clientScript, 'text/javascript; charset=utf-8');

      const asset = resolveAppAsset(rendererDir, `${APP_ORIGIN}${url.pathname}`);
      if (!asset) return send(404, 'Not found', 'text/plain');
      let body = await fs.readFile(asset.file).catch(() => null);
      if (!body) return send(404, 'Not found', 'text/plain');
      if (asset.file.endsWith('index.html')) {
        // The bridge client stands in for the preload: a classic script, so it runs before the app's module.
        body = Buffer.from(body.toString('utf8').replace('<script', '<script src="/__bridge/client.js"></script>\n    <script'));
      }
      return send(200, body, asset.contentType);
    } catch (err) {
      if (!res.headersSent) send(500, (err as Error).message, 'text/plain');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/index.html`,
    services,
    engine,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await services.close();
      await engine.close();
    },
  };
}

async function buildClientScript(token: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'tests', 'bridge', 'bridge-client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    define: { BRIDGE_TOKEN: JSON.stringify(token) },
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

function tokenMatches(header: string | string[] | undefined, token: string): boolean {
  const a = Buffer.from(typeof header === 'string' ? header : '');
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('Request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A throwaway HOME/data dir pair for one bridge. */
export async function makeBridgeHome(): Promise<{ home: string; dataDir: string; cleanup: () => Promise<void> }> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'pacs-bridge-'));
  const dataDir = path.join(home, 'data');
  return { home, dataDir, cleanup: () => fs.rm(home, { recursive: true, force: true }) };
}
