import { describe, expect, it } from 'vitest';
import { checkLegacyRows, macMatches, rowMac, verifyChain, type AnchorState, type AuditRow } from '../../mcp/audit/audit-chain.js';
import { auditKeyId } from '../../mcp/audit/audit-key.js';
import { canonicalJson } from '../../mcp/util/canonical-json.js';
import { anchorAt, callColumns, changed, completionColumns, FIRST_PREV_HASH, keyedLog, legacyLog, markerColumns, newAuditKey, seal, startColumns, without } from '../helpers/audit-rows.js';

/**
 * The audit log's verification on rows built in memory with the log's own hashing (no store,
 * no engine): every change someone with the store file, or with the key, could make is named
 * by the problem it causes.
 */

/** Verifies `rows` as `AuditLog.verify` would read them: sqlite_sequence at the last row and the anchor on it, unless told otherwise. */
function verify(rows: AuditRow[], key: Buffer | null, options: { maxSeq?: number | null; anchor?: AnchorState | null } = {}) {
  const last = rows.at(-1);
  const anchor = options.anchor !== undefined ? options.anchor : last && key ? anchorAt(last, key) : null;
  return verifyChain({ rows, maxSeq: options.maxSeq !== undefined ? options.maxSeq : (last?.seq ?? null), anchor, key });
}

describe('calls written as a start row and a completion row', () => {
  it('a completion row written before the row it claims to complete leaves that start row incomplete', () => {
    const key = newAuditKey();
    // Row 2 names row 3 as its start; row 3 is a start row that nothing after it completes.
    const rows = keyedLog(key, [completionColumns(1, 3), startColumns(1)]);
    const result = verify(rows, key);
    expect(result.problems).toEqual(['row 2 completes row 3, which is not the start of the same call']);
    expect(result.incomplete).toEqual([3]);
  });

  it('a completion row of another action or channel does not complete the start row', () => {
    const key = newAuditKey();
    const byAction = verify(keyedLog(key, [startColumns(1), completionColumns(1, 2, { action: 'other_tool' })]), key);
    expect(byAction.problems).toEqual(['row 3 completes row 2, which is not the start of the same call']);
    expect(byAction.incomplete).toEqual([2]);
    const byChannel = verify(keyedLog(key, [startColumns(1), completionColumns(1, 2, { channel: 'cli' })]), key);
    expect(byChannel.problems).toEqual(['row 3 completes row 2, which is not the start of the same call']);
    expect(byChannel.incomplete).toEqual([2]);
  });
});

/** A keyed log of four finished calls: the keyed chain's start row 1, then rows 2..5. */
function fourCalls(key: Buffer): AuditRow[] {
  return keyedLog(key, [1, 2, 3, 4].map((n) => callColumns(n)));
}

const ALTERED = (seq: number) => `row ${seq} was altered after it was written`;
const BROKEN = (seq: number, after: number) => `row ${seq} does not follow row ${after} (chain broken)`;

describe('an untouched log', () => {
  it('verifies a keyed log with its anchor on the last row', () => {
    const key = newAuditKey();
    expect(verify(fourCalls(key), key)).toEqual({ ok: true, rows: 5, problems: [], keyed: true, anchored_seq: 5, incomplete: [] });
  });

  it('verifies a keyed log continuing unkeyed rows', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [callColumns(1), callColumns(2)], 3);
    expect(rows.map((r) => r.action)).toEqual(['tool_101', 'tool_102', 'tool_103', 'audit.keyed', 'tool_1', 'tool_2']);
    expect(verify(rows, key)).toEqual({ ok: true, rows: 6, problems: [], keyed: true, anchored_seq: 6, incomplete: [] });
  });

  it('verifies an unkeyed log, which has no anchor', () => {
    expect(verify(legacyLog(3), null)).toEqual({ ok: true, rows: 3, problems: [], keyed: false, anchored_seq: null, incomplete: [] });
  });

  it('verifies an empty log, with or without an anchor written before any row', () => {
    const key = newAuditKey();
    expect(verify([], null)).toEqual({ ok: true, rows: 0, problems: [], keyed: false, anchored_seq: null, incomplete: [] });
    const anchor: AnchorState = { seq: 0, hash: FIRST_PREV_HASH, key_id: auditKeyId(key), authentic: true };
    expect(verify([], key, { anchor, maxSeq: null })).toEqual({ ok: true, rows: 0, problems: [], keyed: false, anchored_seq: 0, incomplete: [] });
  });

  it('verifies a keyed log whose anchor still names no row (0), as a first append killed before its anchor leaves it', () => {
    const key = newAuditKey();
    const anchor: AnchorState = { seq: 0, hash: FIRST_PREV_HASH, key_id: auditKeyId(key), authentic: true };
    expect(verify(fourCalls(key), key, { anchor })).toEqual({ ok: true, rows: 5, problems: [], keyed: true, anchored_seq: 0, incomplete: [] });
  });

  it('verifies an anchor that names a row before the last one (its move was not written yet)', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    expect(verify(rows, key, { anchor: anchorAt(rows[2], key) })).toMatchObject({ ok: true, problems: [], anchored_seq: 3 });
  });
});

