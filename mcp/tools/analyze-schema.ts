import { z } from 'zod';
import { analyzeSchema } from '../analysis/analyze-schema.js';
import { textTable } from '../util/text-table.js';
import { connectionIdArg } from './common-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

const ROLES = ['key', 'foreign_key', 'year', 'date', 'money', 'code', 'flag', 'measure', 'name', 'text'] as const;
const joinShape = z.object({
  from_table: z.string(),
  from_columns: z.array(z.string()),
  to_table: z.string(),
  to_columns: z.array(z.string()),
  evidence: z.string(),
  confidence: z.enum(['high', 'medium', 'low']),
});

export const analyzeSchemaTool = defineTool({
  name: 'analyze_schema',
  title: 'Analyze a table (evidence)',
  description:
    'Evidence about one table, for you to explain it: every column with inferred roles (key, foreign_key, year, date, money, code, flag, measure, name, text) and why, ' +
    'null and distinct rates and min/max over a sample of rows, the top values of code columns, PACS glossary meanings, sensitive fields that must be masked, ' +
    'and the tables it likely joins to (PACS schema knowledge and matching key names). Works on any connection, warehouses included; only reads.',
  input: z.object({
    connection_id: connectionIdArg,
    table_name: z.string().min(1).max(256).describe('Table, optionally schema-qualified: "property_val", "dbo.property_val", "bronze.property".'),
    sample_rows: z.number().int().min(100).max(100_000).default(10_000).describe('Rows the rates are computed over (the first N of the table).'),
  }),
  output: z.object({
    connection_id: z.string(),
    table: z.string(),
    dialect: z.string(),
    row_count: z.number().int().nullable(),
    sampled_rows: z.number().int(),
    glossary: z.object({ meaning: z.string(), key: z.array(z.string()) }).nullable(),
    primary_key: z.array(z.string()),
    columns: z.array(
      z.object({
        name: z.string(),
        type: z.string(),
        nullable: z.boolean(),
        primary_key: z.boolean(),
        roles: z.array(z.enum(ROLES)),
        role_evidence: z.array(z.string()),
        null_rate: z.number().nullable(),
        distinct_count: z.number().int().nullable(),
        distinct_rate: z.number().nullable(),
        min: z.unknown(),
        max: z.unknown(),
        avg_length: z.number().nullable(),
        top_values: z.array(z.object({ value: z.unknown(), count: z.number().int() })).nullable(),
        glossary: z.object({ meaning: z.string(), sensitive: z.string().nullable() }).nullable(),
      }),
    ),
    likely_joins: z.array(joinShape),
    sensitive_columns: z.array(z.object({ column: z.string(), basis: z.string() })),
    notes: z.array(z.string()),
  }),
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    const { record, connector } = await engine.source(args.connection_id);
    const analysis = await analyzeSchema(connector, record.id, args.table_name, { sampleRows: args.sample_rows, signal });
    const { schema: _schema, table_name: _name, ...rest } = analysis;
    const columns = analysis.columns.map((c) => ({ column: c.name, type: c.type, roles: c.roles.join(','), null_rate: c.null_rate, distinct: c.distinct_count, meaning: c.glossary?.meaning ?? '' }));
    const joins = analysis.likely_joins.map((j) => `${j.from_table}(${j.from_columns.join(', ')}) → ${j.to_table}(${j.to_columns.join(', ')}) [${j.confidence}: ${j.evidence}]`);
    return {
      structured: { connection_id: record.id, ...rest },
      text:
        `${analysis.table} in "${record.id}": ${analysis.row_count ?? '?'} rows (rates over ${analysis.sampled_rows}).` +
        (analysis.glossary ? `\nPACS: ${analysis.glossary.meaning}` : '') +
        `\n${textTable(columns, undefined, 500)}` +
        (joins.length ? `\nLikely joins:\n${joins.join('\n')}` : '\nNo likely joins found.') +
        (analysis.sensitive_columns.length ? `\nSensitive (mask in QA exports): ${analysis.sensitive_columns.map((s) => s.column).join(', ')}` : '') +
        (analysis.notes.length ? `\nNotes: ${analysis.notes.join('; ')}` : ''),
      connectionId: record.id,
      rowCount: analysis.columns.length,
    };
  },
});
