import { randomUUID } from 'node:crypto';
import type { SqliteDb, SqliteTx } from '../store/sqlite-db.js';
import { logError } from '../util/log.js';
import { keepAlive, leaseState, newLeaseHolder, type StoredLease } from '../util/process-lease.js';
import { UserError } from '../util/user-error.js';
import type { JobKind, JobStatus } from './job-kinds.js';

export interface JobRecord {
  job_id: string;
  kind: JobKind;
  status: JobStatus;
  tenant_id: string;
  source_connection_id: string | null;
  warehouse_connection_id: string | null;
  target_table: string | null;
  args: Record<string, unknown>;
  rows: number | null;
  progress: { done: number; total: number | null; fraction: number | null; message: string | null };
  result: Record<string, unknown> | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

export interface JobSpec {
  kind: JobKind;
  tenantId: string;
  sourceConnectionId?: string | null;
  warehouseConnectionId?: string | null;
  /** One running job per target, e.g. `location/layer/name`; none for work that may run side by side. */
  targetKey?: string | null;
  /** The qualified name reported to the user, e.g. `tenant_a.bronze.property`. */
  targetTable?: string | null;
  args: Record<string, unknown>;
}

export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  /** Throttled: cheap to call for every batch. */
  progress(done: number, total?: number | null, message?: string): void;
}

export interface JobOutcome {
  rows: number;
  result: Record<string, unknown>;
  /** Runs in the same app-store transaction that marks the job succeeded: both happen or neither. */
  publish?(tx: SqliteTx): Promise<void>;
  /** After the job is recorded as succeeded (errors are logged, not reported). */
  afterPublish?(): Promise<void>;
  /** When recording success failed: undo whatever the work left outside the app store. */
  discard?(): Promise<void>;
}

export class JobConflictError extends UserError {
  constructor(targetTable: string, jobId: string) {
    super('conflict', `Job ${jobId} is already loading ${targetTable}. Poll it with get_job and start again when it has finished.`);
  }
}

export class UnknownJobError extends UserError {
  constructor(jobId: string) {
    super('not_found', `There is no job "${jobId}". Job ids come back from the calls that start one (sync_table_to_bronze, upload_file, transform_to_silver).`);
  }
}

interface JobRow {
  job_id: string;
  kind: JobKind;
  status: JobStatus;
  tenant_id: string;
  source_connection_id: string | null;
  warehouse_connection_id: string | null;
  target_key: string | null;
  target_table: string | null;
  args_json: string;
  rows: number | null;
  progress_done: number;
  progress_total: number | null;
  progress_message: string | null;
  result_json: string | null;
  error: string | null;
  owner_pid: number;
  owner_host: string;
  owner_started: string | null;
  owner_token: string;
  heartbeat_at: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const PROGRESS_WRITE_MS = 250;

function toRecord(row: JobRow): JobRecord {
  const total = row.progress_total;
  const finished = row.finished_at && row.started_at ? Date.parse(row.finished_at) - Date.parse(row.started_at) : null;
  return {
    job_id: row.job_id,
    kind: row.kind,
    status: row.status,
    tenant_id: row.tenant_id,
    source_connection_id: row.source_connection_id,
    warehouse_connection_id: row.warehouse_connection_id,
    target_table: row.target_table,
    args: JSON.parse(row.args_json) as Record<string, unknown>,
    rows: row.rows,
    progress: {
      done: row.progress_done,
      total,
      fraction: row.status === 'succeeded' ? 1 : total ? Math.min(1, row.progress_done / total) : null,
      message: row.progress_message,
    },
    result: row.result_json ? (JSON.parse(row.result_json) as Record<string, unknown>) : null,
    error: row.error,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
    duration_ms: finished,
  };
}

function ownerLease(row: JobRow): StoredLease {
  return { pid: row.owner_pid, host: row.owner_host, started: row.owner_started, token: row.owner_token, heartbeatAt: row.heartbeat_at };
}

/**
 * Long work (lakehouse syncs, uploads and transforms; the app's staging, snapshots and diffs)
 * runs as a job inside the process: the call that starts it returns a job id at once and the
 * caller polls the job row, so no call waits on the work. The row holds the owning process's
 * lease (util/process-lease.ts), so a job whose process crashed is reported failed (by the next
 * process to start, or the next read of the job), never left "running".
 */
export class JobRunner {
  private readonly holder = newLeaseHolder();
  private readonly active = new Map<string, { controller: AbortController; finished: Promise<void> }>();
  private stopHeartbeat?: () => void;
  private closing = false;

  constructor(private readonly store: SqliteDb) {}

