import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Engine } from '../engine.js';
import { splitTableName } from '../tools/table-name.js';

function userText(text: string) {
  return { messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
}

/** Prompts hand the host model a plan and the evidence tools to call; Claude Desktop has no sampling. */
export function registerPrompts(server: McpServer, engineReady: Promise<Engine>): void {
  server.registerPrompt(
    'analyze_schema',
    {
      title: 'Analyze a table',
      description: 'Describe a table: what each column means in PACS terms, keys, and how it joins to the rest.',
      argsSchema: { table_name: z.string().describe('Table, e.g. property_val'), connection_id: z.string().optional() },
    },
    async ({ table_name, connection_id }) => {
      const engine = await engineReady;
      const { record, connector } = await engine.source(connection_id);
      const { schema, name } = splitTableName(table_name, connector.dialect);
      const columns = await connector.describeTable(schema, name);
      return userText(
        `Analyze the table "${table_name}" in connection "${record.id}" (${record.kind}, role ${record.role}).\n` +
          `Columns: ${columns.map((c) => `${c.name} ${c.type}${c.primary_key ? ' PK' : ''}`).join(', ') || 'table not found: call list_source_tables first'}.\n` +
          'Use describe_table, analyze_schema (if available) and small query_sql samples (max_rows 20) to explain each column in PACS terms ' +
          '(prop_id, sup_num, prop_val_yr, owner_tax_yr…), the primary key, the likely joins, and any sensitive fields that must be masked (owner names, addresses, SSN, licence numbers, birth dates, income).',
      );
    },
  );

  server.registerPrompt(
    'troubleshoot_connection',
    {
      title: 'Troubleshoot a connection',
      description: 'Test a connection and explain the failure and the fix.',
      argsSchema: { connection_id: z.string() },
    },
    async ({ connection_id }) => {
      const engine = await engineReady;
      const record = await engine.connections.get(connection_id);
      const connector = await engine.sources.get(record).catch((err: Error) => err);
      const test = connector instanceof Error ? { ok: false, message: connector.message } : await connector.test();
      return userText(
        `Connection "${record.id}" (${record.kind}, role ${record.role}) test result: ${JSON.stringify(test)}.\n` +
          'Explain in plain words for a county IT person what this means and what to change (server name, port, firewall, encrypt / trustServerCertificate, login, database name, timeout). ' +
          'Passwords are entered only in the PACS MCP app or with `pacs-mcp connections add … --password-stdin`; never ask the user to paste one into the chat.',
      );
    },
  );

  server.registerPrompt(
    'generate_query',
    {
      title: 'Write a read-only query',
      description: 'Turn a question into one read-only SELECT for query_sql, in the connection’s dialect.',
      argsSchema: { question: z.string(), connection_id: z.string().optional() },
    },
    async ({ question, connection_id }) => {
      const engine = await engineReady;
      const { record, connector } = await engine.source(connection_id);
      const tables = (await connector.listTables()).map((t) => t.name);
      const dialect = ({ sqlite: 'SQLite (LIMIT n)', postgres: 'PostgreSQL (LIMIT n)', tsql: 'T-SQL for SQL Server (TOP n, [brackets])' } as const)[connector.dialect];
      return userText(
        `Question: ${question}\nConnection "${record.id}" speaks ${dialect}. Tables: ${tables.join(', ')}.\n` +
          'Call suggest_query (if available) or describe_table for the tables involved, then write ONE read-only SELECT and run it with query_sql. ' +
          'In PACS the official value of a year is the property_val row whose (prop_val_yr, sup_num, prop_id) prop_supp_assoc names. Keep max_rows small and say when results were truncated.',
      );
    },
  );
}
