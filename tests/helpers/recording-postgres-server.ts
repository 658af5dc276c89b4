import net from 'node:net';

/**
 * A stand-in PostgreSQL server that accepts any login (without TLS or password) and records what
 * the real driver (pg, and pg-cursor for streams) sends it on the extended protocol: Parse, Bind,
 * Describe, Execute, Close, Sync, simple queries and CopyFail. It answers each statement as PostgreSQL does when the statement
 * returns no rows (the command tag of its first word), and executes a row limit the way
 * PostgreSQL does (PortalSuspended when rows remain), unless the test's `answer` gives rows, an
 * error, a COPY FROM STDIN that waits for its data, or no answer at all. After an error it skips
 * every message up to the next Sync, as PostgreSQL does. Cancel requests are recorded and
 * otherwise ignored.
 */

export type RecordedMessage =
  | { kind: 'parse'; text: string }
  | { kind: 'bind'; values: (string | null)[] }
  | { kind: 'describe'; target: 'P' | 'S'; name: string }
  | { kind: 'execute'; portal: string; rows: number }
  | { kind: 'close'; target: 'P' | 'S'; name: string }
  | { kind: 'sync' }
  | { kind: 'query'; text: string }
  | { kind: 'copy-fail'; message: string };

export type StatementAnswer =
  /** Text columns and their rows. `ignoreRowLimit` sends every row whatever Execute's limit. */
  | { columns: string[]; rows: (string | null)[][]; ignoreRowLimit?: boolean }
  /** An ErrorResponse. */
  | { error: string; code?: string }
  /** CopyInResponse, then waiting for CopyData / CopyDone / CopyFail; other messages wait behind it. */
  | 'copy-in'
  /** No reply to this statement's Execute (nor to its Describe). */
  | 'unanswered';

export interface RecordingPostgresServer {
  port: number;
  /** Every message after the startup, in the order received, on every connection. */
  messages(): RecordedMessage[];
  /** TCP connections that logged in (cancel requests are not counted). */
  logins(): number;
  cancelRequests(): number;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const TEXT_OID = 25;

function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

const cstring = (text: string) => Buffer.from(`${text}\0`, 'utf8');
const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n, 0);
  return b;
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n, 0);
  return b;
};

const readyForQuery = () => message('Z', Buffer.from('I'));
const commandComplete = (tag: string) => message('C', cstring(tag));
const errorResponse = (code: string, text: string) => message('E', Buffer.concat([cstring('SERROR'), cstring('VERROR'), cstring(`C${code}`), cstring(`M${text}`), Buffer.from([0])]));
const rowDescription = (columns: string[]) =>
  message('T', Buffer.concat([int16(columns.length), ...columns.map((name) => Buffer.concat([cstring(name), int32(0), int16(0), int32(TEXT_OID), int16(-1), int32(-1), int16(0)]))]));
const dataRow = (values: (string | null)[]) =>
  message('D', Buffer.concat([int16(values.length), ...values.map((v) => (v === null ? int32(-1) : Buffer.concat([int32(Buffer.byteLength(v)), Buffer.from(v, 'utf8')])))]));

/** The tag PostgreSQL gives a statement that returned no rows. */
function tagOf(text: string): string {
  const word = text.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
  if (word === '') return '';
  return word === 'SELECT' ? 'SELECT 0' : word;
}

class Reader {
  private offset = 0;
  constructor(private readonly body: Buffer) {}
  cstring(): string {
    const end = this.body.indexOf(0, this.offset);
    const text = this.body.toString('utf8', this.offset, end);
    this.offset = end + 1;
    return text;
  }
  int16(): number {
    const n = this.body.readInt16BE(this.offset);
    this.offset += 2;
    return n;
  }
  int32(): number {
    const n = this.body.readInt32BE(this.offset);
    this.offset += 4;
    return n;
  }
  byte(): string {
    return String.fromCharCode(this.body[this.offset++]);
  }
  bytes(n: number): string {
    const text = this.body.toString('utf8', this.offset, this.offset + n);
    this.offset += n;
    return text;
  }
}

/** How a statement came: in a Parse (the extended protocol) or as a simple Query. */
export type Protocol = 'extended' | 'simple';

