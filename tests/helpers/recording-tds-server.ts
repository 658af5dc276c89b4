import net from 'node:net';
import { message, MessageReader, ucs2 } from './fake-tds-server.js';

/**
 * A stand-in SQL Server that accepts any login (without TLS: it answers that it cannot encrypt)
 * and records what the real driver (tedious, through mssql) sends it: SQL batches, RPC calls
 * (`sp_executesql`, with the parameter declarations the driver chose) and transaction-manager
 * requests. It answers each with the smallest valid reply and returns no rows, unless the test's
 * `answer` gives rows, a server error, or no answer at all for a request. SQL Server itself cannot
 * run on the build machines; this shows the shape of what the connector sends, on the wire.
 */

const PACKET = { SQL_BATCH: 0x01, RPC: 0x03, TABULAR_RESULT: 0x04, ATTENTION: 0x06, LOGIN7: 0x10, PRELOGIN: 0x12, TRANSACTION_MANAGER: 0x0e } as const;
const TM = { 5: 'begin', 7: 'commit', 8: 'rollback', 9: 'save' } as const;
const ISOLATION = ['no change', 'read uncommitted', 'read committed', 'repeatable read', 'serializable', 'snapshot'];
/** SQL_Latin1_General_CP1_CI_AS, as the server announces it after a login (code page 1252). */
const COLLATION = Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]);
const TOKEN = { COLMETADATA: 0x81, ROW: 0xd1, ERROR: 0xaa, RETURNSTATUS: 0x79, ENVCHANGE: 0xe3, LOGINACK: 0xad, DONE: 0xfd, DONEPROC: 0xfe, DONEINPROC: 0xff } as const;
const DONE_STATUS = { FINAL: 0x00, ERROR: 0x02, COUNT: 0x10, ATTENTION: 0x20 } as const;

export type RecordedRequest =
  | { kind: 'batch'; text: string }
  /**
   * An `sp_executesql` call: its statement (the first parameter), the parameter declarations
   * (the second, e.g. `@p1 varchar(10),@p2 int`; empty without parameters), the values bound to
   * those parameters (text and integers), and the whole request as text.
   */
  | { kind: 'rpc'; statement: string; declarations: string; values: (string | number | null)[]; text: string }
  | { kind: 'transaction'; operation: 'begin' | 'commit' | 'rollback' | 'save'; isolation?: string };

/** A LOGIN7 the server accepted: whether the client asked for ApplicationIntent=ReadOnly. */
export interface RecordedLogin {
  readOnlyIntent: boolean;
  database: string;
}

export type AnswerValue = number | string | null;
/** What the stand-in answers a batch or RPC with, instead of "done, no rows". */
export type Answer =
  | { rows: Record<string, AnswerValue>[]; columns?: { name: string; type: 'int' | 'nvarchar' }[] }
  /** Server errors, in the order sent (a THROW, then the 266 a procedure's ROLLBACK raises…), then the request's end. */
  | { errors: { number: number; message: string }[] }
  /** No answer at all, as a server blocked on a lock or busy with a sort; the client's attention still gets one. */
  | 'silence';

export interface RecordingTdsServer {
  port: number;
  /** Every request after the login, in the order received, on every connection. */
  requests(): RecordedRequest[];
  logins(): RecordedLogin[];
  close(): Promise<void>;
}

function preloginWithoutEncryption(): Buffer {
  // VERSION (6 bytes) and ENCRYPTION (1 byte: NOT_SUP), then the terminator.
  const options = Buffer.alloc(2 * 5 + 1);
  const data = Buffer.from([15, 0, 0x10, 0x00, 0, 0, 0x02]);
  options.writeUInt8(0x00, 0);
  options.writeUInt16BE(options.length, 1);
  options.writeUInt16BE(6, 3);
  options.writeUInt8(0x01, 5);
  options.writeUInt16BE(options.length + 6, 6);
  options.writeUInt16BE(1, 8);
  options.writeUInt8(0xff, 10);
  return Buffer.concat([options, data]);
}

function done(token: number = TOKEN.DONE, status = 0, rows = 0): Buffer {
  const buf = Buffer.alloc(13);
  buf.writeUInt8(token, 0);
  buf.writeUInt16LE(status, 1);
  buf.writeBigUInt64LE(BigInt(rows), 5);
  return buf;
}

function withLength(token: number, body: Buffer): Buffer {
  const head = Buffer.alloc(3);
  head.writeUInt8(token, 0);
  head.writeUInt16LE(body.length, 1);
  return Buffer.concat([head, body]);
}

