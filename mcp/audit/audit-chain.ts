import crypto from 'node:crypto';
import { canonicalJson } from '../util/canonical-json.js';
import { auditKeyId } from './audit-key.js';

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
  /** ok, error, refused; `started` for the row written when a call begins. */
  outcome: string;
  error: string | null;
  row_count: number | null;
  duration_ms: number;
  prev_hash: string;
  hash: string;
  /** On the row that completes a call: the seq of the row written when it began. */
  started_seq: number | null;
}

export const GENESIS_HASH = '0'.repeat(64);
export const STARTED = 'started';

/**
 * The row that starts the keyed chain. Rows before it were written by versions that chained
 * with plain SHA-256; it records how many there were and their last hash, so from then on
 * they are covered by the key too.
 */
export const KEYED_MARKER_ACTION = 'audit.keyed';
export const SYSTEM_CHANNEL = 'system';

export interface KeyedMarkerArgs {
  legacy_rows: number;
  legacy_head: string;
  /** What was wrong with the unkeyed rows when the chain was keyed (they were altered before). */
  legacy_problems: string[];
  key_id: string;
}

/** A keyed row's hash: HMAC-SHA256 under the audit key of every column but `hash`, `seq` included (a removed row leaves a gap). */
export function rowMac(key: Buffer, row: Omit<AuditRow, 'hash'>): string {
  return crypto.createHmac('sha256', key).update(canonicalJson(row)).digest('hex');
}

/** An unkeyed row's hash, as versions before the keyed chain wrote it (their columns only). */
export function legacyRowHash(row: Omit<AuditRow, 'hash' | 'started_seq'>): string {
  return crypto.createHash('sha256').update(canonicalJson(row)).digest('hex');
}

export function isKeyedMarker(row: Pick<AuditRow, 'action' | 'channel'>): boolean {
  return row.action === KEYED_MARKER_ACTION && row.channel === SYSTEM_CHANNEL;
}

/** The last row the anchor file names: what the log's end must still hold. */
export interface AnchorState {
  seq: number;
  hash: string;
  key_id: string;
  /** Whether the anchor's own MAC holds under the key (null: no key to check with). */
  authentic: boolean | null;
}

export interface ChainInput {
  rows: AuditRow[];
  /** sqlite_sequence's highest seq ever handed out. */
  maxSeq: number | null;
  anchor: AnchorState | null;
  key: Buffer | null;
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  problems: string[];
  /** Whether the log is keyed (has its keyed-chain start row). */
  keyed: boolean;
  /** The seq the anchor file names (0: the anchor was set before any row), null without an anchor. */
  anchored_seq: number | null;
  /** Calls whose start row has no completion row: still running, or their process died. */
  incomplete: number[];
}

/** Checks the whole log: unkeyed rows, the keyed chain, the anchor, and begin/complete pairs. */
export function verifyChain({ rows, maxSeq, anchor, key }: ChainInput): AuditVerification {
  const problems: string[] = [];
  const markerIndex = rows.findIndex(isKeyedMarker);
  const legacy = markerIndex < 0 ? rows : rows.slice(0, markerIndex);
  const keyed = markerIndex < 0 ? [] : rows.slice(markerIndex);

  const legacyEnd = checkLegacyRows(legacy, problems);
  if (markerIndex >= 0) checkKeyed(keyed, legacyEnd, key, problems);
  const lastSeq = rows.length ? rows[rows.length - 1].seq : 0;
  if (maxSeq !== null && maxSeq > lastSeq) problems.push(`rows ${lastSeq + 1}..${maxSeq} at the end were removed`);

  if (markerIndex >= 0 && !anchor) problems.push('the anchor file (audit-anchor.json in the data folder) is missing: it was deleted, so removed rows at the end could go unnoticed');
  if (markerIndex < 0 && anchor && anchor.seq > 0) problems.push(`the keyed part of the log was removed: the anchor names row ${anchor.seq}, and no row starts the keyed chain`);
  if (anchor) checkAnchor(anchor, rows, lastSeq, problems);

  const incomplete = checkCalls(rows, problems);
  return { ok: problems.length === 0, rows: rows.length, problems, keyed: markerIndex >= 0, anchored_seq: anchor?.seq ?? null, incomplete };
}

