import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Duplex } from 'node:stream';
import tls from 'node:tls';

/**
 * Just enough of SQL Server's wire protocol (TDS) to make the real tedious driver fail the way
 * it fails against a real server, for the failures a county runs into: a self-signed
 * certificate, and a login the server refuses (wrong password 18456, no such database 4060).
 * SQL Server itself cannot run on the build machines; the driver and our error translation can.
 *
 * It answers PRELOGIN with "encryption on", runs the TLS handshake inside PRELOGIN packets with
 * a freshly generated self-signed certificate, then answers LOGIN7 with an ERROR token.
 */

const HEADER = 8;
const TYPE = { TABULAR_RESULT: 0x04, PRELOGIN: 0x12 } as const;
const STATUS_EOM = 0x01;
const TLS_APPLICATION_DATA = 0x17;

export interface FakeTdsServer {
  port: number;
  /** LOGIN7 messages received (each means the TLS handshake succeeded). */
  logins(): number;
  close(): Promise<void>;
}

export interface LoginRefusal {
  number: number;
  message: string;
}

function packet(type: number, payload: Buffer, last: boolean, id: number): Buffer {
  const header = Buffer.alloc(HEADER);
  header.writeUInt8(type, 0);
  header.writeUInt8(last ? STATUS_EOM : 0, 1);
  header.writeUInt16BE(HEADER + payload.length, 2);
  header.writeUInt8(id & 0xff, 6);
  return Buffer.concat([header, payload]);
}

export function message(type: number, payload: Buffer): Buffer {
  const chunks: Buffer[] = [];
  const size = 4_096 - HEADER;
  for (let offset = 0, id = 1; offset < payload.length || offset === 0; offset += size, id++) {
    const part = payload.subarray(offset, offset + size);
    chunks.push(packet(type, part, offset + size >= payload.length, id));
    if (payload.length === 0) break;
  }
  return Buffer.concat(chunks);
}

function preloginResponse(): Buffer {
  // VERSION (6 bytes) and ENCRYPTION (1 byte: ON), then the terminator.
  const options = Buffer.alloc(2 * 5 + 1);
  const data = Buffer.from([15, 0, 0x10, 0x00, 0, 0, 0x01]);
  const dataStart = options.length;
  options.writeUInt8(0x00, 0);
  options.writeUInt16BE(dataStart, 1);
  options.writeUInt16BE(6, 3);
  options.writeUInt8(0x01, 5);
  options.writeUInt16BE(dataStart + 6, 6);
  options.writeUInt16BE(1, 8);
  options.writeUInt8(0xff, 10);
  return Buffer.concat([options, data]);
}

export function ucs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

/** An ERROR token then DONE (error): what SQL Server sends for a refused login. */
function loginErrorTokens(refusal: LoginRefusal): Buffer {
  const text = ucs2(refusal.message);
  const server = ucs2('FAKESQL');
  const body = Buffer.concat([
    Buffer.from(new Uint32Array([refusal.number]).buffer),
    Buffer.from([1, 14]),
    Buffer.from(new Uint16Array([refusal.message.length]).buffer),
    text,
    Buffer.from([7]),
    server,
    Buffer.from([0]),
    Buffer.from(new Uint32Array([1]).buffer),
  ]);
  const error = Buffer.concat([Buffer.from([0xaa]), Buffer.from(new Uint16Array([body.length]).buffer), body]);
  const done = Buffer.alloc(1 + 2 + 2 + 8);
  done.writeUInt8(0xfd, 0);
  done.writeUInt16LE(0x0002, 1);
  return Buffer.concat([error, done]);
}

/** Reads whole TDS messages (packets up to the one marked end-of-message) from a byte stream. */
export class MessageReader {
  private buffer = Buffer.alloc(0);
  private parts: Buffer[] = [];

  /** No partial packet or message is buffered. */
  idle(): boolean {
    return this.buffer.length === 0 && this.parts.length === 0;
  }

  push(chunk: Buffer, onMessage: (type: number, payload: Buffer) => void): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= HEADER) {
      const length = this.buffer.readUInt16BE(2);
      if (this.buffer.length < length) return;
      const type = this.buffer.readUInt8(0);
      const last = (this.buffer.readUInt8(1) & STATUS_EOM) !== 0;
      this.parts.push(this.buffer.subarray(HEADER, length));
      this.buffer = this.buffer.subarray(length);
      if (last) {
        const payload = Buffer.concat(this.parts);
        this.parts = [];
        onMessage(type, payload);
      }
    }
  }
}

let certificate: { key: string; cert: string } | undefined;

function selfSignedCertificate(): { key: string; cert: string } {
  if (!certificate) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-tds-cert-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=fake-sql-server', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
      certificate = { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return certificate;
}

export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function startFakeTdsServer(refusal: LoginRefusal): Promise<FakeTdsServer> {
  const secureContext = tls.createSecureContext(selfSignedCertificate());
  const sockets = new Set<net.Socket>();
  let logins = 0;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const reader = new MessageReader();
    // During the handshake the TLS records travel inside PRELOGIN messages (one response message
    // per client message); once the client sends a raw TLS record, both directions are raw.
    let raw = false;
    let pending: Buffer[] = [];

    const wire = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        if (raw) socket.write(chunk);
        else {
          pending.push(chunk);
          setImmediate(() => {
            if (pending.length === 0) return;
            const flight = Buffer.concat(pending);
            pending = [];
            socket.write(message(TYPE.PRELOGIN, flight));
          });
        }
        callback();
      },
    });
    let tlsSocket: tls.TLSSocket | undefined;

    socket.on('data', (chunk: Buffer) => {
      if (!raw && tlsSocket && chunk[0] === TLS_APPLICATION_DATA && reader.idle()) raw = true;
      if (raw) {
        wire.push(chunk);
        return;
      }
      reader.push(chunk, (type, payload) => {
        if (!tlsSocket) {
          if (type !== TYPE.PRELOGIN) return socket.destroy();
          socket.write(message(TYPE.TABULAR_RESULT, preloginResponse()));
          tlsSocket = new tls.TLSSocket(wire, { isServer: true, secureContext });
          tlsSocket.on('error', () => socket.destroy());
          const loginReader = new MessageReader();
          tlsSocket.on('data', (clear: Buffer) =>
            loginReader.push(clear, () => {
              logins += 1;
              tlsSocket!.write(message(TYPE.TABULAR_RESULT, loginErrorTokens(refusal)));
            }),
          );
          return;
        }
        wire.push(payload);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    logins: () => logins,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
