import { UnknownJobError, type JobRecord } from '../../mcp/jobs/job-runner.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';

function jobView(job: JobRecord) {
  return {
    job_id: job.job_id,
    kind: job.kind,
    status: job.status,
    target_table: job.target_table,
    source_connection_id: job.source_connection_id,
    rows: job.rows,
    progress: job.progress,
    error: job.error,
    result: job.result,
    created_at: job.created_at,
    finished_at: job.finished_at,
    duration_ms: job.duration_ms,
  };
}

/**
 * The app's view of the engine's jobs (`engine.jobs`): what the screens started (staging,
 * snapshots, lakehouse syncs) and what MCP started, all in the same job rows, of this tenant.
 */
export const jobsService: ApiHandlers<ServiceContext>['jobs'] = {
  async get(input, ctx) {
    const job = await ctx.engine.jobs.get(input.job_id);
    if (job.tenant_id !== ctx.engine.tenantId) throw new UnknownJobError(input.job_id);
    return jobView(job);
  },

  async list(input, ctx) {
    const jobs = await ctx.engine.jobs.list({ tenantId: ctx.engine.tenantId, kinds: input.kinds, limit: input.limit });
    return { jobs: jobs.map(jobView) };
  },
};
