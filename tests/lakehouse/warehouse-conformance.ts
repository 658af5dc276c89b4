import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCancelledError, QueryTimeoutError } from '../../mcp/connectors/connector.js';
import type { Engine } from '../../mcp/engine.js';
import type { LakeColumn } from '../../mcp/lakehouse/lake-types.js';
import { ParquetWriter, type ParquetFile } from '../../mcp/lakehouse/parquet/parquet-writer.js';
import { compileTransform } from '../../mcp/lakehouse/silver/compile-transform.js';
import { resolveTransformations, transformationsSchema } from '../../mcp/lakehouse/silver/transform-spec.js';
import type { LoadResult, WarehouseConnector } from '../../mcp/lakehouse/warehouse.js';

export interface ConformanceTarget {
  engine: Engine;
  warehouse: WarehouseConnector;
  /** A warehouse of another tenant on the same machine (for the isolation checks), if the target has one. */
  otherTenant?: WarehouseConnector;
  /** Long enough to hit a 1 s timeout, in this warehouse's SQL. */
  slowQuery: string;
  cleanup(): Promise<void>;
}

const columns: LakeColumn[] = [
  { name: 'prop_id', type: { kind: 'integer' }, nullable: false },
  { name: 'geo_id', type: { kind: 'varchar' }, nullable: true },
  { name: 'market', type: { kind: 'decimal', precision: 14, scale: 2 }, nullable: true },
  { name: 'sup_dt', type: { kind: 'date' }, nullable: true },
  { name: 'event_at', type: { kind: 'timestamp' }, nullable: true },
  { name: 'active', type: { kind: 'boolean' }, nullable: true },
];

const firstRows = [
  { prop_id: 10001, geo_id: 'R-0001', market: '501430.25', sup_dt: '2024-01-31', event_at: '2024-05-02 12:20:00.123456', active: true },
  { prop_id: 10002, geo_id: "O'Neil \"quoted\", comma", market: null, sup_dt: null, event_at: null, active: false },
  { prop_id: 10003, geo_id: null, market: '0.10', sup_dt: '1999-12-31', event_at: '2000-01-01 00:00:00', active: null },
];
const moreRows = [{ prop_id: 10004, geo_id: 'R-0004', market: '99999999999.99', sup_dt: '2025-06-30', event_at: '2025-06-30 23:59:59', active: true }];

/**
 * One suite, two warehouses: the local lakehouse always, Databricks when PACS_TEST_DATABRICKS
 * names a workspace. Everything goes through the WarehouseConnector interface.
 */
