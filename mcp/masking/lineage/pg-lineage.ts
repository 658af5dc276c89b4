import { emptyExpr, mergeExpr, UnclearLineage, type CteIR, type ExprIR, type FromIR, type QueryIR, type SelectIR, type SelectItemIR } from './lineage-ir.js';

/**
 * Lineage IR from PostgreSQL's parse tree (libpg-query). Used for PostgreSQL and DuckDB, and
 * for SQLite, whose SELECT syntax the PostgreSQL grammar reads (a query it cannot read is
 * tried with the dialect's own parser, then refused).
 */

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const lower = (s: string) => s.toLowerCase();

function strings(list: unknown): string[] {
  return Array.isArray(list) ? list.flatMap((item) => (isNode(item) && isNode(item.String) && typeof item.String.sval === 'string' ? [lower(item.String.sval)] : [])) : [];
}

function aliasOf(node: Node): { alias: string | null; columnNames: string[] | null } {
  const alias = isNode(node.alias) ? node.alias : undefined;
  const colnames = alias ? strings(alias.colnames) : [];
  return { alias: alias && typeof alias.aliasname === 'string' ? lower(alias.aliasname) : null, columnNames: colnames.length ? colnames : null };
}

/** What an expression reads; subqueries are kept whole (their lineage is resolved in their own scope). */
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
    if (isNode(node.ColumnRef)) {
      const fields = Array.isArray(node.ColumnRef.fields) ? node.ColumnRef.fields : [];
      const names = strings(fields);
      const star = fields.some((f) => isNode(f) && 'A_Star' in f);
      if (star) throw new UnclearLineage('a * inside an expression (such as row_to_json(t.*)) reads every column of a table');
      if (names.length) expr.refs.push({ qualifier: names.length > 1 ? names[names.length - 2] : null, column: names[names.length - 1] });
      continue;
    }
    if (isNode(node.SubLink)) {
      if (node.SubLink.subselect) expr.subqueries.push(query(node.SubLink.subselect));
      if (node.SubLink.testexpr) pending.push(node.SubLink.testexpr);
      continue;
    }
    if (isNode(node.SelectStmt)) {
      expr.subqueries.push(query(node));
      continue;
    }
    pending.push(...Object.values(node));
  }
  return expr;
}

function fromItem(node: unknown, predicates: ExprIR): FromIR[] {
  if (!isNode(node)) return [];
  if (isNode(node.RangeVar)) {
    const { alias, columnNames } = aliasOf(node.RangeVar);
    // `property_exemption AS e(a, b, s)` renames the table's columns by position, which only the schema knows.
    if (columnNames) throw new UnclearLineage('a table alias that renames its columns');
    return [{ kind: 'relation', name: lower(String(node.RangeVar.relname)), alias, schemaQualified: typeof node.RangeVar.schemaname === 'string' }];
  }
  if (isNode(node.RangeSubselect)) {
    const { alias, columnNames } = aliasOf(node.RangeSubselect);
    return [{ kind: 'derived', query: query(node.RangeSubselect.subquery), alias, columnNames }];
  }
  if (isNode(node.JoinExpr)) {
    if (node.JoinExpr.quals) mergeExpr(predicates, expression(node.JoinExpr.quals));
    if (isNode(node.JoinExpr.alias)) throw new UnclearLineage('an aliased JOIN');
    return [...fromItem(node.JoinExpr.larg, predicates), ...fromItem(node.JoinExpr.rarg, predicates)];
  }
  if (isNode(node.RangeFunction)) {
    const { alias, columnNames } = aliasOf(node.RangeFunction);
    return [{ kind: 'opaque', alias, expr: expression(node.RangeFunction.functions), columnNames }];
  }
  throw new UnclearLineage(`a FROM item of a kind the masking cannot follow (${Object.keys(node)[0]})`);
}

function ctes(select: Node): CteIR[] {
  const withClause = isNode(select.withClause) ? select.withClause : undefined;
  if (!withClause || !Array.isArray(withClause.ctes)) return [];
  return withClause.ctes.flatMap((item) => {
    if (!isNode(item) || !isNode(item.CommonTableExpr)) return [];
    const cte = item.CommonTableExpr;
    const names = strings(cte.aliascolnames);
    return [{ name: lower(String(cte.ctename)), query: query(cte.ctequery), columnNames: names.length ? names : null }];
  });
}

/** A SelectStmt node ({SelectStmt: …}) or its content (set operations nest the content directly). */
export function query(node: unknown): QueryIR {
  const select = isNode(node) && isNode(node.SelectStmt) ? node.SelectStmt : node;
  if (!isNode(select)) throw new UnclearLineage('a query part the masking cannot read');
  const withs = ctes(select);
  if (typeof select.op === 'string' && select.op !== 'SETOP_NONE') {
    return { kind: 'setop', ctes: withs, left: query(select.larg), right: query(select.rarg) };
  }
  if (Array.isArray(select.valuesLists)) {
    const values = expression(select.valuesLists);
    const width = isNode(select.valuesLists[0]) && isNode(select.valuesLists[0].List) && Array.isArray(select.valuesLists[0].List.items) ? select.valuesLists[0].List.items.length : 0;
    const items: SelectItemIR[] = Array.from({ length: width }, () => ({ kind: 'expr', name: null, expr: values }));
    return { kind: 'select', ctes: withs, from: [], items, predicates: emptyExpr() };
  }
  const predicates = emptyExpr();
  const from = (Array.isArray(select.fromClause) ? select.fromClause : []).flatMap((item) => fromItem(item, predicates));
  for (const key of ['whereClause', 'havingClause', 'groupClause', 'distinctClause']) if (select[key]) mergeExpr(predicates, expression(select[key]));
  const items: SelectItemIR[] = (Array.isArray(select.targetList) ? select.targetList : []).map((target) => {
    const res = isNode(target) && isNode(target.ResTarget) ? target.ResTarget : undefined;
    if (!res) throw new UnclearLineage('a column the masking cannot read');
    const val = res.val;
    const given = res.name;
    const alias = typeof given === 'string' ? lower(given) : null;
    if (isNode(val) && isNode(val.ColumnRef)) {
      const fields = Array.isArray(val.ColumnRef.fields) ? val.ColumnRef.fields : [];
      if (fields.some((f) => isNode(f) && 'A_Star' in f)) {
        const names = strings(fields);
        return { kind: 'star', qualifier: names.length ? names[names.length - 1] : null };
      }
      const names = strings(fields);
      return { kind: 'expr', name: alias ?? names[names.length - 1] ?? null, expr: expression(val) };
    }
    return { kind: 'expr', name: alias, expr: expression(val) };
  });
  return { kind: 'select', ctes: withs, from, items, predicates } satisfies SelectIR;
}
