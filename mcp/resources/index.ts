import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { analyzeSchema } from '../analysis/analyze-schema.js';
import { dialectOf } from '../dialects/index.js';
import type { Engine } from '../engine.js';
import { ModelView, tableColumnClasses } from '../masking/model-view.js';
import { jsonSafeRow } from '../util/json-safe.js';
import type { Variables } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import { mcpCaller, runAudited } from '../audit/audited-call.js';
import type { AuditChannel } from '../audit/audit-log.js';
import { UserError } from '../util/user-error.js';
import { escapeValue, fencedJsonText } from '../server/result-text.js';

const PREVIEW_ROWS = 20;

function one(value: string | string[]): string {
  return decodeURIComponent(Array.isArray(value) ? value[0] : value);
}

function tableNotFound(schema: string, name: string, connectionId: string): UserError {
  return new UserError('not_found', `Table ${schema}.${name} was not found in connection "${connectionId}".`);
}

/**
 * Resources name tables as table://{catalog}/{schema}/{name}, where catalog is the connection id
 * (unambiguous across connections that point at databases of the same name). Every read is
 * audited like a tool call, as `resource:<name>` with the URI as its argument. A resource's text
 * is a sentence, then its JSON inside the data fence tool results use: the model reads it, and
 * what it holds came from a database.
 */
export function registerResources(server: McpServer, engineReady: Promise<Engine>, channel: AuditChannel): void {
  const listConnections = async () => (await engineReady).connections.list();

  /** A resource read as fenced JSON, audited; `connectionVar` is the URI part that names the connection, `summary` says what the JSON is. */
  const jsonResource =
    <T>(name: string, connectionVar: string, read: (engine: Engine, vars: Variables) => Promise<T>, summary: (value: T) => string, rowCount?: (value: T) => number) =>
    async (uri: URL, vars: Variables) => {
      const engine = await engineReady;
      const call = { caller: mcpCaller(channel, server.server.getClientVersion()), action: `resource:${name}`, args: { uri: uri.href }, connectionId: one(vars[connectionVar]) };
      const value = await runAudited(engine, call, () => read(engine, vars), (v) => ({ rowCount: rowCount?.(v) }));
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: fencedJsonText(summary(value), value) }] };
    };

  server.registerResource(
    'datasource-status',
    new ResourceTemplate('datasource://{id}/status', {
      list: async () => ({
        resources: (await listConnections()).map((c) => ({ uri: `datasource://${encodeURIComponent(c.id)}/status`, name: `${c.id} status`, mimeType: 'text/plain' })),
      }),
    }),
    { title: 'Connection status', description: 'Health of a connection: reachable or why not.', mimeType: 'text/plain' },
    jsonResource('datasource-status', 'id', async (engine, vars) => {
      const record = await engine.connections.get(one(vars.id));
      const connector = await engine.sources.get(record).catch((err: Error) => err);
      const test = connector instanceof Error ? { ok: false, message: connector.message } : await connector.test();
      return { id: record.id, kind: record.kind, role: record.role, read_only: record.role === 'production', ...test };
    }, (status) => `Connection "${status.id}" is ${status.ok ? 'reachable' : 'not reachable'}; its status as JSON:`),
  );

  server.registerResource(
    'datasource-tables',
    new ResourceTemplate('datasource://{id}/tables', {
      list: async () => ({
        resources: (await listConnections()).map((c) => ({ uri: `datasource://${encodeURIComponent(c.id)}/tables`, name: `${c.id} tables`, mimeType: 'text/plain' })),
      }),
    }),
    { title: 'Connection tables', description: 'Tables and views available in a connection.', mimeType: 'text/plain' },
    jsonResource(
      'datasource-tables',
      'id',
      async (engine, vars) => {
        const { record, connector } = await engine.source(one(vars.id));
        // catalog is the connection id, so each table's resources are table://{catalog}/{schema}/{name}/….
        const tables = (await connector.listTables()).map((t) => {
          const base = `table://${encodeURIComponent(record.id)}/${encodeURIComponent(t.schema)}/${encodeURIComponent(t.name)}`;
          return { catalog: record.id, schema: t.schema, name: t.name, type: t.type, schema_uri: `${base}/schema`, preview_uri: `${base}/preview` };
        });
        return { connection_id: record.id, tables };
      },
      (value) => `The ${value.tables.length} tables and views of "${value.connection_id}", each with the URIs of its schema and preview, as JSON:`,
      (value) => value.tables.length,
    ),
  );

  server.registerResource(
    'table-schema',
    new ResourceTemplate('table://{catalog}/{schema}/{name}/schema', { list: undefined }),
    { title: 'Table schema', description: 'Columns and declared keys of a table, as describe_table gives them; catalog is the connection id.', mimeType: 'text/plain' },
    jsonResource('table-schema', 'catalog', async (engine, vars) => {
      const { record, connector } = await engine.source(one(vars.catalog));
      const described = await analyzeSchema(connector, record.id, { schema: one(vars.schema), name: one(vars.name) }, { analyze: false, sampleRows: 0 });
      return { connection_id: record.id, ...described };
    }, (value) => `Columns and keys of ${escapeValue(`${value.schema}.${value.table_name}`)} on "${value.connection_id}", as describe_table gives them, as JSON:`),
  );

  server.registerResource(
    'table-preview',
    new ResourceTemplate('table://{catalog}/{schema}/{name}/preview', { list: undefined }),
    { title: 'Table preview', description: `The first ${PREVIEW_ROWS} rows of a table; catalog is the connection id.`, mimeType: 'text/plain' },
    jsonResource(
      'table-preview',
      'catalog',
      async (engine, vars) => {
        const { record, connector } = await engine.source(one(vars.catalog));
        const schema = one(vars.schema);
        const name = one(vars.name);
        const columns = await connector.describeTable(schema, name);
        if (columns.length === 0) throw tableNotFound(schema, name, record.id);
        const dialect = dialectOf(connector.dialect);
        const sql = dialect.selectWithLimit('*', dialect.qualifiedTable(schema, name), PREVIEW_ROWS);
        const result = await connector.query(sql, [], { maxRows: PREVIEW_ROWS, timeoutMs: 15_000 });
        // Resources are read by the model: sensitive values are pseudonyms unless the user allowed them in clear.
        const view = await ModelView.open(engine, record.id, 'model');
        const { rows, report } = view.rows(result.columns, result.rows.map(jsonSafeRow), { classes: tableColumnClasses(name, result.columns) });
        return { connection_id: record.id, schema, table_name: name, columns: result.columns, rows, masking: report };
      },
      // Names from the database stay inside the fence; the sentence only says whether masking applied.
      (value) =>
        `The first ${value.rows.length} rows of ${escapeValue(`${value.schema}.${value.table_name}`)} on "${value.connection_id}", as JSON` +
        (value.masking.masked_columns.length ? ' (some values are pseudonyms: masking names the columns):' : ':'),
      (value) => value.rows.length,
    ),
  );
}
