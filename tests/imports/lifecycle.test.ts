import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProductionReadOnlyError } from '../../mcp/connections/connection-types.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { setPromotionProcedure } from '../../mcp/imports/promotion-targets.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { addProductionTarget, exemptionRow, freeOwners, openImportEngine, signedBatch, stagedAndValidated, type ImportTestEngine } from '../helpers/import-fixtures.js';

const cli = actorFor('cli');
const ui = actorFor('ui');

/** Runs `test` on an engine of its own (a fresh data dir and demo), closed afterwards. */
async function withEngine(test: (t: ImportTestEngine) => Promise<void>): Promise<void> {
  const t = await openImportEngine(300);
  try {
    await test(t);
  } finally {
    await t.close();
  }
}

/** Three valid rows for free owners and one for a parcel that does not exist (line 5), signed off by Pat QA. */
async function signedWithOneBadLine(t: ImportTestEngine) {
  const owners = await freeOwners(t, 3);
  const batch = await stagedAndValidated(t, [...owners.map((o) => exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX' })), exemptionRow({ prop: 99_999, owner: 1, code: 'EX' })], 'lifecycle.csv');
  await t.engine.imports.signoff({ batchId: batch.batch_id, reviewer: 'Pat QA', reviewedSha256: batch.content_sha256! }, cli);
  return { batchId: batch.batch_id, owners };
}

describe('import lifecycle: staged → validated → qa_signed → pushed_to_training → promoted', () => {
  it('signs off only the exact content that was reviewed, and a new validation voids the sign-off', () => withEngine(async (t) => {
    const owners = await freeOwners(t, 3);
    const batch = await stagedAndValidated(t, [...owners.map((o) => exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX' })), exemptionRow({ prop: 99_999, owner: 1, code: 'EX' })], 'lifecycle.csv');
    const batchId = batch.batch_id;
    expect(batch).toMatchObject({ status: 'validated', staged_count: 4, error_row_count: 1 });
    expect(batch.content_sha256).toMatch(/^[0-9a-f]{64}$/);

    await expect(t.engine.imports.signoff({ batchId, reviewer: 'Pat QA', reviewedSha256: 'a'.repeat(64) }, cli)).rejects.toThrow(/not batch .* review_sha256 now/);
    await expect(t.engine.imports.signoff({ batchId, reviewer: '', reviewedSha256: batch.content_sha256! }, cli)).rejects.toThrow(/reviewer/);
    const signed = await t.engine.imports.signoff({ batchId, reviewer: 'Pat QA', reviewedSha256: batch.content_sha256!, note: 'spot-checked 3 rows' }, cli);
    expect(signed).toMatchObject({ status: 'qa_signed', signoff_reviewer: 'Pat QA', signoff_sha256: batch.content_sha256, signoff_note: 'spot-checked 3 rows' });
    expect(signed.signoff_by).toContain('(cli)');
    expect(Date.parse(signed.signoff_at!)).toBeGreaterThan(Date.now() - 60_000);

    const again = await t.engine.imports.validate({ batchId }, cli);
    expect(again.signoffVoided).toBe(true);
    expect(again.batch.status).toBe('validated');
    expect(again.batch.signoff_sha256).toBeNull();
    // Same rows, same source: the same review sha256, so the reviewer can sign it again.
    expect(again.batch.content_sha256).toBe(batch.content_sha256);
    await t.engine.imports.signoff({ batchId, reviewer: 'Pat QA', reviewedSha256: batch.content_sha256! }, cli);

    const detail = await t.engine.imports.detail({ batchId, errorsOffset: 0, errorsLimit: 10, rowsLimit: 0 });
    expect(detail.history.map((h) => `${h.action}:${h.from_status ?? ''}>${h.to_status}`)).toEqual([
      'staged:>staged',
      'validated:staged>validated',
      'qa_signed:validated>qa_signed',
      'signoff_voided:qa_signed>validated',
      'validated:qa_signed>validated',
      'qa_signed:validated>qa_signed',
    ]);
    for (const h of detail.history) {
      expect(h.actor).toBeTruthy();
      expect(Date.parse(h.at)).not.toBeNaN();
    }
  }));

  it('refuses to push to a production connection, or a batch that was not signed', () => withEngine(async (t) => {
    await addProductionTarget(t, { allowlisted: false });
    const signed = await signedBatch(t, await freeOwners(t, 1), 'signed.csv');
    await expect(t.engine.imports.push({ batchId: signed.batch_id, connectionId: 'prod' }, cli)).rejects.toThrow(ProductionReadOnlyError);
    const [o] = await freeOwners(t, 1, 10);
    const unsigned = await stagedAndValidated(t, [exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX' })], 'unsigned.csv');
    await expect(t.engine.imports.push({ batchId: unsigned.batch_id }, cli)).rejects.toThrow(/only a QA-signed batch is pushed/);
    expect(await t.demo('SELECT * FROM import_staging_batches')).toEqual([]);
  }));

  it('pushes the signed rows into the training staging tables in one go, and never twice', () => withEngine(async (t) => {
    const { batchId, owners } = await signedWithOneBadLine(t);
    const result = await t.engine.imports.push({ batchId }, cli);
    expect(result).toMatchObject({ connectionId: 'demo', pushedRows: 3, skippedRows: 1, alreadyPushed: false });
    expect(result.batch.status).toBe('pushed_to_training');
    const staged = await t.demo<{ line_number: number; prop_id: number; owner_id: number; exmpt_type_cd: string; action: string }>('SELECT * FROM import_staging_exemptions WHERE batch_id = ? ORDER BY line_number', [batchId]);
    expect(staged.map((r) => [r.line_number, r.prop_id, r.owner_id, r.exmpt_type_cd, r.action])).toEqual(owners.map((o, i) => [i + 2, o.prop_id, o.owner_id, 'EX', 'ADD']));
    const [header] = await t.demo('SELECT * FROM import_staging_batches WHERE batch_id = ?', [batchId]);
    expect(header).toMatchObject({ kind: 'exemptions', file_name: 'lifecycle.csv', row_count: 3, skipped_count: 1, reviewed_by: 'Pat QA' });
    expect(await t.demo('SELECT line_number, error_code FROM import_staging_errors WHERE batch_id = ?', [batchId])).toEqual([{ line_number: 5, error_code: 'parcel_not_found' }]);

    expect((await t.engine.imports.push({ batchId }, cli)).alreadyPushed).toBe(true);
    // A process that died after the training commit but before recording it locally: the push runs
    // again and finds the batch already in training.
    const db = await SqliteDb.open(path.join(t.dir, 'app.sqlite'), { wal: true });
    await db.run("UPDATE import_batches SET status = 'qa_signed', pushed_at = NULL WHERE batch_id = ?", [batchId]);
    await db.close();
    const rerun = await t.engine.imports.push({ batchId }, cli);
    expect(rerun).toMatchObject({ alreadyPushed: true, pushedRows: 0 });
    expect(rerun.batch.status).toBe('pushed_to_training');
    expect(await t.demo('SELECT COUNT(*) AS n FROM import_staging_exemptions WHERE batch_id = ?', [batchId])).toEqual([{ n: 3 }]);
    expect(await t.demo('SELECT COUNT(*) AS n FROM import_staging_batches')).toEqual([{ n: 1 }]);
  }));

  it('promotes only through the allowlisted statement set of a production target, after a confirmation naming it', () => withEngine(async (t) => {
    const prod = await addProductionTarget(t, { allowlisted: false });
    const { batchId, owners } = await signedWithOneBadLine(t);
    await t.engine.imports.push({ batchId }, cli);
    const confirm = { batchId, targetConnectionId: 'prod', confirmTarget: 'prod' };
    await expect(t.engine.imports.promote(confirm, ui)).rejects.toThrow(/No promotion procedure is allowlisted/);
    await expect(setPromotionProcedure(t.engine, { connectionId: 'demo', kind: 'exemptions', procedure: 'pacs_mcp_promote_exemptions' }, ui)).rejects.toThrow(/only for production/);
    await expect(setPromotionProcedure(t.engine, { connectionId: 'prod', kind: 'exemptions', procedure: 'dbo.drop_everything; --' }, ui)).rejects.toThrow(/not a procedure name/);
    await expect(setPromotionProcedure(t.engine, { connectionId: 'prod', kind: 'exemptions', procedure: 'dbo.other_proc' }, ui)).rejects.toThrow(/allowlisted statement set/);
    await setPromotionProcedure(t.engine, { connectionId: 'prod', kind: 'exemptions', procedure: 'pacs_mcp_promote_exemptions' }, ui);

    await expect(t.engine.imports.promote({ ...confirm, confirmTarget: 'PROD' }, ui)).rejects.toThrow(/typing the target connection id "prod"/);
    await expect(t.engine.imports.promote({ ...confirm, targetConnectionId: 'demo', confirmTarget: 'demo' }, ui)).rejects.toThrow(/promotion goes to a production connection/);

    const before = await prod<{ n: number }>('SELECT COUNT(*) AS n FROM property_exemption');
    const result = await t.engine.imports.promote(confirm, ui);
    expect(result).toMatchObject({ targetConnectionId: 'prod', procedure: 'pacs_mcp_promote_exemptions', appliedRows: 3, alreadyPromoted: false });
    expect(result.batch.status).toBe('promoted');
    for (const o of owners) {
      expect(await prod('SELECT exmpt_type_cd, sup_num FROM property_exemption WHERE exmpt_tax_yr = 2026 AND prop_id = ? AND owner_id = ?', [o.prop_id, o.owner_id])).toEqual([{ exmpt_type_cd: 'EX', sup_num: 0 }]);
      // Training is not touched by a promotion.
      expect(await t.demo('SELECT 1 FROM property_exemption WHERE exmpt_tax_yr = 2026 AND prop_id = ? AND owner_id = ?', [o.prop_id, o.owner_id])).toEqual([]);
    }
    expect(await prod<{ n: number }>('SELECT COUNT(*) AS n FROM property_exemption')).toEqual([{ n: before[0].n + 3 }]);
    expect(await prod('SELECT batch_id, kind, applied_count FROM import_promotions')).toEqual([{ batch_id: batchId, kind: 'exemptions', applied_count: 3 }]);
    const audit = await t.store<{ action: string; outcome: string; channel: string; connection_id: string }>("SELECT action, outcome, channel, connection_id FROM audit_log WHERE action LIKE 'import.promot%' ORDER BY seq");
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      'import.promote:refused',
      'import.promotion_target:ok',
      'import.promote:refused',
      'import.promote:refused',
      'import.promote:ok',
    ]);

    // Again: nothing happens twice, from the local status or, if that was lost, from the target's ledger.
    expect((await t.engine.imports.promote(confirm, ui)).alreadyPromoted).toBe(true);
    const db = await SqliteDb.open(path.join(t.dir, 'app.sqlite'), { wal: true });
    await db.run("UPDATE import_batches SET status = 'pushed_to_training' WHERE batch_id = ?", [batchId]);
    await db.close();
    expect((await t.engine.imports.promote(confirm, ui)).alreadyPromoted).toBe(true);
    expect(await prod<{ n: number }>('SELECT COUNT(*) AS n FROM property_exemption')).toEqual([{ n: before[0].n + 3 }]);
  }));

  it('voids the sign-off and refuses the push when the staged rows change after it', () => withEngine(async (t) => {
    const [o1, o2] = await freeOwners(t, 2, 20);
    const batch = await stagedAndValidated(t, [exemptionRow({ prop: o1.prop_id, owner: o1.owner_id, code: 'EX' }), exemptionRow({ prop: o2.prop_id, owner: o2.owner_id, code: 'EX' })], 'tampered.csv');
    await t.engine.imports.signoff({ batchId: batch.batch_id, reviewer: 'Pat QA', reviewedSha256: batch.content_sha256! }, cli);
    const db = await SqliteDb.open(path.join(t.dir, 'app.sqlite'), { wal: true });
    await db.run("UPDATE import_rows SET vals = replace(vals, '\"EX\"', '\"DOR\"') WHERE line = 3 AND batch_key = (SELECT batch_key FROM import_batches WHERE batch_id = ?)", [batch.batch_id]);
    await db.close();
    const refusal = (await t.engine.imports.push({ batchId: batch.batch_id }, cli).catch((e: Error) => e)) as Error;
    expect(refusal.message).toMatch(/no longer what was signed off.*sign-off is void/);
    const detail = await t.engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 1, rowsLimit: 0 });
    expect(detail.batch.status).toBe('validated');
    expect(detail.batch.signoff).toBeNull();
    expect(detail.history.at(-1)).toMatchObject({ action: 'signoff_voided', from_status: 'qa_signed', to_status: 'validated' });
    // Nothing reached training: the way on is to validate again and get a new sign-off.
    const voided = detail.history.at(-1)!;
    expect(voided.detail).toMatchObject({ reason: 'content changed after the sign-off (found at push)', signed_sha256: batch.content_sha256 });
    expect(refusal.message).toBe(
      `Batch ${batch.batch_id} is no longer what was signed off (review sha256 ${batch.content_sha256}, now ${voided.detail.current_sha256}), so its sign-off is void and the push was refused. Validate it again and get a new QA sign-off.`,
    );
    expect(await t.demo('SELECT COUNT(*) AS n FROM import_staging_batches WHERE batch_id = ?', [batch.batch_id])).toEqual([{ n: 0 }]);
  }));

  it('rejects a batch for good, with the reason on record', () => withEngine(async (t) => {
    const [o] = await freeOwners(t, 1, 30);
    const batch = await stagedAndValidated(t, [exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX' })], 'rejected.csv');
    const rejected = await t.engine.imports.reject({ batchId: batch.batch_id, reason: 'wrong county' }, cli);
    expect(rejected).toMatchObject({ status: 'rejected', rejected_reason: 'wrong county' });
    await expect(t.engine.imports.validate({ batchId: batch.batch_id }, cli)).rejects.toThrow(/rejected; only a staged/);
    await expect(t.engine.imports.signoff({ batchId: batch.batch_id, reviewer: 'x', reviewedSha256: batch.content_sha256! }, cli)).rejects.toThrow(/only a validated batch/);
  }));
});
