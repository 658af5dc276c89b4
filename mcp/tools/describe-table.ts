import { z } from 'zod';
import { dialectOf } from '../dialects/index.js';
import { textTable } from '../util/text-table.js';
import { UserError } from '../util/user-error.js';
import { connectionIdArg } from './common-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const describeTableTool = defineTool({
  name: 'describe_table',
  title: 'Describe a table',
  description: 'Returns the columns of a table (name, type, nullable, primary key). `table_name` may be qualified as schema.table.',
  input: z.object({
    connection_id: connectionIdArg,
    table_name: z.string().min(1).max(256).describe('Table name, optionally schema-qualified, e.g. "property_val" or "dbo.property_val".'),
  }),
  output: z.object({
    connection_id: z.string(),
    schema: z.string(),
    table_name: z.string(),
    columns: z.array(z.object({ name: z.string(), type: z.string(), nullable: z.boolean(), primary_key: z.boolean() })),
  }),
  annotations: READS_SOURCE,
  async handler(args, { engine }) {
    const { record, connector } = await engine.source(args.connection_id);
    const { schema, name } = dialectOf(connector.dialect).splitTableName(args.table_name);
    const columns = await connector.describeTable(schema, name);
    if (columns.length === 0) {
      throw new UserError('not_found', `Table "${args.table_name}" was not found in connection "${record.id}". Call list_source_tables to see the names.`);
    }
    return {
      structured: { connection_id: record.id, schema, table_name: name, columns },
      text: `${schema}.${name} (${columns.length} columns):\n${textTable(columns, undefined, 500)}`,
      connectionId: record.id,
      rowCount: columns.length,
    };
  },
});