/** Unkeyed rows from seq 1: each follows the one before and hashes to its hash. Returns the last seq and hash and the count. */
export function checkLegacyRows(rows: AuditRow[], problems: string[]): { seq: number; hash: string; count: number } {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  for (const row of rows) {
    const { hash, started_seq, ...rest } = row;
    if (row.seq !== prevSeq + 1) problems.push(`rows ${prevSeq + 1}..${row.seq - 1} are missing`);
    if (row.prev_hash !== prevHash) problems.push(`row ${row.seq} does not follow row ${prevSeq} (chain broken)`);
    if (started_seq !== null || legacyRowHash(rest) !== hash) problems.push(`row ${row.seq} was altered after it was written`);
    prevHash = hash;
    prevSeq = row.seq;
  }
  return { seq: prevSeq, hash: prevHash, count: rows.length };
}

function checkKeyed(rows: AuditRow[], legacyEnd: { seq: number; hash: string; count: number }, key: Buffer | null, problems: string[]): void {
  const marker = rows[0];
  let args: Partial<KeyedMarkerArgs> = {};
  try {
    args = JSON.parse(marker.args_json) as Partial<KeyedMarkerArgs>;
  } catch {
    problems.push(`row ${marker.seq} (the start of the keyed chain) was altered after it was written`);
  }
  if (args.legacy_rows !== legacyEnd.count || args.legacy_head !== legacyEnd.hash) {
    problems.push(`the ${legacyEnd.count} rows before row ${marker.seq} are not the ${args.legacy_rows ?? '?'} rows the keyed chain started from: rows written before the log was keyed were removed or altered`);
  }
  for (const problem of args.legacy_problems ?? []) problems.push(`before the log was keyed: ${problem}`);
  if (!key) {
    problems.push('the audit key is not in this OS keychain, so the keyed rows cannot be checked (verify as the user whose keychain holds it)');
  } else if (args.key_id && args.key_id !== auditKeyId(key)) {
    problems.push(`the keychain holds another audit key (${auditKeyId(key)}) than the one this log was keyed with (${args.key_id}): the key was replaced, and no keyed row can be checked`);
    key = null;
  }
  let prevHash = legacyEnd.hash;
  let prevSeq = legacyEnd.seq;
  for (const row of rows) {
    const { hash, ...rest } = row;
    if (row.seq !== prevSeq + 1) problems.push(`rows ${prevSeq + 1}..${row.seq - 1} are missing`);
    if (row.prev_hash !== prevHash) problems.push(`row ${row.seq} does not follow row ${prevSeq} (chain broken)`);
    if (key && !macMatches(rowMac(key, rest), hash)) problems.push(`row ${row.seq} was altered after it was written`);
    prevHash = hash;
    prevSeq = row.seq;
  }
}

function checkAnchor(anchor: AnchorState, rows: AuditRow[], lastSeq: number, problems: string[]): void {
  if (anchor.authentic === false) {
    problems.push('the anchor file was altered (its MAC does not match the audit key)');
    return;
  }
  if (anchor.seq === 0) return;
  if (anchor.seq > lastSeq) {
    problems.push(`rows ${lastSeq + 1}..${anchor.seq} at the end were removed (the anchor file names row ${anchor.seq})`);
    return;
  }
  const row = rows.find((r) => r.seq === anchor.seq);
  if (!row) problems.push(`row ${anchor.seq}, which the anchor file names, was removed`);
  else if (row.hash !== anchor.hash) problems.push(`row ${anchor.seq} is not the row the anchor file names: the log was rewritten from there`);
}

/** Each completion row refers to an earlier start row of the same call, once. Returns the start rows never completed. */
function checkCalls(rows: AuditRow[], problems: string[]): number[] {
  const started = new Map<number, AuditRow>();
  const completed = new Set<number>();
  for (const row of rows) {
    if (row.outcome === STARTED) started.set(row.seq, row);
    if (row.started_seq === null) continue;
    const start = started.get(row.started_seq);
    if (!start || start.action !== row.action || start.channel !== row.channel) problems.push(`row ${row.seq} completes row ${row.started_seq}, which is not the start of the same call`);
    else if (completed.has(row.started_seq)) problems.push(`row ${row.seq} completes row ${row.started_seq} a second time`);
    else completed.add(row.started_seq);
  }
  return [...started.keys()].filter((seq) => !completed.has(seq));
}

export function macMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === b.length && a.length > 0 && crypto.timingSafeEqual(a, b);
}
