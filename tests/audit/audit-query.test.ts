import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../mcp/audit/audit-chain.js';
import { searchAudit, type AuditFilter } from '../../mcp/audit/audit-query.js';
import { migrate } from '../../mcp/store/migrations.js';
import { SqliteDb, type SqlValue } from '../../mcp/store/sqlite-db.js';
import { UserError } from '../../mcp/util/user-error.js';
import { callColumns, completionColumns, keyedLog, newAuditKey, startColumns, type RowColumns } from '../helpers/audit-rows.js';

/**
 * The audit search of the app's audit view, on a store in memory holding exactly the rows a test
 * writes: one line per call, newest first, each filter narrowing the lines, and its total.
 */

const COLUMNS = ['seq', 'at', 'os_user', 'channel', 'client_name', 'client_version', 'action', 'args_json', 'connection_id', 'outcome', 'error', 'row_count', 'duration_ms', 'prev_hash', 'hash', 'started_seq'] as const;

/** A store whose audit log holds the keyed chain's start row (seq 1) and then one row per entry. */
async function storeWith(calls: RowColumns[]): Promise<SqliteDb> {
  const db = await SqliteDb.open(':memory:');
  await migrate(db);
  for (const row of keyedLog(newAuditKey(), calls)) {
    await db.run(`INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`, COLUMNS.map((c) => row[c]) as SqlValue[]);
  }
  return db;
}

async function search(calls: RowColumns[], filter: AuditFilter, limit = 1000): Promise<{ seqs: number[]; total: number; rows: AuditRow[] }> {
  const db = await storeWith(calls);
  try {
    const { rows, total } = await searchAudit(db, filter, limit);
    return { seqs: rows.map((r) => r.seq), total, rows };
  } finally {
    await db.close();
  }
}

const at = (time: string) => ({ at: time });

