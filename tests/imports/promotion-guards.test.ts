import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_CALLS } from '../../mcp/audit/audit-calls.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { generateDemoDatabase } from '../../mcp/demo/generate-demo.js';
import { setPromotionProcedure } from '../../mcp/imports/promotion-targets.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { addProductionTarget, freeOwners, openImportEngine, signedBatch, sqliteAll, stagedAndValidated, exemptionRow, type ImportTestEngine } from '../helpers/import-fixtures.js';

/**
 * What promotion to production refuses: only a QA-signed batch that was pushed to training goes,
 * and only while its rows are still exactly what was signed off. Each refusal leaves production
 * untouched and is audited.
 */

const cli = actorFor('cli');
const ui = actorFor('ui');

async function withProduction(test: (t: ImportTestEngine, prod: Awaited<ReturnType<typeof addProductionTarget>>) => Promise<void>): Promise<void> {
  const t = await openImportEngine(300);
  try {
    await test(t, await addProductionTarget(t, { allowlisted: true }));
  } finally {
    await t.close();
  }
}

/** A second production copy, "prod2", with the same allowlisted statement set as "prod". */
async function addSecondProduction(t: ImportTestEngine) {
  const file = path.join(t.dir, 'prod2-pacs.sqlite');
  await generateDemoDatabase(file, { size: 50 });
  await t.engine.connections.upsert({ id: 'prod2', kind: 'sqlite', role: 'production', description: 'second production copy', config: { file } });
  await setPromotionProcedure(t.engine, { connectionId: 'prod2', kind: 'exemptions', procedure: 'pacs_mcp_promote_exemptions' }, ui);
  return (sql: string, params: unknown[] = []) => sqliteAll(file, sql, params);
}

const promote = (t: ImportTestEngine, batchId: string) => t.engine.imports.promote({ batchId, targetConnectionId: 'prod', confirmTarget: 'prod' }, ui);

async function productionState(prod: Awaited<ReturnType<typeof addProductionTarget>>) {
  return {
    exemptions: await prod<{ n: number }>('SELECT COUNT(*) AS n FROM property_exemption'),
    promotions: await prod('SELECT * FROM import_promotions').catch(() => 'no ledger'),
  };
}

/** Promotion attempts audited as failed (refused, or a conflict with the batch's state). */
async function failedPromotions(t: ImportTestEngine): Promise<number> {
  const rows = await t.store<{ n: number }>(`SELECT COUNT(*) AS n FROM ${AUDIT_CALLS} WHERE action = 'import.promote' AND outcome <> 'ok'`);
  return rows[0].n;
}

