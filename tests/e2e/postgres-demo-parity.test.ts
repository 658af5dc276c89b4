import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { expectTextCarriesStructured } from '../helpers/result-checks.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { postgresAvailable } from '../helpers/system.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * The demo PACS database copied into a real PostgreSQL with `pacs-mcp demo load`, then every
 * PACS tool asked the same questions on both through the MCP client: the answers must be
 * identical (the connection id aside).
 */
describe.runIf(postgresAvailable())('PACS tools answer the same on the SQLite demo and its PostgreSQL copy', () => {
  const DEMO_SIZE = 300;
  const home = makeTempHome();
  const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: String(DEMO_SIZE) });
  let pg: PgCluster;
  let session: StdioSession;

  const both = async (tool: string, args: Record<string, unknown>): Promise<{ sqlite: Record<string, any>; postgres: Record<string, any> }> => {
    const [sqlite, postgres] = await Promise.all([session.ok(tool, { ...args, connection_id: 'demo' }), session.ok(tool, { ...args, connection_id: 'pgdemo' })]);
    // The connection itself differs, also in the summary and in the call that pages on.
    const neutral = (r: Record<string, any>) => ({ ...r, connection_id: undefined, summary_text: undefined, next: r.next ? { ...r.next, arguments: { ...r.next.arguments, connection_id: undefined } } : r.next });
    return { sqlite: neutral(sqlite), postgres: neutral(postgres) };
  };
  const ids = async (sql: string) => (await session.ok('query_sql', { connection_id: 'demo', sql, max_rows: 50 })).rows.map((r: { prop_id: number }) => r.prop_id) as number[];

  beforeAll(async () => {
    pg = await startPostgres();
    pg.psql('CREATE DATABASE pacs_demo');
    const add = await runCli(
      ['connections', 'add', '--id', 'pgdemo', '--kind', 'postgres', '--role', 'training', '--host', '127.0.0.1', '--port', String(pg.port), '--database', 'pacs_demo', '--user', 'postgres', '--no-password'],
      env,
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const load = await runCli(['demo', 'load', '--into', 'pgdemo', '--json'], env);
    expect(load.stderr).toBe('');
    expect(load.code).toBe(0);
    expect(JSON.parse(load.stdout)).toMatchObject({ connection_id: 'pgdemo', database: 'pacs_demo', tables: expect.any(Number), rows: expect.any(Number) });
    session = await connectStdio(env);
  });

  afterAll(async () => {
    await session?.close();
    pg?.stop();
    home.cleanup();
  });

  it('copied every table with every row', async () => {
    const { tables } = await session.ok('list_source_tables', { connection_id: 'demo' });
    for (const { name } of tables as { name: string }[]) {
      const sql = `SELECT COUNT(*) AS n FROM "${name}"`;
      const [a, b] = await Promise.all([session.ok('query_sql', { connection_id: 'demo', sql }), session.ok('query_sql', { connection_id: 'pgdemo', sql })]);
      expect(b.rows, name).toEqual(a.rows);
    }
    const pgTables = (await session.ok('list_source_tables', { connection_id: 'pgdemo' })).tables.map((t: { name: string }) => t.name).sort();
    expect(pgTables).toEqual((tables as { name: string }[]).map((t) => t.name).sort());
    const described = await session.ok('describe_table', { connection_id: 'pgdemo', table_name: 'property_val' });
    expect(described.schema).toBe('public');
    expect(described.columns.filter((c: { primary_key: boolean }) => c.primary_key).map((c: { name: string }) => c.name).sort()).toEqual(['prop_id', 'prop_val_yr', 'sup_num']);
  });

  it('search_parcels', async () => {
    const [owner] = (await session.ok('query_sql', { connection_id: 'demo', sql: "SELECT file_as_name FROM account WHERE file_as_name IS NOT NULL AND confidential_flag <> 'T' ORDER BY acct_id LIMIT 1" })).rows;
    const [street] = (await session.ok('query_sql', { connection_id: 'demo', sql: 'SELECT situs_street FROM situs WHERE situs_street IS NOT NULL ORDER BY prop_id LIMIT 1' })).rows;
    const [geo] = (await session.ok('query_sql', { connection_id: 'demo', sql: 'SELECT geo_id, prop_id FROM property ORDER BY prop_id LIMIT 1 OFFSET 17' })).rows;
    const [hood] = (await session.ok('query_sql', { connection_id: 'demo', sql: 'SELECT hood_cd FROM property_val WHERE hood_cd IS NOT NULL ORDER BY prop_id LIMIT 1' })).rows;
    const searches: Record<string, unknown>[] = [
      {},
      { limit: 500 },
      { query: String(geo.geo_id) },
      { query: String(geo.prop_id) },
      { query: String(owner.file_as_name).split(/[ ,]/)[0].toLowerCase() },
      { query: String(street.situs_street) },
      { hood_cd: hood.hood_cd, limit: 100 },
      { prop_type_cd: 'P', limit: 100 },
      { year: 2023, limit: 40 },
      { query: 'no such thing at all' },
    ];
    for (const args of searches) {
      const { sqlite, postgres } = await both('search_parcels', args);
      expect(postgres, JSON.stringify(args)).toEqual(sqlite);
    }
    expect((await both('search_parcels', { limit: 500 })).sqlite.parcels.length).toBe(DEMO_SIZE);
  });

  it('get_parcel', async () => {
    const interesting = [
      ...(await ids('SELECT DISTINCT prop_id FROM _arb_protest ORDER BY prop_id LIMIT 4')),
      ...(await ids('SELECT DISTINCT prop_id FROM property_exemption ORDER BY prop_id LIMIT 4')),
      ...(await ids("SELECT DISTINCT o.prop_id FROM owner o JOIN account a ON a.acct_id = o.owner_id WHERE a.confidential_flag = 'T' ORDER BY o.prop_id LIMIT 3")),
      ...(await ids('SELECT DISTINCT prop_id FROM property_val WHERE sup_num > 0 ORDER BY prop_id LIMIT 3')),
      ...(await ids("SELECT prop_id FROM property WHERE prop_type_cd <> 'R' ORDER BY prop_id LIMIT 3")),
    ];
    expect(interesting.length).toBeGreaterThan(10);
    const seen = { exemptions: 0, protests: 0, confidential: 0, owners: 0 };
    for (const prop_id of interesting) {
      for (const year of [undefined, 2022]) {
        const { sqlite, postgres } = await both('get_parcel', { prop_id, year });
        expect(postgres, `prop_id ${prop_id} year ${year}`).toEqual(sqlite);
        seen.exemptions += sqlite.exemptions.length;
        seen.protests += sqlite.protests.length;
        seen.owners += sqlite.owners.length;
        seen.confidential += sqlite.owners.filter((o: { confidential: boolean }) => o.confidential).length;
        for (const protest of sqlite.protests) expect(protest.prot_create_dt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
        for (const exemption of sqlite.exemptions) expect(exemption.effective_dt ?? '2000-01-01').toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    // The comparison covered real content, not empty answers.
    expect(Math.min(seen.exemptions, seen.protests, seen.owners, seen.confidential)).toBeGreaterThan(0);
    const missing = await session.call('get_parcel', { connection_id: 'pgdemo', prop_id: 99_999_999 });
    expect(missing.isError).toBe(true);
    expect(errorText(missing)).toMatch(/search_parcels/);
  });

  it('get_parcel_timeline', async () => {
    const props = [...(await ids('SELECT DISTINCT prop_id FROM property_val WHERE sup_num > 0 ORDER BY prop_id LIMIT 5')), ...(await ids('SELECT DISTINCT prop_id FROM _arb_protest ORDER BY prop_id LIMIT 5'))];
    for (const prop_id of props) {
      for (const args of [{ prop_id }, { prop_id, include_supplements: false }, { prop_id, from_year: 2023, to_year: 2025 }]) {
        const { sqlite, postgres } = await both('get_parcel_timeline', args);
        expect(postgres, JSON.stringify(args)).toEqual(sqlite);
      }
    }
  });

  it('list_appeals', async () => {
    const [status] = (await session.ok('query_sql', { connection_id: 'demo', sql: 'SELECT prot_status FROM _arb_protest GROUP BY prot_status ORDER BY COUNT(*) DESC LIMIT 1' })).rows;
    const [prop] = await ids('SELECT prop_id FROM _arb_protest ORDER BY prop_id LIMIT 1');
    const [appraiser] = (await session.ok('query_sql', { connection_id: 'demo', sql: 'SELECT prot_appraisal_staff AS id FROM _arb_protest WHERE prot_appraisal_staff IS NOT NULL LIMIT 1' })).rows;
    const filters: Record<string, unknown>[] = [
      {},
      { limit: 1_000 },
      { open_only: true, limit: 1_000 },
      { unassigned_only: true, limit: 1_000 },
      { year: 2026, limit: 1_000 },
      { status: [status.prot_status], limit: 1_000 },
      { prop_id: prop },
      { appraiser_id: appraiser?.id ?? 1, limit: 1_000 },
    ];
    for (const args of filters) {
      const { sqlite, postgres } = await both('list_appeals', args);
      expect(postgres, JSON.stringify(args)).toEqual(sqlite);
    }
    const all = await session.ok('list_appeals', { connection_id: 'demo', limit: 1_000 });
    const open = await session.ok('list_appeals', { connection_id: 'demo', open_only: true, limit: 1_000 });
    expect(all.appeals.some((a: { closed: boolean }) => a.closed)).toBe(true);
    expect(open.appeals.length).toBeLessThan(all.appeals.length);
    expect(open.appeals.every((a: { closed: boolean }) => !a.closed)).toBe(true);
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
    expect(errorText(missing)).toMatch(/^PostgreSQL could not run the query on "pgdemo": "relation \\"parcels\\" does not exist"\. The tables of "pgdemo" are: .*property_val/);
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
    await runCli(['connections', 'add', '--id', 'pgprod', '--kind', 'postgres', '--role', 'production', '--host', '127.0.0.1', '--port', String(pg.port), '--database', 'pacs_demo', '--user', 'postgres', '--no-password'], env);
    const prod = await runCli(['demo', 'load', '--into', 'pgprod'], env);
    expect(prod.code).toBe(1);
    expect(prod.stderr).toMatch(/production connection and is read-only/);
  });
});
