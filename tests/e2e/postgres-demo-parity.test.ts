import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACS_QUESTIONS } from '../../bench/eval/pacs-questions.js';
import { scoreSuggestion, summarizeScores, type SuggestionLike } from '../../bench/eval/score-suggestions.js';
import { runCli } from '../helpers/cli.js';
import { csvText, EXEMPTION_HEADER, exemptionRow, sqliteAll } from '../helpers/import-fixtures.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { expectTextCarriesStructured } from '../helpers/result-checks.js';
import type { PgCluster } from '../helpers/postgres.js';
import { startPostgresDemo, type PostgresDemo } from '../helpers/postgres-demo.js';
import { postgresAvailable } from '../helpers/system.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * The demo PACS database copied into a real PostgreSQL with `pacs-mcp demo load`, with the
 * catalog's types there (char flags, varchar(10) codes, numeric years, datetime, foreign keys and
 * checks), then every PACS tool asked the same questions on both through the MCP client: the
 * answers must be identical (the connection id aside). Washington rules by default; a Texas
 * demo, on SQLite and on its PostgreSQL copy, by each connection's jurisdiction setting.
 */
describe.runIf(postgresAvailable('postgres demo parity'))('PACS tools answer the same on the SQLite demo and its type-faithful PostgreSQL copy', () => {
  const DEMO_SIZE = 400;
  const txHome = makeTempHome('pacs-tx-');
  const txEnv = serverEnv(txHome.dir, { PACS_MCP_DEMO_SIZE: '250', PACS_MCP_DEMO_JURISDICTION: 'TX' });
  let copy: PostgresDemo;
  let env: Record<string, string>;
  let demoFile: string;
  let pg: PgCluster;
  let session: StdioSession;
  /** Row counts of every table right after the copy, before any test writes to either side. */
  let copied: { table: string; sqlite: unknown; postgres: unknown }[];

  /** The same call on both connections; each answer's text block must carry its structuredContent. */
  const both = async (tool: string, args: Record<string, unknown>, ids: [string, string] = ['demo', 'pgdemo']): Promise<{ sqlite: Record<string, any>; postgres: Record<string, any> }> => {
    const [a, b] = await Promise.all([session.call(tool, { ...args, connection_id: ids[0] }), session.call(tool, { ...args, connection_id: ids[1] })]);
    const [sqlite, postgres] = [expectTextCarriesStructured(a).structured, expectTextCarriesStructured(b).structured];
    // The connection itself differs, also in the summary and in the call that pages on.
    const neutral = (r: Record<string, any>) => ({ ...r, connection_id: undefined, summary_text: undefined, next: r.next ? { ...r.next, arguments: { ...r.next.arguments, connection_id: undefined } } : r.next });
    return { sqlite: neutral(sqlite), postgres: neutral(postgres) };
  };
  const demo = <T = Record<string, any>>(sql: string, params: unknown[] = []) => sqliteAll<T>(demoFile, sql, params);
  const ids = async (sql: string) => (await demo<{ prop_id: number }>(sql)).map((r) => r.prop_id);
  const pgConnection = (id: string, database: string, role = 'training', extra: string[] = []) => copy.pgConnection(id, database, role, extra);

  beforeAll(async () => {
    copy = await startPostgresDemo({ size: DEMO_SIZE });
    ({ env, demoFile, pg } = copy);
    pg.psql('CREATE DATABASE pacs_demo_tx');
    // A Texas demo (built in its own data dir) and its PostgreSQL copy, both with --jurisdiction TX.
    expect((await runCli(pgConnection('pgtx', 'pacs_demo_tx'), txEnv)).code).toBe(0);
    const txLoad = await runCli(['demo', 'load', '--into', 'pgtx', '--json'], txEnv);
    expect(txLoad.stderr).toBe('');
    expect((await runCli(pgConnection('pgtx', 'pacs_demo_tx', 'training', ['--jurisdiction', 'TX']), env)).code).toBe(0);
    const txSqlite = await runCli(['connections', 'add', '--id', 'txdemo', '--kind', 'sqlite', '--role', 'training', '--file', path.join(txHome.dir, 'demo-pacs.sqlite'), '--jurisdiction', 'TX'], env);
    expect(txSqlite.code).toBe(0);
    session = await connectStdio(env);
    const { tables } = await session.ok('list_source_tables', { connection_id: 'demo' });
    copied = [];
    for (const { name } of tables as { name: string }[]) {
      const sql = `SELECT COUNT(*) AS n FROM "${name}"`;
      const [a, b] = await Promise.all([session.ok('query_sql', { connection_id: 'demo', sql }), session.ok('query_sql', { connection_id: 'pgdemo', sql })]);
      copied.push({ table: name, sqlite: a.rows, postgres: b.rows });
    }
  });

  afterAll(async () => {
    await session?.close();
    copy?.stop();
    txHome.cleanup();
  });

  it('copied every table with every row, with the catalog types', async () => {
    const { tables } = await session.ok('list_source_tables', { connection_id: 'demo' });
    expect(copied.length).toBeGreaterThan(50);
    for (const { table, sqlite, postgres } of copied) expect(postgres, table).toEqual(sqlite);
    const pgTables = (await session.ok('list_source_tables', { connection_id: 'pgdemo' })).tables.map((t: { name: string }) => t.name).sort();
    expect(pgTables).toEqual((tables as { name: string }[]).map((t) => t.name).sort());
    const described = await session.ok('describe_table', { connection_id: 'pgdemo', table_name: 'property_val' });
    expect(described.schema).toBe('public');
    expect(described.columns.filter((c: { primary_key: boolean }) => c.primary_key).map((c: { name: string }) => c.name).sort()).toEqual(['prop_id', 'prop_val_yr', 'sup_num']);
    const status = await session.ok('describe_table', { connection_id: 'pgdemo', table_name: '_arb_protest_status' });
    const type = (name: string) => status.columns.find((c: { name: string }) => c.name === name).type;
    expect(type('close_case')).toMatch(/^(character|bpchar|char)\(1\)$/i);
    expect(type('status_cd')).toMatch(/^(character varying|varchar)\(10\)$/i);
    // SQL Server would refuse comparing a 'T'/'F' flag with a number; so does the copy.
    const numeric = await session.call('query_sql', { connection_id: 'pgdemo', sql: 'SELECT status_cd FROM _arb_protest_status WHERE close_case = 1' });
    expect(numeric.isError).toBe(true);
  });

  it('search_parcels', async () => {
    const [owner] = await demo("SELECT file_as_name FROM account WHERE file_as_name IS NOT NULL AND confidential_flag <> 'T' ORDER BY acct_id LIMIT 1");
    const [street] = await demo('SELECT situs_street FROM situs WHERE situs_street IS NOT NULL ORDER BY prop_id LIMIT 1');
    const [geo] = await demo('SELECT geo_id, prop_id FROM property ORDER BY prop_id LIMIT 1 OFFSET 17');
    const [hood] = await demo('SELECT hood_cd FROM property_val WHERE hood_cd IS NOT NULL ORDER BY prop_id LIMIT 1');
    const [site] = await demo("SELECT situs_num, situs_street, situs_street_sufix FROM situs WHERE primary_situs = 'Y' AND situs_street_sufix IS NOT NULL ORDER BY prop_id LIMIT 1");
    const [person] = await demo("SELECT first_name, last_name FROM account WHERE first_name IS NOT NULL AND confidential_flag <> 'T' ORDER BY acct_id LIMIT 1");
    const searches: Record<string, unknown>[] = [
      // As a person types them: an address with number and suffix, a name either way round, a geo id without separators.
      { query: `${site.situs_num} ${String(site.situs_street).toLowerCase()} ${String(site.situs_street_sufix).toLowerCase()}` },
      { query: `${String(site.situs_street).toLowerCase()} ${String(site.situs_street_sufix)}` },
      { query: `${person.first_name} ${person.last_name}` },
      { query: `${person.last_name}, ${person.first_name}` },
      { query: String(geo.geo_id).replace(/[^A-Za-z0-9]/g, '').toLowerCase() },
      {},
      { limit: 500 },
      { query: String(geo.geo_id) },
      { query: String(geo.prop_id) },
      { query: String(owner.file_as_name).split(/[ ,]/)[0].toLowerCase() },
      { query: String(street.situs_street) },
      { hood_cd: hood.hood_cd, limit: 100 },
      { prop_type_cd: 'P', limit: 100 },
      { year: 2023, limit: 40 },
      { year: 2025, limit: 500 },
      { query: 'no such thing at all' },
    ];
    for (const [i, args] of searches.entries()) {
      const { sqlite, postgres } = await both('search_parcels', args);
      expect(postgres, JSON.stringify(args)).toEqual(sqlite);
      if (i < 5) expect(postgres.parcels.length, JSON.stringify(args)).toBeGreaterThan(0);
    }
    expect((await both('search_parcels', { limit: 500 })).sqlite.parcels.length).toBe(DEMO_SIZE);
  });

  it('get_parcel: the official layer, a current layer in coding labelled as such, the future layer with its year', async () => {
    const interesting = [
      ...(await ids('SELECT DISTINCT prop_id FROM _arb_protest ORDER BY prop_id LIMIT 4')),
      ...(await ids('SELECT DISTINCT prop_id FROM property_exemption ORDER BY prop_id LIMIT 4')),
      ...(await ids("SELECT DISTINCT o.prop_id FROM owner o JOIN account a ON a.acct_id = o.owner_id WHERE a.confidential_flag = 'T' ORDER BY o.prop_id LIMIT 3")),
      ...(await ids('SELECT DISTINCT prop_id FROM property_val WHERE sup_num > 0 ORDER BY prop_id LIMIT 3')),
      ...(await ids('SELECT prop_id FROM prop_supp_assoc WHERE owner_tax_yr = 2025 AND sup_num = 2 ORDER BY prop_id LIMIT 2')),
      ...(await ids('SELECT prop_id FROM prop_supp_assoc WHERE owner_tax_yr = 0 ORDER BY prop_id LIMIT 2')),
      ...(await ids("SELECT prop_id FROM property WHERE prop_type_cd <> 'R' ORDER BY prop_id LIMIT 3")),
    ];
    expect(interesting.length).toBeGreaterThan(14);
    const seen = { exemptions: 0, protests: 0, confidential: 0, owners: 0, inCoding: 0, future: 0 };
    for (const prop_id of interesting) {
      for (const year of [undefined, 2022, 2025]) {
        const { sqlite, postgres } = await both('get_parcel', { prop_id, year });
        expect(postgres, `prop_id ${prop_id} year ${year}`).toEqual(sqlite);
        seen.exemptions += sqlite.exemptions.length;
        seen.protests += sqlite.protests.length;
        seen.owners += sqlite.owners.length;
        seen.confidential += sqlite.owners.filter((o: { confidential: boolean }) => o.confidential).length;
        for (const protest of sqlite.protests) {
          expect(protest.prot_create_dt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
          expect(protest.open).toBe(protest.prot_complete_dt === null);
        }
        for (const exemption of sqlite.exemptions) expect(exemption.effective_dt ?? '2000-01-01T00:00:00').toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00$/);
        if (sqlite.value) expect(sqlite.value.layer_status).toBe('official');
        if (sqlite.current_layer) {
          seen.inCoding++;
          expect(sqlite.current_layer).toMatchObject({ layer_status: 'in_coding', sup_group_status: 'C' });
        }
        if (sqlite.future_layer) {
          seen.future++;
          expect(sqlite.future_layer).toMatchObject({ year: null, prop_val_yr: 0, stands_for_year: 2027 });
        }
      }
    }
    // The comparison covered real content, not empty answers.
    expect(Math.min(...Object.values(seen))).toBeGreaterThan(0);
    const missing = await session.call('get_parcel', { connection_id: 'pgdemo', prop_id: 99_999_999 });
    expect(missing.isError).toBe(true);
    expect(errorText(missing)).toMatch(/search_parcels/);
  });

  it('get_parcel_timeline keeps the future layer apart, labelled with its year, never as a past year', async () => {
    const props = [
      ...(await ids('SELECT DISTINCT prop_id FROM property_val WHERE sup_num > 0 ORDER BY prop_id LIMIT 4')),
      ...(await ids('SELECT DISTINCT prop_id FROM _arb_protest ORDER BY prop_id LIMIT 4')),
      ...(await ids('SELECT prop_id FROM prop_supp_assoc WHERE owner_tax_yr = 0 ORDER BY prop_id LIMIT 2')),
      ...(await ids('SELECT prop_id FROM prop_supp_assoc WHERE owner_tax_yr = 2025 AND sup_num = 2 ORDER BY prop_id LIMIT 2')),
    ];
    let futures = 0;
    let inCoding = 0;
    for (const prop_id of props) {
      for (const args of [{ prop_id }, { prop_id, include_supplements: false }, { prop_id, from_year: 2023, to_year: 2025 }, { prop_id, from_year: 2027 }]) {
        const call = async (id: string) => session.call('get_parcel_timeline', { ...args, connection_id: id });
        const [a, b] = await Promise.all([call('demo'), call('pgdemo')]);
        expect(b.isError, JSON.stringify(args)).toBe(a.isError);
        if (a.isError) continue;
        const sqlite: Record<string, any> = { ...(a.structuredContent as Record<string, any>), connection_id: undefined };
        const postgres: Record<string, any> = { ...(b.structuredContent as Record<string, any>), connection_id: undefined };
        expect(postgres, JSON.stringify(args)).toEqual(sqlite);
        expect(sqlite.values.every((v: { year: number }) => v.year >= 2021 && v.year <= 2026)).toBe(true);
        for (const f of sqlite.future_layer) expect(f).toMatchObject({ year: null, prop_val_yr: 0, stands_for_year: 2027 });
        futures += sqlite.future_layer.length;
        inCoding += sqlite.values.filter((v: { layer_status: string }) => v.layer_status === 'in_coding').length;
        if (args.include_supplements === false) {
          for (const v of sqlite.values) expect(['official', 'in_coding']).toContain(v.layer_status);
        }
        if (args.to_year === 2025) expect(sqlite.future_layer).toEqual([]);
      }
    }
    expect(futures).toBeGreaterThan(0);
    expect(inCoding).toBeGreaterThan(0);
  });

  it("list_appeals: open by prot_complete_dt, the county's status codes", async () => {
    const [status] = await demo('SELECT prot_status FROM _arb_protest GROUP BY prot_status ORDER BY COUNT(*) DESC LIMIT 1');
    const [prop] = await ids('SELECT prop_id FROM _arb_protest ORDER BY prop_id LIMIT 1');
    const [appraiser] = await demo('SELECT prot_hearing_appraisal_staff AS id FROM _arb_protest WHERE prot_hearing_appraisal_staff IS NOT NULL LIMIT 1');
    const filters: Record<string, unknown>[] = [
      {},
      { limit: 1_000 },
      { open_only: true, limit: 1_000 },
      { unassigned_only: true, limit: 1_000 },
      { year: 2026, limit: 1_000 },
      { status: [status.prot_status], limit: 1_000 },
      { status: ['s', 'o'], limit: 1_000 },
      { prop_id: prop },
      { appraiser_id: appraiser?.id ?? 1, limit: 1_000 },
    ];
    for (const args of filters) {
      const { sqlite, postgres } = await both('list_appeals', args);
      expect(postgres, JSON.stringify(args)).toEqual(sqlite);
    }
    const all = await session.ok('list_appeals', { connection_id: 'pgdemo', limit: 1_000 });
    const open = await session.ok('list_appeals', { connection_id: 'pgdemo', open_only: true, limit: 1_000 });
    expect(all.appeals.some((a: { closed: boolean }) => a.closed)).toBe(true);
    expect(open.appeals.length).toBeLessThan(all.appeals.length);
    expect(open.appeals.every((a: { closed: boolean; prot_complete_dt: string | null }) => !a.closed && a.prot_complete_dt === null)).toBe(true);
    expect(all.statuses.map((s: { status_cd: string }) => s.status_cd)).toEqual(expect.arrayContaining(['O', 'S', 'F']));
    const unknown = await session.call('list_appeals', { connection_id: 'pgdemo', status: ['HEARING_SC'] });
    expect(unknown.isError).toBe(true);
    expect(errorText(unknown)).toMatch(/not a status code of this PACS database.*O \(Open/);
  });

  it('route_appeal picks the same docket and appraiser on both, and writes the same columns', async () => {
    const open = await demo<{ prop_id: number }>(
      `SELECT ap.prop_id FROM _arb_protest ap WHERE ap.prop_val_yr = 2026 AND ap.prot_complete_dt IS NULL AND ap.docket_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM _arb_protest o WHERE o.prop_id = ap.prop_id AND o.prop_val_yr = 2026 AND o.case_id <> ap.case_id) ORDER BY ap.prop_id LIMIT 4`,
    );
    expect(open.length).toBe(4);
    for (const { prop_id } of open) {
      const { sqlite, postgres } = await both('route_appeal', { prop_id });
      expect(postgres, `prop_id ${prop_id}`).toEqual(sqlite);
      expect(sqlite).toMatchObject({ changed: true, docket_source: 'auto_schedule', prot_status: 'S' });
    }
    const sql = `SELECT prop_id, case_id, docket_id, prot_hearing_appraisal_staff, prot_status FROM _arb_protest WHERE prop_id IN (${open.map((o) => o.prop_id).join(', ')}) AND prop_val_yr = 2026 ORDER BY prop_id`;
    const { sqlite, postgres } = await both('query_sql', { sql });
    expect(postgres.rows).toEqual(sqlite.rows);
    const counts = 'SELECT docket_id, scheduled_protest_count FROM _arb_protest_hearing_docket ORDER BY docket_id';
    const after = await both('query_sql', { sql: counts, max_rows: 1_000 });
    expect(after.postgres.rows).toEqual(after.sqlite.rows);
  });

  it('stage_import with validate: Washington rules from the county tables on both', async () => {
    const senior = await demo<{ prop_id: number; owner_id: number }>(
      `SELECT o.prop_id, o.owner_id FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
         JOIN property_val v ON v.prop_val_yr = o.owner_tax_yr AND v.sup_num = o.sup_num AND v.prop_id = o.prop_id JOIN property p ON p.prop_id = o.prop_id
        WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R' AND v.prop_inactive_dt IS NULL AND v.udi_parent IS NULL AND o.birth_dt <= '1960-01-01T00:00:00'
          AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr IN (2024, 2026))
        ORDER BY o.prop_id LIMIT 3`,
    );
    const rows = [
      exemptionRow({ prop: senior[0].prop_id, owner: senior[0].owner_id, code: 'SNR/DSBL', subtype: 'SNR', qualifyCd: '1', income: 20_000 }),
      exemptionRow({ prop: senior[1].prop_id, owner: senior[1].owner_id, code: 'SNR/DSBL', subtype: 'SNR', qualifyCd: '1', income: 45_000 }),
      exemptionRow({ prop: senior[2].prop_id, owner: senior[2].owner_id, code: 'HS' }),
      exemptionRow({ prop: senior[2].prop_id, owner: senior[2].owner_id, code: 'SNR/DSBL', subtype: 'SNR', qualifyCd: '2', income: 40_000, year: 2024, effective: '2024-01-01', qualify: 2024 }),
    ];
    const file_content = csvText(EXEMPTION_HEADER, rows);
    const strip = (r: Record<string, any>) => ({ errors: r.errors, error_count: r.error_count, valid_count: r.valid_count, staged_count: r.staged_count });
    const { sqlite, postgres } = await both('stage_import', { kind: 'exemptions', validate: true, file_content, file_name: 'wa.csv' });
    expect(strip(postgres)).toEqual(strip(sqlite));
    expect(sqlite.errors.map((e: { line: number; code: string }) => `${e.line}:${e.code}`)).toEqual(['3:income_tier_mismatch', '4:unknown_exemption_code', '5:certified_year_supplement']);
    expect(sqlite.valid_count).toBe(2);
  });

  it('Texas rules by the connection setting, on a Texas demo and its PostgreSQL copy', async () => {
    const txFile = path.join(txHome.dir, 'demo-pacs.sqlite');
    const [holder] = await sqliteAll<{ prop_id: number; owner_id: number }>(txFile, "SELECT prop_id, owner_id FROM property_exemption WHERE exmpt_tax_yr = 2026 AND exmpt_type_cd = 'HS' ORDER BY prop_id LIMIT 1");
    const [free] = await sqliteAll<{ prop_id: number; owner_id: number }>(
      txFile,
      `SELECT o.prop_id, o.owner_id FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id JOIN property p ON p.prop_id = o.prop_id
        WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R' AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.exmpt_tax_yr = 2026) ORDER BY o.prop_id LIMIT 1`,
    );
    const rows = [
      exemptionRow({ prop: holder.prop_id, owner: holder.owner_id, code: 'HS' }), // duplicate_existing
      exemptionRow({ prop: free.prop_id, owner: free.owner_id, code: 'OV65' }), // requires_homestead
      exemptionRow({ prop: free.prop_id, owner: free.owner_id, code: 'SNR/DSBL', subtype: 'SNR', qualifyCd: '1', income: 1 }), // not a Texas code
    ];
    const { sqlite, postgres } = await both('stage_import', { kind: 'exemptions', validate: true, file_content: csvText(EXEMPTION_HEADER, rows), file_name: 'tx.csv' }, ['txdemo', 'pgtx']);
    expect(postgres.errors).toEqual(sqlite.errors);
    expect(sqlite.errors.map((e: { line: number; code: string }) => `${e.line}:${e.code}`)).toEqual(['2:duplicate_existing', '3:requires_homestead', '4:unknown_exemption_code']);
    const tx = await both('search_parcels', { limit: 50 }, ['txdemo', 'pgtx']);
    expect(tx.postgres).toEqual(tx.sqlite);
  });

  it('stage, validate, sign off and push a batch into the PostgreSQL copy', async () => {
    const [owner] = await demo<{ prop_id: number; owner_id: number }>(
      `SELECT o.prop_id, o.owner_id FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id JOIN property p ON p.prop_id = o.prop_id
        WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'P' AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.exmpt_tax_yr = 2026) ORDER BY o.prop_id LIMIT 1`,
    );
    const validated = await session.ok('stage_import', {
      kind: 'exemptions',
      validate: true,
      connection_id: 'pgdemo',
      file_content: csvText(EXEMPTION_HEADER, [exemptionRow({ prop: owner.prop_id, owner: owner.owner_id, code: 'HOF' }), exemptionRow({ prop: 99_999, owner: 1, code: 'HOF' })]),
      file_name: 'push.csv',
    });
    expect(validated).toMatchObject({ staged_count: 2, valid_count: 1 });
    const signoff = await runCli(['import', 'signoff', validated.batch_id, '--reviewer', 'Pat QA', '--sha256', validated.review_sha256], env);
    expect(signoff.code, signoff.stderr).toBe(0);
    const push = await runCli(['import', 'push', validated.batch_id, '--json'], env);
    expect(push.code, push.stderr).toBe(0);
    expect(JSON.parse(push.stdout)).toMatchObject({ connection_id: 'pgdemo', pushed_rows: 1, skipped_rows: 1 });
    expect(pg.psql(`SELECT prop_id || ':' || owner_id || ':' || exmpt_type_cd FROM import_staging_exemptions WHERE batch_id = '${validated.batch_id}'`, 'pacs_demo').trim()).toBe(`${owner.prop_id}:${owner.owner_id}:HOF`);
    expect(pg.psql(`SELECT count(*) FROM import_staging_errors WHERE batch_id = '${validated.batch_id}'`, 'pacs_demo').trim()).toBe('1');
  });

  it('export_parcel_snapshot gives the same rows on both, the future layer labelled', async () => {
    const props = [...(await ids('SELECT prop_id FROM prop_supp_assoc WHERE owner_tax_yr = 0 ORDER BY prop_id LIMIT 3')), ...(await ids('SELECT prop_id FROM prop_supp_assoc WHERE owner_tax_yr = 2025 AND sup_num = 2 ORDER BY prop_id LIMIT 3')), ...(await ids('SELECT prop_id FROM property ORDER BY prop_id LIMIT 20'))];
    const { sqlite, postgres } = await both('export_parcel_snapshot', { name: 'parity', prop_ids: props });
    expect(postgres.row_count).toBe(sqlite.row_count);
    expect(postgres.sha256).toBe(sqlite.sha256);
    const diff = await session.ok('diff_snapshots', { base_snapshot_id: sqlite.snapshot_id, target_snapshot_id: postgres.snapshot_id });
    expect(diff.summary).toMatchObject({ added: 0, removed: 0, changed: 0 });
    expect(sqlite.columns).toEqual(expect.arrayContaining(['layer', 'stands_for_year']));
  });

  it('suggest_query meets its targets on the PostgreSQL copy too (the PACS evaluation set)', { timeout: 300_000 }, async () => {
    const scores = [];
    for (const q of PACS_QUESTIONS) scores.push(scoreSuggestion(q, await session.ok<SuggestionLike>('suggest_query', { connection_id: 'pgdemo', question: q.question })));
    const summary = summarizeScores(scores);
    const report = summary.scores.filter((x) => x.missed.length || x.wrongSteps.length).map((x) => `${x.id}: missed ${x.missed.join(', ') || 'none'}; ${x.wrongSteps.join('; ')}`);
    expect(summary.recall, report.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(summary.joinKeyCorrectness, report.join('\n')).toBe(1);
  });

  it('gives the model the same pseudonyms for the same sensitive values on both, and never the values', async () => {
    const sql = 'SELECT prop_id, owner_id, exmpt_type_cd, prop_exmpt_ss_num, prop_exmpt_dl_num FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL ORDER BY prop_id, owner_id, exmpt_type_cd, exmpt_tax_yr, sup_num';
    const { sqlite, postgres } = await both('query_sql', { sql, max_rows: 5_000 });
    expect(postgres.rows).toEqual(sqlite.rows);
    expect(postgres.masking.masked_columns.map((c: { column: string }) => c.column)).toEqual(['prop_exmpt_ss_num', 'prop_exmpt_dl_num']);
    const clear = await demo<{ v: string }>('SELECT DISTINCT prop_exmpt_ss_num AS v FROM property_exemption WHERE prop_exmpt_ss_num IS NOT NULL');
    expect(clear.length).toBeGreaterThan(0);
    const described = await session.call('describe_table', { connection_id: 'pgdemo', table_name: 'property_exemption', analyze: true });
    for (const result of [JSON.stringify(postgres), JSON.stringify(described)]) for (const { v } of clear) expect(result).not.toContain(v);
  });

  it('keeps duplicate and unnamed columns, pages, and explains errors in PostgreSQL terms', async () => {
    const sql = `SELECT a.prop_id, a.market, b.market FROM property_val a JOIN property_val b
                   ON b.prop_id = a.prop_id AND b.prop_val_yr = a.prop_val_yr - 1 AND b.sup_num = a.sup_num
                  WHERE a.sup_num = 0 ORDER BY a.prop_id, a.prop_val_yr LIMIT 12`;
    const { sqlite, postgres } = await both('query_sql', { sql, max_rows: 5 });
    expect(postgres.columns).toEqual(['prop_id', 'market', 'market_2']);
    expect({ ...postgres, elapsed_ms: 0 }).toEqual({ ...sqlite, elapsed_ms: 0 });
    expect(postgres.next.arguments.offset).toBe(5);
    expectTextCarriesStructured(await session.call('query_sql', { connection_id: 'pgdemo', sql, max_rows: 5 }));
    const unnamed = await session.ok('query_sql', { connection_id: 'pgdemo', sql: 'SELECT 1, 2, 3 AS "?column?_2"' });
    expect(unnamed).toMatchObject({ columns: ['?column?', '?column?_3', '?column?_2'], rows: [{ '?column?': 1, '?column?_3': 2, '?column?_2': 3 }] });

    const missing = await session.call('query_sql', { connection_id: 'pgdemo', sql: 'SELECT * FROM parcels' });
    expect(errorText(missing)).toMatch(/^PostgreSQL could not run the query on "pgdemo": "relation \\"parcels\\" does not exist"\. Closest of the \d+ tables of "pgdemo": public\.property, .*list_source_tables lists them all/);
    const top = await session.call('query_sql', { connection_id: 'pgdemo', sql: 'SELECT TOP 5 prop_id FROM property' });
    expect(errorText(top)).toMatch(/PostgreSQL has no TOP: end the query with LIMIT n/);
    const column = await session.call('query_sql', { connection_id: 'pgdemo', sql: 'SELECT "Prop_ID" FROM property' });
    expect(errorText(column)).toMatch(/describe_table lists a table's columns.*folds unquoted names to lower case/);
    const grouping = await session.call('query_sql', { connection_id: 'pgdemo', sql: 'SELECT hood_cd, market FROM property_val GROUP BY hood_cd' });
    expect(errorText(grouping)).toMatch(/listed in GROUP BY or sit inside an aggregate/);
  });

  it('describes tables with declared keys and statistics over a stated uniform sample', async () => {
    const analyzed = await session.ok('describe_table', { connection_id: 'pgdemo', table_name: 'property_val', analyze: true, sample_rows: 100 });
    const [{ n }] = (await session.ok('query_sql', { connection_id: 'pgdemo', sql: 'SELECT count(*)::int AS n FROM property_val' })).rows;
    expect(analyzed.analysis).toMatchObject({ row_count: n, sampling: { rows: 100, method: expect.stringMatching(/uniform random sample \(ORDER BY random\(\) LIMIT 100\) of \d+ rows/) } });
    expect(analyzed.foreign_keys).toEqual(expect.arrayContaining([expect.objectContaining({ columns: ['hood_cd', 'prop_val_yr'], references_columns: ['hood_cd', 'hood_yr'] })]));
    const suggestion = await session.ok('suggest_query', { connection_id: 'pgdemo', question: 'protests by neighborhood', tables: ['_arb_protest', 'neighborhood'] });
    // The protests reach the neighborhood through the current layer of their year: protest → prop_supp_assoc → property_val → neighborhood.
    const pairs = suggestion.join_paths.flatMap((p: { steps: { from_table: string; to_table: string }[] }) => p.steps.map((s) => [s.from_table, s.to_table].sort().join(' ⋈ ')));
    expect(pairs).toEqual(expect.arrayContaining(['public._arb_protest ⋈ public.prop_supp_assoc', 'public.prop_supp_assoc ⋈ public.property_val', 'public.neighborhood ⋈ public.property_val']));
    expect(pairs).not.toContain('public._arb_protest ⋈ public.property_val');
    for (const example of suggestion.example_queries) expect((await session.call('query_sql', { connection_id: 'pgdemo', sql: example.sql })).isError, example.sql).toBeFalsy();
  });

  it('refuses to load the demo twice into the same database, and never into a production connection', async () => {
    const again = await runCli(['demo', 'load', '--into', 'pgdemo'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has rows in table/);
    await runCli(pgConnection('pgprod', 'pacs_demo', 'production'), env);
    const prod = await runCli(['demo', 'load', '--into', 'pgprod'], env);
    expect(prod.code).toBe(1);
    expect(prod.stderr).toMatch(/production connection and is read-only/);
  });
});
