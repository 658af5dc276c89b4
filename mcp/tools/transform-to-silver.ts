import { z } from 'zod';
import { startTransform } from '../lakehouse/silver/transform-to-silver.js';
import { transformationsSchema } from '../lakehouse/silver/transform-spec.js';
import { jobShape, jobStructured, jobText, lakehouseJob } from './job-shape.js';
import { defineTool } from './tool.js';
import { warehouseArgs } from './warehouse-args.js';

const INLINE_WAIT_MS = 3_000;

export const transformToSilverTool = defineTool({
  name: 'transform_to_silver',
  title: 'Clean a bronze table into silver',
  toolset: 'lakehouse',
  description:
    'Builds silver.<silver_table> from a bronze table by a declared spec, validated against the bronze columns before any SQL is built: ' +
    'trim (true or columns), normalize_nulls ({values, columns}), cast ([{column, to: string|integer|bigint|double|boolean|date|timestamp|decimal(p,s), on_error: null|fail|drop_row}], failures counted), ' +
    'filter ([{column, op: eq|ne|lt|le|gt|ge|in|not_in|is_null|not_null|like, value|values}]), dedupe ({keys, order_by}), columns (keep list) and rename ({bronze: silver}). ' +
    'Steps run in that order; every column is named by its bronze name. Runs as a job: small tables finish within the call; otherwise poll get_job. ' +
    'The result reports rows in/out, duplicates removed, rows filtered out and, per cast, how many values did not convert with examples.',
  input: z.object({
    bronze_table: z.string().min(1).max(200).describe('e.g. "bronze.exemptions_2024" or "exemptions_2024".'),
    transformations: transformationsSchema,
    silver_table: z.string().min(1).max(128).optional().describe('Silver table name (default: the bronze table name).'),
    ...warehouseArgs,
  }),
  output: z.object({ ...jobShape, sql: z.string().describe('The compiled SELECT, in the warehouse dialect.') }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async handler(args, { engine }) {
    const { job, compiled } = await startTransform(engine, {
      bronzeTable: args.bronze_table,
      transformations: args.transformations,
      silverTable: args.silver_table,
      warehouseConnectionId: args.warehouse_connection_id,
      tenantId: args.tenant_id,
    });
    const now = lakehouseJob(await engine.jobs.waitFor(job.job_id, INLINE_WAIT_MS));
    // Rows in and out, and per cast the values that did not convert (with examples), are in result.
    return { structured: { ...jobStructured(now), sql: compiled.select }, text: jobText(now), connectionId: now.warehouse_connection_id, rowCount: now.rows };
  },
});
