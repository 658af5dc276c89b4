import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * A bare line-delimited JSON-RPC peer over a child's stdio, with no SDK in the way: for timing
 * a server's startup handshake from the moment of spawn.
 */
export class JsonRpcLines {
  readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (msg: any) => void; reject: (err: Error) => void }>();
  private stderrText = '';

  constructor(command: string, args: string[], env: Record<string, string>) {
    this.child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.onData(chunk));
    this.child.stderr.on('data', (d) => (this.stderrText += d));
    this.child.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`server exited (${code}) before answering: ${this.stderrText.slice(-1_000)}`));
      this.pending.clear();
    });
  }

  request(method: string, params: Record<string, unknown> = {}): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  }

  notify(method: string, params: Record<string, unknown> = {}): void {
    this.child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method, params })}\n`);
  }

  /** Ends stdin and waits for the process to exit. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.stdin.end();
      setTimeout(() => this.child.kill('SIGKILL'), 10_000).unref();
    });
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      if (!line.trim()) continue;
      const msg = JSON.parse(line);
      const waiter = typeof msg.id === 'number' ? this.pending.get(msg.id) : undefined;
      if (!waiter) continue;
      this.pending.delete(msg.id);
      if (msg.error) waiter.reject(new Error(`${msg.error.code}: ${msg.error.message}`));
      else waiter.resolve(msg.result);
    }
  }
}

export const MCP_PROTOCOL_VERSION = '2025-06-18';

/** Spawn → initialize → initialized → tools/list; returns the milliseconds from spawn to the tools/list answer. */
export async function timeColdStart(command: string, args: string[], env: Record<string, string>): Promise<{ ms: number; tools: number }> {
  const started = performance.now();
  const peer = new JsonRpcLines(command, args, env);
  try {
    await peer.request('initialize', { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'pacs-bench', version: '1.0.0' } });
    peer.notify('notifications/initialized');
    const listed = await peer.request('tools/list');
    return { ms: performance.now() - started, tools: listed.tools.length };
  } finally {
    await peer.close();
  }
}
