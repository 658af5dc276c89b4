import { afterEach, describe, expect, it } from 'vitest';
import type { QueryOptions } from '../../mcp/connectors/connector.js';
import { PostgresConnector } from '../../mcp/connectors/postgres/postgres-connector.js';
import { startRecordingPostgresServer, type Protocol, type RecordedMessage, type RecordingPostgresServer, type StatementAnswer } from '../helpers/recording-postgres-server.js';

/**
 * What the PostgreSQL connector puts on the wire, recorded by a stand-in server that speaks the
 * protocol to the real driver (pg): the one round trip of a capped read, and how the read answers
 * a server that does what PostgreSQL itself does not do here (send more rows than the limit asked,
 * leave a statement unanswered, wait for COPY data) or fails to end a transaction. The same reads
 * against a real PostgreSQL are in read-only-database-layer.test.ts.
 */

const READ: QueryOptions = { maxRows: 100, timeoutMs: 10_000 };
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function serverAnswering(answer: (text: string, protocol: Protocol) => StatementAnswer | undefined = () => undefined): Promise<RecordingPostgresServer> {
  const server = await startRecordingPostgresServer(answer);
  open.push(server);
  return server;
}

function connectorOn(server: RecordingPostgresServer): PostgresConnector {
  const connector = new PostgresConnector({ id: 'pacs_pg', role: 'production', config: { host: '127.0.0.1', port: server.port, database: 'pacs', user: 'reader', statement_timeout_ms: 20_000 } }, undefined);
  open.push(connector);
  return connector;
}

const shape = (m: RecordedMessage) =>
  m.kind === 'parse'
    ? `parse: ${m.text}`
    : m.kind === 'bind'
      ? `bind: ${JSON.stringify(m.values)}`
      : m.kind === 'describe' || m.kind === 'close'
        ? `${m.kind}: ${m.target} "${m.name}"`
        : m.kind === 'execute'
          ? `execute: ${m.rows}`
          : m.kind === 'sync'
            ? 'sync'
            : m.kind === 'query'
              ? `query: ${m.text}`
              : `copy fail: ${m.message}`;
/** A stream's messages, its cursor's portal (named by pg-cursor) written as "cursor". */
const streamShape = (messages: RecordedMessage[]) => {
  const portal = messages.find((m): m is Extract<RecordedMessage, { kind: 'execute' }> => m.kind === 'execute')?.portal ?? '';
  return messages.map((m) => shape(m).replace(`"${portal}"`, 'cursor'));
};

const PARCELS = { columns: ['prop_id', 'geo_id'], rows: Array.from({ length: 10 }, (_, i) => [String(i + 1), `R${i + 1}`]) };

describe('a capped read on the wire', () => {
  it('sends BEGIN READ ONLY, its timeout, the snapshot, the statement limited to the cap + 1 rows, ROLLBACK and one Sync, and nothing after', async () => {
    const server = await serverAnswering((text) => (text.startsWith('SELECT prop_id') ? PARCELS : undefined));
    const result = await connectorOn(server).query('SELECT prop_id, geo_id FROM property WHERE geo_id <> ?', ['x'], { maxRows: 4, timeoutMs: 1_500 });
    expect(result).toMatchObject({ columns: ['prop_id', 'geo_id'], row_count: 4, truncated: true });
    expect(result.rows[3]).toEqual({ prop_id: '4', geo_id: 'R4' });
    expect(server.messages().map(shape)).toEqual([
      'parse: BEGIN TRANSACTION READ ONLY',
      'bind: []',
      'execute: 0',
      // The caller's timeout, being shorter than the connection's.
      'parse: SET LOCAL statement_timeout = 1500',
      'bind: []',
      'execute: 0',
      'parse: SELECT 1 WHERE false',
      'bind: []',
      'execute: 0',
      // The statement's parameters are bound, and its portal (the rows it will send) described.
      'parse: SELECT prop_id, geo_id FROM property WHERE geo_id <> $1',
      'bind: ["x"]',
      'describe: P ""',
      'execute: 5',
      'parse: ROLLBACK',
      'bind: []',
      'execute: 0',
      // The read rolled back inside its exchange: the connection goes back to the pool as it is.
      'sync',
    ]);
  });

  it('caps the rows of a server that sends every row whatever the limit, and says it truncated', async () => {
    const server = await serverAnswering((text) => (text.startsWith('SELECT prop_id') ? { ...PARCELS, ignoreRowLimit: true } : undefined));
    const result = await connectorOn(server).query('SELECT prop_id, geo_id FROM property', [], { maxRows: 3, timeoutMs: 5_000 });
    expect(result).toEqual({
      columns: ['prop_id', 'geo_id'],
      rows: [
        { prop_id: '1', geo_id: 'R1' },
        { prop_id: '2', geo_id: 'R2' },
        { prop_id: '3', geo_id: 'R3' },
      ],
      row_count: 3,
      truncated: true,
    });
  });

  it('a read whose ROLLBACK the server left unanswered fails, and the connector rolls back itself', async () => {
    const server = await serverAnswering((text) => (text === 'ROLLBACK' ? 'unanswered' : undefined));
    const c = connectorOn(server);
    await expect(c.query('SELECT 1 AS one', [], READ)).rejects.toThrow('PostgreSQL ended the read early.');
    expect(server.messages().map(shape).slice(-2)).toEqual(['sync', 'query: ROLLBACK']);
  });

  it('a COPY FROM STDIN that starts and waits for data is failed at once, with the reason', async () => {
    const server = await serverAnswering((text) => (text.startsWith('COPY') ? 'copy-in' : undefined));
    const c = connectorOn(server);
    await expect(c.query('COPY parcel_notes FROM STDIN', [], { maxRows: 10, timeoutMs: 5_000 })).rejects.toThrow('COPY from stdin failed: PACS MCP reads only: COPY ... FROM STDIN is refused.');
    expect(server.messages().filter((m) => m.kind === 'copy-fail')).toEqual([{ kind: 'copy-fail', message: 'PACS MCP reads only: COPY ... FROM STDIN is refused.' }]);
    // Refused before any timeout: no cancel request was needed.
    expect(server.cancelRequests()).toBe(0);
    expect(server.messages().map(shape).at(-1)).toBe('query: ROLLBACK');
  });
});

