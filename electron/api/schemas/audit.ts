import { z } from 'zod';
import { downloadable, noInput } from './common.js';

export const AUDIT_CHANNELS = ['mcp', 'cli', 'ui', 'http'] as const;
/** `started`: the row a call writes before its work; its completion row names it in started_seq. */
export const AUDIT_OUTCOMES = ['ok', 'error', 'refused', 'started'] as const;

export const auditFilter = z.object({
  text: z.string().max(200).optional(),
  action: z.string().max(200).optional(),
  channel: z.enum(AUDIT_CHANNELS).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  connection_id: z.string().max(64).optional(),
  /** ISO dates or times, inclusive. */
  since: z.string().max(40).optional(),
  until: z.string().max(40).optional(),
});

export const auditRowView = z.object({
  seq: z.number().int(),
  at: z.string(),
  os_user: z.string(),
  channel: z.string(),
  client_name: z.string().nullable(),
  client_version: z.string().nullable(),
  action: z.string(),
  args_json: z.string(),
  connection_id: z.string().nullable(),
  outcome: z.string(),
  error: z.string().nullable(),
  row_count: z.number().nullable(),
  duration_ms: z.number(),
  prev_hash: z.string(),
  hash: z.string(),
  started_seq: z.number().int().nullable(),
});

export const MAX_AUDIT_PAGE = 5_000;

export const auditList = {
  input: z.object({ filter: auditFilter.default({}), limit: z.number().int().min(1).max(MAX_AUDIT_PAGE).default(1_000) }),
  output: z.object({ rows: z.array(auditRowView), total: z.number().int(), truncated: z.boolean() }),
};

export const auditVerify = {
  input: noInput,
  output: z.object({
    ok: z.boolean(),
    rows: z.number().int(),
    problems: z.array(z.string()),
    keyed: z.boolean(),
    anchored_seq: z.number().int().nullable(),
    incomplete: z.array(z.number().int()),
  }),
};

export const auditExport = {
  input: z.object({ filter: auditFilter.default({}), format: z.enum(['csv', 'json']) }),
  output: downloadable,
};
