import { assertWritable } from '../connections/connection-types.js';
import type { SourceConnector, WriteTx } from '../connectors/connector.js';
import type { ImportEngine } from './import-engine.js';
import { actorLabel, type Actor } from './actor.js';
import { assertSignoffHolds } from './batch-lifecycle.js';
import { recordEvent, type BatchRow, type ImportStore } from './batch-store.js';
import { ImportStateError } from './import-errors.js';
import type { ImportKind, RowValues, StagedRow } from './import-kind.js';
import { importKind } from './import-kinds.js';

export interface PushRequest {
  batchId: string;
  /** A training connection; default: the one the batch was validated against. */
  connectionId?: string | null;
}

export interface PushResult {
  batch: BatchRow;
  connectionId: string;
  pushedRows: number;
  skippedRows: number;
  /** The target already had this batch id: nothing was written twice. */
  alreadyPushed: boolean;
}

/** SQL Server takes at most 2,100 parameters per request and 1,000 rows per VALUES list. */
const MAX_PARAMS = 2_000;
const MAX_ROWS_PER_INSERT = 1_000;

/**
 * Pushes a QA-signed batch into the training connection's import_staging_* tables: its header,
 * every row without an error, and the errors of the skipped rows, in one transaction. Idempotent
 * by batch id: a target that already has the batch is left as it is.
 */
