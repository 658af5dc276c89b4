import type { SecretStore } from '../credentials/credentials.js';
import type { SqliteDb, SqliteTx } from '../store/sqlite-db.js';
import { canonicalJson } from '../util/canonical-json.js';
import { logError } from '../util/log.js';
import { osUser } from '../util/os-user.js';
import { redactArgs } from '../util/redact.js';
import { readAnchor, writeAnchor } from './audit-anchor.js';
import { AUDIT_CALLS } from './audit-calls.js';
import {
  checkLegacyRows,
  GENESIS_HASH,
  KEYED_MARKER_ACTION,
  rowMac,
  STARTED,
  SYSTEM_CHANNEL,
  verifyChain,
  type AuditRow,
  type AuditVerification,
  type KeyedMarkerArgs,
} from './audit-chain.js';
import { auditKeyId, auditKeyUnderLock, readAuditKey } from './audit-key.js';

export { GENESIS_HASH, type AuditRow, type AuditVerification } from './audit-chain.js';

export type AuditChannel = 'mcp' | 'cli' | 'ui' | 'http';
export type AuditOutcome = 'ok' | 'error' | 'refused';

/** Who asks for what: the part of an audit row known before the work starts. */
export interface AuditStart {
  channel: AuditChannel;
  clientName?: string;
  clientVersion?: string;
  /** Tool name, CLI command or UI action. */
  action: string;
  args: unknown;
  connectionId?: string | null;
}

/** How it ended. */
export interface AuditCompletion {
  outcome: AuditOutcome;
  error?: string | null;
  rowCount?: number | null;
  connectionId?: string | null;
}

export interface AuditEvent extends AuditStart, AuditCompletion {
  durationMs: number;
}

export interface AuditLogOptions {
  /** Where the audit key lives (the OS keychain; in memory for tests). */
  secrets: SecretStore;
  /** The anchor file beside the store (see audit-anchor.ts). */
  anchorFile: string;
}

/** The columns of a row the caller decides; the log adds seq, time, OS user and the chain. */
type RowDraft = Pick<AuditRow, 'channel' | 'client_name' | 'client_version' | 'action' | 'args_json' | 'connection_id' | 'outcome' | 'error' | 'row_count' | 'duration_ms' | 'started_seq'>;

const MAX_ERROR = 2_000;
const MAX_LEGACY_PROBLEMS = 20;

/**
 * The append-only audit log: each row carries an HMAC-SHA256, under a key kept in the OS
 * keychain, of all its columns and of the row before it, and an anchor file outside the store
 * names the last row. `verify` finds rows altered, removed in the middle or at the end, and a
 * log rewritten with recomputed hashes. Appends are serialized by the store's write lock, so
 * the app and Claude-spawned servers can share one log.
 */
export class AuditLog {
  private key: Buffer | null = null;
  private keyed = false;

  constructor(
    private readonly db: SqliteDb,
    private readonly options: AuditLogOptions,
  ) {}

  /** One row for a call that is over (outcome known). */
  async record(event: AuditEvent): Promise<number> {
    return this.append(eventRow(event, event, event.durationMs, null));
  }

  /**
   * Writes a `started` row before the work starts; `complete` writes the row that ends it. A call
   * whose process dies in between stays visible as a start row without completion (`verify`
   * lists them as incomplete).
   */
  async begin(start: AuditStart): Promise<AuditEntry> {
    const startedAt = performance.now();
    const seq = await this.append({ ...startColumns(start), outcome: STARTED, error: null, row_count: null, duration_ms: 0, started_seq: null });
    return new AuditEntry(seq, (completion) => this.append(eventRow(start, completion, performance.now() - startedAt, seq)));
  }

  /** For callers already inside a store transaction (a staged batch and its audit row commit together). The anchor catches up with the next append. */
  async appendWithin(tx: SqliteTx, event: AuditEvent): Promise<number> {
    return this.appendRow(tx, eventRow(event, event, event.durationMs, null));
  }

