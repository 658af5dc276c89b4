import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_CALLS } from '../../mcp/audit/audit-calls.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { addProductionTarget, freeOwners, openImportEngine, signedBatch, stagedAndValidated, exemptionRow, type ImportTestEngine } from '../helpers/import-fixtures.js';

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
      await expect(promote(t, batch.batch_id)).rejects.toThrow(/no longer what was signed off.*sign-off is void and the promotion was refused/s);
      expect(await productionState(prod)).toEqual(before);
      const detail = await t.engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 1, rowsLimit: 0 });
      expect(detail.history.at(-1)).toMatchObject({ action: 'signoff_voided' });
      expect(detail.batch.status).toBe('pushed_to_training');
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