function envChange(type: number, newValue: Buffer, oldValue: Buffer): Buffer {
  return withLength(TOKEN.ENVCHANGE, Buffer.concat([Buffer.from([type, newValue.length]), newValue, Buffer.from([oldValue.length]), oldValue]));
}

function loginAck(): Buffer {
  const name = ucs2('FakeSQL');
  return withLength(TOKEN.LOGINACK, Buffer.concat([Buffer.from([1]), Buffer.from([0x74, 0x00, 0x00, 0x04]), Buffer.from([name.length / 2]), name, Buffer.from([16, 0, 0, 1])]));
}

function errorToken(number: number, text: string): Buffer {
  const server = ucs2('FakeSQL');
  const body = Buffer.alloc(4 + 1 + 1 + 2);
  body.writeUInt32LE(number, 0);
  body.writeUInt8(1, 4);
  body.writeUInt8(16, 5);
  body.writeUInt16LE(text.length, 6);
  return withLength(
    TOKEN.ERROR,
    Buffer.concat([body, ucs2(text), Buffer.from([server.length / 2]), server, Buffer.from([0]), Buffer.from(new Uint32Array([1]).buffer)]),
  );
}

/** COLMETADATA and ROW tokens for the answer's rows: INTN and NVARCHAR columns only. */
function rowTokens(answer: { rows: Record<string, AnswerValue>[]; columns?: { name: string; type: 'int' | 'nvarchar' }[] }): Buffer {
  const columns =
    answer.columns ??
    Object.keys(answer.rows[0] ?? {}).map((name) => ({ name, type: answer.rows.some((r) => typeof r[name] === 'string') ? ('nvarchar' as const) : ('int' as const) }));
  const meta: Buffer[] = [Buffer.from([TOKEN.COLMETADATA]), Buffer.from(new Uint16Array([columns.length]).buffer)];
  for (const column of columns) {
    meta.push(Buffer.alloc(4), Buffer.from([0x09, 0x00]));
    meta.push(column.type === 'int' ? Buffer.from([0x26, 0x04]) : Buffer.concat([Buffer.from([0xe7, 0x40, 0x1f]), COLLATION]));
    meta.push(Buffer.from([column.name.length]), ucs2(column.name));
  }
  const rows = answer.rows.map((row) =>
    Buffer.concat([
      Buffer.from([TOKEN.ROW]),
      ...columns.map((column) => {
        const value = row[column.name];
        if (column.type === 'int') {
          if (value === null || value === undefined) return Buffer.from([0]);
          const out = Buffer.alloc(5);
          out.writeUInt8(4, 0);
          out.writeInt32LE(Number(value), 1);
          return out;
        }
        if (value === null || value === undefined) return Buffer.from([0xff, 0xff]);
        const text = ucs2(String(value));
        return Buffer.concat([Buffer.from(new Uint16Array([text.length]).buffer), text]);
      }),
    ]),
  );
  return Buffer.concat([...meta, ...rows]);
}

/** The payload after ALL_HEADERS (a 4-byte total length, then the headers). */
function afterHeaders(payload: Buffer): Buffer {
  return payload.subarray(payload.readUInt32LE(0));
}

/**
 * The parameters of an RPC request, in order, as text: after the procedure id (0xFFFF, id, flags)
 * each comes as its name, a status byte, its type info and its value. Read: NVARCHAR and VARCHAR
 * (maximum length, collation; the value length-prefixed, or in chunks for (MAX)) and INTN; the
 * reading stops at any other type.
 */
function rpcParameters(body: Buffer): (string | number | null)[] {
  const out: (string | number | null)[] = [];
  let at = 6;
  while (at < body.length) {
    at += 1 + body.readUInt8(at) * 2 + 1;
    const type = body.readUInt8(at);
    if (type === 0x26) {
      const size = body.readUInt8(at + 2);
      out.push(size === 0 ? null : size === 8 ? Number(body.readBigInt64LE(at + 3)) : size === 4 ? body.readInt32LE(at + 3) : size === 2 ? body.readInt16LE(at + 3) : body.readUInt8(at + 3));
      at += 3 + size;
      continue;
    }
    if (type !== 0xe7 && type !== 0xa7) break;
    const decode = (bytes: Buffer) => (type === 0xe7 ? bytes.toString('utf16le') : bytes.toString('latin1'));
    const maxLength = body.readUInt16LE(at + 1);
    at += 1 + 2 + 5;
    if (maxLength !== 0xffff) {
      const size = body.readUInt16LE(at);
      out.push(size === 0xffff ? null : decode(body.subarray(at + 2, at + 2 + size)));
      at += 2 + (size === 0xffff ? 0 : size);
      continue;
    }
    const total = body.readBigUInt64LE(at);
    at += 8;
    if (total === 0xffffffffffffffffn) {
      out.push(null);
      continue;
    }
    const chunks: Buffer[] = [];
    for (;;) {
      const size = body.readUInt32LE(at);
      at += 4;
      if (size === 0) break;
      chunks.push(body.subarray(at, at + size));
      at += size;
    }
    out.push(decode(Buffer.concat(chunks)));
  }
  return out;
}

