import type { ImportEngine } from './import-engine.js';
import { actorFor, actorLabel, type Actor } from './actor.js';
import { assertSignoffHolds } from './batch-lifecycle.js';
import { recordEvent, type BatchRow, type ImportStore } from './batch-store.js';
import { ImportStateError } from './import-errors.js';
import type { RowValues } from './import-kind.js';
import { importKind } from './import-kinds.js';
import { promotionMode, promotionTarget, quotedProcedure } from './promotion-targets.js';
import { failureOutcome } from '../util/user-error.js';

export interface PromoteRequest {
  batchId: string;
  /** A production connection with an allowlisted promotion procedure for the batch's kind. */
  targetConnectionId: string;
  /** What the person typed to confirm: must be the target connection id, exactly. */
  confirmTarget: string;
}

export interface PromoteResult {
  batch: BatchRow;
  targetConnectionId: string;
  procedure: string;
  /** Rows the target changed (built-in statements); what the procedure reported on SQL Server. */
  appliedRows: number;
  /** The batch was already promoted there: nothing ran twice. */
  alreadyPromoted: boolean;
}

/**
 * Promotes a QA-signed batch that was pushed to training into a production connection — the only
 * write to production there is, for the desktop app alone: it is not an MCP tool and no CLI
 * command calls it. Runs only the target's allowlisted procedure (SQL Server: EXEC with the batch
 * id as a parameter) or built-in statements (SQLite/PostgreSQL), needs a confirmation naming the
 * target, and is idempotent by batch id on both sides.
 */
export async function promoteBatch(engine: ImportEngine, store: ImportStore, request: PromoteRequest, actor: Actor = actorFor('ui')): Promise<PromoteResult> {
  const started = performance.now();
  try {
    const result = await promote(engine, store, request, actor);
    return result;
  } catch (err) {
    await engine.audit
      .record({ channel: actor.channel, clientName: actor.clientName, action: 'import.promote', args: { batch_id: request.batchId, target: request.targetConnectionId }, connectionId: request.targetConnectionId, outcome: failureOutcome(err), error: (err as Error).message, durationMs: performance.now() - started })
      .catch(() => undefined);
    throw err;
  }
}

async function promote(engine: ImportEngine, store: ImportStore, request: PromoteRequest, actor: Actor): Promise<PromoteResult> {
  const started = performance.now();
  const target = request.targetConnectionId;
  if (request.confirmTarget !== target) throw new ImportStateError(`To promote, confirm by typing the target connection id "${target}" exactly.`, 'refused');
  const batch = await store.get(request.batchId);
  const kind = importKind(batch.kind);
  if (batch.status === 'promoted') {
    if (batch.promoted_connection_id !== target) throw new ImportStateError(`Batch ${batch.batch_id} was already promoted to "${batch.promoted_connection_id}".`);
    const configured = await promotionTarget(engine, target, kind.name);
    return { batch, targetConnectionId: target, procedure: configured?.procedure_name ?? '', appliedRows: 0, alreadyPromoted: true };
  }
  if (batch.status !== 'pushed_to_training') {
    throw new ImportStateError(`Batch ${batch.batch_id} is ${batch.status}; only a QA-signed batch that was pushed to training can be promoted.`);
  }
  const record = await engine.connections.get(target);
  if (record.role !== 'production') throw new ImportStateError(`Connection "${record.id}" is role ${record.role}: promotion goes to a production connection.`, 'refused');
  const mode = promotionMode(record);
  const configured = await promotionTarget(engine, record.id, kind.name);
  if (!mode || !configured) {
    throw new ImportStateError(`No promotion procedure is allowlisted for ${kind.name} batches on "${record.id}". An administrator configures it in the PACS MCP desktop app.`, 'refused');
  }
  if (mode === 'builtin' && configured.procedure_name !== kind.promotion.builtinName) throw new ImportStateError(`"${configured.procedure_name}" is not an allowlisted statement set for ${kind.name}.`, 'refused');
  const { connector } = await engine.source(record.id);
  if (connector.family !== 'database') throw new ImportStateError(`Connection "${record.id}" (${record.kind}) is a warehouse; promotions go to a PACS production database.`, 'invalid');

  await store.claim(batch, 'promote', actor);
  try {
    await assertSignoffHolds(store, batch, actor, 'promotion');
    const skip = await store.errorLines(batch.batch_key, [0, batch.validation_run]);
    const promotedBy = actor.user.slice(0, 100);
    const outcome = await connector.promotionTransaction(async (tx) => {
      if (mode === 'procedure') {
        const { rowsAffected } = await tx.execute(`EXEC ${quotedProcedure(configured.procedure_name)} @batch_id = ?, @review_sha256 = ?, @promoted_by = ?`, [batch.batch_id, batch.signoff_sha256, promotedBy]);
        return { already: false, applied: rowsAffected };
      }
      const done = await tx.query('SELECT batch_id FROM import_promotions WHERE batch_id = ?', [batch.batch_id]);
      if (done.length > 0) return { already: true, applied: 0 };
      let applied = 0;
      for await (const page of store.valuePages(batch.batch_key)) {
        for (const [line, propId, values] of page) {
          if (skip.has(line)) continue;
          applied += await kind.promotion.apply(tx, { line, values: values as RowValues, propId, hasStageErrors: false });
        }
      }
      await tx.execute('INSERT INTO import_promotions (batch_id, kind, review_sha256, applied_count, promoted_by) VALUES (?, ?, ?, ?, ?)', [batch.batch_id, kind.name, batch.signoff_sha256, applied, promotedBy]);
      return { already: false, applied };
    });
    await store.db.transaction(async (tx) => {
      const at = new Date().toISOString();
      await tx.run("UPDATE import_batches SET status = 'promoted', promoted_connection_id = ?, promoted_at = ?, promoted_by = ?, updated_at = ? WHERE batch_key = ?", [record.id, at, actorLabel(actor), at, batch.batch_key]);
      await recordEvent(tx, batch.batch_key, actor, 'promoted', 'pushed_to_training', 'promoted', { connection_id: record.id, procedure: configured.procedure_name, applied_rows: outcome.applied, already_in_target: outcome.already });
      await engine.audit.appendWithin(tx, {
        channel: actor.channel,
        clientName: actor.clientName,
        action: 'import.promote',
        args: { batch_id: batch.batch_id, target: record.id, procedure: configured.procedure_name, review_sha256: batch.signoff_sha256 },
        connectionId: record.id,
        outcome: 'ok',
        rowCount: outcome.applied,
        durationMs: performance.now() - started,
      });
      await store.release(batch.batch_key, tx);
    });
    return { batch: await store.getByKey(batch.batch_key), targetConnectionId: record.id, procedure: configured.procedure_name, appliedRows: outcome.applied, alreadyPromoted: outcome.already };
  } catch (err) {
    await store.release(batch.batch_key).catch(() => undefined);
    throw err;
  }
}
