import http from 'node:http';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { AUDIT_CALLS } from '../../mcp/audit/audit-calls.js';
import { Engine } from '../../mcp/engine.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { httpBearerToken, startHttpHost, type HttpHost } from '../../mcp/server/http.js';
import { parseToolsets } from '../../mcp/toolsets.js';
import { csvText, EXEMPTION_HEADER, exemptionRow } from '../helpers/import-fixtures.js';
import { makeTempHome } from '../helpers/temp-home.js';

/**
 * The HTTP host in this process (the same code `pacs-mcp serve --http` runs): every request is
 * checked for Host, Origin and the bearer token before anything else, inside a session too.
 */

const TOKEN = 'a'.repeat(64);

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw request, with full control over Host, Origin and Authorization. */
function send(host: HttpHost, options: { method?: string; path?: string; headers?: Record<string, string>; body?: unknown }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'POST',
        path: options.path ?? '/mcp',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
  });
}

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'host-test-client', version: '1.0' } } };
const toolsList = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} };
const bearer = { authorization: `Bearer ${TOKEN}` };

async function withHost(test: (host: HttpHost, engine: Engine) => Promise<void>): Promise<void> {
  const home = makeTempHome('pacs-http-host-');
  const engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory' }, initDemo: false });
  const lines: string[] = [];
  const host = await startHttpHost({ engine, token: TOKEN, log: (line) => lines.push(line) });
  try {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/mcp`);
    expect(lines).toEqual([`PACS MCP listening on ${host.url} (bearer token required)`]);
    await test(host, engine);
  } finally {
    await host.close();
    await engine.close();
    home.cleanup();
  }
}

function expectRefusal(reply: Reply, status: number, message: string | RegExp): void {
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toBe('application/json');
  const body = JSON.parse(reply.body);
  expect(body).toEqual({ jsonrpc: '2.0', error: { code: -32000, message: expect.any(String) }, id: null });
  expect(body.error.message).toMatch(message);
}

describe('the HTTP host refuses before it reads a request', () => {
  it('without the bearer token, or with any other', () =>
    withHost(async (host) => {
      for (const authorization of [undefined, '', TOKEN, `Basic ${TOKEN}`, `bearer ${TOKEN}`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Bearer ${'b'.repeat(64)}`, `x Bearer ${TOKEN}`]) {
        const reply = await send(host, { headers: authorization === undefined ? {} : { authorization }, body: initialize });
        expectRefusal(reply, 401, 'Missing or wrong bearer token. The token is shown in the PACS MCP app (MCP & Claude Desktop screen).');
      }
    }));

  it('from a host name that is not loopback, or a web page elsewhere, even with the token', () =>
    withHost(async (host) => {
      expectRefusal(await send(host, { headers: { ...bearer, host: 'evil.example' }, body: initialize }), 403, 'Host not allowed: this server answers only on 127.0.0.1 / localhost.');
      expectRefusal(await send(host, { headers: { ...bearer, origin: 'https://evil.example' }, body: initialize }), 403, 'Origin not allowed.');
    }));

  it('anywhere but /mcp, and anything but a POST to start a session', () =>
    withHost(async (host) => {
      expectRefusal(await send(host, { path: '/other', headers: bearer, body: initialize }), 404, 'The MCP endpoint is /mcp.');
      expectRefusal(await send(host, { method: 'GET', headers: bearer }), 400, 'Start a session with an initialize POST.');
      expectRefusal(await send(host, { headers: { ...bearer, 'mcp-session-id': 'no-such-session' }, body: toolsList }), 404, 'Unknown or expired MCP session: initialize again.');
    }));
});

