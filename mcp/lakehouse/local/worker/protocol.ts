import { QueryCancelledError, QueryTimeoutError, type Row } from '../../../connectors/connector.js';
import { ReadOnlyViolation } from '../../../guard/read-only-guard.js';
import type { LakeColumn } from '../../lake-types.js';
import type { SessionSpec, SessionTable } from '../reader-session.js';

/**
 * Messages between the engine and the lakehouse query worker (a child process, so that DuckDB
 * failing natively ends that process only). Every request carries an id; the worker answers it
 * once (a stream answers once per batch pulled).
 */

export interface MaterializeSpec {
  /** The tables the SELECT reads, as views over their files. */
  tables: SessionTable[];
  select: string;
  /** The Parquet file to write. */
  target: string;
  spillDir: string;
}

export type WorkerRequest =
  | { type: 'query'; id: number; session: SessionSpec; sql: string; params: unknown[]; maxRows: number; timeoutMs: number }
  | { type: 'stream-open'; id: number; session: SessionSpec; sql: string; params: unknown[]; batchSize: number }
  | { type: 'stream-next'; id: number }
  | { type: 'stream-close'; id: number }
  | { type: 'materialize'; id: number; spec: MaterializeSpec }
  | { type: 'cancel'; id: number };

export interface SerializedError {
  name: string;
  message: string;
  timeoutMs?: number;
}

export type WorkerReply =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'batch'; id: number; rows: Row[] | null }
  | { type: 'error'; id: number; error: SerializedError };

export interface MaterializeResult {
  columns: LakeColumn[];
  rows: number;
}

export function serializeError(err: unknown, timeoutMs?: number): SerializedError {
  const error = err instanceof Error ? err : new Error(String(err));
  return { name: error.name, message: error.message, ...(error instanceof QueryTimeoutError ? { timeoutMs } : {}) };
}

/** The worker's error as the class the engine's callers test for. */
export function deserializeError(error: SerializedError): Error {
  if (error.name === 'QueryTimeoutError') return new QueryTimeoutError(error.timeoutMs ?? 0);
  if (error.name === 'QueryCancelledError') return new QueryCancelledError();
  if (error.name === 'ReadOnlyViolation') return new ReadOnlyViolation(error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
