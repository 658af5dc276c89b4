import type { ColumnInfo, ForeignKeyInfo, SourceConnector, TableInfo } from '../connectors/connector.js';
import { dialectOf, type SqlDialect } from '../dialects/index.js';
import { glossaryTable } from './pacs-glossary.js';
import { PACS_JOINS, pacsUniqueKeys } from './pacs-keys.js';

export interface JoinEdge {
  from_table: string;
  from_columns: string[];
  to_table: string;
  to_columns: string[];
  evidence: string;
  confidence: 'high' | 'medium' | 'low';
  /** Each row of from_table meets at most one row of to_table: the join does not multiply rows. */
  to_one: boolean;
}

/** An edge can be walked both ways; these say how each direction multiplies rows. */
export interface Edge extends JoinEdge {
  reverse_to_one: boolean;
  /** Columns of the target's narrowest unique key the join leaves open (0 when to-one): how far rows multiply. */
  spread: number;
  reverse_spread: number;
}

export interface SchemaCatalog {
  tables: TableInfo[];
  columns: Map<string, ColumnInfo[]>;
  /** Foreign keys the database itself declares. */
  foreignKeys: ForeignKeyInfo[];
}

const MAX_DESCRIBED = 60;

/** The qualified name analysis tools use for a table: schema.name (SQLite: just the name). */
export function tableKey(t: Pick<TableInfo, 'schema' | 'name'>, dialect: SqlDialect): string {
  return dialectOf(dialect).tableLabel(t.schema, t.name);
}

/**
 * Columns of the tables worth comparing: the ones named first, PACS tables, then the rest up to
 * a cap (a PACS server has hundreds of tables; describing all of them would take too long), and
 * the foreign keys the database declares.
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
  const foreignKeys = connector.foreignKeys ? await connector.foreignKeys().catch(() => []) : [];
  return { tables: chosen, columns, foreignKeys };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Joins between the catalog's tables, most trustworthy first: the database's declared foreign
 * keys, the PACS catalog's keys and layer joins (composite keys in full), then tables whose
 * whole primary key appears by name in another table.
 */
export function joinEdges(catalog: SchemaCatalog, dialect: SqlDialect): Edge[] {
  const edges: Edge[] = [];
  const findTable = (schema: string | null, name: string) => catalog.tables.filter((t) => sameName(t.name, name) && (schema === null || sameName(t.schema, schema)));
  const columnsOf = (t: TableInfo) => catalog.columns.get(`${t.schema}.${t.name}`) ?? [];
  const actual = (t: TableInfo, cols: string[]) => cols.map((c) => columnsOf(t).find((x) => sameName(x.name, c))?.name);
  const has = (t: TableInfo, cols: string[]) => actual(t, cols).every((c) => c !== undefined);
  const uniqueKeys = (t: TableInfo) => {
    const declared = columnsOf(t).filter((c) => c.primary_key).map((c) => c.name);
    return [...(declared.length ? [declared] : []), ...pacsUniqueKeys(t.name)];
  };
  // Key columns the join columns leave open, for the key they cover best: 0 means at most one row.
  const open = (t: TableInfo, cols: string[]) => {
    const keys = uniqueKeys(t).filter((key) => key.length > 0);
    if (keys.length === 0) return 1;
    return Math.min(...keys.map((key) => key.filter((k) => !cols.some((c) => sameName(c, k))).length));
  };
  const seen = new Set<string>();
  const add = (from: TableInfo, fromColumns: string[], to: TableInfo, toColumns: string[], evidence: string, confidence: JoinEdge['confidence']) => {
    const a = tableKey(from, dialect);
    const b = tableKey(to, dialect);
    if (a === b && fromColumns.join() === toColumns.join()) return;
    const key = [a, fromColumns.join(','), b, toColumns.join(',')].join('|').toLowerCase();
    const reverse = [b, toColumns.join(','), a, fromColumns.join(',')].join('|').toLowerCase();
    if (seen.has(key) || seen.has(reverse)) return;
    seen.add(key);
    const spread = open(to, toColumns);
    const reverseSpread = open(from, fromColumns);
    edges.push({ from_table: a, from_columns: fromColumns, to_table: b, to_columns: toColumns, evidence, confidence, to_one: spread === 0, reverse_to_one: reverseSpread === 0, spread, reverse_spread: reverseSpread });
  };

  for (const fk of catalog.foreignKeys) {
    for (const from of findTable(fk.schema, fk.table)) {
      for (const to of findTable(fk.ref_schema, fk.ref_table)) {
        add(from, fk.columns, to, fk.ref_columns, `foreign key declared by the database`, 'high');
      }
    }
  }

  for (const join of PACS_JOINS) {
    for (const from of findTable(null, join.from)) {
      for (const to of findTable(null, join.to)) {
        if (has(from, join.fromColumns) && has(to, join.toColumns)) {
          add(from, actual(from, join.fromColumns) as string[], to, actual(to, join.toColumns) as string[], `PACS: ${join.note}`, 'high');
        }
      }
    }
  }

  for (const a of catalog.tables) {
    const aCols = columnsOf(a);
    for (const b of catalog.tables) {
      if (a === b) continue;
      const bPk = columnsOf(b).filter((c) => c.primary_key);
      // b's whole primary key appears, by name, in a: a likely references b.
      if (bPk.length > 0 && bPk.every((k) => aCols.some((c) => sameName(c.name, k.name))) && !(bPk.length === 1 && /^(id|code|name)$/i.test(bPk[0].name))) {
        const cols = bPk.map((k) => k.name);
        const label = tableKey(b, dialect);
        add(a, actual(a, cols) as string[], b, cols, `${cols.join(', ')} ${cols.length > 1 ? 'are' : 'is'} the primary key of ${label} and ${cols.length > 1 ? 'appear' : 'appears'} by name in ${tableKey(a, dialect)}`, 'medium');
      }
    }
  }
  // Where two keys join the same tables (land_type_cd and ag_land_type_cd both name a land type),
  // the one whose columns carry the key's own names is the table's plain reference: it comes first,
  // so a path picks it whatever order the database listed its keys in.
  const plain = (e: Edge) => e.from_columns.every((c, i) => sameName(c, e.to_columns[i]));
  return edges
    .map((edge, i) => ({ edge, i }))
    .sort((x, y) => Number(plain(y.edge)) - Number(plain(x.edge)) || x.edge.from_columns.join().localeCompare(y.edge.from_columns.join()) || x.i - y.i)
    .map((x) => x.edge);
}

