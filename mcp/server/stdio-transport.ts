import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { logError } from '../util/log.js';

/** The largest single message accepted (an inline uploaded file fits; a runaway client does not). */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

/**
 * MCP over stdio: one JSON-RPC message per line. Unlike the SDK's StdioServerTransport, a bad
 * message never ends the session: invalid JSON is answered with a JSON-RPC parse error, a
 * message that is not JSON-RPC with "Invalid Request", and an oversized line is skipped as it
 * streams in (never buffered whole) and answered with "Invalid Request" — the server stays up.
 */
export class StdioLineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;

  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes of the current line when it is over the limit and being skipped. */
  private skipping: number | undefined;
  private started = false;

  constructor(
    private readonly stdin: NodeJS.ReadableStream = process.stdin,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly maxMessageBytes = MAX_MESSAGE_BYTES,
  ) {}

  async start(): Promise<void> {
    if (this.started) throw new Error('StdioLineTransport already started');
    this.started = true;
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStreamError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStreamError);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.chunks = [];
    this.size = 0;
    this.onclose?.();
  }

  private readonly onStreamError = (error: Error) => this.onerror?.(error);

  private readonly onData = (chunk: Buffer | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
      this.append(data.subarray(start, nl));
      this.endOfLine();
      start = nl + 1;
    }
    this.append(data.subarray(start));
  };

  private append(part: Buffer): void {
    if (part.length === 0) return;
    if (this.skipping !== undefined) {
      this.skipping += part.length;
      return;
    }
    if (this.size + part.length > this.maxMessageBytes) {
      this.skipping = this.size + part.length;
      this.chunks = [];
      this.size = 0;
      return;
    }
    this.chunks.push(part);
    this.size += part.length;
  }

  private endOfLine(): void {
    if (this.skipping !== undefined) {
      const bytes = this.skipping;
      this.skipping = undefined;
      this.reject(null, ErrorCode.InvalidRequest, `Message too large: ${bytes} bytes, the limit is ${this.maxMessageBytes}. Pass large content as a file path instead.`);
      return;
    }
    const line = Buffer.concat(this.chunks, this.size).toString('utf8').replace(/\r$/, '');
    this.chunks = [];
    this.size = 0;
    if (line.trim() === '') return;

    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      this.reject(null, ErrorCode.ParseError, `Parse error: the message is not valid JSON (${(err as Error).message}).`);
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(json);
    if (!parsed.success) {
      const why = Array.isArray(json) ? 'JSON-RPC batches are not supported by MCP; send one message per line' : 'the message is not a JSON-RPC 2.0 request, notification or response';
      this.reject(idOf(json), ErrorCode.InvalidRequest, `Invalid Request: ${why}.`);
      return;
    }
    this.onmessage?.(parsed.data);
  }

  private reject(id: string | number | null, code: number, message: string): void {
    logError(`rejected a message from the MCP client: ${message}`);
    // JSON-RPC 2.0 requires an id; null when it could not be read from the message.
    void this.send({ jsonrpc: '2.0', id, error: { code, message } } as unknown as JSONRPCMessage);
  }
}

function idOf(json: unknown): string | number | null {
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const id = (json as { id?: unknown }).id;
    if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) return id;
  }
  return null;
}
