import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSchema } from '../../mcp/analysis/analyze-schema.js';
import { explainData } from '../../mcp/analysis/explain-data.js';
import { suggestQuery } from '../../mcp/analysis/suggest-query.js';
import { Engine } from '../../mcp/engine.js';
import { startSync } from '../../mcp/lakehouse/sync/sync-table.js';
import { resolveWarehouse } from '../../mcp/lakehouse/warehouse-select.js';
import { LAYER_RULE } from '../../mcp/pacs/layers.js';
import { makeTempHome } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-analysis-');
let engine: Engine;

function demo<T>(sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path.join(home.dir, 'demo-pacs.sqlite'), sqlite3.OPEN_READONLY);
    db.all(sql, (err, rows) => {
      db.close();
      if (err) reject(err);
      else resolve(rows as T[]);
    });
  });
}

beforeAll(async () => {
  engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: '120' } });
});
afterAll(async () => {
  await engine?.close();
  home.cleanup();
});

describe('describe_table with analyze (analyzeSchema)', () => {
  it('gives roles, rates, glossary meanings and PACS joins for property_val, matching the data', async () => {
    const { connector } = await engine.source('demo');
    const a = await analyzeSchema(connector, 'demo', 'property_val', { sampleRows: 10_000 });
    const [{ n }] = await demo<{ n: number }>('SELECT count(*) AS n FROM property_val');
    expect(a).toMatchObject({ table: 'property_val' });
    expect([...a.primary_key].sort()).toEqual(['prop_id', 'prop_val_yr', 'sup_num']);
    expect(a.analysis).toMatchObject({ row_count: n, sampling: { rows: n, method: expect.stringMatching(/^exact/) } });
    expect(a.analysis?.glossary?.meaning).toContain(LAYER_RULE);
    const col = (name: string) => a.columns.find((c) => c.name === name)!;
    expect(col('prop_id').roles).toContain('key');
    expect(col('prop_val_yr').roles).toEqual(expect.arrayContaining(['year', 'key']));
    expect(col('market').roles).toContain('money');
    expect(col('hood_cd').roles).toContain('code');
    expect(col('sup_dt').roles).toContain('date');
    expect(col('last_appraiser_id').roles).toContain('foreign_key');
    expect(col('market').glossary?.meaning).toMatch(/Market value/);

    const [stats] = await demo<{ nulls: number; d: number; hoods: number; mn: number; mx: number }>(
      'SELECT sum(sup_dt IS NULL) AS nulls, count(DISTINCT market) AS d, count(DISTINCT hood_cd) AS hoods, min(market) AS mn, max(market) AS mx FROM property_val',
    );
    expect(col('sup_dt').null_rate).toBeCloseTo(stats.nulls / n, 4);
    expect(col('market').distinct_count).toBe(stats.d);
    expect(col('market').min).toBe(stats.mn);
    expect(col('market').max).toBe(stats.mx);
    expect(col('hood_cd').distinct_count).toBe(stats.hoods);
    const [topHood] = await demo<{ hood_cd: string; c: number }>('SELECT hood_cd, count(*) AS c FROM property_val GROUP BY hood_cd ORDER BY c DESC, hood_cd LIMIT 1');
    if (stats.hoods <= 25) expect(col('hood_cd').top_values?.[0].count).toBe(topHood.c);

    const joins = a.analysis!.likely_joins.map((j) => `${j.to_table}:${j.to_columns.join(',')}:${j.confidence}`);
    expect(joins).toEqual(
      expect.arrayContaining(['property:prop_id:high', 'prop_supp_assoc:owner_tax_yr,sup_num,prop_id:high', 'appraiser:appraiser_id:high', 'neighborhood:hood_cd,hood_yr:high']),
    );
    expect(a.analysis!.likely_joins.find((j) => j.to_table === 'prop_supp_assoc')?.evidence).toMatch(/current layer of the year/);
    // Declared keys (the demo declares the PACS catalog's), composite ones in full.
    expect(a.foreign_keys).toEqual(expect.arrayContaining([expect.objectContaining({ columns: ['hood_cd', 'prop_val_yr'], references_table: 'neighborhood', references_columns: ['hood_cd', 'hood_yr'] })]));
  });

  it('flags the sensitive PACS fields that QA exports must mask', async () => {
    const { connector } = await engine.source('demo');
    const owner = await analyzeSchema(connector, 'demo', 'owner', { sampleRows: 1_000 });
    expect(owner.analysis?.sensitive_columns).toEqual([{ column: 'birth_dt', basis: expect.stringMatching(/25\.027/) }]);
    expect(owner.analysis!.likely_joins.map((j) => j.to_table)).toEqual(expect.arrayContaining(['account', 'prop_supp_assoc']));
    const exemption = await analyzeSchema(connector, 'demo', 'property_exemption', { sampleRows: 1_000 });
    expect(exemption.analysis!.sensitive_columns.map((s) => s.column)).toEqual(expect.arrayContaining(['applicant_nm', 'birth_dt', 'prop_exmpt_ss_num', 'prop_exmpt_dl_num', 'combined_disp_income']));
    expect(exemption.columns.find((c) => c.name === 'exmpt_type_cd')?.top_values?.length).toBeGreaterThan(0);
    await expect(analyzeSchema(connector, 'demo', 'nope', { sampleRows: 100 })).rejects.toThrow(/not found.*list_source_tables/);
  });
});