/** The edge as walked from `from` (which must be one of its ends). */
export function oriented(edge: Edge, from: string): JoinEdge {
  return walked(edge, from).step;
}

function walked(edge: Edge, from: string): { step: JoinEdge; spread: number } {
  const { reverse_to_one, spread, reverse_spread, ...forward } = edge;
  if (edge.from_table === from) return { step: forward, spread };
  return {
    step: { ...forward, from_table: edge.to_table, from_columns: edge.to_columns, to_table: edge.from_table, to_columns: edge.from_columns, to_one: reverse_to_one },
    spread: reverse_spread,
  };
}

/**
 * What a step costs: a to-one join 1; one that multiplies rows more, the more of the target's key
 * it leaves open (a protest reached from a value layer by parcel and year beats by parcel alone,
 * which would bring every year's protests); a join found only by names more still.
 */
function cost(step: JoinEdge, spread: number): number {
  return (step.to_one ? 1 : 2 + spread) + (step.confidence === 'high' ? 0 : step.confidence === 'medium' ? 2 : 4);
}

/**
 * The cheapest join path (at most `maxHops` joins) between two tables: declared keys before name
 * matches, and to-one joins before joins that multiply rows.
 */
export function joinPath(edges: Edge[], from: string, to: string, maxHops = 4): JoinEdge[] | null {
  if (from === to) return [];
  const best = new Map<string, number>([[from, 0]]);
  const queue: { at: string; cost: number; path: JoinEdge[] }[] = [{ at: from, cost: 0, path: [] }];
  while (queue.length > 0) {
    queue.sort((a, b) => a.cost - b.cost || a.path.length - b.path.length);
    const { at, cost: spent, path } = queue.shift()!;
    if (at === to) return path;
    if (spent > (best.get(at) ?? Infinity) || path.length >= maxHops) continue;
    for (const edge of edges) {
      if (edge.from_table !== at && edge.to_table !== at) continue;
      const { step, spread } = walked(edge, at);
      if (path.some((s) => s.from_table === step.to_table)) continue;
      const next = spent + cost(step, spread);
      if (next >= (best.get(step.to_table) ?? Infinity)) continue;
      best.set(step.to_table, next);
      queue.push({ at: step.to_table, cost: next, path: [...path, step] });
    }
  }
  return null;
}
