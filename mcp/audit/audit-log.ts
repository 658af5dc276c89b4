import { createHash } from 'node:crypto';
import type { SqliteDb, SqliteTx } from '../store/sqlite-db.js';
import { canonicalJson } from '../util/canonical-json.js';
import { osUser } from '../util/os-user.js';
import { redactArgs } from '../util/redact.js';

export type AuditChannel = 'mcp' | 'cli' | 'ui' | 'http';

export interface AuditEvent {
  channel: AuditChannel;
  clientName?: string;
  clientVersion?: string;
  /** Tool name, CLI command or UI action. */
  action: string;
  args: unknown;
  connectionId?: string | null;
  outcome: 'ok' | 'error' | 'refused';
  error?: string | null;
  rowCount?: number | null;
  durationMs: number;
}

export interface AuditRow {
  seq: number;
  at: string;
  os_user: string;
  channel: string;
  client_name: string | null;
  client_version: string | null;
  action: string;
  args_json: string;
  connection_id: string | null;
  outcome: string;
  error: string | null;
  row_count: number | null;
  duration_ms: number;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash covers every column but `hash` itself, including `seq`, so a removed row leaves a gap. */
export function rowHash(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(row)).digest('hex');
}

export class AuditLog {
  constructor(private readonly db: SqliteDb) {}

  async record(event: AuditEvent): Promise<number> {
    return this.db.transaction((tx) => appendAuditRow(tx, event));
  }

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
    return this.db.all<AuditRow>(`SELECT * FROM audit_log ${clause} ORDER BY seq DESC LIMIT ${Math.max(1, Math.min(limit, 10_000))}`, params);
  }

  async verify(): Promise<AuditVerification> {
    return verifyAuditChain(this.db);
  }
}

/** For callers already inside a store transaction (a staged batch and its audit row commit together). */
export async function appendAuditRow(tx: SqliteTx, event: AuditEvent): Promise<number> {
  // One round trip: the chain head and the highest seq ever handed out (removed rows keep it).
  const head = await tx.get<{ seq: number | null; hash: string | null; max_seq: number | null }>(
    `SELECT (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1) AS seq,
            (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS hash,
            (SELECT seq FROM sqlite_sequence WHERE name = 'audit_log') AS max_seq`,
  );
  const last = head?.hash ? { seq: head.seq ?? 0, hash: head.hash } : undefined;
  const seq = Math.max(last?.seq ?? 0, head?.max_seq ?? 0) + 1;
  const row: Omit<AuditRow, 'hash'> = {
    seq,
    at: new Date().toISOString(),
    os_user: osUser(),
    channel: event.channel,
    client_name: event.clientName ?? null,
    client_version: event.clientVersion ?? null,
    action: event.action,
    args_json: canonicalJson(redactArgs(event.args ?? {})),
    connection_id: event.connectionId ?? null,
    outcome: event.outcome,
    error: event.error ? event.error.slice(0, 2_000) : null,
    row_count: event.rowCount ?? null,
    duration_ms: Math.round(event.durationMs * 1000) / 1000,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const hash = rowHash(row);
  await tx.run(
    `INSERT INTO audit_log (seq, at, os_user, channel, client_name, client_version, action, args_json, connection_id,
       outcome, error, row_count, duration_ms, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    [row.seq, row.at, row.os_user, row.channel, row.client_name, row.client_version, row.action, row.args_json,
      row.connection_id, row.outcome, row.error, row.row_count, row.duration_ms, row.prev_hash, hash],
  );
  return seq;
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  problems: string[];
}

export async function verifyAuditChain(db: SqliteDb): Promise<AuditVerification> {
  const rows = await db.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq');
  const problems: string[] = [];
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  for (const row of rows) {
    const { hash, ...rest } = row;
    if (row.seq !== prevSeq + 1) problems.push(`rows ${prevSeq + 1}..${row.seq - 1} are missing`);
    if (row.prev_hash !== prevHash) problems.push(`row ${row.seq} does not follow row ${prevSeq} (chain broken)`);
    if (rowHash(rest) !== hash) problems.push(`row ${row.seq} was altered after it was written`);
    prevHash = hash;
    prevSeq = row.seq;
  }
  const seqRow = await db.get<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'");
  if (seqRow && seqRow.seq > prevSeq) problems.push(`rows ${prevSeq + 1}..${seqRow.seq} at the end were removed`);
  return { ok: problems.length === 0, rows: rows.length, problems };
}
