import type { Row, SourceConnector } from '../connectors/connector.js';
import { assertReadOnly } from '../guard/read-only-guard.js';
import { classifyDatabaseError } from '../dialects/database-errors.js';
import { dialectOf } from '../dialects/index.js';
import { withholdDataValues } from '../masking/withheld-values.js';
import { jsonSafeRow } from '../util/json-safe.js';
import { UserError } from '../util/user-error.js';

/**
 * Streams a user's SQL in batches after the read-only guard has passed it (it throws
 * ReadOnlyViolation otherwise). The database's refusal is passed on in its words, without a
 * value it repeats from the data: snapshots are masked, and so is what their errors say.
 */
export async function* streamReadOnlyQuery(connector: SourceConnector, sql: string, batchSize: number, signal?: AbortSignal): AsyncGenerator<Row[]> {
  await assertReadOnly(sql, connector.dialect);
  try {
    for await (const batch of connector.streamBatches(sql, [], batchSize, signal)) yield batch.map(jsonSafeRow);
  } catch (err) {
    const found = classifyDatabaseError(err, connector.dialect);
    if (!found) throw err;
    throw new UserError('invalid', `${dialectOf(connector.dialect).label} could not run the query: ${JSON.stringify(withholdDataValues(found.message, sql))}.`, { cause: err });
  }
}

/** The row's value of a column, matched without regard to case (drivers differ in how they report names). */
export function columnLookup(columns: string[], wanted: string): string | undefined {
  return columns.find((c) => c === wanted) ?? columns.find((c) => c.toLowerCase() === wanted.toLowerCase());
}
