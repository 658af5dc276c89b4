import { dialectOf, type SqlDialect, type WarehouseDialect } from '../dialects/index.js';

/**
 * The column types of the lakehouse: what a source column becomes in Parquet, DuckDB and
 * Databricks. Chosen so every source value lands exactly (decimals stay decimals, dates stay
 * dates); a source type we do not recognise lands as text rather than something lossy.
 */
export type LakeType =
  | { kind: 'boolean' }
  | { kind: 'integer' }
  | { kind: 'bigint' }
  | { kind: 'double' }
  | { kind: 'decimal'; precision: number; scale: number }
  | { kind: 'varchar' }
  | { kind: 'date' }
  | { kind: 'timestamp' }
  | { kind: 'timestamptz' }
  | { kind: 'time' }
  | { kind: 'blob' };

export interface LakeColumn {
  name: string;
  type: LakeType;
  nullable: boolean;
}

const SIMPLE: Record<Exclude<LakeType['kind'], 'decimal'>, string> = {
  boolean: 'BOOLEAN',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  varchar: 'VARCHAR',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  timestamptz: 'TIMESTAMPTZ',
  time: 'TIME',
  blob: 'BLOB',
};

/** The DuckDB spelling, which is also how a LakeType is stored in the app store. */
export function duckdbType(type: LakeType): string {
  return type.kind === 'decimal' ? `DECIMAL(${type.precision},${type.scale})` : SIMPLE[type.kind];
}

const DATABRICKS: Record<Exclude<LakeType['kind'], 'decimal'>, string> = {
  boolean: 'BOOLEAN',
  integer: 'INT',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  varchar: 'STRING',
  date: 'DATE',
  timestamp: 'TIMESTAMP_NTZ',
  timestamptz: 'TIMESTAMP',
  time: 'STRING',
  blob: 'BINARY',
};

export function databricksType(type: LakeType): string {
  return type.kind === 'decimal' ? `DECIMAL(${type.precision},${type.scale})` : DATABRICKS[type.kind];
}

const SPELLING: Record<WarehouseDialect['name'], (type: LakeType) => string> = { duckdb: duckdbType, databricks: databricksType };

/** How a warehouse's SQL spells the type. */
export function lakeTypeName(type: LakeType, dialect: WarehouseDialect['name']): string {
  return SPELLING[dialect](type);
}

/** Parses a DuckDB type name as stored (`DECIMAL(14,2)`, `VARCHAR`, …). */
export function parseLakeType(text: string): LakeType {
  const found = lakeTypeFromDeclared('duckdb', text);
  return found;
}

const DECIMAL = /^(?:numeric|decimal|dec|number|money)\s*(?:\(\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?\))?/;

/**
 * What a declared source column type becomes. The dialect matters where the same word means
 * different things (its `declaredTypes`): SQLite's INTEGER holds 64 bits, SQL Server's
 * TIMESTAMP is a row version.
 */
export function lakeTypeFromDeclared(dialect: SqlDialect, declared: string): LakeType {
  const rules = dialectOf(dialect).declaredTypes;
  const t = declared.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === '') return { kind: 'varchar' };
  const decimal = DECIMAL.exec(t);
  if (decimal) {
    if (t.startsWith('money')) return { kind: 'decimal', precision: 19, scale: 4 };
    if (!decimal[1]) {
      // PostgreSQL's unconstrained numeric can hold any scale: keep its exact text.
      if (rules.unconstrainedNumeric === 'text') return { kind: 'varchar' };
      return { kind: 'decimal', precision: 18, scale: 0 };
    }
    const precision = Number(decimal[1]);
    const scale = Math.max(0, Number(decimal[2] ?? 0));
    if (precision < 1 || precision > 38 || scale > precision) return { kind: 'varchar' };
    return { kind: 'decimal', precision, scale };
  }
  if (t === 'smallmoney') return { kind: 'decimal', precision: 10, scale: 4 };
  if (/^(bool|boolean|bit)\b/.test(t)) return t.startsWith('bit') && /bit ?\(\s*([2-9]|\d\d+)/.test(t) ? { kind: 'varchar' } : { kind: 'boolean' };
  if (/^(bigint|int8|long|bigserial|serial8|hugeint|ubigint|uinteger|int unsigned)\b/.test(t)) return { kind: 'bigint' };
  if (/^(int|integer|int4|serial|serial4|mediumint)\b/.test(t)) {
    return rules.integerBits === 64 ? { kind: 'bigint' } : { kind: 'integer' };
  }
  if (/^(smallint|int2|tinyint|smallserial|serial2|utinyint|usmallint|byte|short)\b/.test(t)) return { kind: 'integer' };
  if (/^(double|float|real|float4|float8|binary_float|binary_double)\b/.test(t)) return { kind: 'double' };
  if (/^date$/.test(t)) return { kind: 'date' };
  if (/^(timestamptz|timestamp_ltz|datetimeoffset)\b/.test(t) || (/^timestamp\b/.test(t) && t.includes('with time zone'))) return { kind: 'timestamptz' };
  if (/^timestamp\b/.test(t) && rules.timestamp === 'timestamptz') return { kind: 'timestamptz' };
  if (/^(timestamp|datetime|datetime2|smalldatetime|timestamp_ntz|timestamp without time zone)\b/.test(t)) {
    // SQL Server's TIMESTAMP is a row version, not a time.
    if (rules.timestamp === 'rowversion' && t.startsWith('timestamp')) return { kind: 'blob' };
    return { kind: 'timestamp' };
  }
  if (/^(time|timetz|time with(out)? time zone)\b/.test(t)) return { kind: 'time' };
  if (/^(blob|bytea|binary|varbinary|image|longblob|rowversion|raw)\b/.test(t)) return { kind: 'blob' };
  return { kind: 'varchar' };
}

export function isTextual(type: LakeType): boolean {
  return type.kind === 'varchar';
}

export function isNumeric(type: LakeType): boolean {
  return type.kind === 'integer' || type.kind === 'bigint' || type.kind === 'double' || type.kind === 'decimal';
}

export function isTemporal(type: LakeType): boolean {
  return type.kind === 'date' || type.kind === 'timestamp' || type.kind === 'timestamptz';
}

export function sameLakeType(a: LakeType, b: LakeType): boolean {
  return duckdbType(a) === duckdbType(b);
}
