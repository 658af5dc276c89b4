import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { exportDiff } from './diff-export.js';
import { featureUnavailable } from './feature-unavailable.js';
import { uiAction } from './ui-audit.js';

export const SNAPSHOTS_AVAILABLE = false;

const unavailable = async (): Promise<never> => {
  throw featureUnavailable('snapshots');
};

export const snapshotsService: ApiHandlers<ServiceContext>['snapshots'] = {
  list: unavailable,
  create: unavailable,
  diff: unavailable,

  async diffRows(input, ctx) {
    const view = ctx.diffs.view(input.diff_id);
    return { offset: input.offset, rows: view.rows.slice(input.offset, input.offset + input.limit) };
  },

  async export(input, ctx) {
    const view = ctx.diffs.view(input.diff_id);
    return uiAction(
      ctx.engine,
      { action: 'snapshots.export', args: { base_snapshot_id: view.diff.base.snapshot_id, target_snapshot_id: view.diff.target.snapshot_id, format: input.format, filters: view.filters } },
      async () => exportDiff(view, input.format),
      () => view.rows.length,
    );
  },
};