describe('inside a session', () => {
  it('every request still needs the token; with it, the session answers and knows its client', () =>
    withHost(async (host, engine) => {
      const started = await send(host, { path: '/mcp?x=1', headers: bearer, body: initialize });
      expect(started.status).toBe(200);
      const sessionId = started.headers['mcp-session-id'] as string;
      expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(host.sessions()).toEqual([{ id: sessionId, client: 'host-test-client' }]);

      expectRefusal(await send(host, { headers: { 'mcp-session-id': sessionId }, body: toolsList }), 401, /bearer token/);
      expectRefusal(await send(host, { headers: { authorization: 'Bearer wrong', 'mcp-session-id': sessionId }, body: toolsList }), 401, /bearer token/);
      expectRefusal(await send(host, { headers: { ...bearer, host: 'evil.example', 'mcp-session-id': sessionId }, body: toolsList }), 403, /^Host not allowed/);
      expectRefusal(await send(host, { headers: { ...bearer, origin: 'https://evil.example', 'mcp-session-id': sessionId }, body: toolsList }), 403, 'Origin not allowed.');

      const listed = await send(host, { headers: { ...bearer, 'mcp-session-id': sessionId }, body: toolsList });
      expect(listed.status).toBe(200);
      expect(listed.body).toContain('query_sql');
      const called = await send(host, { headers: { ...bearer, 'mcp-session-id': sessionId }, body: { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'list_connections', arguments: {} } } });
      expect(called.status).toBe(200);
      expect(await engine.store.all(`SELECT channel, client_name, outcome FROM ${AUDIT_CALLS} WHERE action = 'list_connections'`)).toEqual([{ channel: 'http', client_name: 'host-test-client', outcome: 'ok' }]);

      // A second client gets a session of its own.
      const other = await send(host, { headers: bearer, body: initialize });
      expect(other.headers['mcp-session-id']).not.toBe(sessionId);
      expect(host.sessions().map((s) => s.id).sort()).toEqual([sessionId, other.headers['mcp-session-id']].sort());

      // Ending a session forgets it.
      const ended = await send(host, { method: 'DELETE', headers: { ...bearer, 'mcp-session-id': sessionId } });
      expect(ended.status).toBe(200);
      expect(host.sessions().map((s) => s.id)).toEqual([other.headers['mcp-session-id']]);
      expectRefusal(await send(host, { headers: { ...bearer, 'mcp-session-id': sessionId }, body: toolsList }), 404, /Unknown or expired MCP session/);
    }));

  it('closing the host leaves an engine it was given open', () =>
    withHost(async (host, engine) => {
      await send(host, { headers: bearer, body: initialize });
      expect(await engine.store.get<{ n: number }>('SELECT 1 AS n')).toEqual({ n: 1 });
    }));
});

describe('a host given no engine', () => {
  it('opens the one of its data dir, as the HTTP channel: work a crashed process left is cleaned up in its name', async () => {
    const home = makeTempHome('pacs-http-own-');
    const env = { PACS_MCP_HOME: home.dir, PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: '60' };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    try {
      // An import batch whose worker died mid-validation (this pid, another process's start time).
      const before = await Engine.open({ dataDir: home.dir, env, initDemo: false });
      const batch = await before.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, [exemptionRow({ prop: 10001, owner: 1, code: 'HS' })]), file_name: 'one.csv' }, actorFor('cli'));
      await before.store.run("UPDATE import_batches SET worker_pid = ?, worker_host = ?, worker_started = 'linux:1', worker_token = 'gone', worker_task = 'validate', worker_heartbeat_at = ? WHERE batch_key = ?", [
        process.pid, os.hostname(), new Date().toISOString(), batch.batch_key,
      ]);
      await before.close();

      Object.assign(process.env, env);
      const host = await startHttpHost({ token: TOKEN, log: () => undefined });
      try {
        const started = await send(host, { headers: bearer, body: initialize });
        expect(started.status).toBe(200);
      } finally {
        await host.close();
      }
      const after = await Engine.open({ dataDir: home.dir, env, initDemo: false });
      try {
        expect(await after.store.all("SELECT channel, action FROM audit_log WHERE action = 'import.recover'")).toEqual([{ channel: 'http', action: 'import.recover' }]);
        expect((await after.imports.get(batch.batch_id)).worker_pid).toBeNull();
      } finally {
        await after.close();
      }
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      home.cleanup();
    }
  }, 60_000);
});

describe('the toolsets a host lists', () => {
  it('a name that is no toolset is told in its log before it listens', async () => {
    const home = makeTempHome('pacs-http-toolsets-');
    const engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory' }, initDemo: false });
    const lines: string[] = [];
    const host = await startHttpHost({ engine, token: TOKEN, toolsets: parseToolsets('core,nosuch'), log: (line) => lines.push(line) });
    try {
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^PACS_MCP_TOOLSETS names a toolset that does not exist: "nosuch"\./);
      expect(lines[1]).toBe(`PACS MCP listening on ${host.url} (bearer token required)`);
    } finally {
      await host.close();
      await engine.close();
      home.cleanup();
    }
  });
});

describe('the bearer token', () => {
  it('is made once, 64 hex characters, and kept in the secret store', async () => {
    const home = makeTempHome('pacs-http-token-');
    const engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory' }, initDemo: false });
    try {
      const first = await httpBearerToken(engine);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(await httpBearerToken(engine)).toBe(first);
      // Under the keychain account a person finds it by, and the app and `serve --http` read.
      expect(await engine.secrets.get('install:http-bearer-token')).toBe(first);
    } finally {
      await engine.close();
      home.cleanup();
    }
  });
});
