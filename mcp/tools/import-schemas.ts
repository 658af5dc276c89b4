import { z } from 'zod';
import type { Engine } from '../engine.js';
import { resolveModelFilePath } from '../imports/import-folders.js';
import { MAX_IMPORT_BYTES } from '../imports/import-input.js';
import { MAX_INLINE_FILE_CHARS } from '../util/message-limits.js';

/** file_path, or file_content + file_name. */
export const fileArgs = {
  file_path: z
    .string()
    .min(1)
    .max(4_096)
    .optional()
    .describe('Path of a .csv/.tsv/.txt/.xlsx file in one of the import folders the user set (a relative path is taken in the first of them). Files elsewhere are not read.'),
  file_content: z
    .string()
    .max(MAX_INLINE_FILE_CHARS)
    .optional()
    .describe(`The file itself instead of a path: CSV text, or base64 bytes of an .xlsx with content_encoding "base64" (at most ${MAX_INLINE_FILE_CHARS / 1024 ** 2} MiB of text; larger files go in an import folder).`),
  file_name: z.string().min(1).max(255).optional().describe('Name of the file whose content is given, e.g. "exemptions-2026.csv" (its extension tells CSV from XLSX).'),
  content_encoding: z.enum(['text', 'base64']).default('text'),
};

/** The model's file_path, checked and resolved inside the import folders (see import-folders.ts); other arguments unchanged. */
export async function withCheckedFilePath<T extends { file_path?: string }>(engine: Engine, args: T): Promise<T> {
  if (args.file_path === undefined) return args;
  return { ...args, file_path: await resolveModelFilePath(engine, args.file_path, { maxBytes: MAX_IMPORT_BYTES }) };
}

/** JSON-schema form of "file_path, or file_content with file_name" for clients that read it. */
export const FILE_ARGS_ONE_OF = { anyOf: [{ required: ['file_path'] }, { required: ['file_content', 'file_name'] }] };

export const maxErrorsArg = z.number().int().min(0).max(1_000).default(50).describe('How many errors to return (first by line; get_import_batch pages the rest).');

export const rowErrorShape = z.object({ line: z.number().int(), column: z.string().nullable(), code: z.string(), message: z.string() });

export const batchSummaryShape = z.object({
  batch_id: z.string(),
  kind: z.string(),
  status: z.string(),
  file_name: z.string(),
  file_format: z.string(),
  file_sha256: z.string(),
  file_bytes: z.number().int(),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheet_name: z.string().nullable(),
  staged_count: z.number().int(),
  error_count: z.number().int(),
  error_row_count: z.number().int(),
  valid_count: z.number().int(),
  review_sha256: z.string().nullable(),
  validated_connection_id: z.string().nullable(),
  validated_at: z.string().nullable(),
  created_at: z.string(),
  created_by: z.string(),
  signoff: z.object({ reviewer: z.string(), signed_by: z.string(), signed_at: z.string(), sha256: z.string(), note: z.string().nullable() }).nullable(),
  pushed: z.object({ connection_id: z.string(), at: z.string(), by: z.string() }).nullable(),
  promoted: z.object({ connection_id: z.string(), at: z.string(), by: z.string() }).nullable(),
  rejected_reason: z.string().nullable(),
});

/** What stage_import and validate_import return. */
export const batchResultShape = z.object({
  batch_id: z.string(),
  kind: z.string(),
  status: z.string(),
  staged_count: z.number().int(),
  error_count: z.number().int(),
  error_row_count: z.number().int(),
  valid_count: z.number().int(),
  errors: z.array(rowErrorShape),
  errors_truncated: z.boolean(),
  file_name: z.string(),
  file_sha256: z.string(),
  review_sha256: z.string().nullable(),
  validated_connection_id: z.string().nullable(),
  notes: z.array(z.string()),
});