describe('a keyed row changed in the store', () => {
  // Each column of the middle row (3) and of the last row (5), changed to another value of its kind.
  const changes: [keyof AuditRow, unknown, (seq: number) => string[]][] = [
    ['at', '2026-03-09T11:00:00.000Z', (seq) => [ALTERED(seq)]],
    ['os_user', 'mallory', (seq) => [ALTERED(seq)]],
    ['channel', 'cli', (seq) => [ALTERED(seq)]],
    ['client_name', 'Other client', (seq) => [ALTERED(seq)]],
    ['client_version', '9.9.9', (seq) => [ALTERED(seq)]],
    ['action', 'drop_everything', (seq) => [ALTERED(seq)]],
    ['args_json', canonicalJson({ n: 3, sql: 'SELECT 4' }), (seq) => [ALTERED(seq)]],
    ['connection_id', null, (seq) => [ALTERED(seq)]],
    ['outcome', 'error', (seq) => [ALTERED(seq)]],
    ['error', 'planted', (seq) => [ALTERED(seq)]],
    ['row_count', 999, (seq) => [ALTERED(seq)]],
    ['duration_ms', 0.5, (seq) => [ALTERED(seq)]],
    ['started_seq', 2, (seq) => [ALTERED(seq), `row ${seq} completes row 2, which is not the start of the same call`]],
    ['prev_hash', 'f'.repeat(64), (seq) => [BROKEN(seq, seq - 1), ALTERED(seq)]],
  ];

  it.each(changes.flatMap(([column, value, problems]) => [3, 5].map((seq) => [column, seq, value, problems(seq)] as const)))('%s of row %i', (column, seq, value, problems) => {
    const key = newAuditKey();
    const result = verify(changed(fourCalls(key), seq, { [column]: value }), key, { anchor: anchorAt(fourCalls(key)[4], key) });
    expect(result.problems).toEqual(problems);
    expect(result.ok).toBe(false);
  });

  it('hash of a middle row: it no longer matches, and the next row no longer follows it', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    expect(verify(changed(rows, 3, { hash: 'f'.repeat(64) }), key, { anchor: anchorAt(rows[4], key) }).problems).toEqual([ALTERED(3), BROKEN(4, 3)]);
  });

  it('hash of the last row: it no longer matches, nor the hash the anchor names', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    expect(verify(changed(rows, 5, { hash: 'f'.repeat(64) }), key, { anchor: anchorAt(rows[4], key) }).problems).toEqual([
      ALTERED(5),
      'row 5 is not the row the anchor file names: the log was rewritten from there',
    ]);
  });

  it('a hash that is not hex, or empty', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    for (const hash of ['not a hash', '']) {
      expect(verify(changed(rows, 3, { hash }), key, { anchor: anchorAt(rows[4], key) }).problems).toEqual([ALTERED(3), BROKEN(4, 3)]);
    }
  });

  it('seq of a middle row (the row moves to the end, sqlite_sequence stays)', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    expect(verify(changed(rows, 3, { seq: 9 }), key, { maxSeq: 5, anchor: anchorAt(rows[4], key) }).problems).toEqual([
      'rows 3..3 are missing',
      BROKEN(4, 2),
      'rows 6..8 are missing',
      BROKEN(9, 5),
      ALTERED(9),
    ]);
  });

  it('seq of the last row', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    expect(verify(changed(rows, 5, { seq: 9 }), key, { maxSeq: 5, anchor: anchorAt(rows[4], key) }).problems).toEqual([
      'rows 5..8 are missing',
      ALTERED(9),
      'row 5, which the anchor file names, was removed',
    ]);
  });

  it('rows rewritten from row 3 on under another key, with an anchor of that key', () => {
    const key = newAuditKey();
    const forger = newAuditKey();
    const rows = seal(changed(fourCalls(key), 3, { outcome: 'refused' }), forger, 2);
    const result = verify(rows, key, { anchor: { ...anchorAt(rows[4], forger), authentic: false } });
    expect(result.problems).toEqual([ALTERED(3), ALTERED(4), ALTERED(5), 'the anchor file was altered (its MAC does not match the audit key)']);
  });

  it('two rows swapped', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    const swapped = rows.map((row) => (row.seq === 3 ? { ...row, seq: 4 } : row.seq === 4 ? { ...row, seq: 3 } : row)).sort((a, b) => a.seq - b.seq);
    expect(verify(swapped, key, { anchor: anchorAt(rows[4], key) }).problems).toEqual([BROKEN(3, 2), ALTERED(3), BROKEN(4, 3), ALTERED(4), BROKEN(5, 4)]);
  });
});