describe('statistics over a uniform sample', () => {
  it('profiles a table bigger than sample_rows on a uniform random sample and says so, so every year shows', async () => {
    const { connector } = await engine.source('demo');
    const [{ n }] = await demo<{ n: number }>('SELECT count(*) AS n FROM property_val');
    // The years that hold at least a tenth of the rows each (the future-year layer 0 holds only a few).
    const [{ years }] = await demo<{ years: number }>('SELECT count(*) AS years FROM (SELECT prop_val_yr FROM property_val GROUP BY prop_val_yr HAVING count(*) * 10 >= (SELECT count(*) FROM property_val))');
    expect(years).toBeGreaterThan(3);
    const a = await analyzeSchema(connector, 'demo', 'property_val', { sampleRows: 100 });
    expect(n).toBeGreaterThan(100);
    expect(a.analysis).toMatchObject({ row_count: n, sampling: { rows: 100, method: expect.stringMatching(/uniform random sample .*random\(\).* of \d+ rows/) } });
    // 100 rows drawn uniformly miss one of a handful of common years with a chance below 1 in a million.
    expect(a.columns.find((c) => c.name === 'prop_val_yr')?.distinct_count).toBeGreaterThanOrEqual(years);
    const described = await analyzeSchema(connector, 'demo', 'property_val', { analyze: false, sampleRows: 100 });
    expect(described.analysis).toBeNull();
    expect(described.columns[0]).not.toHaveProperty('null_rate');
  });
});

