import { z } from 'zod';

// The connection tools' answers; the desktop API answers with the same schemas. Imports zod only.

/** What `pacs-mcp doctor` reports about a PACS database (mcp/doctor/doctor.ts). */
export const doctorReportOutput = z.object({
  connection_id: z.string(),
  kind: z.string(),
  role: z.string(),
  connected: z.boolean(),
  message: z.string(),
  version: z.string().nullable(),
  settings: z.array(z.object({ name: z.string(), value: z.string(), ok: z.boolean(), note: z.string().optional() })),
  checked: z.object({ tables: z.number().int(), columns: z.number().int(), rights: z.number().int() }),
  problems: z.array(z.object({ subject: z.string(), problem: z.string(), operations: z.array(z.string()) })),
  warnings: z.array(z.string()),
  operations: z.array(z.object({ name: z.string(), status: z.enum(['works', 'fails', 'not_here']), reasons: z.array(z.string()) })),
});

/** test_connection. */
export const testConnectionOutput = z.object({
  connection_id: z.string(),
  ok: z.boolean(),
  latency_ms: z.number(),
  server_version: z.string().optional(),
  failure: z.string().optional(),
  message: z.string(),
  /** With compatibility: true, what doctor found. */
  compatibility: doctorReportOutput.optional(),
});

/** list_source_tables. `catalog` is the connection id; the rest is there on warehouse tables only. */
export const listSourceTablesOutput = z.object({
  connection_id: z.string(),
  tables: z.array(
    z.object({
      catalog: z.string(),
      schema: z.string(),
      name: z.string(),
      type: z.enum(['table', 'view']),
      qualified_name: z.string().optional(),
      row_count: z.number().int().nullable().optional(),
      column_count: z.number().int().optional(),
      updated_at: z.string().nullable().optional(),
      source: z.record(z.string(), z.unknown()).nullable().optional(),
    }),
  ),
});
