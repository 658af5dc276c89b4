import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConnectionConfig } from '../../mcp/connections/connection-config.js';
import { Engine } from '../../mcp/engine.js';
import type { LocalLakehouse } from '../../mcp/lakehouse/local/local-lakehouse.js';
import { startSync } from '../../mcp/lakehouse/sync/sync-table.js';
import { setModelValues } from '../../mcp/masking/model-values.js';
import { resolveWarehouse } from '../../mcp/lakehouse/warehouse-select.js';
import { readParquet, wallClockMicros } from '../helpers/parquet.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { postgresAvailable } from '../helpers/system.js';
import { makeTempHome } from '../helpers/temp-home.js';

const ROWS = 5_000;

const CREATE = `
  CREATE TABLE parcel_facts (
    id bigint PRIMARY KEY, big bigint, small smallint, i integer,
    amount numeric(14,2), wide numeric(38,10), loose numeric, ratio double precision, r real,
    flag boolean, code char(5), name varchar(60), note text,
    d date, ts timestamp(6), tstz timestamptz, raw bytea, u uuid, doc jsonb, updated_at timestamp(6) NOT NULL
  );
  INSERT INTO parcel_facts
    SELECT g, g::bigint * 1000003, (g % 30000)::smallint, g % 1000000,
      round((g * 12.34)::numeric, 2), (g::numeric * 1234567.0123456789), (g % 97) / 8.0, g / 7.0, (g % 100) / 10.0,
      g % 3 = 0, CASE WHEN g % 2 = 0 THEN 'HS' ELSE 'OV65' END, 'Parcel ' || g, CASE WHEN g % 10 = 0 THEN NULL ELSE 'note, with "quotes" ' || g END,
      DATE '2000-01-01' + (g % 9000), TIMESTAMP '2020-01-01 00:00:00' + g * interval '1.000001 second',
      TIMESTAMPTZ '2020-06-01 00:00:00+00' + g * interval '0.001 second', decode(lpad(to_hex(g), 8, '0'), 'hex'),
      md5(g::text)::uuid, jsonb_build_object('g', g, 'tags', jsonb_build_array('a', g % 5)),
      TIMESTAMP '2024-01-01 00:00:00' + g * interval '1 minute'
    FROM generate_series(1, ${ROWS}) g;
  INSERT INTO parcel_facts VALUES
    (${ROWS + 1}, 9007199254740993, -32768, -2147483648, -99999999999.99, 1234567890123456789012345678.0123456789, 1.50, -0.0, 1.1,
     NULL, 'X', 'Zoë "Ünïcødé" O''Neil', E'two\\nlines, and a tab\\t', '1899-12-31', '1970-01-01 00:00:00.000001', '1999-12-31 23:59:59.999+00',
     '\\x00ff'::bytea, '00000000-0000-0000-0000-000000000000', '{"a": null}', '2024-01-01 00:00:00'),
    (${ROWS + 2}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2024-01-01 00:00:00');
`;

