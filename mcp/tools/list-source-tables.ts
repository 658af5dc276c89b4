import { z } from 'zod';
import { textTable } from '../util/text-table.js';
import { connectionIdArg } from './common-schemas.js';
import { listSourceTablesOutput } from './connection-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const listSourceTablesTool = defineTool({
  name: 'list_source_tables',
  title: 'List source tables',
  description: 'Lists the tables and views of a source connection, optionally filtered by a name fragment.',
  input: z.object({
    connection_id: connectionIdArg,
    name_contains: z.string().max(128).optional().describe('Only tables whose name contains this text (case-insensitive).'),
  }),
  output: listSourceTablesOutput,
  annotations: READS_SOURCE,
  async handler(args, { engine }) {
    const { record, connector } = await engine.source(args.connection_id);
    const needle = args.name_contains?.toLowerCase();
    const tables = (await connector.listTables()).filter((t) => !needle || t.name.toLowerCase().includes(needle));
    return {
      structured: { connection_id: record.id, tables },
      text: `${tables.length} tables in "${record.id}":\n${textTable(tables, ['schema', 'name', 'type'], 200)}`,
      connectionId: record.id,
      rowCount: tables.length,
    };
  },
});
