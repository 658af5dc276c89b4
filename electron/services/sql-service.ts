import { querySqlTool } from '../../mcp/tools/query-sql.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { runToolForUi } from './run-tool.js';

/** The read-only SQL console is query_sql: the same guard, database-level read-only, cap and timeout. */
export const sqlService: ApiHandlers<ServiceContext>['sql'] = {
  async run(input, ctx) {
    return runToolForUi(ctx.engine, querySqlTool, { connection_id: input.connection_id, sql: input.sql, max_rows: input.max_rows });
  },
};
