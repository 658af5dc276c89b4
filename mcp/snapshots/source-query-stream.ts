import type { Row, SourceConnector } from '../connectors/connector.js';
import { assertReadOnly } from '../guard/read-only-guard.js';
import { jsonSafeRow } from '../util/json-safe.js';

/**
 * Streams a user's SQL in batches after the read-only guard has passed it (it throws
 * ReadOnlyViolation otherwise).
 */
export async function* streamReadOnlyQuery(connector: SourceConnector, sql: string, batchSize: number, signal?: AbortSignal): AsyncGenerator<Row[]> {
  await assertReadOnly(sql, connector.dialect);
  for await (const batch of connector.streamBatches(sql, [], batchSize, signal)) yield batch.map(jsonSafeRow);
}

/** The row's value of a column, matched without regard to case (drivers differ in how they report names). */
export function columnLookup(columns: string[], wanted: string): string | undefined {
  return columns.find((c) => c === wanted) ?? columns.find((c) => c.toLowerCase() === wanted.toLowerCase());
}
