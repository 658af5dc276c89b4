import { z } from 'zod';
import { LAKEHOUSE_JOB_KINDS } from '../jobs/job-kinds.js';
import { UserError } from '../util/user-error.js';
import { jobShape, jobStructured, jobText, lakehouseJob, snapshotJob, snapshotJobStructured, snapshotJobText } from './job-shape.js';
import { defineTool, READ_ONLY } from './tool.js';

export const getJobTool = defineTool({
  name: 'get_job',
  title: 'Get a job',
  // Snapshots answer with a job too when they take long: listed with either set, its jobs can be followed.
  toolset: 'lakehouse',
  alsoListedWith: ['snapshots'],
  description:
    'Status of a job started by sync_table_to_bronze, upload_file, transform_to_silver or export_parcel_snapshot: queued, running (with progress), succeeded (rows, table, ' +
    'watermark, file sha256, duration; for a snapshot its snapshot_id) or failed (with the reason). A job whose server process stopped is reported failed, never left running.',
  input: z.object({ job_id: z.string().min(1).max(64).describe('The job_id a lakehouse or snapshot tool returned.') }),
  output: z.object({
    ...jobShape,
    kind: z.enum([...LAKEHOUSE_JOB_KINDS, 'snapshot']),
    target_table: z.string().nullable().describe('The table the job writes (bronze for syncs and uploads, silver for transforms); null for a snapshot.'),
    warehouse_connection_id: z.string().nullable(),
  }),
  annotations: READ_ONLY,
  async handler(args, { engine }) {
    const record = await engine.jobs.get(args.job_id);
    if (record.tenant_id !== engine.tenantId) {
      throw new UserError('refused', `Job ${record.job_id} belongs to tenant "${record.tenant_id}"; this server serves tenant "${engine.tenantId}".`);
    }
    if (record.kind === 'snapshot') {
      const job = snapshotJob(record);
      return { structured: snapshotJobStructured(job), text: snapshotJobText(job), connectionId: job.source_connection_id, rowCount: job.rows };
    }
    const job = lakehouseJob(record);
    return { structured: jobStructured(job), text: jobText(job), connectionId: job.warehouse_connection_id, rowCount: job.rows };
  },
});
