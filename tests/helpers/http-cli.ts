import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import { CLI } from './paths.js';

export interface HttpCliServer {
  url: string;
  port: number;
  pid: number;
  stderr(): string;
  /** SIGTERM, then wait for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the built `pacs-mcp serve --http` and waits for the line that says where it listens. */
export function startHttpCli(env: Record<string, string>, extraArgs: string[] = []): Promise<HttpCliServer> {
  return new Promise((resolve, reject) => {
    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, 'serve', '--http', ...extraArgs], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve --http did not report its address within 60 s: ${stderr}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve --http exited (${code}) before listening: ${stderr}`));
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+)\/mcp)/.exec(stderr);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        url: m[1],
        port: Number(m[2]),
        pid: child.pid!,
        stderr: () => stderr,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with exactly the headers given (Host and Origin included), no client library in the way. */
export function rawRequest(options: { host?: string; port: number; path?: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: options.host ?? '127.0.0.1', port: options.port, path: options.path ?? '/mcp', method: options.method ?? 'POST', headers: options.headers ?? {}, timeout: 15_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.end(options.body ?? '');
  });
}

export const INITIALIZE_BODY = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-http-test', version: '1.0.0' } },
});

export const MCP_POST_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
