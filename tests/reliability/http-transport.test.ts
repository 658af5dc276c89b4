import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretStore, secretAccount } from '../../mcp/credentials/credentials.js';
import { Engine } from '../../mcp/engine.js';
import { startHttpHost, type HttpHost } from '../../mcp/server/http.js';
import { INITIALIZE_BODY, MCP_POST_HEADERS, rawRequest, startHttpCli, type HttpCliServer } from '../helpers/http-cli.js';
import { listeningSockets } from '../helpers/listening-sockets.js';
import { connectHttp } from '../helpers/mcp-http-client.js';
import { recordNotRun } from '../helpers/not-run.js';
import { keychainAvailable } from '../helpers/system.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const home = makeTempHome();
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '60' });
const TOKEN = crypto.randomBytes(32).toString('hex');
let engine: Engine;
let host: HttpHost;
let cli: HttpCliServer;

beforeAll(async () => {
  engine = await Engine.open({ dataDir: home.dir, env });
  host = await startHttpHost({ engine, token: TOKEN });
  cli = await startHttpCli(env);
});
afterAll(async () => {
  await cli?.stop();
  await host?.close();
  await engine?.close();
  home.cleanup();
});

const withToken = (extra: Record<string, string> = {}) => ({ ...MCP_POST_HEADERS, authorization: `Bearer ${TOKEN}`, ...extra });

describe('MCP over HTTP: who may talk to it', () => {
  it('without a bearer token, or with a wrong one, answers 401 and says where the token is', async () => {
    for (const target of [host.port, cli.port]) {
      const none = await rawRequest({ port: target, headers: MCP_POST_HEADERS, body: INITIALIZE_BODY });
      expect(none.status).toBe(401);
      expect(JSON.parse(none.body).error.message).toMatch(/bearer token.*PACS MCP app/i);
      const wrong = await rawRequest({ port: target, headers: { ...MCP_POST_HEADERS, authorization: `Bearer ${'0'.repeat(64)}` }, body: INITIALIZE_BODY });
      expect(wrong.status).toBe(401);
      const notBearer = await rawRequest({ port: target, headers: { ...MCP_POST_HEADERS, authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }, body: INITIALIZE_BODY });
      expect(notBearer.status).toBe(401);
    }
  });

  it('a foreign Origin gets 403 even with the right token (a web page cannot drive it)', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1.evil.example', 'null', 'file://', 'http://localhost.evil.example:8080']) {
      const res = await rawRequest({ port: host.port, headers: withToken({ origin }), body: INITIALIZE_BODY });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body).error.message).toMatch(/Origin not allowed/);
    }
    const cliRes = await rawRequest({ port: cli.port, headers: { ...MCP_POST_HEADERS, origin: 'https://evil.example' }, body: INITIALIZE_BODY });
    expect(cliRes.status).toBe(403);
  });

  it('a foreign Host header gets 403 even with the right token (DNS rebinding)', async () => {
    for (const hostHeader of [`evil.example:${host.port}`, `127.0.0.1.nip.io:${host.port}`, 'attacker.test', `10.0.0.1:${host.port}`]) {
      const res = await rawRequest({ port: host.port, headers: withToken({ host: hostHeader }), body: INITIALIZE_BODY });
      expect(res.status, hostHeader).toBe(403);
      expect(JSON.parse(res.body).error.message).toMatch(/Host not allowed/);
    }
    expect((await rawRequest({ port: cli.port, headers: { ...MCP_POST_HEADERS, host: 'evil.example' }, body: INITIALIZE_BODY })).status).toBe(403);
  });

  it('with the token and a loopback Origin, the SDK client works and every call is audited on channel http', async () => {
    const session = await connectHttp(host.url, TOKEN, 'http-transport-test', { origin: `http://127.0.0.1:${host.port}` });
    try {
      const { tools } = await session.client.listTools();
      expect(tools.map((t) => t.name)).toContain('query_sql');
      const result = await session.ok('query_sql', { sql: 'SELECT COUNT(*) AS n FROM property' });
      expect(result.rows).toEqual([{ n: 60 }]);
      const [row] = await engine.audit.recent(1, { action: 'query_sql' });
      expect(row).toMatchObject({ channel: 'http', client_name: 'http-transport-test', outcome: 'ok', row_count: 1 });
    } finally {
      await session.close();
    }
    const raw = await rawRequest({ port: host.port, headers: withToken({ origin: 'app://pacs-mcp' }), body: INITIALIZE_BODY });
    expect(raw.status).toBe(200);
  });

  it('a request inside an open session still needs the bearer token', async () => {
    const opened = await rawRequest({ port: host.port, headers: withToken(), body: INITIALIZE_BODY });
    expect(opened.status).toBe(200);
    const sessionId = opened.headers['mcp-session-id'];
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(host.sessions().map((s) => s.id)).toContain(sessionId);
    const listTools = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });
    const inSession = { ...MCP_POST_HEADERS, 'mcp-session-id': String(sessionId), 'mcp-protocol-version': '2025-06-18' };

    for (const authorization of [undefined, `Bearer ${'0'.repeat(64)}`, `Bearer ${TOKEN}x`, TOKEN]) {
      const headers = authorization === undefined ? inSession : { ...inSession, authorization };
      const refused = await rawRequest({ port: host.port, headers, body: listTools });
      expect(refused.status, String(authorization)).toBe(401);
      expect(refused.body).not.toContain('query_sql');
    }
    const withSessionAndToken = await rawRequest({ port: host.port, headers: { ...inSession, authorization: `Bearer ${TOKEN}` }, body: listTools });
    expect(withSessionAndToken.status).toBe(200);
    expect(withSessionAndToken.body).toContain('query_sql');
  });

  it('an unknown session id is refused and the host keeps serving', async () => {
    const res = await rawRequest({ port: host.port, headers: withToken({ 'mcp-session-id': crypto.randomUUID() }), body: INITIALIZE_BODY });
    expect(res.status).toBe(404);
    const other = await rawRequest({ port: host.port, path: '/', headers: withToken(), body: INITIALIZE_BODY });
    expect(other.status).toBe(404);
    const session = await connectHttp(host.url, TOKEN);
    expect((await session.ok('list_connections')).connections.length).toBeGreaterThan(0);
    await session.close();
  });
});

