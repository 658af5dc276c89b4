import { z } from 'zod';
import { startSync } from '../lakehouse/sync/sync-table.js';
import { connectionIdArg } from './common-schemas.js';
import { jobShape, jobStructured, lakehouseJob } from './job-shape.js';
import { defineTool } from './tool.js';
import { warehouseArgs } from './warehouse-args.js';

export const syncTableToBronzeTool = defineTool({
  name: 'sync_table_to_bronze',
  title: 'Sync a source table into the bronze layer',
  toolset: 'lakehouse',
  description:
    'Copies a table of a source connection into the bronze layer of the lakehouse (local Parquet + DuckDB by default, or a Databricks warehouse connection), as a job: ' +
    'it returns a job_id at once; poll get_job for progress and the result. sync_mode "full" reloads the table; "incremental" adds only rows whose watermark_column ' +
    'is greater than the last sync loaded (the first incremental sync loads everything). The source is only read.',
  input: z.object({
    connection_id: connectionIdArg.describe('Source connection to read (list_connections). Omit for the default training connection.'),
    table_name: z.string().min(1).max(256).describe('Source table, optionally schema-qualified, e.g. "property_val" or "dbo.property_val".'),
    sync_mode: z.enum(['full', 'incremental']).default('full'),
    watermark_column: z.string().min(1).max(128).optional().describe('For incremental syncs: a column that grows as rows are added or changed (an id or a last-modified date).'),
    bronze_table: z.string().min(1).max(128).optional().describe('Name of the bronze table (default: the source table name).'),
    ...warehouseArgs,
  }),
  output: z.object({ ...jobShape, table_name: z.string(), sync_mode: z.enum(['full', 'incremental']), connection_id: z.string() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  async handler(args, { engine }) {
    const { job, source } = await startSync(engine, {
      connectionId: args.connection_id,
      tableName: args.table_name,
      syncMode: args.sync_mode,
      watermarkColumn: args.watermark_column,
      warehouseConnectionId: args.warehouse_connection_id,
      tenantId: args.tenant_id,
      bronzeTable: args.bronze_table,
    });
    return {
      structured: { ...jobStructured(lakehouseJob(job)), table_name: args.table_name, sync_mode: args.sync_mode, connection_id: source.id },
      text: `Started job ${job.job_id}: ${args.sync_mode} sync of "${args.table_name}" from "${source.id}" into ${job.target_table}. Poll get_job with job_id "${job.job_id}" until status is succeeded or failed.`,
      connectionId: source.id,
    };
  },
});
