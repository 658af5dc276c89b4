export const JOB_KINDS = ['sync', 'upload', 'transform', 'staging', 'snapshot', 'diff'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** The kinds the lakehouse tools start and get_job reports. */
export const LAKEHOUSE_JOB_KINDS = ['sync', 'upload', 'transform'] as const satisfies readonly JobKind[];
export type LakehouseJobKind = (typeof LAKEHOUSE_JOB_KINDS)[number];

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
