import net from 'node:net';

/**
 * A PostgreSQL server as a hostile host would run it: it accepts the startup message, asks for
 * the password in clear text and records whatever the client sends, then refuses the login.
 * It speaks just enough of the protocol (SSLRequest → 'N', StartupMessage, AuthenticationCleartextPassword,
 * PasswordMessage, ErrorResponse) for the real `pg` driver.
 */

export interface FakePostgresServer {
  port: number;
  /** TCP connections accepted. */
  connections(): number;
  /** Startup parameters (user, database, application_name, …) of every startup message. */
  startups(): Record<string, string>[];
  /** Every password the clients sent. */
  passwords(): string[];
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function errorResponse(code: string, text: string): Buffer {
  const fields = Buffer.concat([Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${text}\0`, 'utf8'), Buffer.from([0])]);
  return message('E', fields);
}

export async function fakePostgresServer(): Promise<FakePostgresServer> {
  const sockets = new Set<net.Socket>();
  const startups: Record<string, string>[] = [];
  const passwords: string[] = [];
  let connections = 0;

  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          const body = buffer.subarray(8, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSS_REQUEST) {
            socket.write('N');
            continue;
          }
          const parts = body.toString('utf8').split('\0');
          const params: Record<string, string> = {};
          for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i]) params[parts[i]] = parts[i + 1];
          startups.push(params);
          started = true;
          const ask = Buffer.alloc(4);
          ask.writeInt32BE(3, 0);
          socket.write(message('R', ask));
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1);
        if (buffer.length < length + 1) return;
        const type = String.fromCharCode(buffer[0]);
        const body = buffer.subarray(5, length + 1);
        buffer = buffer.subarray(length + 1);
        if (type === 'p') {
          passwords.push(body.toString('utf8').replace(/\0$/, ''));
          socket.end(errorResponse('28P01', 'password authentication failed'));
          return;
        }
        if (type === 'X') {
          socket.end();
          return;
        }
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
    connections: () => connections,
    startups: () => startups.map((s) => ({ ...s })),
    passwords: () => [...passwords],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
