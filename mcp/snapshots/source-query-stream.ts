import type { Row, SourceConnector } from '../connectors/connector.js';
import { assertReadOnly } from '../guard/read-only-guard.js';
import { jsonSafeRow } from '../util/json-safe.js';
import { UserError } from '../util/user-error.js';

/** Without `streamBatches`, a connector's query is read whole, up to this many rows. */
export const UNSTREAMED_MAX_ROWS = 200_000;
const QUERY_TIMEOUT_MS = 55_000;

/**
 * Streams a user's SQL in batches after the read-only guard has passed it (it throws
 * ReadOnlyViolation otherwise). Connectors with a cursor stream; others are read up to
 * UNSTREAMED_MAX_ROWS and refused beyond, rather than cut silently.
 */
export async function* streamReadOnlyQuery(connector: SourceConnector, sql: string, batchSize: number, signal?: AbortSignal): AsyncGenerator<Row[]> {
  await assertReadOnly(sql, connector.dialect);
  if (connector.streamBatches) {
    for await (const batch of connector.streamBatches(sql, [], batchSize, signal)) yield batch.map(jsonSafeRow);
    return;
  }
  const result = await connector.query(sql, [], { maxRows: UNSTREAMED_MAX_ROWS, timeoutMs: QUERY_TIMEOUT_MS, signal });
  if (result.truncated) {
    throw new UserError('invalid', `The query returned more than ${UNSTREAMED_MAX_ROWS} rows and this connection cannot stream; narrow it with a WHERE clause.`);
  }
  for (let i = 0; i < result.rows.length; i += batchSize) yield result.rows.slice(i, i + batchSize).map(jsonSafeRow);
}

/** The row's value of a column, matched without regard to case (drivers differ in how they report names). */
export function columnLookup(columns: string[], wanted: string): string | undefined {
  return columns.find((c) => c === wanted) ?? columns.find((c) => c.toLowerCase() === wanted.toLowerCase());
}