export async function pushBatch(engine: ImportEngine, store: ImportStore, request: PushRequest, actor: Actor): Promise<PushResult> {
  const batch = await store.get(request.batchId);
  if (batch.status === 'pushed_to_training' || batch.status === 'promoted') {
    if (request.connectionId && request.connectionId !== batch.pushed_connection_id) {
      throw new ImportStateError(`Batch ${batch.batch_id} was already pushed to "${batch.pushed_connection_id}"; a batch is pushed to one training connection.`);
    }
    return { batch, connectionId: batch.pushed_connection_id!, pushedRows: 0, skippedRows: 0, alreadyPushed: true };
  }
  if (batch.status !== 'qa_signed') {
    throw new ImportStateError(`Batch ${batch.batch_id} is ${batch.status}; only a QA-signed batch is pushed. ${batch.status === 'validated' ? 'Get the QA sign-off first (`pacs-mcp import signoff`).' : ''}`.trim());
  }
  const { record, connector } = await engine.source(request.connectionId ?? batch.validated_connection_id ?? undefined);
  assertWritable(record, 'pushing an import batch');
  if (connector.family !== 'database') throw new ImportStateError(`Connection "${record.id}" (${record.kind}) is a warehouse; a batch is pushed to a PACS training database.`, 'invalid');
  const kind = importKind(batch.kind);
  await assertStagingTables(connector, record.id, kind);
  await store.claim(batch, 'push', actor);
  try {
    await assertSignoffHolds(store, batch, actor, 'push');
    const skip = await store.errorLines(batch.batch_key, [0, batch.validation_run]);
    const validCount = batch.staged_count - skip.size;
    const outcome = await connector.writeTransaction(async (tx) => {
      const existing = await tx.query('SELECT batch_id, row_count FROM import_staging_batches WHERE batch_id = ?', [batch.batch_id]);
      if (existing.length > 0) return { already: true, rows: Number(existing[0].row_count) };
      await tx.execute(
        `INSERT INTO import_staging_batches (batch_id, kind, file_name, file_sha256, review_sha256, row_count, skipped_count, reviewed_by, reviewed_at, pushed_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [batch.batch_id, batch.kind, batch.file_name.slice(0, 255), batch.file_sha256, batch.signoff_sha256, validCount, skip.size, batch.signoff_reviewer, sqlDateTime(batch.signoff_at!), actor.user.slice(0, 100)],
      );
      const rows = await insertRows(tx, store, batch, kind, skip);
      await insertErrors(tx, store, batch);
      return { already: false, rows };
    });
    await store.db.transaction(async (tx) => {
      const at = new Date().toISOString();
      await tx.run("UPDATE import_batches SET status = 'pushed_to_training', pushed_connection_id = ?, pushed_at = ?, pushed_by = ?, updated_at = ? WHERE batch_key = ?", [record.id, at, actorLabel(actor), at, batch.batch_key]);
      await recordEvent(tx, batch.batch_key, actor, 'pushed', 'qa_signed', 'pushed_to_training', { connection_id: record.id, rows: outcome.rows, skipped: skip.size, already_in_target: outcome.already });
      await store.release(batch.batch_key, tx);
    });
    return { batch: await store.getByKey(batch.batch_key), connectionId: record.id, pushedRows: outcome.already ? 0 : outcome.rows, skippedRows: skip.size, alreadyPushed: outcome.already };
  } catch (err) {
    await store.release(batch.batch_key).catch(() => undefined);
    throw err;
  }
}

async function insertRows(tx: WriteTx, store: ImportStore, batch: BatchRow, kind: ImportKind, skip: Set<number>): Promise<number> {
  const columns = kind.push.columns;
  const perInsert = Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMS / columns.length));
  const sql = (n: number) => `INSERT INTO ${kind.push.table} (${columns.join(', ')}) VALUES ${Array.from({ length: n }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`;
  let pending: unknown[][] = [];
  let count = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await tx.execute(sql(pending.length), pending.flat());
    count += pending.length;
    pending = [];
  };
  for await (const page of store.valuePages(batch.batch_key)) {
    for (const [line, propId, values] of page) {
      if (skip.has(line)) continue;
      const staged: StagedRow = { line, values: values as RowValues, propId, hasStageErrors: false };
      pending.push(kind.push.params(staged, batch.batch_id));
      if (pending.length === perInsert) await flush();
    }
  }
  await flush();
  return count;
}

async function insertErrors(tx: WriteTx, store: ImportStore, batch: BatchRow): Promise<void> {
  const perInsert = Math.floor(MAX_PARAMS / 5);
  for (let offset = 0; ; offset += perInsert) {
    const errors = await store.errorsPage(batch, offset, perInsert);
    if (errors.length === 0) return;
    await tx.execute(
      `INSERT INTO import_staging_errors (batch_id, line_number, column_name, error_code, error_text) VALUES ${errors.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      errors.flatMap((e) => [batch.batch_id, e.line, e.column?.slice(0, 128) ?? null, e.code.slice(0, 40), e.message.slice(0, 1_000)]),
    );
  }
}

const DEFAULT_SCHEMA = { sqlite: 'main', postgres: 'public', tsql: 'dbo' } as const;
const SQL_SCRIPT = { sqlite: '', postgres: 'resources/sql/postgres/staging-tables.sql', tsql: 'resources/sql/sqlserver/staging-tables.sql' } as const;

/**
 * The target must have the staging tables and every column the push writes (the county's original
 * import_staging_property_values lacks import_batch_id): say so before writing anything.
 */
async function assertStagingTables(connector: SourceConnector, connectionId: string, kind: ImportKind): Promise<void> {
  const dialect = connector.dialect as keyof typeof DEFAULT_SCHEMA;
  if (!(dialect in DEFAULT_SCHEMA)) throw new ImportStateError(`Connection "${connectionId}" (${connector.dialect}) is not a PACS database; a batch is pushed to a SQL Server, PostgreSQL or SQLite training connection.`);
  const schema = DEFAULT_SCHEMA[dialect];
  const script = SQL_SCRIPT[dialect];
  const needed: [string, readonly string[]][] = [
    ['import_staging_batches', ['batch_id', 'kind', 'file_name', 'file_sha256', 'review_sha256', 'row_count', 'skipped_count', 'reviewed_by', 'reviewed_at', 'pushed_by']],
    [kind.push.table, kind.push.columns],
    ['import_staging_errors', ['batch_id', 'line_number', 'column_name', 'error_code', 'error_text']],
  ];
  for (const [table, columns] of needed) {
    const have = await connector.describeTable(schema, table).then(
      (cols) => new Set(cols.map((c) => c.name.toLowerCase())),
      () => new Set<string>(),
    );
    if (have.size === 0) {
      const fix = script ? ` Run ${script} on that database (it creates the staging tables that are missing).` : ' Rebuild the demo database (`pacs-mcp demo`).';
      throw new ImportStateError(`Connection "${connectionId}" has no ${schema}.${table} table, so the batch cannot be pushed there.${fix}`);
    }
    const missing = columns.filter((c) => !have.has(c));
    if (missing.length) {
      throw new ImportStateError(
        `${schema}.${table} on "${connectionId}" lacks the column(s) ${missing.join(', ')} the push writes. ` +
          (missing.length === 1 && missing[0] === 'import_batch_id'
            ? `The county's original staging table predates it: ALTER TABLE ${schema}.${table} ADD import_batch_id VARCHAR(36) NULL (see docs/imports.md).`
            : `Compare it with the layout in ${script || 'mcp/demo/demo-schema.ts'} and add them.`),
      );
    }
  }
}

/** 'YYYY-MM-DDTHH:MM:SS' (UTC): read the same by SQL Server DATETIME, PostgreSQL and SQLite. */
export function sqlDateTime(iso: string): string {
  return iso.slice(0, 19);
}
