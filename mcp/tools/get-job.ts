import { z } from 'zod';
import { UserError } from '../util/user-error.js';
import { jobShape, jobStructured, jobText, lakehouseJob } from './job-shape.js';
import { defineTool, READ_ONLY } from './tool.js';

export const getJobTool = defineTool({
  name: 'get_job',
  title: 'Get a lakehouse job',
  toolset: 'lakehouse',
  description:
    'Status of a job started by sync_table_to_bronze, upload_file or transform_to_silver: queued, running (with progress), succeeded (rows, table, ' +
    'watermark, file sha256, duration) or failed (with the reason). A job whose server process stopped is reported failed, never left running.',
  input: z.object({ job_id: z.string().min(1).max(64).describe('The job_id a lakehouse tool returned.') }),
  output: z.object(jobShape),
  annotations: READ_ONLY,
  async handler(args, { engine }) {
    const job = lakehouseJob(await engine.jobs.get(args.job_id));
    if (job.tenant_id !== engine.tenantId) {
      throw new UserError('refused', `Job ${job.job_id} belongs to tenant "${job.tenant_id}"; this server serves tenant "${engine.tenantId}".`);
    }
    return { structured: jobStructured(job), text: jobText(job), connectionId: job.warehouse_connection_id, rowCount: job.rows };
  },
});
