import { resolveWarehouse } from '../../mcp/lakehouse/warehouse-select.js';
import { isLayer } from '../../mcp/lakehouse/names.js';
import { listSourceTablesTool } from '../../mcp/tools/list-source-tables.js';
import { syncTableToBronzeTool } from '../../mcp/tools/sync-table-to-bronze.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { runToolForUi } from './run-tool.js';

/**
 * The Lakehouse screen over the lakehouse tools themselves (sync_table_to_bronze,
 * list_source_tables on sources and on the tenant's warehouse): the same jobs, tenancy and
 * refusals as over MCP, audited on the `ui` channel. The screen follows a sync's progress with
 * `jobs.get` (the engine's job rows).
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
    const { record, connector } = await resolveWarehouse(ctx.engine);
    const out = await runToolForUi(ctx.engine, listSourceTablesTool, { connection_id: record.id, limit: 1_000, ...(input.layer ? { layer: input.layer } : {}) });
    return {
      tenant_id: connector.tenantId,
      warehouse_connection_id: record.id,
      warehouse_kind: connector.warehouseKind,
      tables: out.tables.flatMap((t) =>
        isLayer(t.schema) ? [{ layer: t.schema, name: t.name, qualified_name: t.qualified_name ?? `${t.schema}.${t.name}`, row_count: t.row_count ?? null, column_count: t.column_count ?? 0, updated_at: t.updated_at ?? null }] : [],
      ),
    };
  },
};
