import { NOTICE_CODES } from './rule-catalog.js';
import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log.js';
import type { SqliteDb, SqliteTx, SqlValue } from '../store/sqlite-db.js';
import { logError, logInfo } from '../util/log.js';
import { keepAlive, leaseState, newLeaseHolder, type LeaseHolder } from '../util/process-lease.js';
import { actorLabel, type Actor } from './actor.js';
import { ImportStateError, type RowError } from './import-errors.js';

export type BatchStatus = 'staging' | 'staged' | 'validated' | 'qa_signed' | 'pushed_to_training' | 'promoted' | 'rejected';
export type WorkerTask = 'stage' | 'validate' | 'signoff' | 'push' | 'promote';

/** An import_batches row as stored. */
export interface BatchRow {
  batch_key: number;
  batch_id: string;
  kind: string;
  status: BatchStatus;
  file_name: string;
  file_path: string | null;
  file_format: string;
  file_sha256: string;
  file_bytes: number;
  encoding: string | null;
  delimiter: string | null;
  sheet_name: string | null;
  columns_json: string;
  notes_json: string;
  /** What the rows reference (parcels, years …), gathered while staging: validation's first step. */
  manifest_json: string | null;
  staged_count: number;
  stage_error_count: number;
  validation_run: number;
  validation_error_count: number;
  error_row_count: number;
  validated_connection_id: string | null;
  validated_at: string | null;
  validated_by: string | null;
  content_sha256: string | null;
  signoff_reviewer: string | null;
  signoff_by: string | null;
  signoff_at: string | null;
  signoff_sha256: string | null;
  signoff_note: string | null;
  pushed_connection_id: string | null;
  pushed_at: string | null;
  pushed_by: string | null;
  promoted_connection_id: string | null;
  promoted_at: string | null;
  promoted_by: string | null;
  rejected_reason: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  worker_pid: number | null;
  worker_host: string | null;
  worker_started: string | null;
  worker_token: string | null;
  worker_task: WorkerTask | null;
  worker_heartbeat_at: string | null;
}

/** The columns a batch summary is made of: lists read these, never the rows' manifest. */
export const SUMMARY_COLUMNS = [
  'batch_id', 'kind', 'status', 'file_name', 'file_format', 'file_sha256', 'file_bytes', 'encoding', 'delimiter', 'sheet_name',
  'staged_count', 'stage_error_count', 'validation_error_count', 'error_row_count', 'content_sha256', 'validated_connection_id', 'validated_at',
  'created_at', 'created_by', 'signoff_reviewer', 'signoff_by', 'signoff_at', 'signoff_sha256', 'signoff_note',
  'pushed_connection_id', 'pushed_at', 'pushed_by', 'promoted_connection_id', 'promoted_at', 'promoted_by', 'rejected_reason',
] as const satisfies readonly (keyof BatchRow)[];

export type SummaryRow = Pick<BatchRow, (typeof SUMMARY_COLUMNS)[number]>;

/** A staged row as validation, push and promotion read it: line, parcel (file's or resolved), values. */
export type ValueRow = [line: number, propId: number | null, values: unknown[]];

/** A row as staging hands it to the store: line, prop_id (when the file gives it), natural key, values. */
export type NewRow = [line: number, propId: number | null, rowKey: string | null, values: unknown[]];

export interface BatchEvent {
  seq: number;
  at: string;
  actor: string;
  channel: string;
  client_name: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  detail_json: string;
}

/**
 * Errors per INSERT. Rows and errors travel as one JSON parameter that SQLite unpacks with
 * json_each on its own thread: binding millions of separate parameters would keep the main thread
 * busy instead of parsing the file.
 */
const ERRORS_PER_INSERT = 5_000;

/** What releasing a batch writes: no worker. */
const NO_WORKER = 'worker_pid = NULL, worker_host = NULL, worker_started = NULL, worker_token = NULL, worker_task = NULL, worker_heartbeat_at = NULL';

const now = () => new Date().toISOString();

