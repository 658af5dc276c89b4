import type { ImportStore, SummaryRow } from './batch-store.js';
import type { RowError } from './import-errors.js';
import { importKind } from './import-kinds.js';

/** A batch as tools, the CLI and the app show it (snake_case, as the tools return it). */
export interface BatchSummary {
  batch_id: string;
  kind: string;
  status: string;
  file_name: string;
  file_format: string;
  file_sha256: string;
  file_bytes: number;
  encoding: string | null;
  delimiter: string | null;
  sheet_name: string | null;
  staged_count: number;
  error_count: number;
  error_row_count: number;
  valid_count: number;
  review_sha256: string | null;
  validated_connection_id: string | null;
  validated_at: string | null;
  created_at: string;
  created_by: string;
  signoff: { reviewer: string; signed_by: string; signed_at: string; sha256: string; note: string | null } | null;
  pushed: { connection_id: string; at: string; by: string } | null;
  promoted: { connection_id: string; at: string; by: string } | null;
  rejected_reason: string | null;
}

export function batchSummary(b: SummaryRow): BatchSummary {
  return {
    batch_id: b.batch_id,
    kind: b.kind,
    status: b.status,
    file_name: b.file_name,
    file_format: b.file_format,
    file_sha256: b.file_sha256,
    file_bytes: b.file_bytes,
    encoding: b.encoding,
    delimiter: b.delimiter,
    sheet_name: b.sheet_name,
    staged_count: b.staged_count,
    error_count: b.stage_error_count + b.validation_error_count,
    error_row_count: b.error_row_count,
    valid_count: b.staged_count - b.error_row_count,
    review_sha256: b.content_sha256,
    validated_connection_id: b.validated_connection_id,
    validated_at: b.validated_at,
    created_at: b.created_at,
    created_by: b.created_by,
    signoff: b.signoff_at ? { reviewer: b.signoff_reviewer ?? '', signed_by: b.signoff_by ?? '', signed_at: b.signoff_at, sha256: b.signoff_sha256 ?? '', note: b.signoff_note } : null,
    pushed: b.pushed_at ? { connection_id: b.pushed_connection_id ?? '', at: b.pushed_at, by: b.pushed_by ?? '' } : null,
    promoted: b.promoted_at ? { connection_id: b.promoted_connection_id ?? '', at: b.promoted_at, by: b.promoted_by ?? '' } : null,
    rejected_reason: b.rejected_reason,
  };
}

export interface BatchDetail {
  batch: BatchSummary;
  columns: { column: number; header: string; field: string }[];
  notes: string[];
  same_file_batches: string[];
  history: { at: string; actor: string; channel: string; client_name: string | null; action: string; from_status: string | null; to_status: string | null; detail: Record<string, unknown> }[];
  errors: RowError[];
  errors_offset: number;
  errors_total: number;
  errors_truncated: boolean;
  rows: { line: number; prop_id: number | null; values: Record<string, unknown> }[];
}

export interface BatchFilter {
  status?: string;
  kind?: string;
  limit: number;
  offset?: number;
}

export async function listBatches(store: ImportStore, filter: BatchFilter): Promise<{ batches: BatchSummary[]; total: number }> {
  const { batches, total } = await store.list(filter);
  return { batches: batches.map(batchSummary), total };
}

/** A batch with its history, a page of its errors and (optionally) its first rows, for review. */
export interface BatchDetailRequest {
  batchId: string;
  errorsOffset: number;
  errorsLimit: number;
  rowsLimit: number;
}

export async function getBatchDetail(store: ImportStore, request: BatchDetailRequest): Promise<BatchDetail> {
  const batch = await store.get(request.batchId);
  const errors = await store.errorsPage(batch, request.errorsOffset, request.errorsLimit);
  const total = batch.stage_error_count + batch.validation_error_count;
  const names = importKind(batch.kind).fields.map((f) => f.name);
  const rows: BatchDetail['rows'] = [];
  if (request.rowsLimit > 0) {
    const page = await store.db.all<{ line: number; prop_id: number | null; vals: string }>('SELECT line, prop_id, vals FROM import_rows WHERE batch_key = ? ORDER BY line LIMIT ?', [batch.batch_key, request.rowsLimit]);
    for (const r of page) {
      const values = JSON.parse(r.vals) as unknown[];
      rows.push({ line: r.line, prop_id: r.prop_id, values: Object.fromEntries(names.map((n, i) => [n, values[i] ?? null])) });
    }
  }
  return {
    batch: batchSummary(batch),
    columns: JSON.parse(batch.columns_json),
    notes: JSON.parse(batch.notes_json),
    same_file_batches: await store.sameFileBatches(batch),
    history: (await store.events(batch.batch_key)).map((e) => ({
      at: e.at,
      actor: e.actor,
      channel: e.channel,
      client_name: e.client_name,
      action: e.action,
      from_status: e.from_status,
      to_status: e.to_status,
      detail: JSON.parse(e.detail_json) as Record<string, unknown>,
    })),
    errors,
    errors_offset: request.errorsOffset,
    errors_total: total,
    errors_truncated: request.errorsOffset + errors.length < total,
    rows,
  };
}
