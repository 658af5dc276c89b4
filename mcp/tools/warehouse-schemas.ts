import { z } from 'zod';
import { LAYERS } from '../lakehouse/names.js';

/** The desktop Lakehouse screen's table list: list_source_tables on the tenant's warehouse. Imports zod only. */
export const listTablesOutput = z.object({
  tenant_id: z.string(),
  warehouse_connection_id: z.string(),
  warehouse_kind: z.enum(['lakehouse', 'databricks']),
  tables: z.array(
    z.object({
      layer: z.enum(LAYERS),
      name: z.string(),
      qualified_name: z.string(),
      row_count: z.number().int().nullable(),
      column_count: z.number().int(),
      updated_at: z.string().nullable(),
      source: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
