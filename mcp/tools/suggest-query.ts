import { z } from 'zod';
import { suggestQuery } from '../analysis/suggest-query.js';
import { dialectGuidance, dialectOf } from '../dialects/index.js';
import { connectionIdArg } from './common-schemas.js';
import { joinShape } from './describe-table.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const suggestQueryTool = defineTool({
  name: 'suggest_query',
  title: 'Suggest tables and queries for a question (evidence)',
  toolset: 'core',
  description:
    'For a question in plain words: the tables most likely involved, ranked, with their columns and roles and why they matched (names, PACS glossary), ' +
    'the join paths between them, and example read-only queries in the connection\'s SQL dialect (each checked by the read-only guard). ' +
    'Joins follow declared keys (the database\'s foreign keys; for PACS the catalog\'s keys and layer joins, composite keys in full). ' +
    'Use them to write the final SELECT and run it with query_sql. Only reads table definitions.',
  input: z.object({
    question: z.string().min(3).max(2_000),
    connection_id: connectionIdArg,
    tables: z.array(z.string().min(1).max(256)).max(20).optional().describe('Tables you already know are involved.'),
  }),
  output: z.object({
    connection_id: z.string(),
    dialect: z.string(),
    dialect_hint: z.string(),
    words: z.array(z.string()),
    tables: z.array(
      z.object({
        table: z.string(),
        score: z.number(),
        why: z.array(z.string()),
        meaning: z.string().nullable(),
        columns: z.array(z.object({ name: z.string(), type: z.string(), primary_key: z.boolean(), roles: z.array(z.string()), matched: z.boolean() })),
      }),
    ),
    join_paths: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        steps: z.array(joinShape),
      }),
    ),
    example_queries: z.array(z.object({ title: z.string(), sql: z.string(), tables: z.array(z.string()), read_only: z.boolean() })),
    notes: z.array(z.string()),
  }),
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    const { record, connector } = await engine.source(args.connection_id);
    const suggestion = await suggestQuery(connector, args.question, { tables: args.tables, signal });
    const { question: _q, ...rest } = suggestion;
    const dialect = dialectOf(connector.dialect);
    return {
      structured: { connection_id: record.id, ...rest, dialect_hint: dialectGuidance(dialect) },
      text:
        `${suggestion.tables.length} candidate tables for the question in "${record.id}", best first, with ${suggestion.join_paths.length} join paths and ` +
        `${suggestion.example_queries.length} example queries in ${dialect.label} (dialect_hint says what differs).`,
      connectionId: record.id,
      rowCount: suggestion.tables.length,
    };
  },
});
