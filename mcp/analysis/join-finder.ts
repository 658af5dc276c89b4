import type { ColumnInfo, SourceConnector, TableInfo } from '../connectors/connector.js';
import { dialectOf, type SqlDialect } from '../dialects/index.js';
import { PACS_JOINS, glossaryTable } from './pacs-glossary.js';

export interface JoinEdge {
  from_table: string;
  from_columns: string[];
  to_table: string;
  to_columns: string[];
  evidence: string;
  confidence: 'high' | 'medium' | 'low';
}

export interface SchemaCatalog {
  tables: TableInfo[];
  columns: Map<string, ColumnInfo[]>;
}

const MAX_DESCRIBED = 60;

/** The qualified name analysis tools use for a table: schema.name (SQLite: just the name). */
export function tableKey(t: Pick<TableInfo, 'schema' | 'name'>, dialect: SqlDialect): string {
  return dialectOf(dialect).tableLabel(t.schema, t.name);
}

/**
 * Columns of the tables worth comparing: the ones named first, PACS tables, then the rest up to
 * a cap (a PACS server has hundreds of tables; describing all of them would take too long).
 */
export async function describeTables(connector: SourceConnector, tables: TableInfo[], first: TableInfo[], signal?: AbortSignal): Promise<SchemaCatalog> {
  const chosen: TableInfo[] = [];
  const seen = new Set<string>();
  const push = (t: TableInfo) => {
    const key = `${t.schema}.${t.name}`;
    if (seen.has(key) || chosen.length >= MAX_DESCRIBED) return;
    seen.add(key);
    chosen.push(t);
  };
  first.forEach(push);
  tables.filter((t) => glossaryTable(t.name)).forEach(push);
  tables.forEach(push);
  const columns = new Map<string, ColumnInfo[]>();
  for (const t of chosen) {
    if (signal?.aborted) break;
    columns.set(`${t.schema}.${t.name}`, await connector.describeTable(t.schema, t.name).catch(() => []));
  }
  return { tables: chosen, columns };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Joins between the catalog's tables: PACS's own, then columns with the same id/code name. */
export function joinEdges(catalog: SchemaCatalog, dialect: SqlDialect): JoinEdge[] {
  const edges: JoinEdge[] = [];
  const byName = (name: string) => catalog.tables.filter((t) => sameName(t.name, name));
  const columnsOf = (t: TableInfo) => catalog.columns.get(`${t.schema}.${t.name}`) ?? [];
  const has = (t: TableInfo, cols: string[]) => cols.every((c) => columnsOf(t).some((x) => sameName(x.name, c)));
  const seen = new Set<string>();
  const add = (edge: JoinEdge) => {
    const key = [edge.from_table, edge.from_columns.join(','), edge.to_table, edge.to_columns.join(',')].join('|');
    const reverse = [edge.to_table, edge.to_columns.join(','), edge.from_table, edge.from_columns.join(',')].join('|');
    if (seen.has(key) || seen.has(reverse)) return;
    seen.add(key);
    edges.push(edge);
  };

  for (const join of PACS_JOINS) {
    for (const from of byName(join.from)) {
      for (const to of byName(join.to)) {
        if (has(from, join.fromColumns) && has(to, join.toColumns)) {
          add({ from_table: tableKey(from, dialect), from_columns: join.fromColumns, to_table: tableKey(to, dialect), to_columns: join.toColumns, evidence: `PACS schema: ${join.note}`, confidence: 'high' });
        }
      }
    }
  }

  for (const a of catalog.tables) {
    const aCols = columnsOf(a);
    const aPk = aCols.filter((c) => c.primary_key);
    for (const b of catalog.tables) {
      if (a === b) continue;
      const bCols = columnsOf(b);
      const bPk = bCols.filter((c) => c.primary_key);
      // b's whole primary key appears, by name, in a: a references b.
      if (bPk.length > 0 && bPk.every((k) => aCols.some((c) => sameName(c.name, k.name))) && !(bPk.length === 1 && /^(id|code|name)$/i.test(bPk[0].name))) {
        const cols = bPk.map((k) => k.name);
        const aIsSame = aPk.length === bPk.length && cols.every((c) => aPk.some((k) => sameName(k.name, c)));
        add({
          from_table: tableKey(a, dialect),
          from_columns: cols,
          to_table: tableKey(b, dialect),
          to_columns: cols,
          evidence: `${cols.join(', ')} ${cols.length > 1 ? 'are' : 'is'} the primary key of ${tableKey(b, dialect)} and ${cols.length > 1 ? 'appear' : 'appears'} in ${tableKey(a, dialect)}`,
          confidence: aIsSame ? 'medium' : 'high',
        });
      }
    }
  }
  return edges;
}

/** Shortest join path (at most `maxHops` joins) between two tables. */
export function joinPath(edges: JoinEdge[], from: string, to: string, maxHops = 3): JoinEdge[] | null {
  if (from === to) return [];
  const queue: { at: string; path: JoinEdge[] }[] = [{ at: from, path: [] }];
  const visited = new Set([from]);
  while (queue.length > 0) {
    const { at, path } = queue.shift()!;
    if (path.length >= maxHops) continue;
    for (const edge of edges) {
      const forward = edge.from_table === at ? edge : null;
      const backward = edge.to_table === at ? { ...edge, from_table: edge.to_table, from_columns: edge.to_columns, to_table: edge.from_table, to_columns: edge.from_columns } : null;
      for (const step of [forward, backward]) {
        if (!step || visited.has(step.to_table)) continue;
        const next = [...path, step];
        if (step.to_table === to) return next;
        visited.add(step.to_table);
        queue.push({ at: step.to_table, path: next });
      }
    }
  }
  return null;
}
