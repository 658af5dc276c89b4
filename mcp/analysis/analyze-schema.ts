import type { ColumnInfo, SourceConnector, TableInfo } from '../connectors/connector.js';
import { dialectOf } from '../dialects/index.js';
import { UserError } from '../util/user-error.js';
import { inferRoles } from './column-roles.js';
import { describeTables, joinEdges, oriented, tableKey, type JoinEdge } from './join-finder.js';
import { glossaryColumn, glossaryTable, type ColumnRole } from './pacs-glossary.js';
import { PACS_JOINS } from './pacs-keys.js';
import { profileTable } from './table-profile.js';

export interface AnalyzedColumn {
  name: string;
  type: string;
  nullable: boolean;
  primary_key: boolean;
  // The rest only when the table was analyzed.
  roles?: ColumnRole[];
  role_evidence?: string[];
  null_rate?: number | null;
  distinct_count?: number | null;
  distinct_rate?: number | null;
  min?: unknown;
  max?: unknown;
  avg_length?: number | null;
  top_values?: { value: unknown; count: number }[] | null;
  glossary?: { meaning: string; sensitive: string | null } | null;
  /** Set by the tool when min, max and top values are pseudonyms: what the column holds. */
  masked?: string | null;
}

/** A key this table declares (in the database, or for a PACS table in the PACS catalog). */
export interface DeclaredForeignKey {
  columns: string[];
  references_table: string;
  references_columns: string[];
  declared_by: 'database' | 'pacs_catalog';
}

export interface TableAnalysis {
  row_count: number | null;
  /** How the statistics were computed: every row, or a uniform random sample (and how). */
  sampling: { method: string; rows: number };
  glossary: { meaning: string; key: string[] } | null;
  likely_joins: JoinEdge[];
  sensitive_columns: { column: string; basis: string }[];
  notes: string[];
}

export interface SchemaAnalysis {
  table: string;
  schema: string;
  table_name: string;
  dialect: string;
  columns: AnalyzedColumn[];
  primary_key: string[];
  foreign_keys: DeclaredForeignKey[];
  /** null unless the table was analyzed. */
  analysis: TableAnalysis | null;
}

export class TableNotFoundError extends UserError {
  constructor(table: string, connectionId: string) {
    super('not_found', `Table "${table}" was not found in connection "${connectionId}". Call list_source_tables to see the names.`);
  }
}

/**
 * A table's columns and declared keys; with `analyze`, evidence for the host model too: every
 * column's inferred roles, null and distinct rates and min/max over every row or a uniform random
 * sample (the method is stated), top values of codes, PACS glossary meanings, sensitive fields
 * and the tables it joins to. Deterministic but for the sample; no model is asked anything.
 */
export async function analyzeSchema(
  connector: SourceConnector,
  connectionId: string,
  /** As written ("dbo.property_val"), or already split (a resource URI names both). */
  table: string | { schema: string; name: string },
  options: { analyze?: boolean; sampleRows: number; signal?: AbortSignal },
): Promise<SchemaAnalysis> {
  const tableName = typeof table === 'string' ? table : `${table.schema}.${table.name}`;
  const { schema, name } = typeof table === 'string' ? dialectOf(connector.dialect).splitTableName(table) : table;
  const columns = await connector.describeTable(schema, name);
  if (columns.length === 0) throw new TableNotFoundError(tableName, connectionId);
  const dialect = connector.dialect;
  const self: TableInfo = { catalog: connector.catalog, schema, name, type: 'table' };
  const key = tableKey(self, dialect);
  const allTables = await connector.listTables();
  const base = {
    table: key,
    schema,
    table_name: name,
    dialect,
    primary_key: columns.filter((c) => c.primary_key).map((c) => c.name),
    foreign_keys: await declaredForeignKeys(connector, self, columns, allTables),
  };
  if (!(options.analyze ?? true)) {
    return { ...base, columns: columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, primary_key: c.primary_key })), analysis: null };
  }

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

  const catalog = await describeTables(connector, allTables, [self], options.signal);
  const likely = joinEdges(catalog, dialect)
    .filter((e) => e.from_table === key || e.to_table === key)
    .map((e) => oriented(e, key))
    .sort((a, b) => rank(a.confidence) - rank(b.confidence) || a.to_table.localeCompare(b.to_table));
  const notes = [...profile.notes];
  if (catalog.tables.length < allTables.length) notes.push(`joins were looked for among ${catalog.tables.length} of ${allTables.length} tables (PACS tables first)`);
  const g = glossaryTable(name);
  return {
    ...base,
    columns: analyzed,
    analysis: {
      row_count: profile.row_count,
      sampling: { method: profile.method, rows: profile.sampled_rows },
      glossary: g ? { meaning: g.meaning, key: g.key } : null,
      likely_joins: likely,
      sensitive_columns: analyzed.filter((c) => c.glossary?.sensitive).map((c) => ({ column: c.name, basis: c.glossary!.sensitive! })),
      notes,
    },
  };
}

/** The table's outgoing keys: the database's own, and for a PACS table the catalog's whose columns and target are here. */
async function declaredForeignKeys(connector: SourceConnector, self: TableInfo, columns: ColumnInfo[], tables: TableInfo[]): Promise<DeclaredForeignKey[]> {
  const dialect = connector.dialect;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const keys: DeclaredForeignKey[] = [];
  const database = connector.foreignKeys ? await connector.foreignKeys().catch(() => []) : [];
  for (const fk of database) {
    if (!same(fk.table, self.name) || !same(fk.schema, self.schema)) continue;
    keys.push({ columns: fk.columns, references_table: dialectOf(dialect).tableLabel(fk.ref_schema, fk.ref_table), references_columns: fk.ref_columns, declared_by: 'database' });
  }
  const column = (n: string) => columns.find((c) => same(c.name, n))?.name;
  for (const join of PACS_JOINS) {
    if (join.kind !== 'foreign_key' || !same(join.from, self.name)) continue;
    const target = tables.find((t) => same(t.name, join.to));
    const cols = join.fromColumns.map(column);
    if (!target || cols.some((c) => c === undefined)) continue;
    const label = tableKey(target, dialect);
    if (keys.some((k) => same(k.references_table, label) && k.columns.join().toLowerCase() === cols.join().toLowerCase())) continue;
    keys.push({ columns: cols as string[], references_table: label, references_columns: join.toColumns, declared_by: 'pacs_catalog' });
  }
  return keys;
}

function facts(c: ColumnInfo) {
  return { name: c.name, type: c.type, primary_key: c.primary_key };
}

function rank(confidence: JoinEdge['confidence']): number {
  return confidence === 'high' ? 0 : confidence === 'medium' ? 1 : 2;
}
