import { warehouseDialectOf, type Dialect, type WarehouseDialect } from '../../dialects/index.js';
import { lakeTypeName, type LakeType } from '../lake-types.js';
import type { ResolvedColumn, ResolvedFilter, ResolvedSpec } from './transform-spec.js';

export interface CompiledTransform {
  /** The silver table's SELECT. */
  select: string;
  /** One row: rows_in, rows_kept (after casts' drop_row and filters), cast_errors_<i> per cast column. */
  stats: string;
  /** Up to 5 distinct values of cast column `i` that do not convert. */
  castExamples(i: number): string;
  /** Cast columns in the order the stats name them (cast_errors_0, _1, …). */
  casts: ResolvedColumn[];
}

const RAW_PREFIX = '__pacs_raw_';

/**
 * Compiles a validated transform for one warehouse dialect. Names are quoted with the dialect's
 * quoting, literals escaped by its rules (Databricks reads backslashes as escapes), casts that
 * may fail use TRY_CAST so each failure can be counted instead of aborting the statement.
 */
export function compileTransform(spec: ResolvedSpec, dialectName: WarehouseDialect['name'], source: string): CompiledTransform {
  const dialect = warehouseDialectOf(dialectName);
  const q = (name: string) => dialect.quoteIdent(name);
  const lit = (value: string) => dialect.stringLiteral(value);
  const typeName = (type: LakeType) => lakeTypeName(type, dialect.name);
  const tryCast = (expr: string, type: LakeType) => dialect.tryCast(expr, typeName(type));

  /** The value after trim and null-normalisation, before any cast. */
  const prepared = (c: ResolvedColumn): string => {
    let expr = q(c.source);
    if (c.trim) expr = `trim(${expr})`;
    if (c.nullValues) expr = `CASE WHEN trim(${q(c.source)}) IN (${c.nullValues.map(lit).join(', ')}) THEN NULL ELSE ${expr} END`;
    return expr;
  };
  const casts = spec.casts;
  const dropping = casts.filter((c) => c.cast!.onError === 'drop_row');

  const cleanedList = [
    ...spec.columns.map((c) => `${c.cast ? tryCast(prepared(c), c.cast.to) : prepared(c)} AS ${q(c.source)}`),
    ...dropping.map((c) => `${prepared(c)} AS ${q(RAW_PREFIX + c.source)}`),
  ].join(',\n    ');
  const cleaned = `cleaned AS (\n  SELECT\n    ${cleanedList}\n  FROM ${source}\n)`;

  const conditions = [
    ...dropping.map((c) => `NOT (${q(RAW_PREFIX + c.source)} IS NOT NULL AND ${q(c.source)} IS NULL)`),
    ...spec.filters.map((f) => filterCondition(f, dialect, typeName)),
  ];
  const where = conditions.length > 0 ? `\nWHERE ${conditions.join('\n  AND ')}` : '';

  let qualify = '';
  if (spec.dedupe) {
    const partition = spec.dedupe.keys.map((k) => q(k.source)).join(', ');
    const ordering = spec.dedupe.orderBy.length > 0 ? spec.dedupe.orderBy : [];
    // Without an order the kept row would be arbitrary: break ties by every column, so reruns agree.
    const order = [
      ...ordering.map((o) => `${q(o.column.source)} ${o.direction.toUpperCase()} NULLS LAST`),
      ...spec.columns.map((c) => `${q(c.source)} ASC NULLS FIRST`),
    ].join(', ');
    qualify = `\nQUALIFY row_number() OVER (PARTITION BY ${partition} ORDER BY ${order}) = 1`;
  }

  const projection = spec.output.map((c) => `${q(c.source)} AS ${q(c.target)}`).join(', ');
  const select = `WITH ${cleaned}\nSELECT ${projection}\nFROM cleaned${where}${qualify}`;

  const preparedCte = `prepared AS (\n  SELECT ${casts.length > 0 ? casts.map((c) => `${prepared(c)} AS ${q(c.source)}`).join(', ') : '1 AS one'}\n  FROM ${source}\n)`;
  const castErrors = casts.map(
    (c, i) => `(SELECT sum(CASE WHEN ${q(c.source)} IS NOT NULL AND ${tryCast(q(c.source), c.cast!.to)} IS NULL THEN 1 ELSE 0 END) FROM prepared) AS cast_errors_${i}`,
  );
  const stats =
    `WITH ${cleaned},\n${preparedCte}\n` +
    `SELECT (SELECT count(*) FROM ${source}) AS rows_in, (SELECT count(*) FROM cleaned${where}) AS rows_kept` +
    castErrors.map((e) => `, ${e}`).join('');

  const castExamples = (i: number) => {
    const c = casts[i];
    return `WITH ${preparedCte}\nSELECT DISTINCT ${q(c.source)} AS value FROM prepared WHERE ${q(c.source)} IS NOT NULL AND ${tryCast(q(c.source), c.cast!.to)} IS NULL ORDER BY 1 LIMIT 5`;
  };
  return { select, stats, castExamples, casts };
}

function filterCondition(f: ResolvedFilter, dialect: Dialect, typeName: (t: LakeType) => string): string {
  const lit = (value: string) => dialect.stringLiteral(value);
  const column = dialect.quoteIdent(f.column.source);
  const type = f.column.finalType;
  const literal = (v: string | number | boolean): string => {
    switch (type.kind) {
      case 'integer':
      case 'bigint':
      case 'double':
      case 'decimal':
        return dialect.numberLiteral(typeof v === 'number' ? v : Number(String(v).trim()));
      case 'boolean':
        return dialect.booleanLiteral(v === true);
      case 'date':
      case 'timestamp':
        return `CAST(${lit(String(v))} AS ${typeName(type)})`;
      default:
        return lit(String(v));
    }
  };
  switch (f.op) {
    case 'is_null':
      return `${column} IS NULL`;
    case 'not_null':
      return `${column} IS NOT NULL`;
    case 'in':
      return `${column} IN (${f.values.map(literal).join(', ')})`;
    case 'not_in':
      return `(${column} IS NULL OR ${column} NOT IN (${f.values.map(literal).join(', ')}))`;
    case 'like':
      return `${column} LIKE ${lit(String(f.values[0]))}`;
    default: {
      const op = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' }[f.op];
      return `${column} ${op} ${literal(f.values[0])}`;
    }
  }
}
