import { z } from 'zod';
import { jobShape, jobStructured, jobText, lakehouseJob } from './job-shape.js';
import { asToolError } from './lakehouse-errors.js';
import { defineTool, READ_ONLY, ToolError } from './tool.js';

export const getJobTool = defineTool({
  name: 'get_job',
  title: 'Get a lakehouse job',
  description:
    'Status of a job started by sync_table_to_bronze, upload_file or transform_to_silver: queued, running (with progress), succeeded (rows, table, ' +
    'watermark, file sha256, duration) or failed (with the reason). A job whose server process stopped is reported failed, never left running.',
  input: z.object({ job_id: z.string().min(1).max(64).describe('The job_id a lakehouse tool returned.') }),
  output: z.object(jobShape),
  annotations: READ_ONLY,
  async handler(args, { engine }) {
    const job = await engine.jobs.get(args.job_id).then(lakehouseJob).catch((err: unknown) => {
      throw asToolError(err);
    });
    if (job.tenant_id !== engine.tenantId) {
      throw new ToolError(`Job ${job.job_id} belongs to tenant "${job.tenant_id}"; this server serves tenant "${engine.tenantId}".`, 'refused');
    }
    return { structured: jobStructured(job), text: jobText(job), connectionId: job.warehouse_connection_id, rowCount: job.rows };
  },
});