  /** The latest calls, newest first, one line per call (see AUDIT_CALLS). */
  async recent(limit = 100, filter: { action?: string; connectionId?: string } = {}): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.action) {
      where.push('action = ?');
      params.push(filter.action);
    }
    if (filter.connectionId) {
      where.push('connection_id = ?');
      params.push(filter.connectionId);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.db.all<AuditRow>(`SELECT * FROM ${AUDIT_CALLS} ${clause} ORDER BY seq DESC LIMIT ${Math.max(1, Math.min(limit, 10_000))}`, params);
  }

  async verify(): Promise<AuditVerification> {
    const key = this.key ?? (await readAuditKey(this.options.secrets));
    // The anchor first: it only ever names committed rows, so the rows read after it include its row.
    const anchor = readAnchor(this.options.anchorFile, key);
    const { rows, maxSeq } = await this.db.readTransaction(async (read) => ({
      rows: await read.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq'),
      maxSeq: (await read.get<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'"))?.seq ?? null,
    }));
    return verifyChain({ rows, maxSeq, anchor, key });
  }

  private async append(draft: RowDraft): Promise<number> {
    this.key ??= await readAuditKey(this.options.secrets);
    const seq = await this.db.transaction((tx) => this.appendRow(tx, draft));
    await this.advanceAnchor().catch((err) => logError('the audit anchor could not be updated', err));
    return seq;
  }

  private async appendRow(tx: SqliteTx, draft: RowDraft): Promise<number> {
    // Under the write lock: a key created here is the only one.
    this.key ??= await auditKeyUnderLock(this.options.secrets);
    if (!this.keyed) await this.startKeyedChain(tx, this.key);
    return insertRow(tx, this.key, draft);
  }

  /**
   * The first keyed append (a new store, or one written by a version with an unkeyed chain):
   * checks the unkeyed rows once, anchors their last one, then writes the row that starts the
   * keyed chain and records what came before it.
   */
  private async startKeyedChain(tx: SqliteTx, key: Buffer): Promise<void> {
    const marker = await tx.get<{ seq: number }>('SELECT seq FROM audit_log WHERE action = ? AND channel = ? ORDER BY seq LIMIT 1', [KEYED_MARKER_ACTION, SYSTEM_CHANNEL]);
    if (marker) {
      this.keyed = true;
      return;
    }
    const rows = await tx.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq');
    const problems: string[] = [];
    const legacy = checkLegacyRows(rows, problems);
    // An anchor without a keyed chain is either one this append wrote before a crash (it names
    // the last unkeyed row) or the trace of a keyed chain someone removed: that one is kept.
    const anchor = readAnchor(this.options.anchorFile, key);
    const leftover = anchor?.authentic === true && anchor.seq === legacy.seq && anchor.hash === legacy.hash;
    if (!anchor || leftover) await writeAnchor(this.options.anchorFile, key, { seq: legacy.seq, hash: legacy.hash });
    const args: KeyedMarkerArgs = { legacy_rows: legacy.count, legacy_head: legacy.hash, legacy_problems: problems.slice(0, MAX_LEGACY_PROBLEMS), key_id: auditKeyId(key) };
    await insertRow(tx, key, {
      channel: SYSTEM_CHANNEL,
      client_name: null,
      client_version: null,
      action: KEYED_MARKER_ACTION,
      args_json: canonicalJson(args),
      connection_id: null,
      outcome: 'ok',
      error: null,
      row_count: legacy.count,
      duration_ms: 0,
      started_seq: null,
    });
  }

  /**
   * Moves the anchor to the last row, under the write lock so anchors are written in log order.
   * It only ever names a committed row, so a process killed at any point never leaves an anchor
   * ahead of the log. An anchor that is missing, forged, or whose row is no longer in the log is
   * left as it is: it is the evidence `verify` reports.
   */
  private async advanceAnchor(): Promise<void> {
    const key = this.key;
    if (!key) return;
    await this.db.transaction(async (tx) => {
      const head = await tx.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
      const anchor = readAnchor(this.options.anchorFile, key);
      if (!head || !anchor || anchor.authentic !== true || anchor.seq >= head.seq) return;
      if (anchor.seq > 0) {
        const anchored = await tx.get<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = ?', [anchor.seq]);
        if (anchored?.hash !== anchor.hash) return;
      }
      await writeAnchor(this.options.anchorFile, key, head);
    });
  }
}

/** A call in progress: `complete` writes the row that ends it (once; later calls return the same seq). */
export class AuditEntry {
  private completed: Promise<number> | undefined;

  constructor(
    /** The seq of the start row. */
    readonly seq: number,
    private readonly write: (completion: AuditCompletion) => Promise<number>,
  ) {}

  complete(completion: AuditCompletion): Promise<number> {
    this.completed ??= this.write(completion);
    return this.completed;
  }
}

function startColumns(start: AuditStart): Pick<RowDraft, 'channel' | 'client_name' | 'client_version' | 'action' | 'args_json' | 'connection_id'> {
  return {
    channel: start.channel,
    client_name: start.clientName ?? null,
    client_version: start.clientVersion ?? null,
    action: start.action,
    args_json: canonicalJson(redactArgs(start.args ?? {})),
    connection_id: start.connectionId ?? null,
  };
}

/** A finished call's row; a completion row (startedSeq set) leaves the arguments to its start row. */
function eventRow(start: AuditStart, completion: AuditCompletion, durationMs: number, startedSeq: number | null): RowDraft {
  const columns = startColumns(start);
  return {
    ...columns,
    args_json: startedSeq === null ? columns.args_json : '{}',
    connection_id: completion.connectionId ?? columns.connection_id,
    outcome: completion.outcome,
    error: completion.error ? completion.error.slice(0, MAX_ERROR) : null,
    row_count: completion.rowCount ?? null,
    duration_ms: Math.round(durationMs * 1000) / 1000,
    started_seq: startedSeq,
  };
}

async function insertRow(tx: SqliteTx, key: Buffer, draft: RowDraft): Promise<number> {
  // One round trip: the chain head and the highest seq ever handed out (removed rows keep it).
  const head = await tx.get<{ seq: number | null; hash: string | null; max_seq: number | null }>(
    `SELECT (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1) AS seq,
            (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS hash,
            (SELECT seq FROM sqlite_sequence WHERE name = 'audit_log') AS max_seq`,
  );
  const seq = Math.max(head?.seq ?? 0, head?.max_seq ?? 0) + 1;
  const row: Omit<AuditRow, 'hash'> = {
    seq,
    at: new Date().toISOString(),
    os_user: osUser(),
    channel: draft.channel,
    client_name: draft.client_name,
    client_version: draft.client_version,
    action: draft.action,
    args_json: draft.args_json,
    connection_id: draft.connection_id,
    outcome: draft.outcome,
    error: draft.error,
    row_count: draft.row_count,
    duration_ms: draft.duration_ms,
    prev_hash: head?.hash ?? GENESIS_HASH,
    started_seq: draft.started_seq,
  };
  await tx.run(
    `INSERT INTO audit_log (seq, at, os_user, channel, client_name, client_version, action, args_json, connection_id,
       outcome, error, row_count, duration_ms, prev_hash, hash, started_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    [row.seq, row.at, row.os_user, row.channel, row.client_name, row.client_version, row.action, row.args_json,
      row.connection_id, row.outcome, row.error, row.row_count, row.duration_ms, row.prev_hash, rowMac(key, row), row.started_seq],
  );
  return seq;
}
