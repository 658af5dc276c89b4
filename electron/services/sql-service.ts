import { QueryCancelledError } from '../../mcp/connectors/connector.js';
import { describeTableTool } from '../../mcp/tools/describe-table.js';
import { listSourceTablesTool } from '../../mcp/tools/list-source-tables.js';
import { querySqlTool } from '../../mcp/tools/query-sql.js';
import { UserError } from '../../mcp/util/user-error.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { runToolForUi } from './run-tool.js';
import { exportSqlResult } from './sql-export.js';
import { uiAction } from './ui-audit.js';

/** Queries of the console still running, by the run id the console chose. */
const running = new Map<string, AbortController>();

/** The read-only SQL console is query_sql: the same guard, database-level read-only, cap and timeout. */
export const sqlService: ApiHandlers<ServiceContext>['sql'] = {
  async run(input, ctx) {
    const controller = new AbortController();
    if (input.run_id) {
      if (running.has(input.run_id)) throw new UserError('conflict', 'That run id is already in use: start the query again.');
      running.set(input.run_id, controller);
    }
    try {
      return await runToolForUi(ctx.engine, querySqlTool, { connection_id: input.connection_id, sql: input.sql, max_rows: input.max_rows }, { signal: controller.signal });
    } catch (err) {
      if (err instanceof QueryCancelledError) throw new UserError('conflict', 'Query cancelled.');
      throw err;
    } finally {
      if (input.run_id) running.delete(input.run_id);
    }
  },

  async cancel(input) {
    const controller = running.get(input.run_id);
    controller?.abort();
    return { cancelled: controller !== undefined };
  },

  async tables(input, ctx) {
    const out = await runToolForUi(ctx.engine, listSourceTablesTool, { connection_id: input.connection_id });
    const { connector } = await ctx.engine.source(out.connection_id);
    return { connection_id: out.connection_id, dialect: connector.dialect, tables: out.tables.map(({ schema, name, type }) => ({ schema, name, type })) };
  },

  async columns(input, ctx) {
    const out = await runToolForUi(ctx.engine, describeTableTool, { connection_id: input.connection_id, table_name: input.table });
    return { schema: out.schema, table_name: out.table_name, columns: out.columns };
  },

  async export(input, ctx) {
    return uiAction(ctx.engine, { action: 'sql.export', args: { format: input.format, columns: input.columns.length }, connectionId: input.connection_id }, () => exportSqlResult(input), () => input.rows.length);
  },
};
