import net from 'node:net';
import { message, MessageReader, ucs2 } from './fake-tds-server.js';

/**
 * A stand-in SQL Server that accepts any login (without TLS: it answers that it cannot encrypt)
 * and records what the real driver (tedious, through mssql) sends it: SQL batches, RPC calls
 * (`sp_executesql`) and transaction-manager requests. It answers each with the smallest valid
 * reply and returns no rows. SQL Server itself cannot run on the build machines; this shows the
 * shape of the statements the connector sends.
 */

const PACKET = { SQL_BATCH: 0x01, RPC: 0x03, TABULAR_RESULT: 0x04, ATTENTION: 0x06, LOGIN7: 0x10, PRELOGIN: 0x12, TRANSACTION_MANAGER: 0x0e } as const;
const TM = { 5: 'begin', 7: 'commit', 8: 'rollback', 9: 'save' } as const;
const ISOLATION = ['no change', 'read uncommitted', 'read committed', 'repeatable read', 'serializable', 'snapshot'];

export type RecordedRequest =
  | { kind: 'batch'; text: string }
  /** An `sp_executesql` call: its statement (the first parameter) and everything else as text. */
  | { kind: 'rpc'; statement: string; text: string }
  | { kind: 'transaction'; operation: 'begin' | 'commit' | 'rollback' | 'save'; isolation?: string };

export interface RecordingTdsServer {
  port: number;
  /** Every request after the login, in the order received, on every connection. */
  requests(): RecordedRequest[];
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

function done(token = 0xfd): Buffer {
  const buf = Buffer.alloc(13);
  buf.writeUInt8(token, 0);
  return buf;
}

function envChange(type: number, newValue: Buffer, oldValue: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from([type, newValue.length]), newValue, Buffer.from([oldValue.length]), oldValue]);
  const head = Buffer.alloc(3);
  head.writeUInt8(0xe3, 0);
  head.writeUInt16LE(body.length, 1);
  return Buffer.concat([head, body]);
}

function loginAck(): Buffer {
  const name = ucs2('FakeSQL');
  const body = Buffer.concat([Buffer.from([1]), Buffer.from([0x74, 0x00, 0x00, 0x04]), Buffer.from([name.length / 2]), name, Buffer.from([16, 0, 0, 1])]);
  const head = Buffer.alloc(3);
  head.writeUInt8(0xad, 0);
  head.writeUInt16LE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** The payload after ALL_HEADERS (a 4-byte total length, then the headers). */
function afterHeaders(payload: Buffer): Buffer {
  return payload.subarray(payload.readUInt32LE(0));
}

/**
 * The first parameter of an RPC request: after the procedure id (0xFFFF, id, flags) comes the
 * parameter's name, its status byte and its NVARCHAR type info (0xE7, maximum length, collation),
 * then the value, length-prefixed, or in chunks when the type is NVARCHAR(MAX).
 */
function rpcStatement(body: Buffer): string {
  let at = 6;
  at += 1 + body.readUInt8(at) * 2 + 1;
  if (body.readUInt8(at) !== 0xe7) return '';
  const maxLength = body.readUInt16LE(at + 1);
  at += 1 + 2 + 5;
  if (maxLength !== 0xffff) return body.subarray(at + 2, at + 2 + body.readUInt16LE(at)).toString('utf16le');
  const chunks: Buffer[] = [];
  for (at += 8; ; ) {
    const size = body.readUInt32LE(at);
    at += 4;
    if (size === 0) break;
    chunks.push(body.subarray(at, at + size));
    at += size;
  }
  return Buffer.concat(chunks).toString('utf16le');
}

export async function startRecordingTdsServer(): Promise<RecordingTdsServer> {
  const recorded: RecordedRequest[] = [];
  const sockets = new Set<net.Socket>();
  let nextTransaction = 1;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const reader = new MessageReader();
    const reply = (tokens: Buffer) => socket.write(message(PACKET.TABULAR_RESULT, tokens));
    let transaction = Buffer.alloc(0);

    socket.on('data', (chunk: Buffer) =>
      reader.push(chunk, (type, payload) => {
        switch (type) {
          case PACKET.PRELOGIN:
            return reply(preloginWithoutEncryption());
          case PACKET.LOGIN7:
            return reply(Buffer.concat([loginAck(), done()]));
          case PACKET.SQL_BATCH:
            recorded.push({ kind: 'batch', text: afterHeaders(payload).toString('utf16le') });
            return reply(done());
          case PACKET.RPC:
            recorded.push({ kind: 'rpc', statement: rpcStatement(afterHeaders(payload)), text: afterHeaders(payload).toString('utf16le') });
            return reply(Buffer.concat([Buffer.from([0x79, 0, 0, 0, 0]), done(0xfe)]));
          case PACKET.ATTENTION:
            return reply(Buffer.concat([Buffer.from([0xfd, 0x20, 0x00]), Buffer.alloc(10)]));
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