/** LOGIN7: TypeFlags (byte 26) bit 5 is fReadOnlyIntent; the database name is at the offset the header gives. */
function readLogin(payload: Buffer): RecordedLogin {
  const databaseOffset = payload.readUInt16LE(68);
  const databaseLength = payload.readUInt16LE(70);
  return { readOnlyIntent: (payload.readUInt8(26) & 0x20) !== 0, database: payload.subarray(databaseOffset, databaseOffset + databaseLength * 2).toString('utf16le') };
}

export async function startRecordingTdsServer(answer: (request: RecordedRequest) => Answer | undefined = () => undefined): Promise<RecordingTdsServer> {
  const recorded: RecordedRequest[] = [];
  const logins: RecordedLogin[] = [];
  const sockets = new Set<net.Socket>();
  let nextTransaction = 1;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const reader = new MessageReader();
    const reply = (tokens: Buffer) => socket.write(message(PACKET.TABULAR_RESULT, tokens));
    let transaction = Buffer.alloc(0);
    /** A request left unanswered: an attention first ends its response, then acknowledges. */
    let silenced = false;

    /** The reply to a batch or RPC: the answer's rows or error, then the closing DONE tokens. */
    const respond = (request: RecordedRequest, closing: Buffer) => {
      const given = answer(request);
      if (given === 'silence') {
        silenced = true;
        return;
      }
      if (given && 'errors' in given) return reply(Buffer.concat([...given.errors.map((e) => errorToken(e.number, e.message)), done(TOKEN.DONEINPROC, DONE_STATUS.ERROR), closing]));
      if (given) return reply(Buffer.concat([rowTokens(given), done(TOKEN.DONEINPROC, DONE_STATUS.COUNT, given.rows.length), closing]));
      return reply(closing);
    };

    socket.on('data', (chunk: Buffer) =>
      reader.push(chunk, (type, payload) => {
        switch (type) {
          case PACKET.PRELOGIN:
            return reply(preloginWithoutEncryption());
          case PACKET.LOGIN7:
            logins.push(readLogin(payload));
            return reply(Buffer.concat([envChange(7, COLLATION, Buffer.alloc(0)), loginAck(), done()]));
          case PACKET.SQL_BATCH: {
            const request: RecordedRequest = { kind: 'batch', text: afterHeaders(payload).toString('utf16le') };
            recorded.push(request);
            return respond(request, done());
          }
          case PACKET.RPC: {
            const body = afterHeaders(payload);
            const [statement, declarations, ...values] = rpcParameters(body);
            const request: RecordedRequest = { kind: 'rpc', statement: String(statement ?? ''), declarations: String(declarations ?? ''), values, text: body.toString('utf16le') };
            recorded.push(request);
            return respond(request, Buffer.concat([Buffer.from([TOKEN.RETURNSTATUS, 0, 0, 0, 0]), done(TOKEN.DONEPROC)]));
          }
          case PACKET.ATTENTION:
            if (silenced) reply(done());
            silenced = false;
            return reply(done(TOKEN.DONE, DONE_STATUS.ATTENTION));
          case PACKET.TRANSACTION_MANAGER: {
            const body = afterHeaders(payload);
            const operation = TM[body.readUInt16LE(0) as keyof typeof TM];
            if (operation === 'begin') {
              recorded.push({ kind: 'transaction', operation, isolation: ISOLATION[body.readUInt8(2)] });
              transaction = Buffer.alloc(8);
              transaction.writeUInt32LE(nextTransaction++, 0);
              return reply(Buffer.concat([envChange(8, transaction, Buffer.alloc(0)), done()]));
            }
            recorded.push({ kind: 'transaction', operation });
            const ended = transaction;
            transaction = Buffer.alloc(0);
            return reply(Buffer.concat([envChange(operation === 'commit' ? 9 : 10, Buffer.alloc(0), ended), done()]));
          }
          default:
            socket.destroy();
        }
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    requests: () => [...recorded],
    logins: () => [...logins],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
