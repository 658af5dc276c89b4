import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoDatabase } from '../../mcp/demo/generate-demo.js';
import { Engine } from '../../mcp/engine.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { setPromotionProcedure } from '../../mcp/imports/promotion-targets.js';
import type { AppServices } from '../../electron/services/index.js';
import { sqliteAll } from '../helpers/import-fixtures.js';
import { appServicesFor, callFails, callOk } from '../helpers/app-services.js';
import { makeTempHome } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-staging-service-');
let engine: Engine;
let services: AppServices;
let prodFile: string;

const ok = <T = any>(method: string, input: unknown = {}) => callOk<T>(services, method, input);
const fails = (method: string, input: unknown) => callFails(services, method, input);

beforeAll(async () => {
  engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: '120' } as NodeJS.ProcessEnv });
  prodFile = path.join(home.dir, 'oltp.sqlite');
  await generateDemoDatabase(prodFile, { size: 120 });
  await engine.connections.upsert({ id: 'pacs_oltp', kind: 'sqlite', role: 'production', description: 'production copy', config: { file: prodFile } });
  services = appServicesFor(engine, home.dir);
});
afterAll(async () => {
  await services.close();
  await engine.close();
  home.cleanup();
});

describe('the desktop app’s import screens over the engine (staging.*)', () => {
  it('maps, stages, validates, signs, pushes and — only here — promotes, with a confirmation naming the target', async () => {
    const kinds = await ok('staging.kinds');
    expect(kinds.kinds.map((k: { kind: string }) => k.kind)).toEqual(['exemptions', 'property_values']);

    const [owner] = await sqliteAll<{ prop_id: number; owner_id: number }>(
      path.join(home.dir, 'demo-pacs.sqlite'),
      `SELECT o.prop_id, o.owner_id FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
         JOIN property p ON p.prop_id = o.prop_id WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R'
          AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026) AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL)) LIMIT 1`,
    );
    // Headers the aliases do not know: the person maps them on the mapping step.
    const csv = `Parcel No.,Owner Acct,Year,Exemption\n${owner.prop_id},${owner.owner_id},2026,EX\n99999,1,2026,EX\n`;
    const file = { file_name: 'clerk-upload.csv', content_base64: Buffer.from(csv).toString('base64') };
    const preview = await ok('staging.preview', { ...file, kind: 'exemptions' });
    expect(preview).toMatchObject({ headers: ['Parcel No.', 'Owner Acct', 'Year', 'Exemption'], line_count: 3 });
    expect(preview.sample_rows[0]).toEqual([String(owner.prop_id), String(owner.owner_id), '2026', 'EX']);
    expect(preview.suggested_mapping).toMatchObject({ exmpt_tax_yr: 'Year', exmpt_type_cd: 'Exemption', prop_id: null });

    const badMapping = { exmpt_tax_yr: 'Year', exmpt_type_cd: 'Exemption', owner_id: 'Owner Acct', prop_id: 'Parcel #' };
    expect((await fails('staging.start', { ...file, kind: 'exemptions', mapping: badMapping })).message).toMatch(/no column "Parcel #"/);
    const mapping = { ...badMapping, prop_id: 'Parcel No.' };
    const { job_id } = await ok('staging.start', { ...file, kind: 'exemptions', mapping });
    await expect.poll(async () => (await ok('jobs.get', { job_id })).status, { timeout: 30_000 }).toBe('succeeded');
    const { batch_id } = (await ok('jobs.get', { job_id })).result;

    const detail = await ok('staging.get', { batch_id });
    expect(detail.batch).toMatchObject({ status: 'validated', staged_count: 2, error_count: 1, connection_id: 'demo' });
    expect(detail.errors).toEqual([expect.objectContaining({ line: 3, column: 'Parcel No.', code: 'parcel_not_found' })]);
    expect(detail.review_sha256).toMatch(/^[0-9a-f]{64}$/);

    expect((await fails('staging.signoff', { batch_id, reviewer: 'Pat QA', review_sha256: 'f'.repeat(64) })).message).toMatch(/review_sha256 now/);
    const signed = await ok('staging.signoff', { batch_id, reviewer: 'Pat QA', note: 'checked', review_sha256: detail.review_sha256 });
    expect(signed.batch).toMatchObject({ status: 'qa_signed', signed_by: 'Pat QA' });
    const pushed = await ok('staging.push', { batch_id });
    expect(pushed).toMatchObject({ pushed_rows: 1, batch: { status: 'pushed_to_training' } });

    await setPromotionProcedure(engine, { connectionId: 'pacs_oltp', kind: 'exemptions', procedure: 'pacs_mcp_promote_exemptions' }, actorFor('ui'));
    expect((await fails('staging.promote', { batch_id, target_connection_id: 'pacs_oltp', confirm_target: 'pacs_oltp ' })).code).toBe('invalid_input');
    expect((await fails('staging.promote', { batch_id, target_connection_id: 'demo', confirm_target: 'demo' })).message).toMatch(/promotion goes to a production connection/);
    const promoted = await ok('staging.promote', { batch_id, target_connection_id: 'pacs_oltp', confirm_target: 'pacs_oltp' });
    expect(promoted).toMatchObject({ promoted_rows: 1, batch: { status: 'promoted' } });
    expect(await sqliteAll(prodFile, 'SELECT exmpt_type_cd FROM property_exemption WHERE exmpt_tax_yr = 2026 AND prop_id = ? AND owner_id = ?', [owner.prop_id, owner.owner_id])).toEqual([{ exmpt_type_cd: 'EX' }]);

    const events = (await ok('staging.get', { batch_id })).events.map((e: { action: string }) => e.action);
    expect(events).toEqual(['staged', 'validated', 'qa_signed', 'pushed', 'promoted']);
    const audit = (await engine.audit.recent(50)).filter((r) => r.channel === 'ui').map((r) => `${r.action}:${r.outcome}`);
    expect(audit).toEqual(expect.arrayContaining(['staging.start:ok', 'staging.signoff:error', 'staging.signoff:ok', 'staging.push:ok', 'import.promote:refused', 'import.promote:ok']));
    expect((await ok('staging.list')).batches.map((b: { batch_id: string; status: string }) => [b.batch_id, b.status])).toEqual([[batch_id, 'promoted']]);
  });

  it('a bad file fails the call with what to do, and a rejected batch is kept as a record', async () => {
    const empty = await fails('staging.preview', { file_name: 'scan.csv', content_base64: Buffer.from('%PDF-1.4\n\0\0').toString('base64'), kind: 'exemptions' });
    expect(empty).toMatchObject({ code: 'invalid_input' });
    expect(empty.message).toMatch(/PDF document/);
    // An empty mapping maps nothing: the required columns are missing, and the call says so.
    const unmapped = await fails('staging.start', { file_name: 'x.csv', content_base64: Buffer.from('prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd\n1,1,2026,EX\n').toString('base64'), kind: 'exemptions', mapping: {} });
    expect(unmapped.message).toMatch(/gives no column for prop_id or geo_id/);
    const second = await ok('staging.start', { file_name: 'y.csv', content_base64: Buffer.from('prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd\n1,1,2026,EX\n').toString('base64'), kind: 'exemptions', mapping: { prop_id: 'prop_id', owner_id: 'owner_id', exmpt_tax_yr: 'exmpt_tax_yr', exmpt_type_cd: 'exmpt_type_cd' } });
    await expect.poll(async () => (await ok('jobs.get', { job_id: second.job_id })).status, { timeout: 30_000 }).toBe('succeeded');
    const batchId = (await ok('jobs.get', { job_id: second.job_id })).result.batch_id;
    expect((await ok('staging.reject', { batch_id: batchId, reason: 'test file' })).batch.status).toBe('rejected');
    expect((await fails('staging.push', { batch_id: batchId })).message).toMatch(/rejected; only a QA-signed batch/);
  });

  it('lists every batch from one query on the engine’s import store, whatever their number', async () => {
    const cli = actorFor('cli');
    for (let i = 0; i < 12; i++) {
      await engine.imports.stage({ kind: 'exemptions', file_content: `prop_id,owner_id,exmpt_tax_yr,exmpt_type_cd\n${10001 + i},1,2026,HS\n`, file_name: `many-${i}.csv` }, cli);
    }
    const db = engine.imports.store.db;
    const queries: string[] = [];
    const count = <F extends (...args: any[]) => any>(f: F) => ((sql: string, ...rest: unknown[]) => (queries.push(sql), f.call(db, sql, ...rest))) as unknown as F;
    const [all, get] = [db.all, db.get];
    db.all = count(all);
    db.get = count(get);
    let listed: { batch_id: string; file_name: string; status: string; staged_count: number }[];
    try {
      listed = (await ok('staging.list')).batches;
    } finally {
      db.all = all;
      db.get = get;
    }
    expect(queries).toHaveLength(1);
    expect(listed.length).toBeGreaterThanOrEqual(14);
    expect(listed.slice(0, 12).map((b) => b.file_name)).toEqual(Array.from({ length: 12 }, (_, i) => `many-${11 - i}.csv`));
    expect(listed[0]).toMatchObject({ status: 'staged', staged_count: 1, connection_id: null, signed_by: null });
  });
});
