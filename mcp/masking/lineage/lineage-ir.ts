/**
 * A query as column lineage needs it, whatever parser read it: for each SELECT, what it reads
 * (FROM), what each output column is computed from, and what its filters read. Names are lower
 * case. Parser adapters (pg-lineage.ts, node-sql-parser-lineage.ts) build it; resolve-lineage.ts
 * follows it down to the base-table columns every output comes from.
 */

export interface ColumnRefIR {
  qualifier: string | null;
  column: string;
}

/** Everything an expression reads: column references, and the subqueries inside it. */
export interface ExprIR {
  refs: ColumnRefIR[];
  subqueries: QueryIR[];
}

export type SelectItemIR =
  /** `name`: the alias, or the column's own name for a bare column reference, else null (the database names it). */
  | { kind: 'expr'; name: string | null; expr: ExprIR }
  | { kind: 'star'; qualifier: string | null };

export type FromIR =
  /** A table, view or CTE, by name; `schemaQualified`: named with its schema, so never a CTE. */
  | { kind: 'relation'; name: string; alias: string | null; schemaQualified?: boolean }
  | { kind: 'derived'; query: QueryIR; alias: string | null; columnNames: string[] | null }
  /** A table function or VALUES list: its columns come from what its arguments read. */
  | { kind: 'opaque'; alias: string | null; expr: ExprIR; columnNames: string[] | null };

export interface CteIR {
  name: string;
  query: QueryIR;
  columnNames: string[] | null;
}

export interface SelectIR {
  kind: 'select';
  ctes: CteIR[];
  from: FromIR[];
  items: SelectItemIR[];
  /** WHERE, JOIN … ON, GROUP BY, HAVING: read when this SELECT is a value inside another's column. */
  predicates: ExprIR;
}

export interface SetOpIR {
  kind: 'setop';
  ctes: CteIR[];
  left: QueryIR;
  right: QueryIR;
}

export type QueryIR = SelectIR | SetOpIR;

/** The query could not be read well enough to know where its columns come from. */
export class UnclearLineage extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnclearLineage';
  }
}

export function emptyExpr(): ExprIR {
  return { refs: [], subqueries: [] };
}

export function mergeExpr(into: ExprIR, other: ExprIR): ExprIR {
  into.refs.push(...other.refs);
  into.subqueries.push(...other.subqueries);
  return into;
}
