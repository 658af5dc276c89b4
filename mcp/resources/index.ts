import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { dialectOf } from '../dialects/index.js';
import type { Engine } from '../engine.js';
import { jsonSafeRow } from '../util/json-safe.js';

const PREVIEW_ROWS = 20;

function jsonContents(uri: URL, value: unknown) {
  return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(value, null, 2) }] };
}

function one(value: string | string[]): string {
  return decodeURIComponent(Array.isArray(value) ? value[0] : value);
}

/**
 * Resources name tables as table://{catalog}/{schema}/{name}, where catalog is the connection id
 * (unambiguous across connections that point at databases of the same name).
 */
export function registerResources(server: McpServer, engineReady: Promise<Engine>): void {
  const listConnections = async () => (await engineReady).connections.list();

  server.registerResource(
    'datasource-status',
    new ResourceTemplate('datasource://{id}/status', {
      list: async () => ({
        resources: (await listConnections()).map((c) => ({ uri: `datasource://${encodeURIComponent(c.id)}/status`, name: `${c.id} status`, mimeType: 'application/json' })),
      }),
    }),
    { title: 'Connection status', description: 'Health of a connection: reachable or why not.', mimeType: 'application/json' },
    async (uri, vars) => {
      const engine = await engineReady;
      const record = await engine.connections.get(one(vars.id));
      const connector = await engine.sources.get(record).catch((err: Error) => err);
      const test = connector instanceof Error ? { ok: false, message: connector.message } : await connector.test();
      return jsonContents(uri, { id: record.id, kind: record.kind, role: record.role, read_only: record.role === 'production', ...test });
    },
  );

  server.registerResource(
    'datasource-tables',
    new ResourceTemplate('datasource://{id}/tables', {
      list: async () => ({
        resources: (await listConnections()).map((c) => ({ uri: `datasource://${encodeURIComponent(c.id)}/tables`, name: `${c.id} tables`, mimeType: 'application/json' })),
      }),
    }),
    { title: 'Connection tables', description: 'Tables and views available in a connection.', mimeType: 'application/json' },
    async (uri, vars) => {
      const { record, connector } = await (await engineReady).source(one(vars.id));
      return jsonContents(uri, { connection_id: record.id, tables: await connector.listTables() });
    },
  );

  server.registerResource(
    'table-schema',
    new ResourceTemplate('table://{catalog}/{schema}/{name}/schema', { list: undefined }),
    { title: 'Table schema', description: 'Columns of a table; catalog is the connection id.', mimeType: 'application/json' },
    async (uri, vars) => {
      const { record, connector } = await (await engineReady).source(one(vars.catalog));
      const columns = await connector.describeTable(one(vars.schema), one(vars.name));
      if (columns.length === 0) throw new Error(`Table ${one(vars.schema)}.${one(vars.name)} was not found in connection "${record.id}".`);
      return jsonContents(uri, { connection_id: record.id, schema: one(vars.schema), table_name: one(vars.name), columns });
    },
  );

  server.registerResource(
    'table-preview',
    new ResourceTemplate('table://{catalog}/{schema}/{name}/preview', { list: undefined }),
    { title: 'Table preview', description: `The first ${PREVIEW_ROWS} rows of a table; catalog is the connection id.`, mimeType: 'application/json' },
    async (uri, vars) => {
      const { record, connector } = await (await engineReady).source(one(vars.catalog));
      const schema = one(vars.schema);
      const name = one(vars.name);
      const columns = await connector.describeTable(schema, name);
      if (columns.length === 0) throw new Error(`Table ${schema}.${name} was not found in connection "${record.id}".`);
      const dialect = dialectOf(connector.dialect);
      const sql = dialect.selectWithLimit('*', dialect.qualifiedTable(schema, name), PREVIEW_ROWS);
      const result = await connector.query(sql, [], { maxRows: PREVIEW_ROWS, timeoutMs: 15_000 });
      return jsonContents(uri, { connection_id: record.id, schema, table_name: name, columns: columns.map((c) => c.name), rows: result.rows.map(jsonSafeRow) });
    },
  );
}