describe('rows removed', () => {
  it('exactly the last row, with sqlite_sequence put back: the anchor still names it', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    const result = verify(without(rows, 5), key, { maxSeq: 4, anchor: anchorAt(rows[4], key) });
    expect(result).toMatchObject({ ok: false, rows: 4, anchored_seq: 5, problems: ['rows 5..5 at the end were removed (the anchor file names row 5)'] });
  });

  it('exactly the last row, sqlite_sequence left as it was', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    expect(verify(without(rows, 5), key, { maxSeq: 5, anchor: anchorAt(rows[4], key) }).problems).toEqual([
      'rows 5..5 at the end were removed',
      'rows 5..5 at the end were removed (the anchor file names row 5)',
    ]);
  });

  it('exactly the last row, and the anchor file deleted', () => {
    const key = newAuditKey();
    expect(verify(without(fourCalls(key), 5), key, { maxSeq: 5, anchor: null }).problems).toEqual([
      'rows 5..5 at the end were removed',
      'the anchor file (audit-anchor.json in the data folder) is missing: it was deleted, so removed rows at the end could go unnoticed',
    ]);
  });

  it('the anchor file deleted alone', () => {
    const key = newAuditKey();
    expect(verify(fourCalls(key), key, { anchor: null })).toMatchObject({ ok: false, anchored_seq: null, problems: [expect.stringMatching(/^the anchor file .* is missing/)] });
  });

  it('exactly the last row of an unkeyed log (sqlite_sequence remembers it)', () => {
    expect(verify(without(legacyLog(3), 3), null, { maxSeq: 3 }).problems).toEqual(['rows 3..3 at the end were removed']);
  });

  it('every row (sqlite_sequence remembers them)', () => {
    expect(verify([], null, { maxSeq: 2 }).problems).toEqual(['rows 1..2 at the end were removed']);
  });

  it('a middle row', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    expect(verify(without(rows, 3), key, { anchor: anchorAt(rows[4], key) }).problems).toEqual(['rows 3..3 are missing', BROKEN(4, 2)]);
  });

  it('a middle row the anchor names', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    expect(verify(without(rows, 3), key, { anchor: anchorAt(rows[2], key) }).problems).toEqual([
      'rows 3..3 are missing',
      BROKEN(4, 2),
      'row 3, which the anchor file names, was removed',
    ]);
  });

  it('the keyed part of the log, leaving its unkeyed rows', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [callColumns(1)], 2);
    expect(verify(rows.slice(0, 2), key, { maxSeq: 2, anchor: anchorAt(rows[3], key) })).toMatchObject({
      ok: false,
      keyed: false,
      anchored_seq: 4,
      problems: [
        'the keyed part of the log was removed: the anchor names row 4, and no row starts the keyed chain',
        'rows 3..4 at the end were removed (the anchor file names row 4)',
      ],
    });
  });

  it('the keyed chain replaced by an unkeyed one (its start row removed, SHA-256 recomputed)', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    const unkeyed = seal(rows.slice(1).map((row, i) => ({ ...row, seq: i + 1 })), null);
    expect(verify(unkeyed, key, { maxSeq: 4, anchor: anchorAt(rows[4], key) }).problems).toEqual([
      'the keyed part of the log was removed: the anchor names row 5, and no row starts the keyed chain',
      'rows 5..5 at the end were removed (the anchor file names row 5)',
    ]);
  });
});

