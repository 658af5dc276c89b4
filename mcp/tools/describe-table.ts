import { z } from 'zod';
import { analyzeSchema, type SchemaAnalysis } from '../analysis/analyze-schema.js';
import { ModelView, tableColumnClasses } from '../masking/model-view.js';
import { connectionIdArg } from './common-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

const ROLES = ['key', 'foreign_key', 'year', 'date', 'money', 'code', 'flag', 'measure', 'name', 'text'] as const;

export const joinShape = z.object({
  from_table: z.string(),
  from_columns: z.array(z.string()),
  to_table: z.string(),
  to_columns: z.array(z.string()),
  evidence: z.string(),
  confidence: z.enum(['high', 'medium', 'low']),
  to_one: z.boolean().describe('false: one row meets many, the join multiplies rows.'),
});

/** The table's description; the table://…/schema resource answers with the same shape. */
export const describeTableOutput = z.object({
  connection_id: z.string(),
  table: z.string(),
  schema: z.string(),
  table_name: z.string(),
  dialect: z.string(),
  columns: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      nullable: z.boolean(),
      primary_key: z.boolean(),
      roles: z.array(z.enum(ROLES)).optional(),
      role_evidence: z.array(z.string()).optional(),
      null_rate: z.number().nullable().optional(),
      distinct_count: z.number().int().nullable().optional(),
      distinct_rate: z.number().nullable().optional(),
      min: z.unknown().optional(),
      max: z.unknown().optional(),
      avg_length: z.number().nullable().optional(),
      top_values: z.array(z.object({ value: z.unknown(), count: z.number().int() })).nullable().optional(),
      glossary: z.object({ meaning: z.string(), sensitive: z.string().nullable() }).nullable().optional(),
      masked: z.string().nullable().optional().describe('What the column holds when its min, max and top values are pseudonyms.'),
    }),
  ),
  primary_key: z.array(z.string()),
  foreign_keys: z.array(z.object({ columns: z.array(z.string()), references_table: z.string(), references_columns: z.array(z.string()), declared_by: z.enum(['database', 'pacs_catalog']) })),
  analysis: z
    .object({
      row_count: z.number().int().nullable(),
      sampling: z.object({ method: z.string(), rows: z.number().int() }),
      glossary: z.object({ meaning: z.string(), key: z.array(z.string()) }).nullable(),
      likely_joins: z.array(joinShape),
      sensitive_columns: z.array(z.object({ column: z.string(), basis: z.string() })),
      notes: z.array(z.string()),
    })
    .nullable(),
});

export const describeTableTool = defineTool({
  name: 'describe_table',
  title: 'Describe a table',
  toolset: 'core',
  description:
    'A table\'s columns (type, nullable, primary key) and declared foreign keys (the database\'s own; for PACS tables also the PACS catalog\'s, composite keys in full). ' +
    'analyze: true adds evidence: each column\'s roles (key, year, date, money, code, flag, measure, name, text) and why, null and distinct rates and min/max over every row or a uniform random sample ' +
    '(sampling says which), top values of codes, PACS meanings, sensitive fields, and the joins to other tables. Any connection, warehouses included.',
  input: z.object({
    connection_id: connectionIdArg,
    table_name: z.string().min(1).max(256).describe('Optionally schema-qualified: "property_val", "dbo.property_val", "bronze.property".'),
    analyze: z.boolean().default(false),
    sample_rows: z.number().int().min(100).max(100_000).default(10_000).describe('analyze: tables with more rows are profiled on a uniform random sample of this many.'),
  }),
  output: describeTableOutput,
  annotations: READS_SOURCE,
  async handler(args, { engine, signal, viewer }) {
    const { record, connector } = await engine.source(args.connection_id);
    const view = await ModelView.open(engine, record.id, viewer);
    const described = maskStatistics(await analyzeSchema(connector, record.id, args.table_name, { analyze: args.analyze, sampleRows: args.sample_rows, signal }), view);
    const a = described.analysis;
    return {
      structured: { connection_id: record.id, ...described },
      text:
        `${described.table} in "${record.id}": ${described.columns.length} columns, primary key (${described.primary_key.join(', ') || 'none declared'}), ${described.foreign_keys.length} declared foreign keys.` +
        (a ? ` Statistics over ${a.sampling.rows} of ${a.row_count ?? 'an unknown number of'} rows (${a.sampling.method}); ${a.likely_joins.length} joins found.` : ' Call again with analyze: true for statistics, roles and joins.'),
      connectionId: record.id,
      rowCount: described.columns.length,
    };
  },
});

/** The values a profile shows (min, max, top values) as the model may see them: a sensitive column's are pseudonyms. */
function maskStatistics(described: SchemaAnalysis, view: ModelView): SchemaAnalysis {
  if (!described.analysis || !view.masking) return described;
  const columns = described.columns.map((c) => {
    const top = c.top_values ?? [];
    const { values, masked } = view.columnValues(c.name, [c.min ?? null, c.max ?? null, ...top.map((t) => t.value)], tableColumnClasses(described.table_name, [c.name])[0]);
    if (!masked) return c;
    const [min, max, ...topValues] = values;
    return { ...c, min, max, top_values: c.top_values ? top.map((t, i) => ({ value: topValues[i], count: t.count })) : c.top_values, masked: masked.category };
  });
  return { ...described, columns };
}
