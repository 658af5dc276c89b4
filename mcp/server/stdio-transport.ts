import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { logError } from '../util/log.js';
import { MAX_MESSAGE_BYTES } from '../util/message-limits.js';

export { MAX_MESSAGE_BYTES };

/** How much of the start and end of an oversized line is kept, to find the request's id. */
const ID_WINDOW = 512;
/** Bytes per write to stdout: a large answer is written piece by piece, waiting for the pipe to drain. */
const WRITE_CHUNK = 256 * 1024;

/**
 * MCP over stdio: one JSON-RPC message per line. Unlike the SDK's StdioServerTransport, a bad
 * message never ends the session: invalid JSON is answered with a JSON-RPC parse error, a
 * message that is not JSON-RPC with "Invalid Request", and an oversized line is skipped as it
 * streams in (never buffered whole) and answered with "Invalid Request" carrying the id read from
 * the line's start or end, so the caller's request resolves — the server stays up.
 *
 * Answers go out one at a time, in pieces, each waiting for stdout to drain: a large answer
 * never lands on the pipe in one write (which fails with ENOBUFS), and answers never interleave.
 * An answer larger than a message may be is replaced by an error for the same request.
 */
export class StdioLineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;

  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes of the current line when it is over the limit and being skipped. */
  private skipping: number | undefined;
  /** The first and the last bytes of a line being skipped. */
  private skippedHead = Buffer.alloc(0);
  private skippedTail = Buffer.alloc(0);
  private started = false;
  private writing: Promise<void> = Promise.resolve();
  private stdoutBroken = false;

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
    this.stdout.on('error', this.onStdoutError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    let line = `${JSON.stringify(message)}\n`;
    if (Buffer.byteLength(line) > this.maxMessageBytes) {
      const id = (message as { id?: string | number }).id;
      logError(`an answer of ${Buffer.byteLength(line)} bytes is over the message limit; sent as an error instead`);
      line = `${JSON.stringify({
        jsonrpc: '2.0',
        id: id ?? null,
        error: { code: ErrorCode.InternalError, message: `The answer was larger than the ${this.maxMessageBytes / 1024 ** 2} MiB a message may carry. Ask for less (fewer rows or columns).` },
      })}\n`;
    }
    const sent = this.writing.then(() => this.writeInPieces(Buffer.from(line)));
    this.writing = sent.catch(() => undefined);
    return sent;
  }

  private async writeInPieces(bytes: Buffer): Promise<void> {
    for (let offset = 0; offset < bytes.length && !this.stdoutBroken; offset += WRITE_CHUNK) {
      const piece = bytes.subarray(offset, offset + WRITE_CHUNK);
      if (!this.stdout.write(piece)) await new Promise<void>((resolve) => this.waitForDrain(resolve));
    }
  }

  private waitForDrain(resolve: () => void): void {
    const done = () => {
      this.stdout.off('drain', done);
      this.stdout.off('close', done);
      this.stdout.off('error', done);
      resolve();
    };
    this.stdout.once('drain', done);
    this.stdout.once('close', done);
    this.stdout.once('error', done);
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

  /** The client closed its end: nothing more can be written, and the session is over. */
  private readonly onStdoutError = (error: Error) => {
    if (this.stdoutBroken) return;
    this.stdoutBroken = true;
    this.onerror?.(error);
    void this.close();
  };

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
      this.keepTail(part);
      return;
    }
    if (this.size + part.length > this.maxMessageBytes) {
      this.skipping = this.size + part.length;
      const start = Buffer.concat([...this.chunks, part.subarray(0, ID_WINDOW)]);
      this.skippedHead = Buffer.from(start.subarray(0, ID_WINDOW));
      this.skippedTail = Buffer.alloc(0);
      this.keepTail(part);
      this.chunks = [];
      this.size = 0;
      return;
    }
    this.chunks.push(part);
    this.size += part.length;
  }

  private keepTail(part: Buffer): void {
    const joined = Buffer.concat([this.skippedTail, part.subarray(Math.max(0, part.length - ID_WINDOW))]);
    this.skippedTail = Buffer.from(joined.subarray(Math.max(0, joined.length - ID_WINDOW)));
  }

  private endOfLine(): void {
    if (this.skipping !== undefined) {
      const bytes = this.skipping;
      this.skipping = undefined;
      const id = idOfOversizedLine(this.skippedHead.toString('utf8'), this.skippedTail.toString('utf8'));
      this.skippedHead = Buffer.alloc(0);
      this.skippedTail = Buffer.alloc(0);
      this.reject(
        id,
        ErrorCode.InvalidRequest,
        `Message too large: ${bytes} bytes, the limit is ${this.maxMessageBytes}. Put large files in an import folder and pass file_path instead of file_content.`,
      );
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

const ID_VALUE = String.raw`("(?:[^"\\]|\\.){0,200}"|-?\d{1,20})`;
/** `{"jsonrpc":"2.0","id":7,…` — the id as the first or second member of the message. */
const ID_AT_START = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${ID_VALUE}\s*[,}]`);
/** `…,"jsonrpc":"2.0","id":7}` — the id as the message's last member (how the MCP SDK writes requests). */
const ID_AT_END = new RegExp(String.raw`[,{]\s*"id"\s*:\s*${ID_VALUE}\s*\}\s*$`);

/**
 * The id of a request too large to parse, read from its first or last bytes. The end pattern
 * needs the id right before the message's final brace, so an "id" inside the parameters (which
 * would be followed by more closing braces) is never taken for it.
 */
export function idOfOversizedLine(head: string, tail: string): string | number | null {
  const match = ID_AT_START.exec(head) ?? ID_AT_END.exec(tail.replace(/\r$/, ''));
  if (!match) return null;
  try {
    const id = JSON.parse(match[1]) as unknown;
    return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
  } catch {
    return null;
  }
}

function idOf(json: unknown): string | number | null {
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const id = (json as { id?: unknown }).id;
    if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) return id;
  }
  return null;
}