describe('the anchor', () => {
  it('altered: reported alone, whatever row it names', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    for (const seq of [0, 3, 5, 99]) {
      const anchor: AnchorState = { seq, hash: 'f'.repeat(64), key_id: auditKeyId(key), authentic: false };
      expect(verify(rows, key, { anchor }).problems).toEqual(['the anchor file was altered (its MAC does not match the audit key)']);
    }
  });

  it('without a key to check it with, still compared with the log', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    const anchor: AnchorState = { seq: 7, hash: 'f'.repeat(64), key_id: auditKeyId(key), authentic: null };
    expect(verify(rows, null, { anchor }).problems).toEqual([
      'the audit key is not in this OS keychain, so the keyed rows cannot be checked (verify as the user whose keychain holds it)',
      'rows 6..7 at the end were removed (the anchor file names row 7)',
    ]);
  });

  it('naming a row whose hash differs: the log was rewritten from there', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    expect(verify(rows, key, { anchor: { ...anchorAt(rows[2], key), hash: rows[3].hash } }).problems).toEqual([
      'row 3 is not the row the anchor file names: the log was rewritten from there',
    ]);
  });
});

describe('the keyed chain and the audit key', () => {
  it('no key in the keychain: the keyed rows cannot be checked, and are not called altered', () => {
    const key = newAuditKey();
    const rows = changed(fourCalls(key), 3, { outcome: 'error' });
    const result = verify(rows, null, { anchor: { ...anchorAt(rows[4], key), authentic: null } });
    expect(result).toMatchObject({
      ok: false,
      keyed: true,
      problems: ['the audit key is not in this OS keychain, so the keyed rows cannot be checked (verify as the user whose keychain holds it)'],
    });
  });

  it('another key in the keychain: named as replaced, and no row is called altered', () => {
    const key = newAuditKey();
    const other = newAuditKey();
    const rows = fourCalls(key);
    expect(verify(rows, other, { anchor: { ...anchorAt(rows[4], key), authentic: false } }).problems).toEqual([
      `the keychain holds another audit key (${auditKeyId(other)}) than the one this log was keyed with (${auditKeyId(key)}): the key was replaced, and no keyed row can be checked`,
      'the anchor file was altered (its MAC does not match the audit key)',
    ]);
  });

  it('a start row that names no key: the rows are checked with the key at hand', () => {
    const key = newAuditKey();
    const other = newAuditKey();
    const rows = seal(changed(fourCalls(key), 1, { args_json: canonicalJson({ legacy_rows: 0, legacy_head: FIRST_PREV_HASH, legacy_problems: [] }) }), key);
    expect(verify(rows, key).problems).toEqual([]);
    expect(verify(rows, other, { anchor: anchorAt(rows[4], other) }).problems).toEqual([ALTERED(1), ALTERED(2), ALTERED(3), ALTERED(4), ALTERED(5)]);
  });

  it('a start row whose arguments are not JSON', () => {
    const key = newAuditKey();
    const rows = seal(changed(fourCalls(key), 1, { args_json: 'not json' }), key);
    expect(verify(rows, key).problems).toEqual([
      'row 1 (the start of the keyed chain) was altered after it was written',
      'the 0 rows before row 1 are not the ? rows the keyed chain started from: rows written before the log was keyed were removed or altered',
    ]);
  });

  it('a start row that is not the first keyed row: rows before it are checked as unkeyed', () => {
    const key = newAuditKey();
    const rows = fourCalls(key);
    // Rows 2 and 3 moved in front of the start row, as if written before the log was keyed.
    const reordered = [rows[1], rows[2], rows[0], rows[3], rows[4]].map((row, i) => ({ ...row, seq: i + 1 }));
    const result = verify(reordered, key, { anchor: anchorAt(rows[4], key) });
    expect(result.problems).toEqual([
      BROKEN(1, 0),
      ALTERED(1),
      ALTERED(2),
      expect.stringMatching(/^the 2 rows before row 3 are not the 0 rows the keyed chain started from/),
      BROKEN(3, 2),
      ALTERED(3),
      BROKEN(4, 3),
    ]);
  });
});