  async start(spec: JobSpec, work: (ctx: JobContext) => Promise<JobOutcome>): Promise<JobRecord> {
    if (this.closing) throw new Error('The server is shutting down; start the job again after it restarts.');
    const jobId = `job_${new Date().toISOString().slice(0, 10).replace(/-/g, '')}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const now = new Date().toISOString();
    await this.store.transaction(async (tx) => {
      if (spec.targetKey) {
        const busy = await tx.all<JobRow>("SELECT * FROM jobs WHERE target_key = ? AND status IN ('queued','running')", [spec.targetKey]);
        for (const row of busy) {
          if (await this.markIfOrphaned(tx, row)) continue;
          throw new JobConflictError(spec.targetTable ?? spec.targetKey, row.job_id);
        }
      }
      await tx.run(
        `INSERT INTO jobs (job_id, kind, status, tenant_id, source_connection_id, warehouse_connection_id, target_key, target_table,
           args_json, owner_pid, owner_host, owner_started, owner_token, heartbeat_at, created_at)
         VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [jobId, spec.kind, spec.tenantId, spec.sourceConnectionId ?? null, spec.warehouseConnectionId ?? null, spec.targetKey ?? null, spec.targetTable ?? null,
          JSON.stringify(spec.args), this.holder.pid, this.holder.host, this.holder.started, this.holder.token, now, now],
      );
    });
    const controller = new AbortController();
    const finished = new Promise<void>((resolve) => setImmediate(() => void this.run(jobId, controller, work).finally(resolve)));
    this.active.set(jobId, { controller, finished });
    this.ensureHeartbeat();
    return this.get(jobId);
  }

  async get(jobId: string): Promise<JobRecord> {
    const row = await this.store.get<JobRow>('SELECT * FROM jobs WHERE job_id = ?', [jobId]);
    if (!row) throw new UnknownJobError(jobId);
    if ((row.status === 'queued' || row.status === 'running') && this.isOrphaned(row)) {
      await this.store.transaction((tx) => this.markIfOrphaned(tx, row));
      return this.get(jobId);
    }
    return toRecord(row);
  }

  /** The newest jobs first, of one tenant and of some kinds when asked. */
  async list(options: { tenantId?: string; kinds?: readonly JobKind[]; limit?: number } = {}): Promise<JobRecord[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (options.tenantId) {
      where.push('tenant_id = ?');
      params.push(options.tenantId);
    }
    if (options.kinds) {
      where.push(`kind IN (${options.kinds.map(() => '?').join(',') || 'NULL'})`);
      params.push(...options.kinds);
    }
    const rows = await this.store.all<JobRow>(`SELECT * FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`, [
      ...params,
      options.limit ?? 50,
    ]);
    return rows.map(toRecord);
  }

  /** Resolves when the job has finished (or after `timeoutMs`; Infinity waits for the end) with its record. */
  async waitFor(jobId: string, timeoutMs: number): Promise<JobRecord> {
    const active = this.active.get(jobId);
    if (active && !Number.isFinite(timeoutMs)) await active.finished;
    else if (active) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([active.finished, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
    }
    return this.get(jobId);
  }

  /** Stops a job this process is running (it ends failed); a job of another process, or one already over, is left as it is. */
  cancel(jobId: string): void {
    this.active.get(jobId)?.controller.abort(new Error('cancelled by the client'));
  }

  /** On start-up: every queued or running job whose process is gone is marked failed. */
  async recoverInterrupted(): Promise<number> {
    const rows = await this.store.all<JobRow>("SELECT * FROM jobs WHERE status IN ('queued','running')");
    let recovered = 0;
    for (const row of rows) {
      if (!this.isOrphaned(row)) continue;
      if (await this.store.transaction((tx) => this.markIfOrphaned(tx, row))) recovered += 1;
    }
    return recovered;
  }

  /** Stops this process's jobs; any that does not stop in time is marked failed. */
  async shutdown(graceMs = 5_000): Promise<void> {
    this.closing = true;
    for (const { controller } of this.active.values()) controller.abort(new Error('server stopping'));
    const pending = [...this.active.values()].map((a) => a.finished);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(pending), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    for (const jobId of this.active.keys()) {
      await this.finish(jobId, 'failed', { error: 'The server stopped before the job finished. Start it again.' }).catch(() => undefined);
    }
    this.active.clear();
    this.stopHeartbeat?.();
    this.stopHeartbeat = undefined;
  }

  private isOrphaned(row: JobRow): boolean {
    const state = leaseState(ownerLease(row), this.holder);
    return state === 'mine' ? !this.active.has(row.job_id) : state === 'dead';
  }

  private async markIfOrphaned(tx: SqliteTx, row: JobRow): Promise<boolean> {
    if (!this.isOrphaned(row)) return false;
    const message =
      `The job was interrupted: the PACS MCP process running it (pid ${row.owner_pid}) stopped before it finished ` +
      '(a crash, a restart or Claude Desktop closing it). What it was writing was left as it was before. Start the job again.';
    const { changes } = await tx.run(
      "UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE job_id = ? AND status IN ('queued','running') AND owner_token = ?",
      [message, new Date().toISOString(), row.job_id, row.owner_token],
    );
    return changes > 0;
  }

  private async run(jobId: string, controller: AbortController, work: (ctx: JobContext) => Promise<JobOutcome>): Promise<void> {
    let lastWrite = 0;
    let pendingProgress: [number, number | null, string | null] | undefined;
    let writing: Promise<unknown> = Promise.resolve();
    const writeProgress = () => {
      if (!pendingProgress) return;
      const [done, total, message] = pendingProgress;
      pendingProgress = undefined;
      lastWrite = Date.now();
      writing = this.store
        .run('UPDATE jobs SET progress_done = ?, progress_total = ?, progress_message = ?, heartbeat_at = ? WHERE job_id = ?', [
          done, total, message, new Date().toISOString(), jobId,
        ])
        .catch((err) => logError(`progress of ${jobId}`, err));
    };
    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      progress(done, total = null, message) {
        pendingProgress = [done, total ?? null, message ?? null];
        if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) writeProgress();
      },
    };
    try {
      await this.store.run("UPDATE jobs SET status = 'running', started_at = ?, heartbeat_at = ? WHERE job_id = ?", [
        new Date().toISOString(), new Date().toISOString(), jobId,
      ]);
      const outcome = await work(ctx);
      if (controller.signal.aborted) throw new Error('The job was stopped before it finished.');
      writeProgress();
      await writing;
      try {
        await this.finish(jobId, 'succeeded', { rows: outcome.rows, result: outcome.result, publish: outcome.publish });
      } catch (err) {
        await outcome.discard?.().catch((e) => logError(`discarding the output of ${jobId}`, e));
        throw err;
      }
      await outcome.afterPublish?.().catch((e) => logError(`clean-up after ${jobId}`, e));
    } catch (err) {
      writeProgress();
      await writing;
      const message = err instanceof Error ? err.message : String(err);
      if (!(err instanceof UserError)) logError(`job ${jobId} failed`, err);
      await this.finish(jobId, 'failed', { error: message }).catch((e) => logError(`recording failure of ${jobId}`, e));
    } finally {
      this.active.delete(jobId);
      if (this.active.size === 0) {
        this.stopHeartbeat?.();
        this.stopHeartbeat = undefined;
      }
    }
  }

  private async finish(
    jobId: string,
    status: 'succeeded' | 'failed',
    details: { rows?: number; result?: Record<string, unknown>; error?: string; publish?: (tx: SqliteTx) => Promise<void> },
  ): Promise<void> {
    await this.store.transaction(async (tx) => {
      const row = await tx.get<{ status: JobStatus; owner_token: string }>('SELECT status, owner_token FROM jobs WHERE job_id = ?', [jobId]);
      // Another process may have declared this job dead meanwhile (a long pause): then it stays failed.
      if (!row || row.owner_token !== this.holder.token || (row.status !== 'running' && row.status !== 'queued')) {
        throw new Error(`Job ${jobId} was already marked ${row?.status ?? 'missing'} by another process; its result was not published.`);
      }
      if (details.publish) await details.publish(tx);
      const done = details.rows ?? null;
      await tx.run(
        `UPDATE jobs SET status = ?, rows = ?, result_json = ?, error = ?, finished_at = ?, heartbeat_at = ?,
           progress_done = CASE WHEN ? = 'succeeded' AND ? IS NOT NULL THEN ? ELSE progress_done END,
           progress_total = CASE WHEN ? = 'succeeded' AND ? IS NOT NULL THEN ? ELSE progress_total END,
           progress_message = CASE WHEN ? = 'succeeded' THEN 'done' ELSE progress_message END
         WHERE job_id = ?`,
        [status, done, details.result ? JSON.stringify(details.result) : null, details.error ?? null, new Date().toISOString(), new Date().toISOString(),
          status, done, done, status, done, done, status, jobId],
      );
    });
  }

  private ensureHeartbeat(): void {
    if (this.stopHeartbeat) return;
    this.stopHeartbeat = keepAlive(async () => {
      const ids = [...this.active.keys()];
      if (ids.length === 0) return;
      await this.store.run(`UPDATE jobs SET heartbeat_at = ? WHERE owner_token = ? AND job_id IN (${ids.map(() => '?').join(',')})`, [
        new Date().toISOString(),
        this.holder.token,
        ...ids,
      ]);
    }, (err) => logError('job heartbeat', err));
  }
}