describe('join paths from declared keys', () => {
  it('reaches property_val from a protest through the current layer of its year, and the neighborhood by (hood_cd, year)', async () => {
    const { connector } = await engine.source('demo');
    const s = await suggestQuery(connector, 'protest final market value by neighborhood', { tables: ['_arb_protest', 'property_val', 'neighborhood'] });
    // Every step of every path, written from either end.
    const side = (table: string, columns: string[]) => `${table}(${columns.join(',')})`;
    const steps = s.join_paths.flatMap((p) => p.steps).flatMap((st) => [`${side(st.from_table, st.from_columns)}->${side(st.to_table, st.to_columns)}`, `${side(st.to_table, st.to_columns)}->${side(st.from_table, st.from_columns)}`]);
    expect(s.tables[0].table).toBe('property_val');
    expect(steps).toEqual(expect.arrayContaining(['property_val(prop_val_yr,sup_num,prop_id)->prop_supp_assoc(owner_tax_yr,sup_num,prop_id)', 'prop_supp_assoc(prop_id,owner_tax_yr)->_arb_protest(prop_id,prop_val_yr)']));
    expect(steps).toContain('property_val(hood_cd,prop_val_yr)->neighborhood(hood_cd,hood_yr)');
    // Never a protest straight to a value layer (by parcel alone it meets every year and supplement).
    expect(steps.filter((st) => st.includes('_arb_protest') && st.includes('property_val('))).toEqual([]);
    const joined = s.example_queries.find((e) => e.tables.includes('_arb_protest'))!;
    expect(joined.sql).toMatch(/t0\."owner_tax_yr" = t1\."prop_val_yr"|t0\."prop_val_yr" = t1\."owner_tax_yr"/);
    // Joined this way, each protest meets exactly its own year's current value layer.
    const [counts] = await demo<{ protests: number; joined: number }>(
      `SELECT (SELECT count(*) FROM _arb_protest) AS protests,
              (SELECT count(*) FROM _arb_protest ap JOIN prop_supp_assoc psa ON psa.prop_id = ap.prop_id AND psa.owner_tax_yr = ap.prop_val_yr
                 JOIN property_val pv ON pv.prop_val_yr = psa.owner_tax_yr AND pv.sup_num = psa.sup_num AND pv.prop_id = psa.prop_id) AS joined`,
    );
    expect(counts.joined).toBe(counts.protests);
  });

  it('uses the foreign keys a database declares, composite ones in full', async () => {
    const file = path.join(home.dir, 'declared-keys.sqlite');
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(file);
      db.exec(
        `CREATE TABLE season (yr INTEGER, code TEXT, label TEXT, PRIMARY KEY (yr, code));
         CREATE TABLE harvest (id INTEGER PRIMARY KEY, season_yr INTEGER, season_code TEXT, tons REAL, FOREIGN KEY (season_yr, season_code) REFERENCES season (yr, code));
         INSERT INTO season VALUES (2024, 'S', 'spring'); INSERT INTO harvest VALUES (1, 2024, 'S', 3.5);`,
        (err) => db.close(() => (err ? reject(err) : resolve())),
      );
    });
    await engine.connections.upsert({ id: 'farm', kind: 'sqlite', role: 'other', description: 'declared keys', config: { file } });
    const { connector } = await engine.source('farm');
    expect(await connector.foreignKeys?.()).toEqual([{ schema: 'main', table: 'harvest', columns: ['season_yr', 'season_code'], ref_schema: 'main', ref_table: 'season', ref_columns: ['yr', 'code'] }]);
    const a = await analyzeSchema(connector, 'farm', 'harvest', { sampleRows: 100 });
    expect(a.foreign_keys).toEqual([{ columns: ['season_yr', 'season_code'], references_table: 'season', references_columns: ['yr', 'code'], declared_by: 'database' }]);
    expect(a.analysis!.likely_joins).toEqual([expect.objectContaining({ from_columns: ['season_yr', 'season_code'], to_table: 'season', to_columns: ['yr', 'code'], confidence: 'high', to_one: true })]);
  });
});

describe('suggest_query', () => {
  it('ranks property_val for a value question and gives example queries that run read-only on the demo', async () => {
    const { connector } = await engine.source('demo');
    const s = await suggestQuery(connector, 'Total market value by neighborhood for 2024', {});
    expect(s.tables[0].table).toBe('property_val');
    expect(s.tables[0].why.join(' ')).toMatch(/market|value|neighborhood/);
    expect(s.example_queries.length).toBeGreaterThanOrEqual(2);
    for (const example of s.example_queries) {
      expect(example.read_only, example.sql).toBe(true);
      const result = await connector.query(example.sql, [], { maxRows: 50, timeoutMs: 10_000 });
      expect(result.row_count, example.sql).toBeGreaterThan(0);
    }
    expect(s.example_queries.map((e) => e.title)).toEqual(expect.arrayContaining([expect.stringMatching(/Current-layer values/), expect.stringMatching(/by hood_cd|by prop_val_yr/)]));
  });

  it('finds the join path from exemptions to owner names through owner and account', async () => {
    const { connector } = await engine.source('demo');
    const s = await suggestQuery(connector, 'Which owners have a homestead (HS) exemption, with their names?', {});
    const names = s.tables.map((t) => t.table);
    expect(names[0]).toBe('property_exemption');
    expect(names).toEqual(expect.arrayContaining(['owner', 'account']));
    const steps = s.join_paths.flatMap((p) => p.steps.map((st) => `${st.from_table}->${st.to_table}`));
    expect(steps).toEqual(expect.arrayContaining(['property_exemption->owner', 'owner->account']));
    const join = s.example_queries.find((e) => e.tables.includes('account'))!;
    const rows = await connector.query(join.sql, [], { maxRows: 20, timeoutMs: 10_000 });
    expect(rows.row_count).toBeGreaterThan(0);
  });

  it('says so when nothing matches, and still offers the core PACS tables', async () => {
    const { connector } = await engine.source('demo');
    const s = await suggestQuery(connector, 'zzz qqq xyzzy', {});
    expect(s.notes.join(' ')).toMatch(/no table matched/);
    expect(s.tables.map((t) => t.table)).toEqual(['property', 'property_val']);
  });
});

