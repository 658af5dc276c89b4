import { QueryCancelledError, QueryTimeoutError, type Row } from '../../../connectors/connector.js';
import { ReadOnlyViolation } from '../../../guard/read-only-guard.js';
import { errorMessage, UserError, type UserErrorKind } from '../../../util/user-error.js';
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

/**
 * Asks the worker to close DuckDB and exit: sent where there is no channel whose closing would
 * tell it so (an Electron utility process).
 */
export interface StopRequest {
  type: 'stop';
}

/** An error crossing from the worker: what the engine's callers need to tell it apart, and its message. */
export type SerializedError =
  | { as: 'timeout'; timeoutMs: number }
  | { as: 'cancelled' }
  | { as: 'read_only'; message: string }
  | { as: 'user'; kind: UserErrorKind; message: string }
  | { as: 'other'; message: string };

export type WorkerReply =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'batch'; id: number; rows: Row[] | null }
  | { type: 'error'; id: number; error: SerializedError };

export interface MaterializeResult {
  columns: LakeColumn[];
  rows: number;
}

export function serializeError(err: unknown, timeoutMs = 0): SerializedError {
  if (err instanceof QueryTimeoutError) return { as: 'timeout', timeoutMs };
  if (err instanceof QueryCancelledError) return { as: 'cancelled' };
  if (err instanceof ReadOnlyViolation) return { as: 'read_only', message: err.message };
  if (err instanceof UserError) return { as: 'user', kind: err.kind, message: err.message };
  return { as: 'other', message: errorMessage(err) };
}

/** The worker's error as the class the engine's callers test for. */
export function deserializeError(error: SerializedError): Error {
  switch (error.as) {
    case 'timeout':
      return new QueryTimeoutError(error.timeoutMs);
    case 'cancelled':
      return new QueryCancelledError();
    case 'read_only':
      return new ReadOnlyViolation(error.message);
    case 'user':
      return new UserError(error.kind, error.message);
    case 'other':
      return new Error(error.message);
  }
}