describe('searching the audit log', () => {
  it('lists one line per call, newest first: a completed call as its completion row with its start row arguments, a running call as its start row', async () => {
    const calls = [callColumns(1), startColumns(2, { args_json: '{"sql":"SELECT 2"}' }), completionColumns(2, 3), startColumns(3, { args_json: '{"sql":"SELECT 3"}' })];
    const { seqs, total, rows } = await search(calls, {});
    // Row 1 is the keyed chain's start row; row 3 is completed by row 4.
    expect(seqs).toEqual([5, 4, 2, 1]);
    expect(total).toBe(4);
    expect(rows[0]).toMatchObject({ seq: 5, outcome: 'started', args_json: '{"sql":"SELECT 3"}' });
    expect(rows[1]).toMatchObject({ seq: 4, outcome: 'ok', started_seq: 3, args_json: '{"sql":"SELECT 2"}' });
  });

  it('finds text in the action, arguments, error, client or connection, whatever its case, and trims it', async () => {
    const calls = [
      callColumns(1, { action: 'Query_SQL' }),
      callColumns(2, { args_json: '{"sql":"SELECT * FROM Parcels"}' }),
      callColumns(3, { error: 'PARCELS table is gone' }),
      callColumns(4, { client_name: 'parcels-client' }),
      callColumns(5, { connection_id: 'ParcelsDb' }),
      callColumns(6),
    ];
    expect((await search(calls, { text: '  query_sql ' })).seqs).toEqual([2]);
    const parcels = await search(calls, { text: 'parcels' });
    expect(parcels.seqs).toEqual([6, 5, 4, 3]);
    expect(parcels.total).toBe(4);
  });

  it('finds accented text stored in lower case whatever the case it is typed in', async () => {
    const calls = [callColumns(1, { args_json: '{"note":"café"}' }), callColumns(2, { args_json: '{"note":"cafe"}' })];
    expect((await search(calls, { text: 'CAFÉ' })).seqs).toEqual([2]);
    expect((await search(calls, { text: 'Café' })).seqs).toEqual([2]);
  });

  it('reads blank text as no text filter', async () => {
    expect((await search([callColumns(1), callColumns(2)], { text: '   ' })).seqs).toEqual([3, 2, 1]);
  });

  it('takes %, _ and \\ in the text literally', async () => {
    const calls = [
      callColumns(1, { args_json: '{"note":"100% done"}' }),
      callColumns(2, { args_json: '{"note":"100 done"}' }),
      callColumns(3, { args_json: '{"note":"a_b"}' }),
      callColumns(4, { args_json: '{"note":"axb"}' }),
      callColumns(5, { error: 'C:\\data' }),
      callColumns(6, { error: 'C:data' }),
    ];
    expect((await search(calls, { text: '0%' })).seqs).toEqual([2]);
    expect((await search(calls, { text: 'a_b' })).seqs).toEqual([4]);
    expect((await search(calls, { text: ':\\d' })).seqs).toEqual([6]);
  });

  it.each([
    ['action', { action: 'tool_2' }, [3]],
    ['channel', { channel: 'cli' }, [4]],
    ['outcome', { outcome: 'error' }, [5]],
    ['connection', { connectionId: 'other' }, [6]],
    ['action and outcome together', { action: 'tool_4', outcome: 'ok' }, []],
  ] as const)('filters on the exact %s', async (_what, filter, seqs) => {
    const calls = [callColumns(1), callColumns(2), callColumns(3, { channel: 'cli' }), callColumns(4, { outcome: 'error' }), callColumns(5, { connection_id: 'other' })];
    const result = await search(calls, filter);
    expect(result.seqs).toEqual(seqs);
    expect(result.total).toBe(seqs.length);
  });

  it('reads a date alone as the whole day, both ends included', async () => {
    const calls = [
      callColumns(1, at('2026-03-01T23:59:59.999Z')),
      callColumns(2, at('2026-03-02T00:00:00.000Z')),
      callColumns(3, at('2026-03-02T23:59:59.999Z')),
      callColumns(4, at('2026-03-03T00:00:00.000Z')),
    ];
    expect((await search(calls, { since: '2026-03-02' })).seqs).toEqual([5, 4, 3]);
    expect((await search(calls, { until: '2026-03-02' })).seqs).toEqual([4, 3, 2, 1]);
    expect((await search(calls, { since: '2026-03-02', until: '2026-03-02' })).seqs).toEqual([4, 3]);
  });

  it('reads a time in any offset as the instant it names', async () => {
    const calls = [callColumns(1, at('2026-03-02T09:59:59.999Z')), callColumns(2, at('2026-03-02T10:00:00.000Z')), callColumns(3, at('2026-03-02T10:00:00.001Z'))];
    expect((await search(calls, { since: '2026-03-02T12:00:00+02:00' })).seqs).toEqual([4, 3]);
    expect((await search(calls, { until: '2026-03-02T12:00:00+02:00', since: '2026-03-02T09:00:00Z' })).seqs).toEqual([3, 2]);
  });

  it.each([
    ['since', 'last tuesday'],
    ['until', 'last tuesday'],
    ['since', 'x2026-03-02'],
    ['until', 'x2026-03-02'],
  ] as const)('refuses a %s that is not a date (%s)', async (key, value) => {
    const db = await storeWith([callColumns(1)]);
    try {
      const refusal = searchAudit(db, { [key]: value }, 10);
      await expect(refusal).rejects.toBeInstanceOf(UserError);
      await expect(refusal).rejects.toMatchObject({ kind: 'invalid', message: `"${value}" is not a date: write YYYY-MM-DD.` });
    } finally {
      await db.close();
    }
  });

  it('returns at most `limit` lines, the newest, with the total of every match', async () => {
    const calls = [callColumns(1), callColumns(2), callColumns(3), callColumns(4)];
    expect(await search(calls, {}, 2)).toMatchObject({ seqs: [5, 4], total: 5 });
    expect(await search(calls, {}, 2.9)).toMatchObject({ seqs: [5, 4], total: 5 });
    expect(await search(calls, {}, 0)).toMatchObject({ seqs: [5], total: 5 });
    expect(await search(calls, {}, -3)).toMatchObject({ seqs: [5], total: 5 });
    expect(await search(calls, {}, Number.POSITIVE_INFINITY)).toMatchObject({ seqs: [5, 4, 3, 2, 1], total: 5 });
  });
});
