import type { Engine } from '../../mcp/engine.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { rejectBatch, signoffBatch } from '../../mcp/imports/batch-lifecycle.js';
import { ImportStore, type BatchRow } from '../../mcp/imports/batch-store.js';
import { getBatchDetail, listBatches } from '../../mcp/imports/batch-view.js';
import { mapChosenHeader } from '../../mcp/imports/header-mapping.js';
import { IMPORT_KINDS, importKind } from '../../mcp/imports/import-kinds.js';
import { previewImport } from '../../mcp/imports/import-preview.js';
import { promoteBatch } from '../../mcp/imports/promotion.js';
import { pushBatch } from '../../mcp/imports/push-batch.js';
import { stageImport } from '../../mcp/imports/stage-batch.js';
import { validateImport } from '../../mcp/imports/validate-batch.js';
import { MAX_ERRORS_SHOWN } from '../api/schemas/staging.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { UI_CALLER, uiAction } from './ui-audit.js';

const actor = () => actorFor('ui', UI_CALLER.clientName);

/** A batch as the screens list it. */
function summary(b: BatchRow) {
  return {
    batch_id: b.batch_id,
    kind: b.kind,
    file_name: b.file_name,
    connection_id: b.pushed_connection_id ?? b.validated_connection_id,
    status: b.status,
    staged_count: b.staged_count,
    error_count: b.stage_error_count + b.validation_error_count,
    sha256: b.file_sha256,
    created_at: b.created_at,
    created_by: b.created_by,
    signed_by: b.signoff_reviewer,
    signed_at: b.signoff_at,
  };
}

async function batchRow(engine: Engine, batchId: string): Promise<BatchRow> {
  const store = await ImportStore.open(engine, actor());
  try {
    return await store.get(batchId);
  } finally {
    await store.close();
  }
}

/**
 * The desktop app's import screens over the engine's import functions: the same staging,
 * validation, sign-off and push the CLI and MCP use, and promotion, which only this service reaches.
 */
export const stagingService: ApiHandlers<ServiceContext>['staging'] = {
  kinds: async () => ({
    kinds: Object.values(IMPORT_KINDS).map((k) => ({
      kind: k.name,
      title: k.title,
      columns: k.fields.map((f) => ({ name: f.name, required: Boolean(f.required) || k.requiredColumns.some((g) => g.length === 1 && g[0] === f.name), description: f.description })),
      required_groups: k.requiredColumns.filter((g) => g.length > 1).map((g) => [...g]),
    })),
  }),

  async preview(input) {
    const p = await previewImport(input.kind, { file_content: input.content_base64, content_encoding: 'base64', file_name: input.file_name });
    return { headers: p.headers, sample_rows: p.sample_rows, suggested_mapping: p.suggested_mapping, line_count: p.line_count };
  },

  start: async (input, ctx) => {
    const engine = ctx.engine;
    // The file and the mapping are checked up front, so a bad one fails the call, not the job.
    const preview = await previewImport(input.kind, { file_content: input.content_base64, content_encoding: 'base64', file_name: input.file_name }, 0);
    const kind = importKind(input.kind);
    mapChosenHeader(preview.headers, kind.fields, kind.requiredColumns, input.mapping, 1, kind.title);
    const jobId = ctx.jobs.start('staging', async (report) =>
      uiAction(engine, { action: 'staging.start', args: { file_name: input.file_name, kind: input.kind, connection_id: input.connection_id ?? null }, connectionId: input.connection_id ?? null }, async () => {
        const staged = await stageImport(engine, { kind: input.kind, file_content: input.content_base64, content_encoding: 'base64', file_name: input.file_name, mapping: input.mapping }, actor(), {
          onProgress: (rows) => report(rows, null, `${rows.toLocaleString('en-US')} rows staged`),
        });
        report(staged.staged_count, staged.staged_count, 'Validating against the training source');
        await validateImport(engine, { batchId: staged.batch_id, connectionId: input.connection_id }, actor());
        return { batch_id: staged.batch_id };
      }),
    );
    return { job_id: jobId };
  },

  list: async (_input, ctx) => {
    const { batches } = await listBatches(ctx.engine, { limit: 500 }, actor());
    const rows = await Promise.all(batches.map((b) => batchRow(ctx.engine, b.batch_id)));
    return { batches: rows.map(summary) };
  },

  async get(input, ctx) {
    const detail = await getBatchDetail(ctx.engine, { batchId: input.batch_id, errorsOffset: 0, errorsLimit: MAX_ERRORS_SHOWN, rowsLimit: 0 }, actor(), (k) => importKind(k).fields.map((f) => f.name));
    const row = await batchRow(ctx.engine, input.batch_id);
    return {
      batch: summary(row),
      errors: detail.errors,
      errors_truncated: detail.errors_truncated,
      events: detail.history.map((h) => ({ at: h.at, action: h.action, by: h.client_name ? `${h.actor} (${h.channel}: ${h.client_name})` : `${h.actor} (${h.channel})`, detail: Object.keys(h.detail).length ? JSON.stringify(h.detail) : null })),
      review_sha256: row.content_sha256 ?? '',
    };
  },

  validate: (input, ctx) =>
    uiAction(ctx.engine, { action: 'staging.validate', args: input }, async () => ({ batch: summary((await validateImport(ctx.engine, { batchId: input.batch_id }, actor())).batch) })),

  signoff: (input, ctx) =>
    uiAction(ctx.engine, { action: 'staging.signoff', args: { batch_id: input.batch_id, reviewer: input.reviewer, review_sha256: input.review_sha256 } }, async () => ({
      batch: summary(await signoffBatch(ctx.engine, { batchId: input.batch_id, reviewer: input.reviewer, reviewedSha256: input.review_sha256, note: input.note || undefined }, actor())),
    })),

  push: (input, ctx) =>
    uiAction(
      ctx.engine,
      { action: 'staging.push', args: input },
      async () => {
        const result = await pushBatch(ctx.engine, { batchId: input.batch_id }, actor());
        return { batch: summary(result.batch), pushed_rows: result.pushedRows };
      },
      (r) => r.pushed_rows,
    ),

  // Audited by the engine itself (import.promote, refused or not): the one write to production.
  async promote(input, ctx) {
    const result = await promoteBatch(ctx.engine, { batchId: input.batch_id, targetConnectionId: input.target_connection_id, confirmTarget: input.confirm_target }, actor());
    return { batch: summary(result.batch), promoted_rows: result.appliedRows };
  },

  reject: (input, ctx) =>
    uiAction(ctx.engine, { action: 'staging.reject', args: input }, async () => ({ batch: summary(await rejectBatch(ctx.engine, { batchId: input.batch_id, reason: input.reason }, actor())) })),
};
