import crypto from 'node:crypto';
import { KEYED_MARKER_ACTION, legacyRowHash, rowMac, SYSTEM_CHANNEL, type AnchorState, type AuditRow, type KeyedMarkerArgs } from '../../mcp/audit/audit-chain.js';
import { auditKeyId } from '../../mcp/audit/audit-key.js';
import { canonicalJson } from '../../mcp/util/canonical-json.js';

/**
 * Audit rows built in memory with the log's own hashing: unkeyed rows as older versions wrote
 * them, the row that starts the keyed chain, and keyed rows MACed under a key. Tests change them
 * the way someone with the store file could, and seal them again the way someone holding the
 * key (or only SHA-256) could.
 */

/** What the first row of every log chains to, as every version has written it. */
export const FIRST_PREV_HASH = '0'.repeat(64);

export type RowColumns = Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>;

export function newAuditKey(): Buffer {
  return crypto.randomBytes(32);
}

/** The columns of an ordinary finished call; `n` makes each one differ. */
export function callColumns(n: number, overrides: Partial<RowColumns> = {}): RowColumns {
  return {
    at: `2026-03-0${1 + (n % 9)}T10:00:00.${String(n).padStart(3, '0')}Z`,
    os_user: 'alice',
    channel: 'mcp',
    client_name: 'Claude',
    client_version: '1.0.0',
    action: `tool_${n}`,
    args_json: canonicalJson({ n, sql: `SELECT ${n}` }),
    connection_id: 'demo',
    outcome: 'ok',
    error: null,
    row_count: n,
    duration_ms: 1.25 + n,
    started_seq: null,
    ...overrides,
  };
}

/** A start row of a call (`outcome: started`). */
export function startColumns(n: number, overrides: Partial<RowColumns> = {}): RowColumns {
  return callColumns(n, { outcome: 'started', row_count: null, duration_ms: 0, ...overrides });
}

/** The completion row of the call started at `startedSeq` (same action and channel as `startColumns(n)`). */
export function completionColumns(n: number, startedSeq: number, overrides: Partial<RowColumns> = {}): RowColumns {
  return callColumns(n, { args_json: '{}', started_seq: startedSeq, ...overrides });
}

/** Unkeyed rows from seq 1, chained with SHA-256 as versions before the keyed chain wrote them. */
export function legacyLog(count: number): AuditRow[] {
  const rows: AuditRow[] = [];
  for (let n = 1; n <= count; n++) rows.push({ ...callColumns(100 + n, { channel: 'cli', client_name: null, client_version: null }), seq: n, prev_hash: '', hash: '' });
  return seal(rows, null);
}

/** A keyed log: `legacy` unkeyed rows, the row that starts the keyed chain, then one row per entry of `calls`. */
export function keyedLog(key: Buffer, calls: RowColumns[], legacy = 0): AuditRow[] {
  const before = legacyLog(legacy);
  const last = before.at(-1);
  const args: KeyedMarkerArgs = { legacy_rows: legacy, legacy_head: last?.hash ?? FIRST_PREV_HASH, legacy_problems: [], key_id: auditKeyId(key) };
  const marker: AuditRow = { ...markerColumns(args, legacy), seq: legacy + 1, prev_hash: '', hash: '' };
  const after = calls.map((columns, i) => ({ ...columns, seq: legacy + 2 + i, prev_hash: '', hash: '' }));
  return seal([...before, marker, ...after], key, legacy);
}

export function markerColumns(args: Partial<KeyedMarkerArgs>, legacyRows: number): RowColumns {
  return {
    at: '2026-03-01T09:00:00.000Z',
    os_user: 'alice',
    channel: SYSTEM_CHANNEL,
    client_name: null,
    client_version: null,
    action: KEYED_MARKER_ACTION,
    args_json: canonicalJson(args),
    connection_id: null,
    outcome: 'ok',
    error: null,
    row_count: legacyRows,
    duration_ms: 0,
    started_seq: null,
  };
}

/**
 * Chains `rows` again from index `from` on, in their order: unkeyed rows (those before the keyed
 * chain's start row) with SHA-256, the others with the MAC under `key`. Columns are kept as they are.
 */
export function seal(rows: AuditRow[], key: Buffer | null, from = 0): AuditRow[] {
  const markerIndex = rows.findIndex((row) => row.action === KEYED_MARKER_ACTION && row.channel === SYSTEM_CHANNEL);
  let prev = from > 0 ? rows[from - 1].hash : FIRST_PREV_HASH;
  return rows.map((row, i) => {
    if (i < from) return row;
    const { hash: _old, ...rest } = { ...row, prev_hash: prev };
    let hash: string;
    if (markerIndex >= 0 && i >= markerIndex) {
      if (!key) throw new Error('keyed rows need a key');
      hash = rowMac(key, rest);
    } else {
      const { started_seq: _unkeyed, ...legacy } = rest;
      hash = legacyRowHash(legacy);
    }
    prev = hash;
    return { ...rest, hash };
  });
}

/** The anchor naming `row` as the key holder writes it. */
export function anchorAt(row: Pick<AuditRow, 'seq' | 'hash'>, key: Buffer): AnchorState {
  return { seq: row.seq, hash: row.hash, key_id: auditKeyId(key), authentic: true };
}

/** The rows with `change` made to the one whose seq is `seq`, in seq order as the store reads them. */
export function changed(rows: AuditRow[], seq: number, change: Partial<AuditRow>): AuditRow[] {
  return rows.map((row) => (row.seq === seq ? { ...row, ...change } : row)).sort((a, b) => a.seq - b.seq);
}

export function without(rows: AuditRow[], ...seqs: number[]): AuditRow[] {
  return rows.filter((row) => !seqs.includes(row.seq));
}