describe('MCP over HTTP: where it listens', () => {
  it('`pacs-mcp serve --http` listens on 127.0.0.1 only: every listening socket of the process is loopback', () => {
    const sockets = listeningSockets(cli.pid);
    expect(sockets).toContainEqual({ family: 4, address: '127.0.0.1', port: cli.port });
    for (const s of sockets) expect(s.address, JSON.stringify(s)).toBe('127.0.0.1');
  });

  it('the in-process host (the desktop app) listens on 127.0.0.1 only', () => {
    const mine = listeningSockets(process.pid).filter((s) => s.port === host.port);
    expect(mine).toEqual([{ family: 4, address: '127.0.0.1', port: host.port }]);
  });

  it('is unreachable through this machine’s other addresses', async () => {
    const external = Object.values(os.networkInterfaces()).flat().filter((a) => a && !a.internal && a.family === 'IPv4').map((a) => a!.address);
    if (external.length === 0) recordNotRun({ suite: 'http host unreachable from other addresses', why: 'no non-loopback IPv4 address; the socket check still covers it' });
    for (const address of external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port: cli.port, timeout: 3_000 });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
        socket.once('timeout', () => {
          socket.destroy();
          resolve('timeout');
        });
      });
      expect(outcome, address).not.toBe('connected');
    }
  });
});

describe.runIf(keychainAvailable('serve --http with the keychain'))('serve --http with the OS keychain', () => {
  it('creates its bearer token in the keychain only; a client holding it gets in, and the token is nowhere in the data dir', async () => {
    const keyHome = makeTempHome();
    const service = `PACS MCP http test ${crypto.randomUUID()}`;
    const keyEnv = serverEnv(keyHome.dir, { PACS_MCP_SECRETS: 'keychain', PACS_MCP_KEYCHAIN_SERVICE: service, PACS_MCP_DEMO_SIZE: '20' });
    const server = await startHttpCli(keyEnv);
    const store = createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service });
    try {
      const token = await store.get(secretAccount.install('http-bearer-token'));
      expect(token).toMatch(/^[0-9a-f]{64}$/);
      const session = await connectHttp(server.url, token!);
      expect((await session.ok('query_sql', { sql: 'SELECT 1 AS one' })).rows).toEqual([{ one: 1 }]);
      await session.close();
      expect(server.stderr()).not.toContain(token!);
      for (const entry of fs.readdirSync(keyHome.dir, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) expect(fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(Buffer.from(token!)), entry.name).toBe(false);
      }
    } finally {
      await server.stop();
      await store.delete(secretAccount.install('http-bearer-token'));
      keyHome.cleanup();
    }
  });
});
