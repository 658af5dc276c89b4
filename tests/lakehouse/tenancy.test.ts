import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../mcp/engine.js';
import { LocalLakehouse } from '../../mcp/lakehouse/local/local-lakehouse.js';
import { startUpload } from '../../mcp/lakehouse/upload/upload-file.js';
import { serverTenant, tenantCatalog } from '../../mcp/lakehouse/tenant.js';
import { resolveWarehouse } from '../../mcp/lakehouse/warehouse-select.js';
import { makeTempHome } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-tenancy-');
let a: Engine;
let b: Engine;

beforeAll(async () => {
  a = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory', PACS_MCP_TENANT: 'county_a' }, initDemo: false });
  b = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory', PACS_MCP_TENANT: 'county_b' }, initDemo: false });
  const { job } = await startUpload(a, { source: { kind: 'content', fileName: 'secret_values.csv', content: Buffer.from('prop_id,market\n1,100\n2,200\n') } });
  expect((await a.jobs.waitFor(job.job_id, 30_000)).status).toBe('succeeded');
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  home.cleanup();
});

describe('tenancy', () => {
  it('validates tenant ids and builds the catalog name from them', () => {
    expect(serverTenant({})).toBe('default');
    expect(serverTenant({ PACS_MCP_TENANT: 'county_a' })).toBe('county_a');
    expect(() => serverTenant({ PACS_MCP_TENANT: 'County A; DROP' })).toThrow(/not a valid tenant id/);
    expect(() => serverTenant({ PACS_MCP_TENANT: '../b' })).toThrow(/not a valid tenant id/);
    expect(tenantCatalog('county_a')).toBe('tenant_county_a');
  });

  it("keeps each tenant's files in its own folder", async () => {
    const { connector } = await resolveWarehouse(a);
    expect((connector as unknown as LocalLakehouse).root).toBe(path.join(home.dir, 'lakehouse', 'tenant_county_a'));
    expect(fs.readdirSync(path.join(home.dir, 'lakehouse', 'tenant_county_a', 'bronze'))).toEqual(['secret_values']);
    expect(fs.existsSync(path.join(home.dir, 'lakehouse', 'tenant_county_b'))).toBe(false);
  });

  it("a server for tenant B refuses tenant A's warehouse connection and tenant_id", async () => {
    const aConnection = (await resolveWarehouse(a)).record.id;
    await expect(resolveWarehouse(b, aConnection)).rejects.toThrow(/serves tenant "county_b".*tenant "county_a"/);
    await expect(b.source(aConnection)).rejects.toThrow(/serves tenant "county_b"/);
    await expect(resolveWarehouse(b, null, 'county_a')).rejects.toThrow(/serves tenant "county_b"/);
    const own = await resolveWarehouse(b);
    expect(own.record.id).not.toBe(aConnection);
    expect(own.connector.tenantId).toBe('county_b');
    expect(await own.connector.listLayerTables()).toEqual([]);
  });

  it("tenant B's DuckDB cannot read tenant A's Parquet files, even with the path and no guard in front", async () => {
    const aLake = (await resolveWarehouse(a)).connector as unknown as LocalLakehouse;
    const row = await a.store.get<{ files_json: string }>("SELECT files_json FROM lakehouse_tables WHERE name = 'secret_values'");
    const file = aLake.resolveFile((JSON.parse(row!.files_json) as { path: string }[])[0].path);
    expect((await aLake.query('SELECT sum(CAST(market AS INTEGER)) AS s FROM bronze.secret_values', [], { maxRows: 1, timeoutMs: 10_000 })).rows).toEqual([{ s: 300 }]);
    const bLake = (await resolveWarehouse(b)).connector;
    const escaped = file.replace(/'/g, "''");
    for (const sql of [`SELECT * FROM read_parquet('${escaped}')`, `SELECT * FROM '${escaped}'`, `SELECT * FROM "${file}"`]) {
      await expect(bLake.query(sql, [], { maxRows: 10, timeoutMs: 10_000 }), sql).rejects.toThrow(/Permission Error|disabled by configuration/);
    }
    await expect(bLake.query('SELECT * FROM tenant_county_a.bronze.secret_values', [], { maxRows: 10, timeoutMs: 10_000 })).rejects.toThrow(/tenant_county_a/);
    // The same holds for a lakehouse object opened directly for tenant B.
    const direct = new LocalLakehouse({ dataDir: home.dir, store: b.store, tenantId: 'county_b' });
    await expect(direct.query(`SELECT * FROM read_parquet('${escaped}')`, [], { maxRows: 10, timeoutMs: 10_000 })).rejects.toThrow(/Permission Error|disabled/);
    await direct.close();
  });
});
