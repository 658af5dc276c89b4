import type { ColumnInfo, SourceConnector, TableInfo } from '../connectors/connector.js';
import { dialectOf } from '../dialects/index.js';
import { UserError } from '../util/user-error.js';
import { inferRoles } from './column-roles.js';
import { describeTables, joinEdges, tableKey, type JoinEdge } from './join-finder.js';
import { glossaryColumn, glossaryTable, type ColumnRole } from './pacs-glossary.js';
import { profileTable } from './table-profile.js';

export interface AnalyzedColumn {
  name: string;
  type: string;
  nullable: boolean;
  primary_key: boolean;
  roles: ColumnRole[];
  role_evidence: string[];
  null_rate: number | null;
  distinct_count: number | null;
  distinct_rate: number | null;
  min: unknown;
  max: unknown;
  avg_length: number | null;
  top_values: { value: unknown; count: number }[] | null;
  glossary: { meaning: string; sensitive: string | null } | null;
}

export interface SchemaAnalysis {
  table: string;
  schema: string;
  table_name: string;
  dialect: string;
  row_count: number | null;
  sampled_rows: number;
  glossary: { meaning: string; key: string[] } | null;
  columns: AnalyzedColumn[];
  primary_key: string[];
  likely_joins: JoinEdge[];
  sensitive_columns: { column: string; basis: string }[];
  notes: string[];
}

export class TableNotFoundError extends UserError {
  constructor(table: string, connectionId: string) {
    super('not_found', `Table "${table}" was not found in connection "${connectionId}". Call list_source_tables (or list_tables on a warehouse) to see the names.`);
  }
}

/**
 * Evidence about one table for the host model: every column with its inferred roles, null and
 * distinct rates over a sample, min/max, top values of codes, PACS glossary meanings, sensitive
 * fields, and the tables it likely joins to. Deterministic; no model is asked anything.
 */
export async function analyzeSchema(
  connector: SourceConnector,
  connectionId: string,
  tableName: string,
  options: { sampleRows: number; signal?: AbortSignal },
): Promise<SchemaAnalysis> {
  const { schema, name } = dialectOf(connector.dialect).splitTableName(tableName);
  const columns = await connector.describeTable(schema, name);
  if (columns.length === 0) throw new TableNotFoundError(tableName, connectionId);
  const dialect = connector.dialect;
  const self: TableInfo = { catalog: connector.catalog, schema, name, type: 'table' };

  const profile = await profileTable(connector, schema, name, columns, {
    sampleRows: options.sampleRows,
    signal: options.signal,
    topValuesFor: (c, p) => {
      const verdict = inferRoles(dialect, { ...facts(c), rows: 0 });
      const lowCardinality = p.distinct !== null && p.distinct > 0 && p.distinct <= 25;
      return lowCardinality && (verdict.roles.includes('code') || verdict.roles.includes('flag') || /(_cd|_type|status|flag)$/i.test(c.name));
    },
  });

  const analyzed: AnalyzedColumn[] = columns.map((c) => {
    const p = profile.columns.get(c.name);
    const verdict = inferRoles(dialect, { ...facts(c), rows: profile.sampled_rows, non_null: p?.non_null, distinct: p?.distinct, avg_length: p?.avg_length, min: p?.min, max: p?.max });
    const g = glossaryColumn(c.name);
    return {
      name: c.name,
      type: c.type,
      nullable: c.nullable,
      primary_key: c.primary_key,
      roles: verdict.roles,
      role_evidence: verdict.evidence,
      null_rate: p ? p.null_rate : null,
      distinct_count: p?.distinct ?? null,
      distinct_rate: p?.distinct_rate ?? null,
      min: p?.min ?? null,
      max: p?.max ?? null,
      avg_length: p?.avg_length ?? null,
      top_values: p?.top_values ?? null,
      glossary: g ? { meaning: g.meaning, sensitive: g.sensitive ?? null } : null,
    };
  });

  const allTables = await connector.listTables();
  const catalog = await describeTables(connector, allTables, [self], options.signal);
  const key = tableKey(self, dialect);
  const likely = joinEdges(catalog, dialect)
    .filter((e) => e.from_table === key || e.to_table === key)
    .map((e) => (e.from_table === key ? e : { ...e, from_table: e.to_table, from_columns: e.to_columns, to_table: e.from_table, to_columns: e.from_columns }))
    .sort((a, b) => rank(a.confidence) - rank(b.confidence) || a.to_table.localeCompare(b.to_table));
  const notes = [...profile.notes];
  if (catalog.tables.length < allTables.length) notes.push(`joins were looked for among ${catalog.tables.length} of ${allTables.length} tables (PACS tables first)`);
  if (profile.row_count !== null && profile.sampled_rows < profile.row_count) notes.push(`rates describe the first ${profile.sampled_rows} of ${profile.row_count} rows`);
  const g = glossaryTable(name);
  return {
    table: key,
    schema,
    table_name: name,
    dialect,
    row_count: profile.row_count,
    sampled_rows: profile.sampled_rows,
    glossary: g ? { meaning: g.meaning, key: g.key } : null,
    columns: analyzed,
    primary_key: columns.filter((c) => c.primary_key).map((c) => c.name),
    likely_joins: likely,
    sensitive_columns: analyzed.filter((c) => c.glossary?.sensitive).map((c) => ({ column: c.name, basis: c.glossary!.sensitive! })),
    notes,
  };
}

function facts(c: ColumnInfo) {
  return { name: c.name, type: c.type, primary_key: c.primary_key };
}

function rank(confidence: JoinEdge['confidence']): number {
  return confidence === 'high' ? 0 : confidence === 'medium' ? 1 : 2;
}
