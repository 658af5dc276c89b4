import { z } from 'zod';
import { isWarehouseKind } from '../connections/connection-kinds.js';
import { LAYERS } from '../lakehouse/names.js';
import { UserError } from '../util/user-error.js';
import { connectionIdArg, nextCall, nextCallShape, offsetArg, pageWords } from './common-schemas.js';
import { listSourceTablesOutput } from './connection-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const listSourceTablesTool = defineTool({
  name: 'list_source_tables',
  title: 'List tables',
  toolset: 'core',
  description:
    'Lists the tables and views of any connection, a page at a time. On a warehouse (lakehouse, Databricks) it lists the bronze/silver/gold tables with ' +
    'row and column counts and where each came from; query them with query_sql on that connection (e.g. SELECT * FROM bronze.property LIMIT 20).',
  input: z.object({
    connection_id: connectionIdArg,
    name_contains: z.string().max(128).optional().describe('Only names containing this text (any case).'),
    layer: z.enum(LAYERS).optional().describe('Warehouses only: one layer.'),
    offset: offsetArg(),
    limit: z.number().int().min(1).max(1_000).default(200),
  }),
  output: listSourceTablesOutput.extend({ kind: z.string(), total: z.number().int(), offset: z.number().int(), next: nextCallShape }),
  annotations: READS_SOURCE,
  async handler(args, { engine }) {
    const { record, connector } = await engine.source(args.connection_id);
    if (args.layer && !isWarehouseKind(record.kind)) {
      throw new UserError('invalid', `layer applies to warehouse connections; "${record.id}" is a ${record.kind} database. Leave layer out.`);
    }
    const needle = args.name_contains?.toLowerCase();
    const matches = (name: string) => !needle || name.toLowerCase().includes(needle);
    // The catalog is the connection id: table://{catalog}/{schema}/{name} resources take the same name.
    const all =
      connector.family === 'warehouse'
        ? (await connector.listLayerTables(args.layer)).map((t) => ({ catalog: record.id, schema: t.layer, name: t.name, type: 'table' as const, qualified_name: t.qualified_name, row_count: t.row_count, column_count: t.column_count, updated_at: t.updated_at, source: t.source }))
        : (await connector.listTables()).map((t) => ({ catalog: record.id, schema: t.schema, name: t.name, type: t.type }));
    const found = all.filter((t) => matches(t.name));
    const tables = found.slice(args.offset, args.offset + args.limit);
    const end = args.offset + tables.length;
    const next = nextCall('list_source_tables', args, end < found.length ? end : null);
    return {
      structured: { connection_id: record.id, kind: record.kind, tables, total: found.length, offset: args.offset, next },
      text: `${found.length} ${connector.family === 'warehouse' ? 'warehouse tables' : 'tables and views'} in "${record.id}"${needle ? ' matching the filter' : ''}. ${pageWords('tables', args.offset, tables.length, next)}`,
      connectionId: record.id,
      rowCount: tables.length,
    };
  },
});
