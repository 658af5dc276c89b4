import { searchAudit, type AuditFilter } from '../../mcp/audit/audit-query.js';
import { csvLine } from '../../mcp/util/csv-format.js';
import { fileNamePart } from '../../mcp/util/file-name-part.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { uiAction } from './ui-audit.js';

const EXPORT_CAP = 100_000;
const COLUMNS = ['seq', 'at', 'os_user', 'channel', 'client_name', 'client_version', 'action', 'args_json', 'connection_id', 'outcome', 'error', 'row_count', 'duration_ms', 'prev_hash', 'hash', 'started_seq'];

/** The API's filter (its fields named as the audit columns) in the engine's words. */
function engineFilter({ connection_id: connectionId, ...rest }: Omit<AuditFilter, 'connectionId'> & { connection_id?: string }): AuditFilter {
  return { ...rest, connectionId };
}

export const auditService: ApiHandlers<ServiceContext>['audit'] = {
  async list(input, ctx) {
    const { rows, total } = await searchAudit(ctx.engine.store, engineFilter(input.filter), input.limit);
    return { rows, total, truncated: total > rows.length };
  },

  async verify(_input, ctx) {
    return uiAction(ctx.engine, { action: 'audit.verify', args: {} }, () => ctx.engine.audit.verify());
  },

  async export(input, ctx) {
    const { rows } = await uiAction(ctx.engine, { action: 'audit.export', args: { filter: input.filter, format: input.format } }, () => searchAudit(ctx.engine.store, engineFilter(input.filter), EXPORT_CAP), (r) => r.rows.length);
    const stamp = fileNamePart(new Date().toISOString().slice(0, 19));
    if (input.format === 'json') {
      return { file_name: `pacs-audit-${stamp}.json`, mime: 'application/json', content: JSON.stringify(rows, null, 2) + '\n' };
    }
    return { file_name: `pacs-audit-${stamp}.csv`, mime: 'text/csv', content: csvLine(COLUMNS) + rows.map((row) => csvLine(COLUMNS.map((c) => (row as unknown as Record<string, unknown>)[c]))).join('') };
  },
};