export function warehouseConformance(name: string, setup: () => Promise<ConformanceTarget>, options: { tablePrefix: string }) {
  describe(`warehouse conformance: ${name}`, () => {
    let target: ConformanceTarget;
    const table = `${options.tablePrefix}_values`;
    const silver = `${options.tablePrefix}_values_clean`;

    beforeAll(async () => {
      target = await setup();
    }, 300_000);
    afterAll(async () => {
      await target?.cleanup();
    });

    async function parquet(rows: Record<string, unknown>[], jobId: string): Promise<ParquetFile> {
      const workDir = target.warehouse.workDir(jobId);
      const writer = ParquetWriter.open({ workDir, fields: columns.map((c) => ({ source: c.name, column: c })), zone: 'local' });
      writer.write(rows);
      return writer.finish(path.join(workDir, `${table}.parquet`));
    }

    async function publish(result: LoadResult, jobId: string) {
      await target.engine.store.transaction(async (tx) => {
        await tx.run(
          "INSERT INTO jobs (job_id, kind, status, tenant_id, warehouse_connection_id, target_key, target_table, args_json, owner_pid, owner_host, owner_token, heartbeat_at, created_at) VALUES (?, 'sync', 'succeeded', ?, 'test', ?, ?, '{}', 0, 'test', 'test', '', '')",
          [jobId, target.warehouse.tenantId, `${jobId}`, result.qualified_name],
        );
        await result.publish(tx);
      });
      await result.afterPublish?.();
    }

    async function load(rows: Record<string, unknown>[], mode: 'replace' | 'append', jobId: string) {
      const file = await parquet(rows, jobId);
      const result = await target.warehouse.load({ layer: 'bronze', name: table, file, mode, source: { kind: 'test' }, jobId, signal: new AbortController().signal });
      await publish(result, jobId);
      return result;
    }

    let jobs = 0;
    const jobId = (step: string) => `${options.tablePrefix}_${step}_${++jobs}`;
    /** Every test that reads the table starts from the first three rows, loaded by a full (replace) load. */
    const firstRowsLoaded = () => load(firstRows, 'replace', jobId('first'));

    const select = () => `SELECT prop_id, geo_id, market, sup_dt, event_at, active FROM ${target.warehouse.sqlName('bronze', table)} ORDER BY prop_id`;
    const query = (sql: string, maxRows = 100) => target.warehouse.query(sql, [], { maxRows, timeoutMs: 60_000 });

    it('names every table after the tenant', () => {
      expect(target.warehouse.qualifiedName('bronze', table)).toBe(`tenant_${target.warehouse.tenantId}.bronze.${table}`);
      expect(target.warehouse.catalog).toBe(`tenant_${target.warehouse.tenantId}`);
    });

    it('loads a Parquet file as a bronze table with exact types and values', async () => {
      const result = await load(firstRows, 'replace', jobId('load'));
      expect(result).toMatchObject({ qualified_name: target.warehouse.qualifiedName('bronze', table), row_count: 3 });
      const listed = (await target.warehouse.listLayerTables('bronze')).find((t) => t.name === table);
      expect(listed).toMatchObject({ layer: 'bronze', qualified_name: target.warehouse.qualifiedName('bronze', table), row_count: 3, column_count: 6 });
      const types = (await target.warehouse.tableColumns('bronze', table))!.map((c) => [c.name, c.type.kind === 'decimal' ? `decimal(${c.type.precision},${c.type.scale})` : c.type.kind]);
      expect(types).toEqual([['prop_id', 'integer'], ['geo_id', 'varchar'], ['market', 'decimal(14,2)'], ['sup_dt', 'date'], ['event_at', 'timestamp'], ['active', 'boolean']]);
      const read = await query(select());
      expect(read.rows.map((r) => ({ ...r, event_at: r.event_at === null ? null : String(r.event_at).replace('T', ' ') }))).toEqual([
        { prop_id: 10001, geo_id: 'R-0001', market: 501430.25, sup_dt: '2024-01-31', event_at: '2024-05-02 12:20:00.123456', active: true },
        { prop_id: 10002, geo_id: "O'Neil \"quoted\", comma", market: null, sup_dt: null, event_at: null, active: false },
        { prop_id: 10003, geo_id: null, market: 0.1, sup_dt: '1999-12-31', event_at: '2000-01-01 00:00:00', active: null },
      ]);
      expect((await target.warehouse.describeTable('bronze', table)).map((c) => c.name)).toEqual(columns.map((c) => c.name));
      expect((await target.warehouse.listTables()).some((t) => t.schema === 'bronze' && t.name === table)).toBe(true);
    });

    it('appends on an incremental load and replaces on a full one', async () => {
      await firstRowsLoaded();
      const appended = await load(moreRows, 'append', jobId('append'));
      expect(appended.row_count).toBe(4);
      expect((await query(`SELECT count(*) AS n, max(market) AS m FROM ${target.warehouse.sqlName('bronze', table)}`)).rows).toEqual([{ n: 4, m: 99999999999.99 }]);
      const replaced = await load(moreRows, 'replace', jobId('replace'));
      expect(replaced.row_count).toBe(1);
      expect((await query(select())).rows.map((r) => r.prop_id)).toEqual([10004]);
    });

    it('streams every row in batches', async () => {
      await firstRowsLoaded();
      const batches: number[] = [];
      for await (const batch of target.warehouse.streamBatches!(select(), [], 2)) batches.push(batch.length);
      expect(batches.reduce((a, b) => a + b, 0)).toBe(3);
    });

    it('builds a silver table from a compiled transform in its own dialect', async () => {
      await firstRowsLoaded();
      const silverJob = jobId('silver');
      const spec = resolveTransformations(
        transformationsSchema.parse({ trim: true, normalize_nulls: { values: ['R-0001'] }, filter: [{ column: 'active', op: 'not_null' }], rename: { geo_id: 'geo' } }),
        (await target.warehouse.tableColumns('bronze', table))!,
      );
      const compiled = compileTransform(spec, target.warehouse.dialect, target.warehouse.sqlName('bronze', table));
      const result = await target.warehouse.materialize({
        layer: 'silver',
        name: silver,
        select: compiled.select,
        inputs: [{ layer: 'bronze', name: table }],
        source: { kind: 'test' },
        jobId: silverJob,
        signal: new AbortController().signal,
      });
      await publish(result, silverJob);
      expect(result.row_count).toBe(2);
      expect((await query(`SELECT prop_id, geo FROM ${target.warehouse.sqlName('silver', silver)} ORDER BY prop_id`)).rows).toEqual([
        { prop_id: 10001, geo: null },
        { prop_id: 10002, geo: "O'Neil \"quoted\", comma" },
      ]);
    });

    it('refuses writes through query, whatever the caller checked', async () => {
      await firstRowsLoaded();
      const name = target.warehouse.sqlName('bronze', table);
      for (const sql of [`DROP TABLE ${name}`, `DELETE FROM ${name}`, `CREATE TABLE ${target.warehouse.sqlName('bronze', 'x')} AS SELECT 1 AS a`, `INSERT INTO ${name} (prop_id) VALUES (1)`]) {
        await expect(query(sql), sql).rejects.toThrow();
      }
      expect((await query(`SELECT count(*) AS n FROM ${name}`)).rows).toEqual([{ n: 3 }]);
    });

    it('caps rows and says it truncated', async () => {
      await firstRowsLoaded();
      expect(await query(select(), 2)).toMatchObject({ row_count: 2, truncated: true });
    });

    it('stops a query at its timeout, and on cancel', async () => {
      await expect(target.warehouse.query(target.slowQuery, [], { maxRows: 1, timeoutMs: 1_000 })).rejects.toBeInstanceOf(QueryTimeoutError);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      await expect(target.warehouse.query(target.slowQuery, [], { maxRows: 1, timeoutMs: 60_000, signal: controller.signal })).rejects.toBeInstanceOf(QueryCancelledError);
      expect((await query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    });

    it("cannot see or read another tenant's tables", async () => {
      if (!target.otherTenant) return;
      await firstRowsLoaded();
      const other = target.otherTenant;
      expect((await other.listLayerTables()).map((t) => t.name)).not.toContain(table);
      await expect(other.query(`SELECT count(*) FROM ${other.sqlName('bronze', table)}`, [], { maxRows: 1, timeoutMs: 10_000 })).rejects.toThrow();
    });
  });
}