/**
 * The app store's import tables, on a connection of its own (one per engine) so that a long
 * staging or validation never holds up the engine's connection (audit rows, other tools) between
 * its short transactions. A batch being worked on carries its worker's lease
 * (util/process-lease.ts): a batch whose worker died is cleaned up, never left busy.
 */
export class ImportStore {
  private readonly holder: LeaseHolder = newLeaseHolder();
  /** Batches this store is working on right now: a row with this store's token but not listed here is a leftover. */
  private readonly active = new Set<number>();
  private stopHeartbeat?: () => void;
  private bulkWriters = 0;

  constructor(
    readonly db: SqliteDb,
    private readonly audit: AuditLog,
  ) {}

  async close(): Promise<void> {
    this.stopHeartbeat?.();
    await this.db.close();
  }

  /**
   * While a file is staged, this connection does not checkpoint the WAL after every few megabytes
   * (each checkpoint syncs the file to disk); one checkpoint follows when the last staging is in.
   */
  async bulkWrites<T>(work: () => Promise<T>): Promise<T> {
    if (this.bulkWriters++ === 0) await this.db.exec('PRAGMA wal_autocheckpoint = 0');
    try {
      return await work();
    } finally {
      if (--this.bulkWriters === 0) await this.db.exec('PRAGMA wal_autocheckpoint = 1000; PRAGMA wal_checkpoint(PASSIVE);').catch(() => undefined);
    }
  }

  // ── staging ────────────────────────────────────────────────────────────────────────────────

  /** A batch in status `staging`: invisible to lists until finalizeStaged, removed if the worker dies. */
  async createStaging(meta: { kind: string; fileName: string; filePath: string | null; fileFormat: string; fileBytes: number }, actor: Actor): Promise<{ batchKey: number; batchId: string }> {
    const batchId = randomUUID();
    const at = now();
    const { lastId } = await this.db.run(
      `INSERT INTO import_batches (batch_id, kind, status, file_name, file_path, file_format, file_bytes, created_at, created_by, updated_at,
         worker_pid, worker_host, worker_started, worker_token, worker_task, worker_heartbeat_at)
       VALUES (?, ?, 'staging', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'stage', ?)`,
      [batchId, meta.kind, meta.fileName, meta.filePath, meta.fileFormat, meta.fileBytes, at, actorLabel(actor), at, ...this.workerValues(), at],
    );
    this.started(lastId);
    return { batchKey: lastId, batchId };
  }

