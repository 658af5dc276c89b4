import { describe, expect, it } from 'vitest';
import type { SqlDialect } from '../../mcp/guard/guard-types.js';
import { QueryLineage, UnclearLineage } from '../../mcp/masking/lineage/column-lineage.js';
import { columnClassesFromLineage } from '../../mcp/masking/lineage/lineage-classes.js';
import { POLICIES } from '../../mcp/masking/masking-policy.js';

/** The class masking gives each result column of `sql`, as `column:kind[:category]`. */
async function classes(dialect: SqlDialect, sql: string, columns: string[], policy = POLICIES.qa): Promise<string[]> {
  const lineage = await QueryLineage.of(sql, dialect);
  return columnClassesFromLineage(columns, lineage.sourcesOf(columns), policy).map((c, i) => `${columns[i]}:${c.kind}${c.kind === 'sensitive' ? `:${c.category}` : ''}`);
}

describe('column lineage (the engine masking uses for query results)', () => {
  it('follows casts, functions and unnamed expressions to the personal column they come from', async () => {
    const sql = "SELECT o.prop_id, o.owner_tax_yr AS year, CAST(a.dl_num AS INTEGER), strftime('%Y%m%d', o.birth_dt), unicode(substr(a.last_name, 2, 1)) FROM owner o JOIN account a ON a.acct_id = o.owner_id";
    expect(await classes('sqlite', sql, ['prop_id', 'year', 'CAST(a.dl_num AS INTEGER)', "strftime('%Y%m%d', o.birth_dt)", 'unicode(substr(a.last_name, 2, 1))'])).toEqual([
      'prop_id:safe', 'year:safe', 'CAST(a.dl_num AS INTEGER):sensitive:licence', "strftime('%Y%m%d', o.birth_dt):sensitive:birth_date", 'unicode(substr(a.last_name, 2, 1)):sensitive:name',
    ]);
  });

  it('through CTEs, derived tables, scalar subqueries, EXISTS, window functions and set operations', async () => {
    expect(await classes('sqlite', 'WITH x AS (SELECT o.prop_id, a.dl_num AS k FROM account a JOIN owner o ON o.owner_id = a.acct_id) SELECT prop_id, k + 0 AS z FROM x', ['prop_id', 'z'])).toEqual(['prop_id:safe', 'z:sensitive:licence']);
    expect(await classes('sqlite', 'SELECT t.prop_id, t.q FROM (SELECT prop_id, (SELECT max(birth_dt) FROM owner o2 WHERE o2.prop_id = p.prop_id) AS q FROM property p) t', ['prop_id', 'q'])).toEqual(['prop_id:safe', 'q:sensitive:birth_date']);
    expect(await classes('sqlite', "SELECT prop_id, CASE WHEN EXISTS (SELECT 1 FROM account WHERE dl_num LIKE '1%') THEN 1 ELSE 0 END AS b FROM property", ['prop_id', 'b'])).toEqual(['prop_id:safe', 'b:sensitive:licence']);
    expect(await classes('sqlite', 'SELECT prop_id, row_number() OVER (ORDER BY last_name) AS r FROM owner JOIN account ON acct_id = owner_id', ['prop_id', 'r'])).toEqual(['prop_id:safe', 'r:sensitive:name']);
    expect(await classes('sqlite', 'SELECT prop_id, 1 AS y FROM property UNION ALL SELECT owner_id, length(dl_num) FROM account JOIN owner ON acct_id = owner_id', ['prop_id', 'y'])).toEqual(['prop_id:safe', 'y:sensitive:licence']);
    expect(await classes('sqlite', 'SELECT p.prop_id, pv.market AS m, p.geo_id AS g FROM property p JOIN property_val pv ON pv.prop_id = p.prop_id', ['prop_id', 'm', 'g'])).toEqual(['prop_id:safe', 'm:safe', 'g:safe']);
  });

  it('resolves SELECT * over a join by the names the database reports', async () => {
    expect(await classes('sqlite', 'SELECT * FROM owner o JOIN account a ON a.acct_id = o.owner_id', ['prop_id', 'birth_dt', 'acct_id', 'last_name', 'dl_num'])).toEqual([
      'prop_id:safe', 'birth_dt:sensitive:birth_date', 'acct_id:safe', 'last_name:sensitive:name', 'dl_num:sensitive:licence',
    ]);
    expect(await classes('sqlite', 'SELECT t.* FROM (SELECT prop_id, substr(last_name, 1, 2) AS x FROM owner JOIN account ON acct_id = owner_id) t', ['prop_id', 'x'])).toEqual(['prop_id:safe', 'x:sensitive:name']);
  });

  it('refuses an unnamed computed column beside *, whatever name the database gives it', async () => {
    // The names SQLite and PostgreSQL report would read as harmless columns the * brought.
    const sqlite = await QueryLineage.of("SELECT *, a.dl_num || '' FROM account a", 'sqlite');
    expect(() => sqlite.sourcesOf(['acct_id', 'dl_num', "a.dl_num || ''"])).toThrow(UnclearLineage);
    const postgres = await QueryLineage.of('SELECT o.*, date(o.birth_dt), substr(a.last_name, 1, 3) FROM owner o JOIN account a ON a.acct_id = o.owner_id', 'postgres');
    expect(() => postgres.sourcesOf(['prop_id', 'birth_dt', 'date', 'substr'])).toThrow(UnclearLineage);
    // Named, the same columns are followed to what they are computed from.
    expect(await classes('sqlite', "SELECT *, a.dl_num || '' AS copy FROM account a", ['acct_id', 'dl_num', 'copy'])).toEqual(['acct_id:safe', 'dl_num:sensitive:licence', 'copy:sensitive:licence']);
  });

  it('gives a column the connector renamed to keep it apart (amount_2) the sources of the name it repeats', async () => {
    const sql = 'SELECT d.*, d.amount FROM property_exemption_income_detail d';
    expect(await classes('sqlite', sql, ['prop_id', 'amount', 'amount_2'])).toEqual(['prop_id:safe', 'amount:sensitive:income', 'amount_2:sensitive:income']);
    // A column really called like that, with no earlier namesake, is judged as itself.
    expect(await classes('sqlite', sql, ['prop_id', 'amount_2'])).toEqual(['prop_id:safe', 'amount_2:unknown']);
  });

  it('reads SQL Server (TOP, [brackets]) and PostgreSQL', async () => {
    expect(await classes('tsql', 'SELECT TOP 5 [o].[prop_id], CAST(a.dl_num AS INT) AS n FROM dbo.owner o JOIN dbo.account a ON a.acct_id = o.owner_id', ['prop_id', 'n'])).toEqual(['prop_id:safe', 'n:sensitive:licence']);
    expect(await classes('postgres', "SELECT p.prop_id, to_char(o.birth_dt, 'YYYYMMDD')::int AS d FROM property p JOIN owner o USING (prop_id)", ['prop_id', 'd'])).toEqual(['prop_id:safe', 'd:sensitive:birth_date']);
  });

  it('masks a value computed from a name and a birth date as the category the policy always masks', async () => {
    const sql = "SELECT o.prop_id, a.last_name || strftime('%Y', o.birth_dt) AS mix FROM owner o JOIN account a ON a.acct_id = o.owner_id";
    expect(await classes('sqlite', sql, ['prop_id', 'mix'], POLICIES.internal)).toEqual(['prop_id:safe', 'mix:sensitive:birth_date']);
  });

  it('refuses what it cannot follow', async () => {
    await expect(QueryLineage.of("SELECT json_object('x', a.*) FROM account a", 'sqlite')).rejects.toBeInstanceOf(UnclearLineage);
    await expect(QueryLineage.of('SELECT a FROM b; SELECT c FROM d', 'postgres')).rejects.toBeInstanceOf(UnclearLineage);
    await expect(QueryLineage.of('SELEKT nonsense', 'sqlite')).rejects.toBeInstanceOf(UnclearLineage);
    const union = await QueryLineage.of('SELECT * FROM a UNION SELECT * FROM b', 'sqlite');
    expect(() => union.sourcesOf(['x'])).toThrow(UnclearLineage);
  });

  it('takes a table named with its schema for the table, even beside a CTE of the same name', async () => {
    const shadow = 'WITH property_exemption_income_detail AS (SELECT 1 AS y) SELECT d.amount AS y FROM public.property_exemption_income_detail d';
    expect(await classes('postgres', shadow, ['y'])).toEqual(['y:sensitive:income']);
    expect(await classes('tsql', shadow.replace('public.', 'dbo.'), ['y'])).toEqual(['y:sensitive:income']);
    // Without its schema, the name is the CTE's.
    expect(await classes('postgres', shadow.replace('public.', ''), ['y'])).toEqual(['y:unknown']);
  });

  it('refuses a whole row read as one value (PostgreSQL), which carries every column of its table', async () => {
    for (const [sql, columns] of [
      ['SELECT e::text AS r FROM property_exemption e', ['r']],
      ['SELECT row_to_json(e)::text AS j FROM property_exemption e', ['j']],
      ['SELECT prop_id, to_jsonb(property_exemption) ->> 2 AS k FROM property_exemption', ['prop_id', 'k']],
      ['SELECT (e).prop_exmpt_ss_num AS s FROM property_exemption e', ['s']],
      ['SELECT row_to_json(public.property_exemption)::text AS j FROM public.property_exemption', ['j']],
      ['SELECT j.value AS v FROM property_exemption e, json_each_text(row_to_json(e)) j', ['v']],
      ['SELECT format(\'%s\', s) AS t FROM (SELECT prop_exmpt_ss_num FROM property_exemption) s', ['t']],
      ['SELECT x::text AS t FROM (SELECT * FROM property_exemption) x', ['t']],
    ] as const) {
      const lineage = await QueryLineage.of(sql, 'postgres');
      expect(() => lineage.sourcesOf([...columns]), sql).toThrow(/whole row/);
    }
    // Nor can it follow a table's columns renamed by position.
    await expect(QueryLineage.of('SELECT s FROM property_exemption AS e(a, b, c, d, s)', 'postgres')).rejects.toThrow(/renames its columns/);
    // A subquery's own column of that name is a column, and a qualified column is one too.
    expect(await classes('postgres', 'SELECT s.s FROM (SELECT prop_exmpt_ss_num AS s FROM property_exemption) s', ['s'])).toEqual(['s:sensitive:ssn']);
    expect(await classes('postgres', 'SELECT s FROM (SELECT prop_exmpt_ss_num AS s FROM property_exemption) s', ['s'])).toEqual(['s:sensitive:ssn']);
    expect(await classes('postgres', 'SELECT e.prop_id FROM property_exemption e', ['prop_id'])).toEqual(['prop_id:safe']);
    // A function in FROM named like its column is judged by its arguments.
    expect(await classes('postgres', 'SELECT g FROM generate_series(1, 5) AS g', ['g'])).toEqual(['g:unknown']);
    expect(await classes('postgres', 'SELECT u FROM property_exemption e, unnest(ARRAY[e.prop_exmpt_ss_num]) AS u', ['u'])).toEqual(['u:sensitive:ssn']);
  });
});
