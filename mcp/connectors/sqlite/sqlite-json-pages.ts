import type { Row } from '../connector.js';
import { sqlite as sqliteDialect } from '../../dialects/sqlite.js';
import { rowFromValues } from '../result-columns.js';

/*
 * A page of rows read as one JSON text built inside SQLite: node-sqlite3 turns every value of a
 * row into a JavaScript value one by one on the main thread, and JSON.parse does the same for a
 * whole page several times faster. The values must come back exactly as the driver gives them:
 * - SQLite writes a REAL into JSON with 15 significant digits, which loses computed doubles
 *   (0.1 + 0.2, 1.7976931348623157e308); a REAL is therefore given as the text SQLite's CAST
 *   makes of it, the shortest that reads back as the same double, and taken in as a JSON number.
 *   Infinities, which have no JSON number, are left to json_array (9e999, read back as Infinity).
 *   Negative zero comes back as 0, as it does through SQLite's own JSON.
 * - JSON has no bytes: a BLOB is written as {"blob": hex} and becomes a Buffer again here. Every
 *   other value is a JSON string, number or null, so an object can only be a BLOB.
 * - An INTEGER beyond 2^53 loses precision in both ways alike (the driver gives a double too).
 */

/** `SELECT json_group_array(…)` over the page: one text value holding every row as an array. */
export function jsonPageSql(pageSql: string, sqliteNames: readonly string[]): string {
  const values = sqliteNames.map((name) => exactJsonValue(sqliteDialect.quoteIdent(name))).join(', ');
  return `SELECT json_group_array(json_array(${values})) AS page FROM (${pageSql}\n)`;
}

function exactJsonValue(column: string): string {
  return (
    `CASE typeof(${column}) ` +
    `WHEN 'real' THEN CASE WHEN abs(${column}) <= 1.7976931348623157e308 THEN json(CAST(${column} AS TEXT)) ELSE ${column} END ` +
    `WHEN 'blob' THEN json_object('blob', hex(${column})) ` +
    `ELSE ${column} END`
  );
}

/** The page's rows keyed by `columns` (the unique names, in the order of the SELECT). */
export function rowsFromJsonPage(page: string, columns: readonly string[]): Row[] {
  const arrays = JSON.parse(page) as unknown[][];
  const rows: Row[] = new Array(arrays.length);
  for (let r = 0; r < arrays.length; r++) {
    const values = arrays[r];
    for (let c = 0; c < values.length; c++) {
      const value = values[c];
      if (typeof value === 'object' && value !== null) values[c] = Buffer.from((value as { blob: string }).blob, 'hex');
    }
    rows[r] = rowFromValues(columns, values);
  }
  return rows;
}
