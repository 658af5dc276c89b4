import { emptyExpr, mergeExpr, UnclearLineage, type CteIR, type ExprIR, type FromIR, type QueryIR, type SelectItemIR } from './lineage-ir.js';

/**
 * Lineage IR from node-sql-parser's tree, for SQL Server (TOP, [brackets]) and SQLite SQL the
 * PostgreSQL grammar does not read.
 */

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** node-sql-parser writes a name as a string, or as `{ expr: { value } }`, or `{ value }`. */
function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return value.toLowerCase();
  if (isNode(value) && typeof value.value === 'string') return value.value.toLowerCase();
  if (isNode(value) && isNode(value.expr) && typeof value.expr.value === 'string') return value.expr.value.toLowerCase();
  return null;
}

function isQuery(node: Node): boolean {
  return isNode(node.ast) || (node.type === 'select' && Array.isArray(node.columns));
}

function expression(root: unknown): ExprIR {
  const expr = emptyExpr();
  const pending: unknown[] = [root];
  while (pending.length) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    if (!isNode(node)) continue;
    if (node.type === 'column_ref') {
      const column = nameOf(node.column);
      if (column === '*') throw new UnclearLineage('a * inside an expression reads every column of a table');
      if (column) expr.refs.push({ qualifier: nameOf(node.table), column });
      continue;
    }
    if (isQuery(node)) {
      expr.subqueries.push(query(node));
      continue;
    }
    pending.push(...Object.values(node));
  }
  return expr;
}

function ctes(select: Node): CteIR[] {
  const list = Array.isArray(select.with) ? select.with : [];
  return list.map((item: Node) => {
    const names = Array.isArray(item.columns) ? item.columns.map((c) => nameOf(c)).filter((c): c is string => c !== null) : [];
    return { name: nameOf(item.name) ?? '', query: query(item.stmt), columnNames: names.length ? names : null };
  });
}

export function query(node: unknown): QueryIR {
  const select = isNode(node) && isNode(node.ast) ? node.ast : node;
  if (!isNode(select) || select.type !== 'select') throw new UnclearLineage('a query part the masking cannot read');
  const withs = ctes(select);
  if (isNode(select._next)) {
    const { _next: next, set_op: _op, ...first } = select;
    return { kind: 'setop', ctes: withs, left: query({ ...first, with: null }), right: query(next) };
  }
  const predicates = emptyExpr();
  for (const key of ['where', 'having', 'groupby']) if (select[key]) mergeExpr(predicates, expression(select[key]));
  const from: FromIR[] = (Array.isArray(select.from) ? select.from : []).map((item: Node) => {
    if (item.on) mergeExpr(predicates, expression(item.on));
    const alias = nameOf(item.as);
    if (isNode(item.expr) && isQuery(item.expr)) return { kind: 'derived', query: query(item.expr), alias, columnNames: null };
    if (typeof item.table === 'string') return { kind: 'relation', name: item.table.toLowerCase(), alias, schemaQualified: typeof item.db === 'string' || typeof item.schema === 'string' };
    if (isNode(item.expr)) return { kind: 'opaque', alias, expr: expression(item.expr), columnNames: null };
    throw new UnclearLineage('a FROM item the masking cannot follow');
  });
  const columns = select.columns === '*' ? [{ expr: { type: 'column_ref', column: '*' } }] : Array.isArray(select.columns) ? select.columns : [];
  const items: SelectItemIR[] = columns.map((column: Node) => {
    const expr = isNode(column.expr) ? column.expr : undefined;
    if (expr?.type === 'column_ref' && nameOf(expr.column) === '*') return { kind: 'star', qualifier: nameOf(expr.table) };
    const alias = nameOf(column.as);
    const bare = expr?.type === 'column_ref' ? nameOf(expr.column) : null;
    return { kind: 'expr', name: alias ?? bare, expr: expression(expr) };
  });
  return { kind: 'select', ctes: withs, from, items, predicates };
}
