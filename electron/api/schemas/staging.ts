import { z } from 'zod';
import { connectionId, isoTime, noInput, uploadedFile } from './common.js';

export const IMPORT_KINDS = ['exemptions', 'property_values'] as const;
export const BATCH_STATUSES = ['staged', 'validated', 'qa_signed', 'pushed_to_training', 'promoted', 'rejected'] as const;

const importKind = z.enum(IMPORT_KINDS);
const batchId = z.string().min(1).max(100);

export const importKindView = z.object({
  kind: importKind,
  title: z.string(),
  /** `required`: the file must have this column. */
  columns: z.array(z.object({ name: z.string(), required: z.boolean(), description: z.string() })),
  /** Each group needs at least one of its columns (a parcel by prop_id or by geo_id). */
  required_groups: z.array(z.array(z.string())),
});

export const stagingKinds = {
  input: noInput,
  output: z.object({ kinds: z.array(importKindView) }),
};

/** Column mapping: target column → the file's header that feeds it (null: not in the file). */
export const columnMapping = z.record(z.string().max(128), z.string().max(512).nullable());

export const stagingPreview = {
  input: uploadedFile.extend({ kind: importKind }),
  output: z.object({
    headers: z.array(z.string()),
    sample_rows: z.array(z.array(z.string())),
    suggested_mapping: columnMapping,
    /** Lines in the file including the header, when it is cheap to know. */
    line_count: z.number().nullable(),
  }),
};

export const stagingStart = {
  input: uploadedFile.extend({
    kind: importKind,
    connection_id: connectionId.optional(),
    mapping: columnMapping,
  }),
  output: z.object({ job_id: z.string() }),
};

export const rowError = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

export const batchSummary = z.object({
  batch_id: z.string(),
  kind: z.string(),
  file_name: z.string(),
  connection_id: z.string().nullable(),
  status: z.string(),
  staged_count: z.number().int(),
  error_count: z.number().int(),
  sha256: z.string(),
  created_at: isoTime,
  created_by: z.string().nullable(),
  signed_by: z.string().nullable(),
  signed_at: z.string().nullable(),
});

export const batchEvent = z.object({ at: isoTime, action: z.string(), by: z.string().nullable(), detail: z.string().nullable() });

export const stagingList = {
  input: noInput,
  output: z.object({ batches: z.array(batchSummary) }),
};

export const MAX_ERRORS_SHOWN = 200_000;

export const stagingGet = {
  input: z.object({ batch_id: batchId }),
  output: z.object({
    batch: batchSummary,
    errors: z.array(rowError),
    /** True when the batch has more errors than the screen is sent. */
    errors_truncated: z.boolean(),
    events: z.array(batchEvent),
    /** The sha256 a sign-off must name: the content exactly as reviewed. */
    review_sha256: z.string(),
  }),
};

export const stagingValidate = {
  input: z.object({ batch_id: batchId }),
  output: z.object({ batch: batchSummary }),
};

export const stagingSignoff = {
  input: z.object({
    batch_id: batchId,
    reviewer: z.string().trim().min(1, 'Enter the reviewer name.').max(200),
    note: z.string().max(2_000).default(''),
    /** What the reviewer saw; refused if the batch changed since. */
    review_sha256: z.string().min(1).max(128),
  }),
  output: z.object({ batch: batchSummary }),
};

export const stagingPush = {
  input: z.object({ batch_id: batchId }),
  output: z.object({ batch: batchSummary, pushed_rows: z.number().int() }),
};

export const stagingPromote = {
  input: z
    .object({
      batch_id: batchId,
      target_connection_id: connectionId,
      /** The user typed the target's id to confirm; it must match exactly. */
      confirm_target: z.string(),
    })
    .refine((v) => v.confirm_target === v.target_connection_id, {
      message: 'Type the target connection id exactly to confirm the promotion.',
      path: ['confirm_target'],
    }),
  output: z.object({ batch: batchSummary, promoted_rows: z.number().int() }),
};

export const stagingReject = {
  input: z.object({ batch_id: batchId, reason: z.string().trim().min(1, 'Say why the batch is rejected.').max(2_000) }),
  output: z.object({ batch: batchSummary }),
};
