import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { glossaryTable } from '../analysis/pacs-glossary.js';
import { isWarehouseKind } from '../connections/connection-kinds.js';
import { dialectGuidance, dialectOf } from '../dialects/index.js';
import { mcpCaller, runAudited } from '../audit/audited-call.js';
import type { AuditChannel } from '../audit/audit-log.js';
import type { Engine } from '../engine.js';
import { LAYER_RULE } from '../pacs/layers.js';

function userText(text: string) {
  return { messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
}

/**
 * Prompts hand the host model a plan and the evidence tools to call; Claude Desktop has no sampling.
 * Building one reads the source, so every get is audited like a tool call, as `prompt:<name>`.
 */
export function registerPrompts(server: McpServer, engineReady: Promise<Engine>, channel: AuditChannel): void {
  const audited =
    <A extends { connection_id?: string }>(name: string, build: (engine: Engine, args: A) => Promise<string>) =>
    async (args: A) => {
      const engine = await engineReady;
      const call = { caller: mcpCaller(channel, server.server.getClientVersion()), action: `prompt:${name}`, args, connectionId: args.connection_id ?? null };
      return userText(await runAudited(engine, call, () => build(engine, args)));
    };

  server.registerPrompt(
    'analyze_schema',
    {
      title: 'Analyze a table',
      description: 'Describe a table: what each column means in PACS terms, keys, and how it joins to the rest.',
      argsSchema: { table_name: z.string().describe('Table, e.g. property_val'), connection_id: z.string().optional() },
    },
    audited('analyze_schema', async (engine, { table_name, connection_id }: { table_name: string; connection_id?: string }) => {
      const { record, connector } = await engine.source(connection_id);
      const dialect = dialectOf(connector.dialect);
      const { schema, name } = dialect.splitTableName(table_name);
      const columns = await connector.describeTable(schema, name);
      const pacs = glossaryTable(name);
      return (
        `Analyze the table "${table_name}" in connection "${record.id}" (${record.kind}, role ${record.role}, ${dialect.hint}).\n` +
          `Columns: ${columns.map((c) => `${c.name} ${c.type}${c.primary_key ? ' PK' : ''}`).join(', ') || 'table not found: call list_source_tables first'}.\n` +
          (pacs ? `PACS glossary: ${pacs.meaning}\n` : '') +
          `1. Call describe_table with connection_id "${record.id}", table_name "${table_name}" and analyze: true: it returns each column's roles (key, year, date, money, code…), ` +
          'null and distinct rates, top values of codes, PACS meanings, sensitive fields and likely joins, as evidence.\n' +
          '2. If a code column needs its meaning, call query_sql with summarize: true on a small GROUP BY query over it.\n' +
          '3. Then explain, in PACS terms, what one row means, the primary key, each column (quote the evidence: rates, roles, glossary), how the table joins to the others, ' +
          'and which fields are sensitive and must be masked in QA exports (owner names and addresses, SSN, licence numbers, birth dates, income). Do not guess where the evidence is silent: say so.'
      );
    }),
  );

  server.registerPrompt(
    'troubleshoot_connection',
    {
      title: 'Troubleshoot a connection',
      description: 'Test a connection and explain the failure and the fix.',
      argsSchema: { connection_id: z.string() },
    },
    audited('troubleshoot_connection', async (engine, { connection_id }: { connection_id: string }) => {
      const record = await engine.connections.get(connection_id);
      const connector = await engine.sources.get(record).catch((err: Error) => err);
      const test = connector instanceof Error ? { ok: false, message: connector.message } : await connector.test();
      const warehouse = isWarehouseKind(record.kind);
      return (
        `Connection "${record.id}" (${record.kind}, role ${record.role}) test result: ${JSON.stringify(test)}.\n` +
          'Explain in plain words for a county IT person what this means and what to change (server name, port, firewall, encrypt / trustServerCertificate, login, database name, timeout' +
          (record.kind === 'databricks' ? ', Databricks host, HTTP path of the SQL warehouse, token or OAuth secret, the tenant catalog and its grants' : '') +
          '). ' +
          (test.ok
            ? `The connection answers: confirm reads work by calling query_sql on it with a tiny query (${warehouse ? 'e.g. SELECT count(*) FROM one table that list_source_tables shows' : 'e.g. SELECT 1 AS ok'}), and report what it returns. `
            : '') +
          (warehouse ? 'For a failed sync or upload, get_job with its job_id gives the exact error; list_source_tables on the warehouse shows what was loaded. ' : '') +
          'Passwords are entered only in the PACS MCP app or with `pacs-mcp connections set-password ID`; never ask the user to paste one into the chat.'
      );
    }),
  );

  server.registerPrompt(
    'generate_query',
    {
      title: 'Write a read-only query',
      description: 'Turn a question into one read-only SELECT for query_sql, in the connection’s dialect.',
      argsSchema: { question: z.string(), connection_id: z.string().optional() },
    },
    audited('generate_query', async (engine, { question, connection_id }: { question: string; connection_id?: string }) => {
      const { record, connector } = await engine.source(connection_id);
      const dialect = dialectOf(connector.dialect);
      const tables = (await connector.listTables()).map((t) => dialect.tableLabel(t.schema, t.name));
      const shown = tables.length > 150 ? `${tables.slice(0, 150).join(', ')} … (${tables.length} in all)` : tables.join(', ');
      return (
        `Question: ${question}\nConnection "${record.id}" speaks ${dialectGuidance(dialect)} Tables: ${shown}.\n` +
          `1. Call suggest_query with connection_id "${record.id}" and this question: it ranks the relevant tables with their columns and roles, gives the join paths, and example read-only queries in this dialect.\n` +
          '2. Write ONE read-only SELECT from that evidence (describe_table for any table you still need).\n' +
          '3. Check it with query_sql and summarize: true (per-column summaries of what it returns), then show the rows with query_sql; keep max_rows small and say when results were truncated (next pages them).\n' +
          LAYER_RULE
      );
    }),
  );
}
