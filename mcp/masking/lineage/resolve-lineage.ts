import { UnclearLineage, type ColumnRefIR, type CteIR, type ExprIR, type FromIR, type QueryIR } from './lineage-ir.js';

/**
 * Follows a query's columns down to the base-table columns they are computed from. A source is
 * written `table.column` (`?.column` when the table cannot be told without the schema, which
 * does not matter here: a column is judged by its name). Anything the resolution cannot follow
 * raises UnclearLineage, and the caller refuses the query.
 */

export type Sources = Set<string>;

type Output = { star: false; name: string | null; sources: Sources } | { star: true; entries: Entry[] };

type Entry =
  | { kind: 'base'; name: string; alias: string | null; table: string }
  | { kind: 'derived'; name: string | null; alias: string | null; outputs: Output[] }
  | { kind: 'opaque'; name: null; alias: string | null; sources: Sources; columnNames: string[] | null };

type Ctes = Map<string, () => Output[]>;

const union = (...sets: Sources[]): Sources => new Set(sets.flatMap((s) => [...s]));

function renamed(outputs: Output[], names: string[] | null): Output[] {
  if (!names) return outputs;
  if (outputs.some((o) => o.star)) throw new UnclearLineage('column names given to a subquery that selects *');
  return outputs.map((o, i) => (o.star ? o : { ...o, name: names[i] ?? o.name }));
}

/** The sources of column `column` read from `entry`, or undefined when it does not have it. */
function sourcesIn(entry: Entry, column: string): Sources | undefined {
  if (entry.kind === 'base') return new Set([`${entry.table}.${column}`]);
  if (entry.kind === 'opaque') return entry.columnNames && !entry.columnNames.includes(column) ? undefined : entry.sources;
  const named = entry.outputs.filter((o): o is Extract<Output, { star: false }> => !o.star && o.name === column);
  if (named.length) return union(...named.map((o) => o.sources));
  const stars = entry.outputs.filter((o): o is Extract<Output, { star: true }> => o.star);
  if (stars.length) return union(...stars.map((s) => starSources(s.entries, column)));
  return undefined;
}

/** What output column `column` of a `*` over `entries` comes from. */
function starSources(entries: Entry[], column: string): Sources {
  return union(...entries.map((e) => sourcesIn(e, column) ?? new Set<string>()));
}

function entryCalled(scope: Entry[], qualifier: string): Entry | undefined {
  return scope.find((entry) => entry.alias === qualifier) ?? scope.find((entry) => entry.alias === null && entry.name === qualifier);
}

/**
 * A name that calls a table of the query where a column was expected is its whole row as one
 * value (PostgreSQL's `row_to_json(e)`, `e::text`): it carries every column, so it
 * cannot be judged. Only a subquery's own named column of that name makes it a column. A
 * function in FROM (`generate_series(1, 5) AS g`) is judged by its arguments either way.
 */
function assertNotWholeRow(ref: ColumnRefIR, scopes: Entry[][]): void {
  for (const scope of scopes) {
    const called = entryCalled(scope, ref.column);
    if (!called) continue;
    if (called.kind === 'opaque') return;
    const namedColumn = scope.some((e) => e.kind === 'derived' && e.outputs.some((o) => !o.star && o.name === ref.column));
    if (!namedColumn) throw new UnclearLineage(`"${ref.column}" reads a whole row of a table as one value (name the columns instead, or qualify the column as table.column)`);
    return;
  }
}

function resolveRef(ref: ColumnRefIR, scopes: Entry[][]): Sources {
  for (const [depth, scope] of scopes.entries()) {
    if (ref.qualifier !== null) {
      const entry = entryCalled(scope, ref.qualifier);
      if (entry) return sourcesIn(entry, ref.column) ?? new Set([`?.${ref.column}`]);
      continue;
    }
    assertNotWholeRow(ref, scopes.slice(depth, depth + 1));
    const found = scope.map((e) => (e.kind === 'base' ? undefined : sourcesIn(e, ref.column))).filter((s): s is Sources => s !== undefined);
    const bases = scope.filter((e) => e.kind === 'base');
    if (found.length || bases.length) return union(...found, ...bases.map((b) => new Set([`${(b as { table: string }).table}.${ref.column}`])));
  }
  // A qualifier that names no table here: `schema.table` read as a whole row where a database allows it, else a composite column's field.
  if (ref.qualifier !== null) assertNotWholeRow(ref, scopes);
  return new Set([`?.${ref.column}`]);
}

/** Everything an expression reads, its subqueries included (filters and all: a value computed from a column carries it). */
function exprSources(expr: ExprIR, scopes: Entry[][], ctes: Ctes): Sources {
  const parts = expr.refs.map((ref) => resolveRef(ref, scopes));
  for (const sub of expr.subqueries) parts.push(allSources(sub, scopes, ctes));
  return union(...parts);
}

function allSources(query: QueryIR, outer: Entry[][], ctes: Ctes): Sources {
  const { outputs, predicates } = resolveWithScope(query, outer, ctes);
  return union(predicates, allOutputs(outputs));
}

/** Every source of every output; a `*` over a base table counts as `table.*` (its columns are not listed anywhere here). */
function allOutputs(outputs: Output[]): Sources {
  return union(
    ...outputs.map((o) =>
      o.star ? union(...o.entries.map((e) => (e.kind === 'base' ? new Set([`${e.table}.*`]) : e.kind === 'opaque' ? e.sources : allOutputs(e.outputs)))) : o.sources,
    ),
  );
}

