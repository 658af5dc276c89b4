import { z } from 'zod';
import { suggestQuery } from '../analysis/suggest-query.js';
import { dialectGuidance, dialectOf } from '../dialects/index.js';
import { connectionIdArg } from './common-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const suggestQueryTool = defineTool({
  name: 'suggest_query',
  title: 'Suggest tables and queries for a question (evidence)',
  description:
    'For a question in plain words: the tables most likely involved, ranked, with their columns and roles and why they matched (names, PACS glossary), ' +
    'the join paths between them, and example read-only queries in the connection\'s SQL dialect (each checked by the read-only guard). ' +
    'Use them to write the final SELECT and run it with query_sql or explain_data. Only reads table definitions.',
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
        steps: z.array(z.object({ from_table: z.string(), from_columns: z.array(z.string()), to_table: z.string(), to_columns: z.array(z.string()), evidence: z.string(), confidence: z.enum(['high', 'medium', 'low']) })),
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
        `Tables for "${args.question}" in "${record.id}" (${dialect.hint}):\n` +
        suggestion.tables.map((t, i) => `${i + 1}. ${t.table} (score ${t.score}: ${t.why.join('; ')})${t.meaning ? ` — ${t.meaning}` : ''}`).join('\n') +
        (suggestion.join_paths.length
          ? `\nJoins:\n${suggestion.join_paths.map((p) => p.steps.map((s) => `${s.from_table}(${s.from_columns.join(', ')}) = ${s.to_table}(${s.to_columns.join(', ')})`).join(' → ')).join('\n')}`
          : '') +
        `\nExamples:\n${suggestion.example_queries.map((e) => `-- ${e.title}\n${e.sql}`).join('\n')}` +
        (suggestion.notes.length ? `\nNotes: ${suggestion.notes.join('; ')}` : ''),
      connectionId: record.id,
      rowCount: suggestion.tables.length,
    };
  },
});
