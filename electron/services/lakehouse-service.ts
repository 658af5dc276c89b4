import { listSourceTablesTool } from '../../mcp/tools/list-source-tables.js';
import { listTablesTool } from '../../mcp/tools/list-tables.js';
import { syncTableToBronzeTool } from '../../mcp/tools/sync-table-to-bronze.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { runToolForUi } from './run-tool.js';

/**
 * The Lakehouse screen over the lakehouse tools themselves (sync_table_to_bronze, list_tables,
 * list_source_tables): the same jobs, tenancy and refusals as over MCP, audited on the `ui`
 * channel. The screen follows a sync's progress with `jobs.get` (the engine's job rows).
 */
export const lakehouseService: ApiHandlers<ServiceContext>['lakehouse'] = {
  async sourceTables(input, ctx) {
    const out = await runToolForUi(ctx.engine, listSourceTablesTool, { connection_id: input.connection_id });
    return { connection_id: out.connection_id, tables: out.tables.map((t) => ({ schema: t.schema, name: t.name, type: t.type })) };
  },

  async sync(input, ctx) {
    const out = await runToolForUi(ctx.engine, syncTableToBronzeTool, {
      connection_id: input.connection_id,
      table_name: input.table_name,
      sync_mode: input.sync_mode,
      ...(input.sync_mode === 'incremental' ? { watermark_column: input.watermark_column } : {}),
    });
    return { job_id: out.job_id, target_table: out.target_table };
  },

  async tables(input, ctx) {
    const out = await runToolForUi(ctx.engine, listTablesTool, input.layer ? { layer: input.layer } : {});
    return {
      tenant_id: out.tenant_id,
      warehouse_connection_id: out.warehouse_connection_id,
      warehouse_kind: out.warehouse_kind,
      tables: out.tables.map((t) => ({ layer: t.layer, name: t.name, qualified_name: t.qualified_name, row_count: t.row_count, column_count: t.column_count, updated_at: t.updated_at })),
    };
  },
};
