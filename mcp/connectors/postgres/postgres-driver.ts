import net from 'node:net';
import type { CustomTypesConfig } from 'pg';
import type { CappedReadDriver } from './postgres-capped-read.js';
import { exactNumberFromText, timestampFromPostgresText } from '../source-values.js';

type PgModule = typeof import('pg');
type CursorClass = typeof import('pg-cursor');

export interface PostgresDriver {
  pg: PgModule;
  /** pg's Client, closing its socket when connecting fails (see closingClient). */
  Client: PgModule['Client'];
  Cursor: CursorClass;
  /** pg's row parser and value serializer, for CappedRead. */
  capped: CappedReadDriver;
}

let loading: Promise<PostgresDriver> | undefined;

/** pg's value serializer (`prepareValue`), by a computed name: @types/pg does not declare the file. */
const PG_UTILS = ['pg', 'lib', 'utils.js'].join('/');

const defaultOf = <T>(mod: unknown): T => ((mod as { default?: T }).default ?? mod) as T;

/** `pg` and `pg-cursor`, imported the first time a PostgreSQL connection is used (cold start matters). */
export function loadPostgresDriver(): Promise<PostgresDriver> {
  loading ??= Promise.all([import('pg'), import('pg-cursor'), import(PG_UTILS)]).then(([pg, cursor, utils]) => {
    const driver = defaultOf<PgModule>(pg);
    return {
      pg: driver,
      Client: closingClient(driver.Client),
      Cursor: copySafe(defaultOf<CursorClass>(cursor)),
      capped: {
        Result: (driver as unknown as { Result: CappedReadDriver['Result'] }).Result,
        prepareValue: defaultOf<{ prepareValue: (value: unknown) => unknown }>(utils).prepareValue,
      },
    };
  });
  return loading;
}

/**
 * pg leaves the socket of a client that failed to connect open, and its pool forgets the client:
 * a server that never closes its side (or a login refused before a password is sent) would keep
 * the socket, and the process, alive. This client closes it.
 */
function closingClient(Client: PgModule['Client']): PgModule['Client'] {
  const Base = Client as unknown as new (config: unknown) => { connect(callback?: (err: Error | null) => void): unknown };
  class ClosingClient extends Base {
    connect(callback?: (err: Error | null) => void): unknown {
      if (!callback) return super.connect();
      return super.connect((err) => {
        if (err) (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
        callback(err);
      });
    }
  }
  return ClosingClient as unknown as PgModule['Client'];
}

/**
 * pg hands COPY traffic to the active query, and pg-cursor has no handlers for it: a COPY that
 * reached the server through a cursor would throw inside the socket's data handler and take the
 * process down. The guard refuses COPY; this keeps a COPY that got through anyway harmless:
 * COPY … FROM STDIN is failed, the rows of COPY … TO STDOUT are dropped.
 */
function copySafe(Cursor: CursorClass): CursorClass {
  return class CopySafeCursor extends Cursor {
    handleCopyInResponse(connection: { sendCopyFail(message: string): void }): void {
      connection.sendCopyFail('PACS MCP reads only: COPY ... FROM STDIN is refused.');
    }

    handleCopyData(): void {}
  } as CursorClass;
}

const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

/**
 * Text-format parsers that give the value shapes of source-values.ts: NUMERIC and BIGINT as
 * numbers when exact, DATE as "YYYY-MM-DD", TIMESTAMP as "YYYY-MM-DDTHH:MM:SS", TIMESTAMPTZ as
 * ISO 8601 UTC. Everything else keeps pg's parser.
 */
export function postgresTypeParsers(pg: PgModule): CustomTypesConfig {
  const defaults = pg.types;
  const parseTimestamptz = defaults.getTypeParser(OID.timestamptz, 'text') as (text: string) => unknown;
  const overrides = new Map<number, (text: string) => unknown>([
    [OID.int8, exactNumberFromText],
    [OID.numeric, exactNumberFromText],
    [OID.date, (text) => text],
    [OID.timestamp, timestampFromPostgresText],
    [
      OID.timestamptz,
      (text) => {
        const parsed = parseTimestamptz(text);
        return parsed instanceof Date && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : text;
      },
    ],
  ]);
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      (format ?? 'text') === 'text' && overrides.has(oid) ? overrides.get(oid)! : defaults.getTypeParser(oid, format ?? 'text')) as CustomTypesConfig['getTypeParser'],
  };
}

/**
 * PostgreSQL's CancelRequest: a separate, unauthenticated 16-byte message naming the backend
 * by process id and secret key. Stops the running statement without closing the session.
 */
export function sendCancelRequest(host: string, port: number, processId: number, secretKey: number): Promise<void> {
  return new Promise((resolve) => {
    const packet = Buffer.alloc(16);
    packet.writeInt32BE(16, 0);
    packet.writeInt32BE(80877102, 4);
    packet.writeInt32BE(processId, 8);
    packet.writeInt32BE(secretKey, 12);
    const socket = net.connect({ host, port });
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.setTimeout(5_000, done);
    socket.once('error', done);
    socket.once('close', done);
    socket.once('connect', () => socket.end(packet));
  });
}