describe('unkeyed rows before the keyed chain', () => {
  it('a changed column: the keyed chain still starts from them, but the row is altered', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [callColumns(1)], 3);
    expect(verify(changed(rows, 2, { outcome: 'error' }), key).problems).toEqual([ALTERED(2)]);
  });

  it('a started_seq set on an unkeyed row (a column unkeyed rows never had)', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [callColumns(1)], 3);
    expect(verify(changed(rows, 2, { started_seq: 1 }), key).problems).toEqual([ALTERED(2), 'row 2 completes row 1, which is not the start of the same call']);
  });

  it('a changed prev_hash', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [callColumns(1)], 3);
    expect(verify(changed(rows, 2, { prev_hash: 'f'.repeat(64) }), key).problems).toEqual([BROKEN(2, 1), ALTERED(2)]);
  });

  it('the first row removed', () => {
    const legacy = legacyLog(3);
    expect(verify(without(legacy, 1), null).problems).toEqual(['rows 1..1 are missing', BROKEN(2, 0)]);
  });

  it('rewritten with their SHA-256 chain recomputed: not the rows the keyed chain started from', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [callColumns(1)], 3);
    const rewritten = seal(changed(rows, 2, { outcome: 'error' }), key).map((row, i) => (i < 3 ? row : rows[i]));
    expect(verify(rewritten, key).problems).toEqual([
      'the 3 rows before row 4 are not the 3 rows the keyed chain started from: rows written before the log was keyed were removed or altered',
      BROKEN(4, 3),
    ]);
  });

  it('the last one removed: the keyed chain no longer starts after it', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [callColumns(1)], 3);
    expect(verify(without(rows, 3), key).problems).toEqual([
      'the 2 rows before row 4 are not the 3 rows the keyed chain started from: rows written before the log was keyed were removed or altered',
      'rows 3..3 are missing',
      BROKEN(4, 2),
    ]);
  });

  it('one removed while the count still matches (another put in its place): the recorded head differs', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [callColumns(1)], 3);
    const replaced = seal(changed(rows, 3, { action: 'planted' }), key).map((row, i) => (i < 3 ? row : rows[i]));
    expect(verify(replaced, key).problems[0]).toMatch(/^the 3 rows before row 4 are not the 3 rows the keyed chain started from/);
  });

  it('problems found when the log was keyed are reported for ever after', () => {
    const key = newAuditKey();
    const marker = markerColumns({ legacy_rows: 0, legacy_head: FIRST_PREV_HASH, legacy_problems: ['row 2 was altered after it was written', 'rows 4..4 are missing'], key_id: auditKeyId(key) }, 0);
    const rows = seal([{ ...marker, seq: 1, prev_hash: '', hash: '' }, ...fourCalls(key).slice(1)], key);
    expect(verify(rows, key).problems).toEqual(['before the log was keyed: row 2 was altered after it was written', 'before the log was keyed: rows 4..4 are missing']);
  });

  it('the first ones removed, the last kept: fewer rows than the keyed chain started from, though its head is the same', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [callColumns(1)], 3);
    expect(verify(without(rows, 1), key).problems).toEqual([
      'rows 1..1 are missing',
      BROKEN(2, 0),
      'the 2 rows before row 4 are not the 3 rows the keyed chain started from: rows written before the log was keyed were removed or altered',
    ]);
  });

  it('rows that only resemble the start of the keyed chain (its action on another channel, or the system channel) are unkeyed rows', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [callColumns(1)], 3);
    const resembling = seal(changed(changed(rows, 1, { channel: 'system' }), 2, { action: 'audit.keyed' }), key).map((row, i) => (i < 3 ? row : rows[i]));
    // The keyed chain recorded the rows as they were; otherwise the log is sound.
    expect(verify(resembling, key)).toMatchObject({
      keyed: true,
      problems: ['the 3 rows before row 4 are not the 3 rows the keyed chain started from: rows written before the log was keyed were removed or altered', BROKEN(4, 3)],
    });
    const legacy = seal(changed(changed(legacyLog(3), 1, { channel: 'system' }), 2, { action: 'audit.keyed' }), null);
    expect(verify(legacy, null)).toEqual({ ok: true, rows: 3, problems: [], keyed: false, anchored_seq: null, incomplete: [] });
  });

  it('the last row of a log that was never keyed, changed', () => {
    expect(verify(changed(legacyLog(3), 3, { outcome: 'error' }), null).problems).toEqual([ALTERED(3)]);
  });

  it('rows renumbered below 1 with the sqlite_sequence row removed: nothing is said of rows at the end', () => {
    const rows = legacyLog(2).map((row) => ({ ...row, seq: row.seq - 3 }));
    const result = verify(rows, null, { maxSeq: null });
    expect(result.problems).toEqual(['rows 1..-3 are missing', 'row -2 was altered after it was written', ALTERED(-1)]);
  });

  it('checkLegacyRows returns where the unkeyed rows end', () => {
    const rows = legacyLog(3);
    const problems: string[] = [];
    expect(checkLegacyRows(rows, problems)).toEqual({ seq: 3, hash: rows[2].hash, count: 3 });
    expect(checkLegacyRows([], problems)).toEqual({ seq: 0, hash: FIRST_PREV_HASH, count: 0 });
    expect(problems).toEqual([]);
  });
});

