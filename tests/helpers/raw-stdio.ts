import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { CLI } from './paths.js';

export interface JsonRpcReply {
  jsonrpc: string;
  id: string | number | null;
  result?: any;
  error?: { code: number; message: string };
}

/**
 * The built server over stdio with no client library in the way: the test writes any bytes it
 * likes and reads every line the server answers, to prove malformed input gets errors.
 */
export class RawStdioServer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly replies: JsonRpcReply[] = [];
  /** stdout lines that were not JSON: each one is a protocol violation. */
  readonly badLines: string[] = [];
  /** Every byte the server wrote to stdout, as it arrived. */
  readonly stdoutBytes: Buffer[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  private stderrText = '';
  private waiters: { match: (r: JsonRpcReply) => boolean; resolve: (r: JsonRpcReply) => void }[] = [];
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.stdoutBytes.push(chunk);
      this.onData(this.decoder.write(chunk));
    });
    this.child.stderr.on('data', (d) => (this.stderrText += d));
    this.child.stdin.on('error', () => undefined);
    this.child.on('exit', (code, signal) => (this.exit = { code, signal }));
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Writes raw bytes (a newline is not added). */
  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.stdin.write(data)) resolve();
      else this.child.stdin.once('drain', resolve);
    });
  }

  /** The next reply (after those already read) that matches, or a timeout error. */
  next(match: (r: JsonRpcReply) => boolean, timeoutMs = 30_000): Promise<JsonRpcReply> {
    const found = this.replies.findIndex(match);
    if (found >= 0) return Promise.resolve(this.replies.splice(found, 1)[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching reply within ${timeoutMs} ms; server ${this.exit ? `exited ${JSON.stringify(this.exit)}` : 'running'}; stderr: ${this.stderrText.slice(-1_500)}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  /** Sends one message as a line and waits for the reply with its id. */
  async request(message: { id: string | number; [k: string]: unknown }, timeoutMs?: number): Promise<JsonRpcReply> {
    await this.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
    return this.next((r) => r.id === message.id, timeoutMs);
  }

  async initialize(): Promise<void> {
    const reply = await this.request({ id: 'init', method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-hostile-client', version: '1.0.0' } } });
    if (reply.error) throw new Error(`initialize failed: ${reply.error.message}`);
    await this.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  }

  /** Ends stdin and resolves once the process has exited and its stdout is fully read. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.stdout.closed && this.exit) return resolve();
      this.child.once('close', () => resolve());
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
      let reply: JsonRpcReply;
      try {
        reply = JSON.parse(line) as JsonRpcReply;
      } catch {
        this.badLines.push(line.slice(0, 200));
        continue;
      }
      const waiter = this.waiters.findIndex((w) => w.match(reply));
      if (waiter >= 0) this.waiters.splice(waiter, 1)[0].resolve(reply);
      else this.replies.push(reply);
    }
  }
}