describe('promotion refuses', () => {
  it('a QA-signed batch that was never pushed to training', () =>
    withProduction(async (t, prod) => {
      const before = await productionState(prod);
      const batch = await signedBatch(t, await freeOwners(t, 2), 'signed-not-pushed.csv');
      await expect(promote(t, batch.batch_id)).rejects.toThrow(/is qa_signed; only a QA-signed batch that was pushed to training can be promoted/);
      const detail = await t.engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 1, rowsLimit: 0 });
      expect(detail.batch.status).toBe('qa_signed');
      expect(await productionState(prod)).toEqual(before);
      expect(await failedPromotions(t)).toBe(1);
    }));

  it('a batch that was only staged or validated', () =>
    withProduction(async (t, prod) => {
      const before = await productionState(prod);
      const [o] = await freeOwners(t, 1);
      const validated = await stagedAndValidated(t, [exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX' })], 'validated.csv');
      await expect(promote(t, validated.batch_id)).rejects.toThrow(/is validated; only a QA-signed batch that was pushed to training/);
      expect(await productionState(prod)).toEqual(before);
    }));

  it('a pushed batch whose rows changed after the sign-off: the review hash is checked again, and the sign-off is void', () =>
    withProduction(async (t, prod) => {
      const before = await productionState(prod);
      const batch = await signedBatch(t, await freeOwners(t, 2), 'altered.csv');
      await t.engine.imports.push({ batchId: batch.batch_id }, cli);
      const store = await SqliteDb.open(path.join(t.dir, 'app.sqlite'), { wal: true });
      try {
        await store.run("UPDATE import_rows SET vals = replace(vals, '\"EX\"', '\"DOR\"') WHERE line = 2 AND batch_key = (SELECT batch_key FROM import_batches WHERE batch_id = ?)", [batch.batch_id]);
      } finally {
        await store.close();
      }
      const refusal = (await promote(t, batch.batch_id).catch((e: Error) => e)) as Error;
      expect(refusal.message).toMatch(/no longer what was signed off.*sign-off is void and the promotion was refused/s);
      expect(await productionState(prod)).toEqual(before);
      const detail = await t.engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 1, rowsLimit: 0 });
      expect(detail.history.at(-1)).toMatchObject({ action: 'signoff_voided' });
      expect(detail.batch.status).toBe('pushed_to_training');
      // The rows are already in training under this batch: the way on is a new batch, and the
      // history says what was signed, what was found and at which step.
      const voided = detail.history.at(-1)!;
      expect(voided).toMatchObject({ from_status: 'pushed_to_training', to_status: 'pushed_to_training', detail: { reason: 'content changed after the sign-off (found at promotion)', signed_sha256: batch.content_sha256 } });
      expect(voided.detail.current_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(voided.detail.current_sha256).not.toBe(batch.content_sha256);
      expect(refusal.message).toBe(
        `Batch ${batch.batch_id} is no longer what was signed off (review sha256 ${batch.content_sha256}, now ${voided.detail.current_sha256}), so its sign-off is void and the promotion was refused. Stage the file again for a new batch.`,
      );
      // The batch is not left claimed: a second attempt gets the same answer.
      await expect(promote(t, batch.batch_id)).rejects.toThrow(/no longer what was signed off/);
      expect(await failedPromotions(t)).toBe(2);
    }));

  it('a pushed batch whose recorded sign-off hash was edited', () =>
    withProduction(async (t, prod) => {
      const before = await productionState(prod);
      const batch = await signedBatch(t, await freeOwners(t, 2), 'edited-hash.csv');
      await t.engine.imports.push({ batchId: batch.batch_id }, cli);
      const store = await SqliteDb.open(path.join(t.dir, 'app.sqlite'), { wal: true });
      try {
        await store.run('UPDATE import_batches SET signoff_sha256 = ? WHERE batch_id = ?', ['0'.repeat(64), batch.batch_id]);
      } finally {
        await store.close();
      }
      await expect(promote(t, batch.batch_id)).rejects.toThrow(/no longer what was signed off/);
      expect(await productionState(prod)).toEqual(before);
    }));

  it('a batch already promoted to another production connection', () =>
    withProduction(async (t, prod) => {
      const other = await addSecondProduction(t);
      const batch = await signedBatch(t, await freeOwners(t, 2), 'promoted-once.csv');
      await t.engine.imports.push({ batchId: batch.batch_id }, cli);
      await promote(t, batch.batch_id);
      const before = await productionState(prod);
      const otherBefore = await other('SELECT COUNT(*) AS n FROM property_exemption');
      await expect(t.engine.imports.promote({ batchId: batch.batch_id, targetConnectionId: 'prod2', confirmTarget: 'prod2' }, ui)).rejects.toThrow(
        new RegExp(`^Batch ${batch.batch_id} was already promoted to "prod"\\.$`),
      );
      expect(await other('SELECT COUNT(*) AS n FROM property_exemption')).toEqual(otherBefore);
      expect(await other('SELECT * FROM import_promotions')).toEqual([]);
      expect(await productionState(prod)).toEqual(before);
      expect(await failedPromotions(t)).toBe(1);
    }));

  it('a built-in target whose recorded statement set is not the allowlisted one (the app store edited outside the app)', () =>
    withProduction(async (t, prod) => {
      const before = await productionState(prod);
      const batch = await signedBatch(t, await freeOwners(t, 2), 'edited-target.csv');
      await t.engine.imports.push({ batchId: batch.batch_id }, cli);
      const store = await SqliteDb.open(path.join(t.dir, 'app.sqlite'), { wal: true });
      try {
        await store.run("UPDATE promotion_targets SET procedure_name = 'dbo.other_proc' WHERE connection_id = 'prod'");
      } finally {
        await store.close();
      }
      await expect(promote(t, batch.batch_id)).rejects.toThrow(/^"dbo\.other_proc" is not an allowlisted statement set for exemptions\.$/);
      expect(await productionState(prod)).toEqual(before);
      // Audited as a refusal, not as a failure of the app.
      expect(await t.store(`SELECT outcome FROM ${AUDIT_CALLS} WHERE action = 'import.promote'`)).toEqual([{ outcome: 'refused' }]);
      const detail = await t.engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 1, rowsLimit: 0 });
      expect(detail.batch.status).toBe('pushed_to_training');
    }));

  it('a second promotion of the same batch while the first is running: the batch is busy promoting', () =>
    withProduction(async (t, prod) => {
      const before = await productionState(prod);
      const batch = await signedBatch(t, await freeOwners(t, 2), 'twice-at-once.csv');
      await t.engine.imports.push({ batchId: batch.batch_id }, cli);
      const outcomes = await Promise.allSettled([promote(t, batch.batch_id), promote(t, batch.batch_id)]);
      const done = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(done).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect((refused[0].reason as Error).message).toMatch(new RegExp(`^Batch ${batch.batch_id} is busy: promote started `));
      expect(await prod<{ n: number }>('SELECT COUNT(*) AS n FROM property_exemption')).toEqual([{ n: before.exemptions[0].n + 2 }]);
    }));

  it('but promotes the same kind of batch when it was pushed and is unchanged', () =>
    withProduction(async (t, prod) => {
      const before = await productionState(prod);
      const batch = await signedBatch(t, await freeOwners(t, 2), 'clean.csv');
      await t.engine.imports.push({ batchId: batch.batch_id }, cli);
      const result = await promote(t, batch.batch_id);
      expect(result).toMatchObject({ appliedRows: 2, alreadyPromoted: false });
      expect(await prod<{ n: number }>('SELECT COUNT(*) AS n FROM property_exemption')).toEqual([{ n: before.exemptions[0].n + 2 }]);
    }));
});
