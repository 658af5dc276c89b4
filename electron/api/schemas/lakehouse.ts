import { z } from 'zod';
import { connectionId } from './common.js';

export const LAKE_LAYERS = ['bronze', 'silver', 'gold'] as const;
const tableName = z.string().trim().min(1, 'Pick a source table.').max(256);
const columnName = z.string().trim().min(1).max(128);

export const lakehouseSourceTables = {
  input: z.object({ connection_id: connectionId }),
  output: z.object({ connection_id: z.string(), tables: z.array(z.object({ schema: z.string(), name: z.string(), type: z.enum(['table', 'view']) })) }),
};

export const lakehouseSync = {
  input: z
    .object({
      connection_id: connectionId,
      table_name: tableName,
      sync_mode: z.enum(['full', 'incremental']).default('full'),
      watermark_column: columnName.optional(),
    })
    .refine((v) => v.sync_mode === 'full' || v.watermark_column !== undefined, { message: 'An incremental sync needs a watermark column (an id or a last-modified date).', path: ['watermark_column'] }),
  output: z.object({ job_id: z.string(), target_table: z.string() }),
};

export const lakehouseTables = {
  input: z.object({ layer: z.enum(LAKE_LAYERS).optional() }),
  output: z.object({
    tenant_id: z.string(),
    warehouse_connection_id: z.string(),
    warehouse_kind: z.string(),
    tables: z.array(
      z.object({
        layer: z.enum(LAKE_LAYERS),
        name: z.string(),
        qualified_name: z.string(),
        row_count: z.number().nullable(),
        column_count: z.number(),
        updated_at: z.string().nullable(),
      }),
    ),
  }),
};