export async function startRecordingPostgresServer(answer: (text: string, protocol: Protocol) => StatementAnswer | undefined = () => undefined): Promise<RecordingPostgresServer> {
  const sockets = new Set<net.Socket>();
  const recorded: RecordedMessage[] = [];
  let logins = 0;
  let cancels = 0;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    let started = false;
    // The unnamed statement, and the statement of each portal bound from it (pg-cursor names its portal).
    let text = '';
    const portals = new Map<string, string>();
    let skipping = false;
    let copying = false;
    const held: { type: string; body: Buffer }[] = [];
    const sent = new Map<string, number>();

    const fail = (err: Extract<StatementAnswer, { error: string }>) => {
      socket.write(errorResponse(err.code ?? 'XX000', err.error));
      skipping = true;
    };

    const handle = (type: string, body: Buffer): void => {
      const r = new Reader(body);
      if (copying) {
        if (type === 'f') {
          const reason = r.cstring();
          recorded.push({ kind: 'copy-fail', message: reason });
          copying = false;
          socket.write(errorResponse('57014', `COPY from stdin failed: ${reason}`));
          skipping = true;
        } else if (type === 'c') {
          copying = false;
          socket.write(commandComplete('COPY 0'));
        } else if (type !== 'd') {
          held.push({ type, body });
          return;
        }
        for (const next of held.splice(0)) handle(next.type, next.body);
        return;
      }
      if (type === 'X') {
        socket.end();
        return;
      }
      if (type === 'S') {
        recorded.push({ kind: 'sync' });
        skipping = false;
        socket.write(readyForQuery());
        return;
      }
      if (type === 'Q') {
        const query = r.cstring();
        recorded.push({ kind: 'query', text: query });
        const a = answer(query, 'simple');
        if (a && typeof a === 'object' && 'error' in a) socket.write(errorResponse(a.code ?? 'XX000', a.error));
        else socket.write(commandComplete(tagOf(query.split(';')[0])));
        socket.write(readyForQuery());
        return;
      }
      if (type === 'P') {
        r.cstring();
        text = r.cstring();
        recorded.push({ kind: 'parse', text });
      } else if (type === 'B') {
        const name = r.cstring();
        portals.set(name, text);
        sent.delete(name);
        r.cstring();
        const formats = r.int16();
        for (let i = 0; i < formats; i++) r.int16();
        const count = r.int16();
        const values: (string | null)[] = [];
        for (let i = 0; i < count; i++) {
          const length = r.int32();
          values.push(length < 0 ? null : r.bytes(length));
        }
        recorded.push({ kind: 'bind', values });
      } else if (type === 'D') {
        const target = r.byte() as 'P' | 'S';
        recorded.push({ kind: 'describe', target, name: r.cstring() });
      } else if (type === 'E') {
        recorded.push({ kind: 'execute', portal: r.cstring(), rows: r.int32() });
      } else if (type === 'C') {
        const target = r.byte() as 'P' | 'S';
        const name = r.cstring();
        recorded.push({ kind: 'close', target, name });
        if (target === 'P') portals.delete(name);
        if (!skipping) socket.write(message('3'));
        return;
      } else {
        return; // Flush, and whatever else pg might send: no reply.
      }
      if (skipping) return;
      const last = recorded.at(-1) as RecordedMessage;
      const portal = last.kind === 'execute' ? last.portal : last.kind === 'describe' && last.target === 'P' ? last.name : '';
      const statement = type === 'E' || type === 'D' ? (portals.get(portal) ?? text) : text;
      const a = answer(statement, 'extended');
      if (type === 'P') socket.write(message('1'));
      else if (type === 'B') socket.write(message('2'));
      else if (type === 'D') {
        if (a === 'unanswered') return;
        const { target, name } = recorded.at(-1) as Extract<RecordedMessage, { kind: 'describe' }>;
        // Only the unnamed statement and the portals bound exist; a statement is described with its parameters first.
        if (target === 'P' ? !portals.has(name) : name !== '') return fail(target === 'P' ? { error: `portal "${name}" does not exist`, code: '34000' } : { error: `prepared statement "${name}" does not exist`, code: '26000' });
        if (target === 'S') socket.write(message('t', int16(0)));
        socket.write(a && typeof a === 'object' && 'columns' in a ? rowDescription(a.columns) : message('n'));
      } else {
        const { rows: limit } = recorded.at(-1) as Extract<RecordedMessage, { kind: 'execute' }>;
        if (a === 'unanswered') return;
        if (a === 'copy-in') {
          copying = true;
          socket.write(message('G', Buffer.concat([Buffer.from([0]), int16(0)])));
          return;
        }
        if (a && 'error' in a) return fail(a);
        if (a && 'columns' in a) {
          const from = sent.get(portal) ?? 0;
          const to = limit > 0 && !a.ignoreRowLimit ? Math.min(a.rows.length, from + limit) : a.rows.length;
          for (const row of a.rows.slice(from, to)) socket.write(dataRow(row));
          sent.set(portal, to);
          // As PostgreSQL: a limit reached suspends the portal, even when no row is left.
          socket.write(limit > 0 && !a.ignoreRowLimit && to - from === limit ? message('s') : commandComplete(`SELECT ${to - from}`));
          return;
        }
        const tag = tagOf(statement);
        socket.write(tag === '' ? message('I') : commandComplete(tag));
      }
    };

    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSS_REQUEST) {
            socket.write('N');
            continue;
          }
          if (code === CANCEL_REQUEST) {
            cancels += 1;
            socket.end();
            return;
          }
          started = true;
          logins += 1;
          // AuthenticationOk, the key a cancel request names, ready.
          socket.write(Buffer.concat([message('R', int32(0)), message('K', Buffer.concat([int32(4242), int32(1234)])), readyForQuery()]));
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1);
        if (buffer.length < length + 1) return;
        const type = String.fromCharCode(buffer[0]);
        const body = buffer.subarray(5, length + 1);
        buffer = buffer.subarray(length + 1);
        handle(type, body);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    messages: () => recorded.map((m) => ({ ...m })),
    logins: () => logins,
    cancelRequests: () => cancels,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
