import { actorFor } from '../../mcp/imports/actor.js';
import type { BatchRow } from '../../mcp/imports/batch-store.js';
import { batchSummary, type BatchSummary } from '../../mcp/imports/batch-view.js';
import { mapChosenHeader } from '../../mcp/imports/header-mapping.js';
import { IMPORT_KINDS, importKind } from '../../mcp/imports/import-kinds.js';
import { previewImport } from '../../mcp/imports/import-preview.js';
import { MAX_ERRORS_SHOWN } from '../api/schemas/staging.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { UI_CALLER, uiAction } from './ui-audit.js';

const actor = () => actorFor('ui', UI_CALLER.clientName);

/** A batch as the screens list it. */
function summary(b: BatchSummary) {
  return {
    batch_id: b.batch_id,
    kind: b.kind,
    file_name: b.file_name,
    connection_id: b.pushed?.connection_id ?? b.validated_connection_id,
    status: b.status,
    staged_count: b.staged_count,
    error_count: b.error_count,
    sha256: b.file_sha256,
    created_at: b.created_at,
    created_by: b.created_by,
    signed_by: b.signoff?.reviewer ?? null,
    signed_at: b.signoff?.signed_at ?? null,
  };
}

const rowSummary = (b: BatchRow) => summary(batchSummary(b));

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
    const args = { file_name: input.file_name, kind: input.kind, connection_id: input.connection_id ?? null };
    const job = await engine.jobs.start({ kind: 'staging', tenantId: engine.tenantId, sourceConnectionId: input.connection_id ?? null, args }, (run) =>
      uiAction(engine, { action: 'staging.start', args, connectionId: input.connection_id ?? null }, async () => {
        const staged = await engine.imports.stage({ kind: input.kind, file_content: input.content_base64, content_encoding: 'base64', file_name: input.file_name, mapping: input.mapping }, actor(), {
          signal: run.signal,
          onProgress: (rows) => run.progress(rows, null, `${rows.toLocaleString('en-US')} rows staged`),
        });
        run.progress(staged.staged_count, staged.staged_count, 'Validating against the training source');
        await engine.imports.validate({ batchId: staged.batch_id, connectionId: input.connection_id }, actor(), { signal: run.signal });
        return { rows: staged.staged_count, result: { batch_id: staged.batch_id } };
      }),
    );
    return { job_id: job.job_id };
  },

  list: async (_input, ctx) => {
    const { batches } = await ctx.engine.imports.list({ limit: 500 });
    return { batches: batches.map(summary) };
  },

  async get(input, ctx) {
    const detail = await ctx.engine.imports.detail({ batchId: input.batch_id, errorsOffset: 0, errorsLimit: MAX_ERRORS_SHOWN, rowsLimit: 0 });
    return {
      batch: summary(detail.batch),
      errors: detail.errors,
      errors_truncated: detail.errors_truncated,
      events: detail.history.map((h) => ({ at: h.at, action: h.action, by: h.client_name ? `${h.actor} (${h.channel}: ${h.client_name})` : `${h.actor} (${h.channel})`, detail: Object.keys(h.detail).length ? JSON.stringify(h.detail) : null })),
      review_sha256: detail.batch.review_sha256 ?? '',
    };
  },

  validate: (input, ctx) =>
    uiAction(ctx.engine, { action: 'staging.validate', args: input }, async () => ({ batch: rowSummary((await ctx.engine.imports.validate({ batchId: input.batch_id }, actor())).batch) })),

  signoff: (input, ctx) =>
    uiAction(ctx.engine, { action: 'staging.signoff', args: { batch_id: input.batch_id, reviewer: input.reviewer, review_sha256: input.review_sha256 } }, async () => ({
      batch: rowSummary(await ctx.engine.imports.signoff({ batchId: input.batch_id, reviewer: input.reviewer, reviewedSha256: input.review_sha256, note: input.note || undefined }, actor())),
    })),

  push: (input, ctx) =>
    uiAction(
      ctx.engine,
      { action: 'staging.push', args: input },
      async () => {
        const result = await ctx.engine.imports.push({ batchId: input.batch_id }, actor());
        return { batch: rowSummary(result.batch), pushed_rows: result.pushedRows };
      },
      (r) => r.pushed_rows,
    ),

  // Audited by the engine itself (import.promote, refused or not): the one write to production.
  async promote(input, ctx) {
    const result = await ctx.engine.imports.promote({ batchId: input.batch_id, targetConnectionId: input.target_connection_id, confirmTarget: input.confirm_target }, actor());
    return { batch: rowSummary(result.batch), promoted_rows: result.appliedRows };
  },

  reject: (input, ctx) =>
    uiAction(ctx.engine, { action: 'staging.reject', args: input }, async () => ({ batch: rowSummary(await ctx.engine.imports.reject({ batchId: input.batch_id, reason: input.reason }, actor())) })),
};
