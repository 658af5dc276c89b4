import { z } from 'zod';
import { LAYERS } from '../../../mcp/lakehouse/names.js';
import { listSourceTablesOutput } from '../../../mcp/tools/connection-schemas.js';
import { listTablesOutput } from '../../../mcp/tools/warehouse-schemas.js';
import { connectionId } from './common.js';
const tableName = z.string().trim().min(1, 'Pick a source table.').max(256);
const columnName = z.string().trim().min(1).max(128);

export const lakehouseSourceTables = {
  input: z.object({ connection_id: connectionId }),
  output: z.object({ connection_id: z.string(), tables: z.array(listSourceTablesOutput.shape.tables.element.omit({ catalog: true })) }),
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
  input: z.object({ layer: z.enum(LAYERS).optional() }),
  // The screen's table rows are the warehouse's list_source_tables rows without where each came from.
  output: listTablesOutput.extend({ tables: z.array(listTablesOutput.shape.tables.element.omit({ source: true })) }),
};
