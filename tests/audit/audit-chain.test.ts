import { describe, expect, it } from 'vitest';
import { verifyChain, type AnchorState, type AuditRow } from '../../mcp/audit/audit-chain.js';
import { anchorAt, callColumns, completionColumns, keyedLog, newAuditKey, startColumns } from '../helpers/audit-rows.js';

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