function withCtes(list: CteIR[], outer: Ctes, scopes: Entry[][]): Ctes {
  if (!list.length) return outer;
  const ctes: Ctes = new Map(outer);
  for (const cte of list) {
    let memo: Output[] | undefined;
    let resolving = false;
    ctes.set(cte.name, () => {
      if (memo) return memo;
      // A recursive CTE reading itself adds no new source (its anchor member has them all).
      if (resolving) return [];
      resolving = true;
      try {
        memo = renamed(resolve(cte.query, scopes, ctes), cte.columnNames);
        return memo;
      } finally {
        resolving = false;
      }
    });
  }
  return ctes;
}

function entryOf(item: FromIR, scopes: Entry[][], ctes: Ctes): Entry {
  if (item.kind === 'relation') {
    const cte = item.schemaQualified ? undefined : ctes.get(item.name);
    if (cte) return { kind: 'derived', name: item.name, alias: item.alias, outputs: cte() };
    return { kind: 'base', name: item.name, alias: item.alias, table: item.name };
  }
  if (item.kind === 'derived') return { kind: 'derived', name: null, alias: item.alias, outputs: renamed(resolve(item.query, scopes, ctes), item.columnNames) };
  return { kind: 'opaque', name: null, alias: item.alias, sources: exprSources(item.expr, scopes, ctes), columnNames: item.columnNames };
}

function resolveWithScope(query: QueryIR, outer: Entry[][], parentCtes: Ctes): { outputs: Output[]; predicates: Sources } {
  const ctes = withCtes(query.ctes, parentCtes, outer);
  if (query.kind === 'setop') {
    const left = resolve(query.left, outer, ctes);
    const right = resolve(query.right, outer, ctes);
    if (left.some((o) => o.star) || right.some((o) => o.star) || left.length !== right.length) {
      throw new UnclearLineage('a UNION, EXCEPT or INTERSECT whose sides select * or a different number of columns');
    }
    const outputs: Output[] = left.map((o, i) => ({ star: false, name: (o as { name: string | null }).name, sources: union((o as { sources: Sources }).sources, (right[i] as { sources: Sources }).sources) }));
    return { outputs, predicates: new Set() };
  }
  const scope: Entry[] = [];
  // Later FROM items may read earlier ones (LATERAL, CROSS APPLY): each sees those before it.
  for (const item of query.from) scope.push(entryOf(item, [scope, ...outer], ctes));
  const scopes = [scope, ...outer];
  const outputs: Output[] = query.items.map((item) => {
    if (item.kind === 'star') {
      const entries = item.qualifier === null ? scope : [entryCalled(scope, item.qualifier)].filter((e): e is Entry => e !== undefined);
      if (!entries.length) throw new UnclearLineage(`${item.qualifier ?? ''}.* names no table of the query`);
      return { star: true, entries };
    }
    return { star: false, name: item.name, sources: exprSources(item.expr, scopes, ctes) };
  });
  return { outputs, predicates: exprSources(query.predicates, scopes, ctes) };
}

function resolve(query: QueryIR, outer: Entry[][], ctes: Ctes): Output[] {
  return resolveWithScope(query, outer, ctes).outputs;
}

/**
 * The sources of each column of a result, given the names the database reported. Columns are
 * matched by position when the query lists exactly that many (no `*`), else by name. An
 * unaliased expression beside a `*` is refused: the name the database gives it (`substr`,
 * `?column?`, its text) could be taken for a column the `*` brought, and its real sources lost.
 * A name the connector made unique (`amount_2` for a second `amount`) also carries the sources
 * of the name it repeats.
 */
export function columnSources(query: QueryIR, columns: readonly string[]): Sources[] {
  const outputs = resolve(query, [], new Map());
  if (!outputs.some((o) => o.star) && outputs.length === columns.length) {
    return outputs.map((o) => (o as { sources: Sources }).sources);
  }
  const stars = outputs.filter((o): o is Extract<Output, { star: true }> => o.star);
  const unnamed = outputs.filter((o): o is Extract<Output, { star: false }> => !o.star && o.name === null);
  if (stars.length && unnamed.length) throw new UnclearLineage('a computed column without a name beside *');
  const byName = (name: string): Sources | undefined => {
    const named = outputs.filter((o): o is Extract<Output, { star: false }> => !o.star && o.name === name);
    if (named.length || stars.length) return union(...named.map((o) => o.sources), ...stars.map((s) => starSources(s.entries, name)));
    return undefined;
  };
  return columns.map((column, index) => {
    const name = column.toLowerCase();
    const repeated = repeatedName(name, columns.slice(0, index));
    const found = byName(name);
    if (found) return repeated === null ? found : union(found, byName(repeated) ?? new Set());
    if (repeated !== null) {
      const original = byName(repeated);
      if (original) return original;
    }
    if (unnamed.length) return union(...unnamed.map((o) => o.sources));
    throw new UnclearLineage(`the result column "${column}" matches no column of the query`);
  });
}

/** `amount` for `amount_2` when an earlier column is called `amount` (the connector's way of keeping both). */
function repeatedName(name: string, earlier: readonly string[]): string | null {
  const match = /^(.+)_(\d+)$/.exec(name);
  if (!match) return null;
  return earlier.some((c) => c.toLowerCase() === match[1]) ? match[1] : null;
}
