import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../mcp/engine.js';
import type { AppServices } from '../../electron/services/index.js';
import { appServicesFor, callFails, callOk } from '../helpers/app-services.js';
import { makeTempHome } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-lake-promo-');
let engine: Engine;
let services: AppServices;

const ok = <T = any>(method: string, input: unknown = {}) => callOk<T>(services, method, input);
const fails = (method: string, input: unknown) => callFails(services, method, input);

beforeAll(async () => {
  engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: '50' } as NodeJS.ProcessEnv });
  services = appServicesFor(engine, home.dir);
});
afterAll(async () => {
  await services.close();
  await engine.close();
  home.cleanup();
});

describe('lakehouse.* and promotion.* API methods against the real engine', () => {
  it('validates sync input before any job starts', async () => {
    const jobsBefore = await engine.jobs.list({});
    const noWatermark = await fails('lakehouse.sync', { connection_id: 'demo', table_name: 'property', sync_mode: 'incremental' });
    expect(noWatermark).toMatchObject({ code: 'invalid_input' });
    expect(noWatermark.message).toMatch(/watermark column/);
    expect((await fails('lakehouse.sync', { connection_id: 'demo', table_name: 'no_such_table' })).message).toMatch(/no_such_table/);
    expect(await engine.jobs.list({})).toEqual(jobsBefore);
  });

  it('runs a sync job to the end and lists the bronze table', async () => {
    const started = await ok<{ job_id: string; target_table: string }>('lakehouse.sync', { connection_id: 'demo', table_name: 'owner', sync_mode: 'incremental', watermark_column: 'owner_tax_yr' });
    expect(started.target_table).toMatch(/bronze\.owner$/);
    let job: any;
    for (let i = 0; i < 200; i++) {
      job = await ok('jobs.get', { job_id: started.job_id });
      if (job.status === 'succeeded' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job).toMatchObject({ status: 'succeeded', error: null });
    expect(job.rows).toBeGreaterThan(0);
    const tables = await ok<{ tables: { layer: string; name: string; row_count: number }[] }>('lakehouse.tables', { layer: 'bronze' });
    expect(tables.tables).toContainEqual(expect.objectContaining({ layer: 'bronze', name: 'owner', row_count: job.rows }));
    expect((await ok<{ jobs: { job_id: string }[] }>('jobs.list', { kinds: ['sync', 'upload', 'transform'] })).jobs[0].job_id).toBe(started.job_id);
    expect((await fails('jobs.get', { job_id: 'nope' })).message).toMatch(/no job "nope"/);
  });

  it('allowlists a promotion procedure only with a plain [schema.]name on a production connection', async () => {
    await engine.connections.upsert({ id: 'prod', kind: 'sqlite', role: 'production', description: 'copy', config: { file: path.join(home.dir, 'demo-pacs.sqlite') } });
    for (const bad of ['dbo.x; DROP TABLE property --', 'a.b.c', "dbo.'x'", '1proc', '']) {
      const error = await fails('promotion.set', { connection_id: 'prod', kind: 'exemptions', procedure: bad });
      expect(error.code, bad).toBe('invalid_input');
      expect(error.message, bad).toMatch(/schema\.name/);
    }
    expect((await fails('promotion.set', { connection_id: 'demo', kind: 'exemptions', procedure: 'pacs_mcp_promote_exemptions' })).message).toMatch(/only for production/);
    expect((await fails('promotion.set', { connection_id: 'prod', kind: 'exemptions', procedure: 'dbo.other' })).message).toMatch(/pacs_mcp_promote_exemptions/);
    const set = await ok('promotion.set', { connection_id: 'prod', kind: 'exemptions', procedure: ' pacs_mcp_promote_exemptions ' });
    expect(set).toMatchObject({ connection_id: 'prod', kind: 'exemptions', procedure_name: 'pacs_mcp_promote_exemptions' });
    expect((await ok('promotion.list', {})).targets).toEqual([set]);
    const audit = await engine.audit.recent(5, { action: 'promotion.set' });
    expect(audit.map((a) => `${a.channel}:${a.outcome}`)).toEqual(['ui:ok', 'ui:error', 'ui:error']);
  });
});