describe('query summaries (query_sql summarize)', () => {
  it('summarises each column of a capped read-only query', async () => {
    const { connector } = await engine.source('demo');
    const e = await explainData(connector, 'SELECT hood_cd, market, sup_dt FROM property_val', { maxRows: 10_000, timeoutMs: 10_000 });
    const [stats] = await demo<{ n: number; total: number; hoods: number; nulls: number }>('SELECT count(*) AS n, sum(market) AS total, count(DISTINCT hood_cd) AS hoods, sum(sup_dt IS NULL) AS nulls FROM property_val');
    expect(e).toMatchObject({ row_count: stats.n, truncated: false, columns: ['hood_cd', 'market', 'sup_dt'] });
    const market = e.summaries.find((s) => s.name === 'market')!;
    expect(market).toMatchObject({ kind: 'number', sum: stats.total, nulls: 0 });
    expect(market.roles).toContain('money');
    expect(e.summaries.find((s) => s.name === 'hood_cd')).toMatchObject({ distinct: stats.hoods });
    expect(e.summaries.find((s) => s.name === 'sup_dt')).toMatchObject({ nulls: stats.nulls });

    const capped = await explainData(connector, 'SELECT prop_id FROM property_val', { maxRows: 10, timeoutMs: 10_000 });
    expect(capped).toMatchObject({ row_count: 10, truncated: true });
    expect(capped.note).toMatch(/first 10/);
    await expect(explainData(connector, 'DELETE FROM property', { maxRows: 10, timeoutMs: 10_000 })).rejects.toThrow(/read-only/);
  });
});

describe('the analysis tools on the local lakehouse', () => {
  it('analyze and explain a bronze table through DuckDB', async () => {
    const { job } = await startSync(engine, { tableName: 'property_val', syncMode: 'full' });
    expect((await engine.jobs.waitFor(job.job_id, 60_000)).status).toBe('succeeded');
    const { record, connector } = await resolveWarehouse(engine);
    const a = await analyzeSchema(connector, record.id, 'bronze.property_val', { sampleRows: 10_000 });
    const [{ n }] = await demo<{ n: number }>('SELECT count(*) AS n FROM property_val');
    expect(a).toMatchObject({ table: 'bronze.property_val', dialect: 'duckdb', analysis: { row_count: n } });
    expect(a.columns.find((c) => c.name === 'market')?.roles).toContain('money');
    expect(a.columns.find((c) => c.name === 'prop_val_yr')?.roles).toContain('year');
    const e = await explainData(connector, 'SELECT hood_cd, sum(market) AS total FROM bronze.property_val GROUP BY hood_cd', { maxRows: 1_000, timeoutMs: 10_000 });
    const [{ total }] = await demo<{ total: number }>('SELECT sum(market) AS total FROM property_val');
    expect(e.summaries.find((s) => s.name === 'total')?.sum).toBe(total);
    const s = await suggestQuery(connector, 'market value by neighborhood', {});
    expect(s.tables[0].table).toBe('bronze.property_val');
    for (const example of s.example_queries) {
      expect(example.read_only, example.sql).toBe(true);
      await expect(connector.query(example.sql, [], { maxRows: 5, timeoutMs: 10_000 })).resolves.toBeDefined();
    }
  });
});
