import { z } from 'zod';

// The connection tools' answers; the desktop API answers with the same schemas. Imports zod only.

/** test_connection. */
export const testConnectionOutput = z.object({
  connection_id: z.string(),
  ok: z.boolean(),
  latency_ms: z.number(),
  server_version: z.string().optional(),
  failure: z.string().optional(),
  message: z.string(),
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
