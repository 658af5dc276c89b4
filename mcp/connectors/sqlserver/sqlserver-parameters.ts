import type { ISqlType, Request as MssqlRequest } from 'mssql';
import { tsqlParameterName } from '../placeholders.js';
import { parameterColumns, type ParameterColumn } from './parameter-columns.js';
import type { MssqlModule } from './sqlserver-driver.js';

/** Text the SQL Server code pages all hold byte for byte: plain ASCII. */
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Binds the values of an engine statement (`?` placeholders, named @p1… by the translation) as
 * the parameters of its sp_executesql call. Text meeting a known `char`/`varchar` column goes as
 * VARCHAR, text meeting an `nchar`/`nvarchar` column as NVARCHAR, each at least the column's
 * length (a longer value is sent whole, so it never matches or is stored cut short by the
 * parameter). Text with a character beyond ASCII stays NVARCHAR: the database's code page might
 * not hold it, and a character replaced by `?` could match the wrong row. Numbers, dates and text
 * the statement does not tie to a column keep the driver's own types.
 */
export function bindParameters(mssql: MssqlModule, request: MssqlRequest, sql: string, params: readonly unknown[]): void {
  const columns = params.some((p) => typeof p === 'string' || p === null || p === undefined) ? parameterColumns(sql) : [];
  params.forEach((value, i) => {
    const type = value === null || value === undefined || typeof value === 'string' ? textType(mssql, columns[i] ?? null, value ?? null) : undefined;
    if (type) request.input(tsqlParameterName(i), type, value ?? null);
    else request.input(tsqlParameterName(i), value ?? null);
  });
}

/** The parameter type for text (or NULL) meeting `column`; undefined leaves the driver's default. */
export function textType(mssql: MssqlModule, column: ParameterColumn | null, value: string | null): ISqlType | undefined {
  if (!column) return undefined;
  const declared = column.type;
  if (declared.kind !== 'char' && declared.kind !== 'varchar' && declared.kind !== 'nchar' && declared.kind !== 'nvarchar') return undefined;
  const narrow = declared.kind === 'char' || declared.kind === 'varchar';
  if (narrow && value !== null && !ASCII.test(value)) return undefined;
  const length = declared.length === null ? mssql.MAX : Math.max(declared.length, value?.length ?? 0);
  return narrow ? mssql.VarChar(length) : mssql.NVarChar(length);
}
