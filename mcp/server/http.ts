import { randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { secretAccount } from '../credentials/credentials.js';
import { Engine } from '../engine.js';
import { toolsetChoiceFromEnv } from '../tools/index.js';
import { unknownToolsetsWarning, type ToolsetChoice } from '../toolsets.js';
import { logError, logInfo } from '../util/log.js';
import { createMcpServer } from './create-server.js';
import { isAllowedHost, isAllowedOrigin } from './http-guards.js';
import { MAX_MESSAGE_BYTES } from '../util/message-limits.js';

export interface HttpHostOptions {
  port?: number;
  engine?: Engine;
  /** The bearer token; by default read from (or created in) the keychain. */
  token?: string;
  log?: (line: string) => void;
  /** The toolsets its sessions list (default: PACS_MCP_TOOLSETS of this process). */
  toolsets?: ToolsetChoice;
}

export interface HttpHost {
  url: string;
  port: number;
  close(): Promise<void>;
  sessions(): { id: string; client?: string }[];
}

const HTTP_TOKEN_ACCOUNT = secretAccount.install('http-bearer-token');

/** The bearer token clients must send; created once and kept only in the keychain. */
export async function httpBearerToken(engine: Engine): Promise<string> {
  const existing = await engine.secrets.get(HTTP_TOKEN_ACCOUNT);
  if (existing) return existing;
  const token = randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '');
  await engine.secrets.set(HTTP_TOKEN_ACCOUNT, token);
  return token;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = header?.startsWith('Bearer ') ? header.slice(7) : '';
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * MCP over streamable HTTP on 127.0.0.1 only. Every request needs the bearer token (401) and,
 * when a browser sends an Origin or Host, it must be a loopback one (403) — the defence against
 * DNS rebinding from web pages. One MCP session per client, all sharing the engine.
 */
export async function startHttpHost(options: HttpHostOptions = {}): Promise<HttpHost> {
  const engine = options.engine ?? (await Engine.open({ channel: 'http' }));
  const token = options.token ?? (await httpBearerToken(engine));
  const toolsets = options.toolsets ?? toolsetChoiceFromEnv();
  const warning = unknownToolsetsWarning(toolsets);
  if (warning) (options.log ?? logInfo)(warning);
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; client: () => string | undefined }>();

  const server = http.createServer(async (req, res) => {
    const reject = (status: number, message: string) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
    };
    try {
      if (!isAllowedHost(req.headers.host)) return reject(403, 'Host not allowed: this server answers only on 127.0.0.1 / localhost.');
      if (!isAllowedOrigin(req.headers.origin)) return reject(403, 'Origin not allowed.');
      if (!tokenMatches(req.headers.authorization, token)) return reject(401, 'Missing or wrong bearer token. The token is shown in the PACS MCP app (MCP & Claude Desktop screen).');
      if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/mcp') return reject(404, 'The MCP endpoint is /mcp.');

      const sessionId = req.headers['mcp-session-id'];
      const existing = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
      if (existing) return await existing.transport.handleRequest(req, res);
      if (sessionId) return reject(404, 'Unknown or expired MCP session: initialize again.');
      if (req.method !== 'POST') return reject(400, 'Start a session with an initialize POST.');

      const mcp = createMcpServer(Promise.resolve(engine), 'http', toolsets);
      const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        // The same message limit as stdio, so file_content's advertised limit holds on both.
        maxRequestBodySize: MAX_MESSAGE_BYTES,
        onsessioninitialized: (id) => {
          // The client's name is known only once initialize has been handled, so read it when asked.
          sessions.set(id, { transport, client: () => mcp.server.getClientVersion()?.name });
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await mcp.connect(transport);
      await transport.handleRequest(req, res);
    } catch (err) {
      logError('HTTP request failed', err);
      if (!res.headersSent) reject(500, 'Internal error; see the PACS MCP log.');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/mcp`;
  options.log?.(`PACS MCP listening on ${url} (bearer token required)`);
  return {
    url,
    port,
    sessions: () => [...sessions.entries()].map(([id, s]) => ({ id, client: s.client() })),
    close: async () => {
      await Promise.all([...sessions.values()].map((s) => s.transport.close().catch(() => undefined)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      if (!options.engine) await engine.close();
    },
  };
}

/** `pacs-mcp serve --http`: runs until SIGINT/SIGTERM. */
export async function serveHttp(options: { port: number; log: (line: string) => void }): Promise<void> {
  const host = await startHttpHost(options);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
}
