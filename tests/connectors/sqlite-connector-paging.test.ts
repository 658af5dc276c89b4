import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../mcp/connectors/connector.js';
import { ownRowLimit, pageableSelect } from '../../mcp/connectors/sqlite/sqlite-paging.js';
import { SqliteConnector } from '../../mcp/connectors/sqlite/sqlite-connector.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { makeTempHome } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-sqlite-paging-');
const file = path.join(home.dir, 'rows.sqlite');
const ROWS = 25_003;
let raw: SqliteDb;
let connector: SqliteConnector;

beforeAll(async () => {
  raw = await SqliteDb.open(file, { wal: true });
  await raw.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, grp INTEGER NOT NULL, label TEXT);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
    INSERT INTO t SELECT i, i % 7, CASE WHEN i % 11 = 0 THEN NULL ELSE 'row ' || i END FROM n;`);
  connector = new SqliteConnector({ file });
});

afterAll(async () => {
  await connector.close();
  await raw.close();
  home.cleanup();
});

const options = (maxRows: number) => ({ maxRows, timeoutMs: 30_000 });

async function streamed(sql: string, params: unknown[] = [], batchSize = 1_000): Promise<{ rows: Row[]; batches: number[] }> {
  const rows: Row[] = [];
  const batches: number[] = [];
  for await (const batch of connector.streamBatches(sql, params, batchSize)) {
    batches.push(batch.length);
    rows.push(...batch);
  }
  return { rows, batches };
}

describe('which statements take an added LIMIT', () => {
  it('a single SELECT without its own top-level LIMIT, with trailing semicolons and comments dropped', () => {
    expect(pageableSelect('SELECT * FROM t;; -- done')).toEqual({ body: 'SELECT * FROM t', ordered: false });
    expect(pageableSelect('SELECT * FROM t ORDER BY grp /* x */')).toEqual({ body: 'SELECT * FROM t ORDER BY grp', ordered: true });
    expect(pageableSelect('SELECT * FROM (SELECT * FROM t ORDER BY id LIMIT 5) x')?.ordered).toBe(false);
    expect(pageableSelect('SELECT id, SUM(grp) OVER (ORDER BY id) FROM t')?.ordered).toBe(false);
    expect(pageableSelect("SELECT 'LIMIT 5; ORDER BY' AS s FROM t")?.ordered).toBe(false);
    expect(pageableSelect('SELECT * FROM t LIMIT 5')).toBeUndefined();
    expect(pageableSelect('SELECT * FROM t LIMIT 5 OFFSET 2')).toBeUndefined();
    expect(pageableSelect('SELECT 1; SELECT 2')).toBeUndefined();
    expect(pageableSelect("SELECT 'unterminated")).toBeUndefined();
    expect(pageableSelect(';')).toBeUndefined();
  });

  it("reads a statement's own closing LIMIT n as its row bound, and nothing else", () => {
    expect(ownRowLimit('SELECT * FROM t LIMIT 25;')).toBe(25);
    expect(ownRowLimit('SELECT * FROM t ORDER BY id LIMIT 10 OFFSET 40 -- page 5')).toBe(10);
    expect(ownRowLimit('SELECT * FROM (SELECT * FROM t LIMIT 5) x')).toBeUndefined();
    expect(ownRowLimit('SELECT * FROM t LIMIT ?')).toBeUndefined();
    expect(ownRowLimit('SELECT * FROM t LIMIT 5 + 5')).toBeUndefined();
    expect(ownRowLimit('SELECT * FROM t LIMIT 2, 5')).toBeUndefined();
    expect(ownRowLimit('SELECT 1 LIMIT 1; SELECT 2 LIMIT 1')).toBeUndefined();
  });
});

describe('SQLite query: the capped read in one call', () => {
  it('returns what stepping the statement returns, cut at the cap', async () => {
    const cases: [string, unknown[], number][] = [
      ['SELECT * FROM t', [], 500],
      ['SELECT * FROM t WHERE grp = ? AND id > ?', [3, 100], 10],
      ['SELECT grp, COUNT(*) AS n FROM t GROUP BY grp ORDER BY n DESC, grp', [], 3],
      ['SELECT * FROM t ORDER BY label DESC, id;', [], 50],
      ['SELECT id FROM t WHERE id < 5 UNION ALL SELECT id FROM t WHERE id > ?', [ROWS - 3], 100],
      ['SELECT * FROM t LIMIT 7', [], 5],
      ['SELECT * FROM t LIMIT 3', [], 5],
      ['SELECT * FROM t ORDER BY label LIMIT 5 OFFSET 20', [], 5],
      ['SELECT * FROM t WHERE id > ? LIMIT 4;', [ROWS - 2], 10],
      ['VALUES (1, 2), (3, 4)', [], 1],
      ['WITH big AS (SELECT id FROM t WHERE grp = 0) SELECT COUNT(*) AS n FROM big -- counted', [], 10],
    ];
    for (const [sql, params, cap] of cases) {
      const all = await raw.all<Row>(sql, params as never[]);
      const result = await connector.query(sql, params, options(cap));
      expect(result.rows, sql).toEqual(all.slice(0, cap));
      expect(result.truncated, sql).toBe(all.length > cap);
      expect(result.row_count, sql).toBe(Math.min(all.length, cap));
    }
  });

  it('keeps columns that share a name apart, on a full page, a cut one and an empty one', async () => {
    const sql = 'SELECT a.id, a.grp, b.grp FROM t a JOIN t b ON b.id = a.id + 1 WHERE a.id <= ? ORDER BY a.id';
    const full = await connector.query(sql, [3], options(10));
    expect(full).toEqual({ columns: ['id', 'grp', 'grp_2'], rows: [1, 2, 3].map((id) => ({ id, grp: id % 7, grp_2: (id + 1) % 7 })), row_count: 3, truncated: false });
    const cut = await connector.query(sql, [3], options(2));
    expect(cut).toMatchObject({ columns: ['id', 'grp', 'grp_2'], row_count: 2, truncated: true });
    expect(cut.rows).toEqual(full.rows.slice(0, 2));
    expect(await connector.query(sql, [0], options(10))).toEqual({ columns: ['id', 'grp', 'grp_2'], rows: [], row_count: 0, truncated: false });
  });

  it("reports the statement's own error, not one about the added LIMIT", async () => {
    await expect(connector.query('SELECT nope FROM t', [], options(5))).rejects.toThrow(/no such column: nope/);
    await expect(connector.query('SELECT * FROM t WHERE', [], options(5))).rejects.toThrow(/incomplete input|syntax error/);
  });
});

describe('SQLite streamBatches: pages, not rows, per call into SQLite', () => {
  it('streams every row once, in order, in batches no larger than asked, across pages', async () => {
    const { rows, batches } = await streamed('SELECT * FROM t');
    expect(rows).toEqual(await raw.all('SELECT * FROM t'));
    expect(Math.max(...batches)).toBe(1_000);
    const filtered = await streamed('SELECT id, label FROM t WHERE grp = ? OR id > ?', [2, ROWS - 10], 777);
    expect(filtered.rows).toEqual(await raw.all('SELECT id, label FROM t WHERE grp = ? OR id > ?', [2, ROWS - 10]));
    expect(Math.max(...filtered.batches)).toBeLessThanOrEqual(777);
  });

  it('sorted, limited and other statements come back exactly as SQLite returns them', async () => {
    for (const sql of ['SELECT * FROM t ORDER BY grp, id', 'SELECT * FROM t WHERE id < 500 ORDER BY label', 'SELECT * FROM t LIMIT 12345', 'VALUES (1), (2)', 'SELECT grp, COUNT(*) FROM t GROUP BY grp']) {
      expect((await streamed(sql)).rows, sql).toEqual(await raw.all(sql));
    }
  });

  it('every page sees the file as it was when the stream began', async () => {
    const seen: Row[] = [];
    let wrote = false;
    for await (const batch of connector.streamBatches('SELECT id FROM t', [], 2_000)) {
      seen.push(...batch);
      if (!wrote) {
        wrote = true;
        await raw.run('INSERT INTO t (id, grp, label) VALUES (?, 0, ?)', [ROWS + 1, 'late']);
        await raw.run('DELETE FROM t WHERE id = 24000');
      }
    }
    expect(seen.length).toBe(ROWS);
    expect(seen.some((r) => r.id === ROWS + 1)).toBe(false);
    expect(seen.some((r) => r.id === 24_000)).toBe(true);
    await raw.run('DELETE FROM t WHERE id = ?', [ROWS + 1]);
    await raw.run("INSERT INTO t (id, grp, label) VALUES (24000, 24000 % 7, 'row 24000')");
  });

  it('gives every kind of value exactly as the driver does: computed doubles, infinities, big integers, text of any kind, bytes, NULL', async () => {
    await raw.exec(`CREATE TABLE kinds (v);
      INSERT INTO kinds VALUES (0.1 + 0.2), (1.0 / 3), (1.7976931348623157e308), (5e-324), (1e999), (-1e999), (1234.56), (2.0),
        (9007199254740993), (-42), (0), ('it''s "quoted"'), ('line
break'), (char(1, 8232, 128512)), (''), ('{"blob":"00"}'), ('[1,2]'),
        (X'00FF10'), (X''), (NULL);`);
    try {
      const { rows } = await streamed('SELECT rowid AS id, v, typeof(v) AS kind FROM kinds');
      expect(rows).toEqual(await raw.all('SELECT rowid AS id, v, typeof(v) AS kind FROM kinds'));
      expect(rows.find((r) => r.id === 1)?.v).toBe(0.1 + 0.2);
      expect(Buffer.isBuffer(rows.find((r) => r.id === 18)?.v)).toBe(true);
      expect(rows.find((r) => r.id === 16)?.v).toBe('{"blob":"00"}');
    } finally {
      await raw.exec('DROP TABLE kinds');
    }
  });

  it('keeps columns that share a name apart, as query does', async () => {
    const { rows } = await streamed('SELECT a.id, a.grp, b.grp FROM t a JOIN t b ON b.id = a.id + 1 WHERE a.id <= 3');
    expect(rows).toEqual([1, 2, 3].map((id) => ({ id, grp: id % 7, grp_2: (id + 1) % 7 })));
  });

  it('streams every row of a table too wide for the usual page', async () => {
    const columns = Array.from({ length: 900 }, (_, i) => `c${i}`);
    await raw.exec(`CREATE TABLE wide (${columns.join(', ')});
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
      INSERT INTO wide SELECT ${columns.map((_, k) => (k === 0 ? 'i' : `i * ${k}`)).join(', ')} FROM n;`);
    try {
      const { rows } = await streamed('SELECT * FROM wide', [], 2_000);
      expect(rows).toHaveLength(5000);
      expect(rows[4999]).toEqual(Object.fromEntries(columns.map((c, k) => [c, k === 0 ? 5000 : 5000 * k])));
    } finally {
      await raw.exec('DROP TABLE wide');
    }
  });

  it('a stream left early gives its connection back (more abandoned streams than the pool has connections)', async () => {
    for (let i = 0; i < 6; i++) {
      for await (const batch of connector.streamBatches('SELECT * FROM t', [], 100)) {
        expect(batch.length).toBe(100);
        break;
      }
    }
    expect((await connector.query('SELECT COUNT(*) AS n FROM t', [], options(1))).rows).toEqual([{ n: ROWS }]);
  });
});
