import type { Engine } from '../../mcp/engine.js';
import { httpBearerToken, startHttpHost, type HttpHost } from '../../mcp/server/http.js';
import { logError, logInfo } from '../../mcp/util/log.js';

const PORT_SETTING = 'mcp_http_port';

/**
 * The app's local MCP server: streamable HTTP on 127.0.0.1 with the keychain bearer token and
 * Origin/Host checks (mcp/server/http.ts). It keeps the port it got the first time, so a client
 * configured once keeps working; if that port is taken it takes another and remembers it.
 */
export class McpHostController {
  private host: HttpHost | null = null;
  private startedAt: string | null = null;
  private lastError: string | null = null;
  private transition: Promise<void> = Promise.resolve();

  constructor(private readonly engine: Engine, private readonly options: { port?: number } = {}) {}

  start(): Promise<void> {
    return this.serially(async () => {
      if (this.host) return;
      const remembered = await this.rememberedPort();
      const preferred = this.options.port ?? remembered ?? 0;
      try {
        this.host = await this.listen(preferred).catch((err: NodeJS.ErrnoException) => {
          if (err.code === 'EADDRINUSE' && preferred !== 0 && this.options.port === undefined) return this.listen(0);
          throw err;
        });
        this.startedAt = new Date().toISOString();
        this.lastError = null;
        if (this.host.port !== remembered && this.options.port === undefined) {
          await this.engine.store.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [PORT_SETTING, String(this.host.port)]);
        }
      } catch (err) {
        this.lastError = `The local MCP server could not start: ${(err as Error).message}`;
        logError('MCP HTTP host failed to start', err);
      }
    });
  }

  stop(): Promise<void> {
    return this.serially(async () => {
      const host = this.host;
      this.host = null;
      this.startedAt = null;
      if (host) await host.close();
    });
  }

  status() {
    return {
      running: this.host !== null,
      url: this.host?.url ?? null,
      port: this.host?.port ?? null,
      started_at: this.startedAt,
      error: this.lastError,
      clients: (this.host?.sessions() ?? []).map((s) => ({ session_id: s.id, client: s.client ?? null })),
    };
  }

  token(): Promise<string> {
    return httpBearerToken(this.engine);
  }

  private listen(port: number): Promise<HttpHost> {
    return startHttpHost({ engine: this.engine, port, log: logInfo });
  }

  private async rememberedPort(): Promise<number | undefined> {
    const row = await this.engine.store.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [PORT_SETTING]);
    const port = Number(row?.value);
    return Number.isInteger(port) && port > 0 && port < 65_536 ? port : undefined;
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.transition.then(work, work);
    this.transition = next.catch(() => undefined);
    return next;
  }
}