  /**
   * One chunk of a staging batch. The rows come already as JSON text (`serializeRows`): serialized
   * at once, a chunk waiting for the previous write is one string, not thousands of live objects.
   */
  async appendStaged(batchKey: number, rowsJson: string, errors: RowError[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.renewLease(tx, batchKey);
      await tx.run('INSERT INTO import_rows (batch_key, line, prop_id, row_key, vals) SELECT ?, value ->> 0, value ->> 1, value ->> 2, value -> 3 FROM json_each(?)', [batchKey, rowsJson]);
      await insertErrors(tx, batchKey, 0, errors);
    });
  }

  async clearStaged(batchKey: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM import_rows WHERE batch_key = ?', [batchKey]);
      await tx.run('DELETE FROM import_errors WHERE batch_key = ?', [batchKey]);
    });
  }

  /** The one step that makes a staged batch exist: status, counts and its first history entry together. */
  async finalizeStaged(
    batchKey: number,
    summary: {
      fileSha256: string;
      fileBytes: number;
      encoding: string | null;
      delimiter: string | null;
      sheetName: string | null;
      columns: unknown[];
      notes: string[];
      manifest: unknown;
      stagedCount: number;
      stageErrorCount: number;
      errorRowCount: number;
    },
    actor: Actor,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.renewLease(tx, batchKey);
      await tx.run(
        `UPDATE import_batches SET status = 'staged', file_sha256 = ?, file_bytes = ?, encoding = ?, delimiter = ?, sheet_name = ?, columns_json = ?, notes_json = ?,
           manifest_json = ?, staged_count = ?, stage_error_count = ?, error_row_count = ?, updated_at = ?, ${NO_WORKER}
         WHERE batch_key = ? AND status = 'staging'`,
        [summary.fileSha256, summary.fileBytes, summary.encoding, summary.delimiter, summary.sheetName, JSON.stringify(summary.columns), JSON.stringify(summary.notes),
          JSON.stringify(summary.manifest), summary.stagedCount, summary.stageErrorCount, summary.errorRowCount, now(), batchKey],
      );
      await recordEvent(tx, batchKey, actor, 'staged', null, 'staged', { file_sha256: summary.fileSha256, staged_count: summary.stagedCount, error_count: summary.stageErrorCount });
    });
    this.finished(batchKey);
  }

  /** Removes every trace of a batch that never finished staging. */
  async discard(batchKey: number): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        await tx.run('DELETE FROM import_rows WHERE batch_key = ?', [batchKey]);
        await tx.run('DELETE FROM import_errors WHERE batch_key = ?', [batchKey]);
        await tx.run('DELETE FROM import_batch_events WHERE batch_key = ?', [batchKey]);
        await tx.run("DELETE FROM import_batches WHERE batch_key = ? AND status = 'staging'", [batchKey]);
      });
    } finally {
      this.finished(batchKey);
    }
  }

  // ── work claims (validate, push, promote) ──────────────────────────────────────────────────

  /**
   * Marks the batch as being worked on by this store; refuses while another live worker has it.
   * A claim left by a worker that died is cleaned up first (as at start-up) and then taken.
   */
  async claim(batch: BatchRow, task: WorkerTask, actor: Actor): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const { changes } = await this.db.run(
        'UPDATE import_batches SET worker_pid = ?, worker_host = ?, worker_started = ?, worker_token = ?, worker_task = ?, worker_heartbeat_at = ? WHERE batch_key = ? AND worker_pid IS NULL',
        [...this.workerValues(), task, now(), batch.batch_key],
      );
      if (changes === 1) {
        this.started(batch.batch_key);
        return;
      }
      const current = await this.getByKey(batch.batch_key);
      if (attempt === 0 && this.workerIsGone(current) && (await this.recoverBatch(current, actor))) continue;
      throw new ImportStateError(
        `Batch ${batch.batch_id} is busy: ${current.worker_task ?? 'another step'} started ${current.worker_heartbeat_at ?? ''} by process ${current.worker_pid} on ${current.worker_host}. Wait for it to finish and try again.`,
      );
    }
  }

  /**
   * Ends this store's work on a batch. Inside the transaction that records the step's outcome it
   * also proves the batch is still this store's: if another process took it over meanwhile (it
   * presumed this one gone), the outcome is not recorded.
   */
  async release(batchKey: number, tx?: SqliteTx): Promise<void> {
    const sql = `UPDATE import_batches SET ${NO_WORKER} WHERE batch_key = ? AND worker_token = ?`;
    try {
      if (!tx) await this.db.run(sql, [batchKey, this.holder.token]);
      else if ((await tx.run(sql, [batchKey, this.holder.token])).changes === 0) throw takenOver(batchKey);
    } finally {
      this.finished(batchKey);
    }
  }

  /** Keeps the lease fresh with the work it covers, and refuses to write on a batch another process took over. */
  async renewLease(tx: SqliteTx, batchKey: number): Promise<void> {
    const { changes } = await tx.run('UPDATE import_batches SET worker_heartbeat_at = ? WHERE batch_key = ? AND worker_token = ?', [now(), batchKey, this.holder.token]);
    if (changes === 0) throw takenOver(batchKey);
  }

  private workerValues(): SqlValue[] {
    return [this.holder.pid, this.holder.host, this.holder.started, this.holder.token];
  }

  /** A batch this store now works on: its lease is kept fresh until it is finished. */
  private started(batchKey: number): void {
    this.active.add(batchKey);
    this.stopHeartbeat ??= keepAlive(async () => {
      const keys = [...this.active];
      if (keys.length === 0) return;
      await this.db.run(`UPDATE import_batches SET worker_heartbeat_at = ? WHERE worker_token = ? AND batch_key IN (${keys.map(() => '?').join(',')})`, [now(), this.holder.token, ...keys]);
    }, (err) => logError('import worker heartbeat', err));
  }

  private finished(batchKey: number): void {
    this.active.delete(batchKey);
    if (this.active.size === 0) {
      this.stopHeartbeat?.();
      this.stopHeartbeat = undefined;
    }
  }

  private workerIsGone(batch: BatchRow): boolean {
    if (batch.worker_pid === null) return false;
    const state = leaseState({ pid: batch.worker_pid, host: batch.worker_host, started: batch.worker_started, token: batch.worker_token, heartbeatAt: batch.worker_heartbeat_at }, this.holder);
    return state === 'mine' ? !this.active.has(batch.batch_key) : state === 'dead';
  }

  // ── reads ──────────────────────────────────────────────────────────────────────────────────

  async find(batchId: string): Promise<BatchRow | undefined> {
    return this.db.get<BatchRow>("SELECT * FROM import_batches WHERE batch_id = ? AND status <> 'staging'", [batchId]);
  }

  async get(batchId: string): Promise<BatchRow> {
    const batch = await this.find(batchId);
    if (!batch) throw new ImportStateError(`There is no import batch "${batchId}". Call list_import_batches (or \`pacs-mcp import list\`) for the batch ids.`, 'not_found');
    return batch;
  }

  async getByKey(batchKey: number): Promise<BatchRow> {
    const batch = await this.db.get<BatchRow>('SELECT * FROM import_batches WHERE batch_key = ?', [batchKey]);
    if (!batch) throw new ImportStateError(`Import batch ${batchKey} disappeared.`);
    return batch;
  }

  /** A page of batch summaries, newest first, and how many match: one query. */
  async list(filter: { status?: string; kind?: string; limit: number; offset?: number }): Promise<{ batches: SummaryRow[]; total: number }> {
    const where = ["status <> 'staging'"];
    const params: SqlValue[] = [];
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.kind) {
      where.push('kind = ?');
      params.push(filter.kind);
    }
    const clause = where.join(' AND ');
    const rows = await this.db.all<SummaryRow & { total: number }>(
      `SELECT ${SUMMARY_COLUMNS.join(', ')}, COUNT(*) OVER () AS total FROM import_batches WHERE ${clause} ORDER BY batch_key DESC LIMIT ? OFFSET ?`,
      [...params, filter.limit, filter.offset ?? 0],
    );
    // A page past the end has no row to carry the total: only then is it counted on its own.
    const total = rows[0]?.total ?? (filter.offset ? ((await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM import_batches WHERE ${clause}`, params))?.n ?? 0) : 0);
    return { batches: rows.map(({ total: _total, ...batch }) => batch), total };
  }

  /** Earlier batches of the same file contents (a file staged again is a new version, not a replacement). */
  async sameFileBatches(batch: BatchRow): Promise<string[]> {
    const rows = await this.db.all<{ batch_id: string }>(
      "SELECT batch_id FROM import_batches WHERE file_sha256 = ? AND kind = ? AND batch_key <> ? AND status <> 'staging' ORDER BY batch_key",
      [batch.file_sha256, batch.kind, batch.batch_key],
    );
    return rows.map((r) => r.batch_id);
  }

  /** The current errors of a batch (staging's and the last validation's), by line. */
  async errorsPage(batch: BatchRow, offset: number, limit: number): Promise<RowError[]> {
    return this.db.all<RowError>(
      'SELECT line, column_name AS "column", code, message FROM import_errors WHERE batch_key = ? AND run IN (0, ?) ORDER BY line, run, rowid LIMIT ? OFFSET ?',
      [batch.batch_key, batch.validation_run, limit, offset],
    );
  }

  /**
   * Staged rows in line order, a page at a time, the next page read while this one is used. A page
   * comes from SQLite as one JSON text (one parse, not thousands of row objects); `onlyUnresolved`
   * keeps the rows whose parcel validation must (re)resolve.
   */
  async *valuePages(batchKey: number, options: { onlyUnresolved?: boolean; pageSize?: number } = {}): AsyncGenerator<ValueRow[]> {
    const pageSize = options.pageSize ?? 2_000;
    const filter = options.onlyUnresolved ? 'AND (prop_id IS NULL OR resolved = 1)' : '';
    const read = async (after: number) => {
      // vals is JSON already: the page is concatenated as text, never re-parsed by SQLite.
      const row = await this.db.get<{ page: string | null }>(
        `SELECT '[' || group_concat('[' || line || ',' || ifnull(prop_id, 'null') || ',' || vals || ']', ',') || ']' AS page
           FROM (SELECT line, prop_id, vals FROM import_rows WHERE batch_key = ? AND line > ? ${filter} ORDER BY line LIMIT ?)`,
        [batchKey, after, pageSize],
      );
      // The subquery is in line order; sorting an already sorted page is one linear pass.
      return (JSON.parse(row?.page ?? '[]') as ValueRow[]).sort((a, b) => a[0] - b[0]);
    };
    let next = read(0);
    for (;;) {
      const page = await next;
      if (page.length === 0) return;
      next = page.length < pageSize ? Promise.resolve([]) : read(page[page.length - 1][0]);
      next.catch(() => undefined);
      yield page;
    }
  }

  /**
   * The review text of the rows, page by page, built by SQLite: `R<tab>line<tab>prop_id<tab>values`
   * per row in line order (the rows part of the review sha256).
   */
  async *rowReviewText(batchKey: number, pageSize = 10_000): AsyncGenerator<string> {
    let after = 0;
    for (;;) {
      const row = await this.db.get<{ text: string | null; last: number | null }>(
        `SELECT group_concat('R' || char(9) || line || char(9) || ifnull(prop_id, '') || char(9) || vals || char(10), '' ORDER BY line) AS text, MAX(line) AS last
           FROM (SELECT line, prop_id, vals FROM import_rows WHERE batch_key = ? AND line > ? ORDER BY line LIMIT ?)`,
        [batchKey, after, pageSize],
      );
      if (!row?.text || row.last === null) return;
      yield row.text;
      after = row.last;
    }
  }

  /** Lines that carry an error (not merely a notice) of the current validation run or of staging. */
  async errorLines(batchKey: number, runs: number[]): Promise<Set<number>> {
    // One JSON text rather than a row object per line: a batch may have hundreds of thousands.
    const row = await this.db.get<{ lines: string | null }>(
      `SELECT json_group_array(line) AS lines FROM (SELECT DISTINCT line FROM import_errors WHERE batch_key = ? AND run IN (${runs.map(() => '?').join(',')})
         AND code NOT IN (${NOTICE_CODES.map(() => '?').join(',')}))`,
      [batchKey, ...runs, ...NOTICE_CODES],
    );
    return new Set(JSON.parse(row?.lines ?? '[]') as number[]);
  }

  async events(batchKey: number): Promise<BatchEvent[]> {
    return this.db.all<BatchEvent>('SELECT seq, at, actor, channel, client_name, action, from_status, to_status, detail_json FROM import_batch_events WHERE batch_key = ? ORDER BY seq', [batchKey]);
  }

  // ── recovery ───────────────────────────────────────────────────────────────────────────────

  /** At start-up: every batch whose worker process is gone (kill -9, power loss) is cleaned up. */
  async recoverInterrupted(actor: Actor): Promise<number> {
    const claimed = await this.db.all<BatchRow>('SELECT * FROM import_batches WHERE worker_pid IS NOT NULL');
    let recovered = 0;
    for (const batch of claimed) {
      if (this.workerIsGone(batch) && (await this.recoverBatch(batch, actor))) recovered++;
    }
    return recovered;
  }

  /**
   * A batch whose worker is gone: a half-staged batch is deleted with all its rows (it never
   * existed for anyone); an interrupted validation leaves the previous results in place and only
   * its partial errors are removed. Each cleanup writes an audit row. False when another process
   * got to it first.
   */
  private async recoverBatch(batch: BatchRow, actor: Actor): Promise<boolean> {
    const done = await this.db.transaction(async (tx) => {
      const still = await tx.get<{ worker_token: string | null; worker_heartbeat_at: string | null }>('SELECT worker_token, worker_heartbeat_at FROM import_batches WHERE batch_key = ?', [batch.batch_key]);
      if (!still || still.worker_token !== batch.worker_token || still.worker_heartbeat_at !== batch.worker_heartbeat_at) return false;
      if (batch.status === 'staging') {
        await tx.run('DELETE FROM import_rows WHERE batch_key = ?', [batch.batch_key]);
        await tx.run('DELETE FROM import_errors WHERE batch_key = ?', [batch.batch_key]);
        await tx.run('DELETE FROM import_batch_events WHERE batch_key = ?', [batch.batch_key]);
        await tx.run('DELETE FROM import_batches WHERE batch_key = ?', [batch.batch_key]);
      } else {
        await tx.run('DELETE FROM import_errors WHERE batch_key = ? AND run > ?', [batch.batch_key, batch.validation_run]);
        await tx.run(`UPDATE import_batches SET ${NO_WORKER} WHERE batch_key = ?`, [batch.batch_key]);
        await recordEvent(tx, batch.batch_key, actor, 'interrupted', batch.status, batch.status, { task: batch.worker_task, pid: batch.worker_pid });
      }
      await this.audit.appendWithin(tx, {
        channel: actor.channel,
        clientName: actor.clientName,
        action: 'import.recover',
        args: { batch_id: batch.batch_id, file_name: batch.file_name, interrupted_task: batch.worker_task, worker_pid: batch.worker_pid },
        outcome: 'ok',
        durationMs: 0,
      });
      return true;
    });
    if (done) {
      logInfo(`import batch ${batch.batch_id} (${batch.file_name}): its ${batch.worker_task} was interrupted (process ${batch.worker_pid} is gone); ${batch.status === 'staging' ? 'the partial batch was removed' : 'its partial results were removed'}.`);
    }
    return done;
  }
}

function takenOver(batchKey: number): ImportStateError {
  return new ImportStateError(
    `The import batch (store key ${batchKey}) was taken over by another PACS MCP process, which found no sign of this one working on it; nothing more was written. Run the step again.`,
  );
}

/** A chunk of new rows as the JSON text appendStaged inserts (SQLite unpacks it with json_each). */
export function serializeRows(rows: NewRow[]): string {
  return JSON.stringify(rows);
}

export async function insertErrors(tx: SqliteTx, batchKey: number, run: number, errors: RowError[]): Promise<void> {
  for (let i = 0; i < errors.length; i += ERRORS_PER_INSERT) {
    const chunk = errors.slice(i, i + ERRORS_PER_INSERT).map((e) => [e.line, e.column, e.code, e.message]);
    await tx.run(
      'INSERT INTO import_errors (batch_key, run, line, column_name, code, message) SELECT ?, ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?)',
      [batchKey, run, JSON.stringify(chunk)],
    );
  }
}

/** One entry of a batch's history, in the same transaction as the change it describes. */
export async function recordEvent(tx: SqliteTx, batchKey: number, actor: Actor, action: string, from: string | null, to: string | null, detail: Record<string, unknown> = {}): Promise<void> {
  const row = await tx.get<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM import_batch_events WHERE batch_key = ?', [batchKey]);
  await tx.run(
    'INSERT INTO import_batch_events (batch_key, seq, at, actor, channel, client_name, action, from_status, to_status, detail_json) VALUES (?,?,?,?,?,?,?,?,?,?)',
    [batchKey, row?.seq ?? 1, now(), actor.user, actor.channel, actor.clientName ?? null, action, from, to, JSON.stringify(detail)],
  );
}

export function logDiscardFailure(batchId: string, err: unknown): void {
  logError(`could not remove the unfinished import batch ${batchId}`, err);
}