describe.runIf(postgresAvailable('lakehouse sync from PostgreSQL'))('sync_table_to_bronze from PostgreSQL (a real cluster)', () => {
  let cluster: PgCluster;

  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(() => cluster?.stop());

  /**
   * A county database of the test's own in the cluster, and an engine with it as a production
   * connection whose values the model sees in clear (a person's choice) or masked (the default).
   */
  async function county(name: string, values: 'clear' | 'masked' = 'clear') {
    const home = makeTempHome('pacs-sync-pg-');
    cluster.psql(`CREATE DATABASE ${name}`);
    cluster.psql(CREATE, name);
    const engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory' }, initDemo: false });
    // A production connection: syncing only reads it.
    await engine.connections.upsert({
      id: 'pacs_pg',
      kind: 'postgres',
      role: 'production',
      description: '',
      config: parseConnectionConfig('postgres', { host: '127.0.0.1', port: cluster.port, database: name, user: 'postgres' }),
    });
    // The fidelity checks load values in clear, as a person allows for a source; `masked` keeps the default.
    if (values === 'clear') await setModelValues(engine.store, 'pacs_pg', 'clear');
    const client = new pg.Client({ connectionString: cluster.connectionString(name), types: { getTypeParser: () => (v: string) => v } as never });
    await client.connect();
    const sync = async (mode: 'full' | 'incremental', watermark?: string) => {
      const { job } = await startSync(engine, { connectionId: 'pacs_pg', tableName: 'public.parcel_facts', syncMode: mode, watermarkColumn: watermark });
      const done = await engine.jobs.waitFor(job.job_id, 120_000);
      if (done.status !== 'succeeded') throw new Error(`sync failed: ${done.error}`);
      return done;
    };
    return {
      engine,
      client,
      sync,
      close: async () => {
        await client.end();
        await engine.close();
        home.cleanup();
      },
    };
  }

  it('loads every row and an independent reader finds the source values exactly', async () => {
    const c = await county('county_full');
    try {
      const done = await c.sync('full');
      expect(done).toMatchObject({ rows: ROWS + 2, target_table: 'tenant_default.bronze.parcel_facts' });
      const lake = (await resolveWarehouse(c.engine)).connector as unknown as LocalLakehouse;
      const registered = await c.engine.store.get<{ files_json: string }>("SELECT files_json FROM lakehouse_tables WHERE name = 'parcel_facts'");
      const file = lake.resolveFile((JSON.parse(registered!.files_json) as { path: string }[])[0].path);
      const { rows, schema } = await readParquet(file);
      const utc = (name: string) => (schema[name].logical_type as { isAdjustedToUTC?: boolean } | undefined)?.isAdjustedToUTC;
      expect(Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, [v.type, v.converted_type ?? null, v.precision ?? null, v.scale ?? null]]))).toEqual({
        id: ['INT64', 'INT_64', null, null],
        big: ['INT64', 'INT_64', null, null],
        small: ['INT32', 'INT_32', null, null],
        i: ['INT32', 'INT_32', null, null],
        amount: [expect.any(String), 'DECIMAL', 14, 2],
        wide: ['FIXED_LEN_BYTE_ARRAY', 'DECIMAL', 38, 10],
        loose: ['BYTE_ARRAY', 'UTF8', null, null],
        ratio: ['DOUBLE', null, null, null],
        r: ['DOUBLE', null, null, null],
        flag: ['BOOLEAN', null, null, null],
        code: ['BYTE_ARRAY', 'UTF8', null, null],
        name: ['BYTE_ARRAY', 'UTF8', null, null],
        note: ['BYTE_ARRAY', 'UTF8', null, null],
        d: ['INT32', 'DATE', null, null],
        ts: ['INT64', 'TIMESTAMP_MICROS', null, null],
        tstz: ['INT64', 'TIMESTAMP_MICROS', null, null],
        raw: ['BYTE_ARRAY', null, null, null],
        u: ['BYTE_ARRAY', 'UTF8', null, null],
        doc: ['BYTE_ARRAY', 'UTF8', null, null],
        updated_at: ['INT64', 'TIMESTAMP_MICROS', null, null],
      });
      expect([utc('ts'), utc('tstz'), utc('updated_at')]).toEqual([false, true, false]);

      const source = (
        await c.client.query(
          `SELECT id, big, small, i, amount, wide, loose, ratio, r, flag, code, name, note, d, ts, (extract(epoch FROM tstz) * 1000000)::bigint AS tstz_us,
                  encode(raw, 'hex') AS raw_hex, u, doc, updated_at FROM parcel_facts ORDER BY id`,
        )
      ).rows as Record<string, string | null>[];
      const byId = new Map(rows.map((r) => [String(r.id), r]));
      expect(byId.size).toBe(source.length);
      const num = (v: string | null) => (v === null ? null : Number(v));
      const stripZeros = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);
      for (const s of source) {
        const p = byId.get(s.id!)!;
        const where = `id ${s.id}`;
        expect(p.big, where).toBe(s.big === null ? null : BigInt(s.big));
        expect(p.small ?? null, where).toBe(num(s.small));
        expect(p.i ?? null, where).toBe(num(s.i));
        expect(p.amount === null ? null : Math.round((p.amount as number) * 100), where).toBe(s.amount === null ? null : Number(s.amount.replace('.', '')));
        expect(p.loose === null ? null : Number(p.loose), where).toBe(num(s.loose));
        expect(p.ratio ?? null, where).toBe(num(s.ratio));
        expect(p.r ?? null, where).toBe(num(s.r));
        expect(p.flag ?? null, where).toBe(s.flag === null ? null : s.flag === 't');
        expect(p.code ?? null, where).toBe(s.code);
        expect(p.name ?? null, where).toBe(s.name);
        expect(p.note ?? null, where).toBe(s.note);
        expect(p.d ?? null, where).toBe(s.d);
        expect(p.ts ?? null, where).toBe(s.ts === null ? null : wallClockMicros(s.ts));
        expect(p.tstz ?? null, where).toBe(s.tstz_us === null ? null : BigInt(s.tstz_us));
        expect(p.raw == null ? null : Buffer.from(p.raw as Uint8Array).toString('hex'), where).toBe(s.raw_hex);
        expect(p.u ?? null, where).toBe(s.u);
        expect(p.doc == null ? null : JSON.parse(p.doc as string), where).toEqual(s.doc === null ? null : JSON.parse(s.doc));
        expect(p.updated_at, where).toBe(wallClockMicros(s.updated_at!));
        if (s.loose !== null) expect(stripZeros(String(p.loose)), where).toBe(stripZeros(s.loose.replace(/^-0$/, '0')));
      }
      // DECIMAL(38,10) is beyond a double: read it back exactly through DuckDB.
      const wide = await lake.query('SELECT id, CAST(wide AS VARCHAR) AS wide FROM bronze.parcel_facts WHERE wide IS NOT NULL ORDER BY id', [], { maxRows: ROWS + 10, timeoutMs: 30_000 });
      const expectedWide = new Map(source.filter((s) => s.wide !== null).map((s) => [Number(s.id), s.wide]));
      expect(wide.row_count).toBe(expectedWide.size);
      for (const row of wide.rows) expect(row.wide).toBe(expectedWide.get(row.id as number));
    } finally {
      await c.close();
    }
  });

  it('incremental on a timestamp watermark appends only newer rows, and the source is never written', async () => {
    const c = await county('county_incremental');
    try {
      const first = await c.sync('incremental', 'updated_at');
      expect(first.result).toMatchObject({ rows_loaded: ROWS + 2, load: 'replaced', watermark_before: null });
      const high = String(first.result!.watermark_after);
      const [{ max }] = (await c.client.query("SELECT to_char(max(updated_at), 'YYYY-MM-DD\"T\"HH24:MI:SS') AS max FROM parcel_facts")).rows as { max: string }[];
      expect(high).toBe(max);

      await c.client.query(`INSERT INTO parcel_facts (id, name, updated_at) SELECT ${ROWS + 10} + g, 'late ' || g, TIMESTAMP '2030-01-01' + g * interval '1 second' FROM generate_series(1, 100) g`);
      const second = await c.sync('incremental', 'updated_at');
      expect(second.result).toMatchObject({ rows_loaded: 100, table_rows: ROWS + 102, load: 'appended', watermark_before: high, watermark_after: '2030-01-01T00:01:40' });
      const lake = (await resolveWarehouse(c.engine)).connector;
      const counted = await lake.query("SELECT count(*) AS n, count(DISTINCT id) AS d, count(*) FILTER (WHERE name LIKE 'late %') AS late FROM bronze.parcel_facts", [], { maxRows: 1, timeoutMs: 30_000 });
      expect(counted.rows).toEqual([{ n: ROWS + 102, d: ROWS + 102, late: 100 }]);
      const [{ n }] = (await c.client.query('SELECT count(*)::int AS n FROM parcel_facts')).rows as { n: string }[];
      expect(Number(n)).toBe(ROWS + 102);
    } finally {
      await c.close();
    }
  });

  it('by default loads names and free text as pseudonyms (text columns), the same value as the same pseudonym, and the rest exactly', async () => {
    const c = await county('county_masked', 'masked');
    try {
      const done = await c.sync('full');
      expect(done.result).toMatchObject({ masked_columns: ['name', 'note'] });
      const lake = (await resolveWarehouse(c.engine)).connector;
      const loaded = await lake.query('SELECT id, amount, code, name, note FROM bronze.parcel_facts ORDER BY id', [], { maxRows: ROWS + 200, timeoutMs: 30_000 });
      const source = (await c.client.query('SELECT id, amount, code, name, note FROM parcel_facts ORDER BY id')).rows as Record<string, string | null>[];
      expect(loaded.row_count).toBe(source.length);
      const pseudonymOf = new Map<string, string>();
      loaded.rows.forEach((row, i) => {
        const s = source[i];
        expect(String(row.id)).toBe(s.id);
        expect(row.code).toBe(s.code);
        for (const column of ['name', 'note'] as const) {
          if (s[column] === null) {
            expect(row[column]).toBeNull();
            continue;
          }
          expect(row[column]).toMatch(/^(NAME|TEXT)-[A-Z2-9]{10}$/);
          const seen = pseudonymOf.get(s[column]!);
          if (seen) expect(row[column]).toBe(seen);
          pseudonymOf.set(s[column]!, row[column] as string);
        }
      });
      expect(new Set(pseudonymOf.values()).size).toBe(pseudonymOf.size);
    } finally {
      await c.close();
    }
  });
});
