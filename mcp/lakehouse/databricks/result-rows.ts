import { uniqueColumnNames } from '../../connectors/result-columns.js';
import type { Row } from '../../connectors/connector.js';
import { jsonSafeValue } from '../../util/json-safe.js';
import { bt } from './statements.js';

/** A column of the result schema the Databricks SQL driver reports (TColumnDesc). */
export interface DriverColumn {
  columnName: string;
  /** 1-based. */
  position: number;
}

/** The names of a result's columns, in the order of the statement, as every connector names them (`market`, `market_2`). */
export function resultColumnNames(schema: readonly DriverColumn[]): string[] {
  return uniqueColumnNames([...schema].sort((a, b) => a.position - b.position).map((c) => c.columnName));
}

/**
 * The driver keys each row by column name, so of two columns named alike it keeps one value. When
 * the names the statement gives are not the unique ones, the statement is run again as a
 * subquery whose columns are renamed by position, so each value arrives under its own name.
 * Null when the statement's own names already do.
 */
export function renamedByPosition(statement: string, given: readonly DriverColumn[], unique: readonly string[]): string | null {
  const names = [...given].sort((a, b) => a.position - b.position).map((c) => c.columnName);
  if (names.length === unique.length && names.every((name, i) => name === unique[i])) return null;
  // A statement may end in a semicolon or a line comment: the closing parenthesis goes on a line of its own.
  const body = statement.replace(/[\s;]+$/, '');
  return `SELECT * FROM (\n${body}\n) AS pacs_result(${unique.map(bt).join(', ')})`;
}

/** A driver row (keyed by column name) as a result row with every column of `columns`, values made JSON-safe. */
export function resultRow(columns: readonly string[], driverRow: Readonly<Record<string, unknown>>): Row {
  const row: Row = {};
  for (const name of columns) row[name] = jsonSafeValue(driverRow[name]);
  return row;
}
