import { z } from 'zod';
import { LAYERS } from '../lakehouse/names.js';
import { resolveWarehouse } from '../lakehouse/warehouse-select.js';
import { textTable } from '../util/text-table.js';
import { defineTool, READS_SOURCE } from './tool.js';
import { warehouseArgs } from './warehouse-args.js';
import { listTablesOutput } from './warehouse-schemas.js';

export const listTablesTool = defineTool({
  name: 'list_tables',
  title: 'List lakehouse tables',
  description:
    'Lists the tables of the tenant\'s warehouse by layer (bronze: raw loads, silver: cleaned, gold: curated) with row and column counts and where each came from. ' +
    'Query them with query_sql on the warehouse connection, e.g. SELECT * FROM bronze.property LIMIT 20.',
  input: z.object({ layer: z.enum(LAYERS).optional().describe('Only this layer.'), ...warehouseArgs }),
  output: listTablesOutput,
  annotations: READS_SOURCE,
  async handler(args, { engine }) {
    const { record, connector } = await resolveWarehouse(engine, args.warehouse_connection_id, args.tenant_id);
    const tables = await connector.listLayerTables(args.layer);
    return {
      structured: { tenant_id: connector.tenantId, warehouse_connection_id: record.id, warehouse_kind: connector.warehouseKind, tables },
      text:
        `${tables.length} tables in the ${connector.warehouseKind} of tenant "${connector.tenantId}" (connection "${record.id}")${args.layer ? `, layer ${args.layer}` : ''}:\n` +
        textTable(tables, ['qualified_name', 'row_count', 'column_count', 'updated_at'], 500),
      connectionId: record.id,
      rowCount: tables.length,
    };
  },
});