describe('a connection the connector cannot vouch for is not reused', () => {
  it('a read that failed and whose ROLLBACK then failed closes its connection: the next read logs in again', async () => {
    const server = await serverAnswering((text, protocol) =>
      text.startsWith('SELECT broken') ? { error: 'column "broken" does not exist', code: '42703' } : text === 'ROLLBACK' && protocol === 'simple' ? { error: 'the server could not roll back' } : undefined,
    );
    const c = connectorOn(server);
    await expect(c.query('SELECT broken', [], READ)).rejects.toThrow('column "broken" does not exist');
    expect(server.messages().map(shape).at(-1)).toBe('query: ROLLBACK');
    expect(server.logins()).toBe(1);
    expect((await c.query('SELECT 1 AS one', [], READ)).row_count).toBe(0);
    expect(server.logins()).toBe(2);
  });

  it('a read that failed and was rolled back keeps its connection', async () => {
    const server = await serverAnswering((text) => (text.startsWith('SELECT broken') ? { error: 'column "broken" does not exist', code: '42703' } : undefined));
    const c = connectorOn(server);
    await expect(c.query('SELECT broken', [], READ)).rejects.toThrow('column "broken" does not exist');
    await c.query('SELECT 1 AS one', [], READ);
    expect(server.logins()).toBe(1);
  });

  it('a stream stopped early closes its cursor, then rolls back', async () => {
    const server = await serverAnswering((text) => (text.startsWith('SELECT prop_id') ? PARCELS : undefined));
    const c = connectorOn(server);
    for await (const batch of c.streamBatches('SELECT prop_id, geo_id FROM property', [], 4)) {
      expect(batch).toHaveLength(4);
      break;
    }
    expect(streamShape(server.messages()).slice(-3)).toEqual(['close: P cursor', 'sync', 'query: ROLLBACK']);
  });

  it('a stream whose statement fails sends nothing more on its cursor (its portal has ended), then rolls back', async () => {
    const server = await serverAnswering((text) => (text.includes('1 / 0') ? { error: 'division by zero', code: '22012' } : undefined));
    const c = connectorOn(server);
    const drain = async () => {
      for await (const batch of c.streamBatches('SELECT 1 / 0 AS x', [], 10)) void batch;
    };
    await expect(drain()).rejects.toThrow('division by zero');
    expect(streamShape(server.messages())).toEqual(['query: BEGIN TRANSACTION READ ONLY; SELECT 1', 'parse: SELECT 1 / 0 AS x', 'bind: []', 'describe: P cursor', 'execute: 10', 'sync', 'query: ROLLBACK']);
  });

  it('a stream whose BEGIN fails reports that failure and gives its connection back', async () => {
    const server = await serverAnswering((text) => (text.startsWith('BEGIN TRANSACTION READ ONLY; SELECT 1') ? { error: 'the server refused the transaction' } : undefined));
    const c = connectorOn(server);
    const drain = async () => {
      for await (const batch of c.streamBatches('SELECT prop_id FROM property', [], 10)) void batch;
    };
    await expect(drain()).rejects.toThrow('the server refused the transaction');
    expect(server.messages().map(shape)).toEqual(['query: BEGIN TRANSACTION READ ONLY; SELECT 1', 'query: ROLLBACK']);
  });
});