describe('calls written as a start row and a completion row, in order', () => {
  it('a completed call, a call still running and a finished call', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [startColumns(1), completionColumns(1, 2), startColumns(2), callColumns(3), startColumns(4)]);
    expect(verify(rows, key, { anchor: anchorAt(rows[4], key) })).toEqual({ ok: true, rows: 6, problems: [], keyed: true, anchored_seq: 5, incomplete: [4, 6] });
  });

  it('a call completed twice', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [startColumns(1), completionColumns(1, 2), completionColumns(1, 2)]);
    const result = verify(rows, key);
    expect(result.problems).toEqual(['row 4 completes row 2 a second time']);
    expect(result.incomplete).toEqual([]);
  });

  it('a completion row naming a row that is no start, or no row at all', () => {
    const key = newAuditKey();
    const rows = keyedLog(key, [callColumns(1), completionColumns(1, 2), completionColumns(1, 40)]);
    expect(verify(rows, key).problems).toEqual(['row 3 completes row 2, which is not the start of the same call', 'row 4 completes row 40, which is not the start of the same call']);
  });
});

describe('macMatches', () => {
  it('holds only for the same non-empty hex digest', () => {
    const key = newAuditKey();
    const mac = rowMac(key, { ...callColumns(1), seq: 1, prev_hash: FIRST_PREV_HASH });
    expect(macMatches(mac, mac)).toBe(true);
    expect(macMatches(mac, `${mac.slice(0, -1)}${mac.endsWith('0') ? '1' : '0'}`)).toBe(false);
    expect(macMatches(mac, mac.slice(0, 62))).toBe(false);
    expect(macMatches(mac, `${mac}00`)).toBe(false);
    expect(macMatches('', '')).toBe(false);
    expect(macMatches('zz', 'zz')).toBe(false);
  });
});
