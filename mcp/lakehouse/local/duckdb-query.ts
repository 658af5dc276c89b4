import type { DuckDBConnection, DuckDBInstance, DuckDBPreparedStatement, DuckDBValue } from '@duckdb/node-api';
import { QueryCancelledError, QueryTimeoutError, type QueryOptions, type QueryResult, type Row } from '../../connectors/connector.js';
import { uniqueColumnNames } from '../../connectors/result-columns.js';
import { ReadOnlyViolation } from '../../guard/read-only-guard.js';
import { chunkRows, loadDuckDb } from './duckdb.js';

/**
 * Prepares `sql` as exactly one statement that DuckDB's own parser calls a SELECT: the database
 * classifies the statement too, after the guard, so nothing but a read reaches execution.
 */
async function prepareSelect(connection: DuckDBConnection, sql: string, params: unknown[]): Promise<DuckDBPreparedStatement> {
  const { StatementType } = await loadDuckDb();
  const statements = await connection.extractStatements(sql);
  if (statements.count !== 1) {
    throw new ReadOnlyViolation(`The lakehouse runs exactly one SELECT per call, but DuckDB found ${statements.count} statements. Send each SELECT in its own query_sql call.`);
  }
  const prepared = await statements.prepare(0);
  if (prepared.statementType !== StatementType.SELECT) {
    const kind = Object.entries(StatementType).find(([, v]) => v === prepared.statementType)?.[0] ?? String(prepared.statementType);
    throw new ReadOnlyViolation(`The lakehouse runs read-only SELECT statements only; DuckDB reads this one as ${kind.replace(/_/g, ' ')}. Send a single SELECT.`);
  }
  if (params.length > 0) prepared.bind(params as DuckDBValue[]);
  return prepared;
}

/** Runs `work` on a fresh connection that a timeout or an abort interrupts. */
async function interruptible<T>(instance: DuckDBInstance, options: { timeoutMs?: number; signal?: AbortSignal }, work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  if (options.signal?.aborted) throw new QueryCancelledError();
  const connection = await instance.connect();
  let stoppedBy: 'timeout' | 'cancel' | undefined;
  const timer = options.timeoutMs
    ? setTimeout(() => {
        stoppedBy = 'timeout';
        connection.interrupt();
      }, options.timeoutMs)
    : undefined;
  const onAbort = () => {
    stoppedBy = 'cancel';
    connection.interrupt();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await work(connection);
  } catch (err) {
    if (stoppedBy === 'timeout') throw new QueryTimeoutError(options.timeoutMs ?? 0);
    if (stoppedBy === 'cancel') throw new QueryCancelledError();
    throw err;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    connection.closeSync();
  }
}

/** One read-only SELECT, at most `maxRows` rows (read chunk by chunk, never the whole result). */
export function runCappedSelect(instance: DuckDBInstance, sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
  return interruptible(instance, options, async (connection) => {
    const prepared = await prepareSelect(connection, sql, params);
    const result = await prepared.stream();
    const columns = uniqueColumnNames(result.columnNames());
    const rows: Row[] = [];
    let truncated = false;
    outer: for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const row of chunkRows(chunk, columns)) {
        if (rows.length === options.maxRows) {
          truncated = true;
          break outer;
        }
        rows.push(row);
      }
    }
    return { columns, rows, row_count: rows.length, truncated };
  });
}

/** Every row of a read-only SELECT, in batches of `batchSize`. */
export async function* streamSelect(instance: DuckDBInstance, sql: string, params: unknown[], batchSize: number, signal?: AbortSignal): AsyncIterable<Row[]> {
  if (signal?.aborted) throw new QueryCancelledError();
  const connection = await instance.connect();
  const onAbort = () => connection.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const prepared = await prepareSelect(connection, sql, params);
    const result = await prepared.stream();
    const columns = uniqueColumnNames(result.columnNames());
    let batch: Row[] = [];
    for (;;) {
      let chunk;
      try {
        chunk = await result.fetchChunk();
      } catch (err) {
        if (signal?.aborted) throw new QueryCancelledError();
        throw err;
      }
      if (!chunk || chunk.rowCount === 0) break;
      batch.push(...chunkRows(chunk, columns));
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    connection.closeSync();
  }
}
