import type { Row } from './connector.js';

/**
 * Result columns keep every column a SELECT returns, whatever the driver does with names: rows
 * are objects keyed by column, so `SELECT a.market, b.market` must not collapse into one key (the
 * second value silently lost) and a column without a name must still be there. The first column
 * of a name keeps it; a repeat becomes `market_2`, `market_3` (never a name already in the
 * result); a column the database left unnamed becomes `column_N`, N its position from 1.
 */
export function uniqueColumnNames(names: readonly string[]): string[] {
  const given = names.map((name, i) => (name === '' ? `column_${i + 1}` : name));
  const taken = new Set<string>();
  const firstSeen = new Set<string>();
  // Names that appear once or first keep their spelling; only the repeats are renamed.
  const keeps = given.map((name) => {
    if (firstSeen.has(name)) return false;
    firstSeen.add(name);
    taken.add(name);
    return true;
  });
  return given.map((name, i) => {
    if (keeps[i]) return name;
    let n = 2;
    while (taken.has(`${name}_${n}`)) n += 1;
    const renamed = `${name}_${n}`;
    taken.add(renamed);
    return renamed;
  });
}

/** Rows the driver gave as arrays (pg rowMode 'array', mssql arrayRowMode), keyed by the unique names. */
export function rowFromValues(columns: readonly string[], values: readonly unknown[]): Row {
  const row: Row = {};
  columns.forEach((name, i) => {
    row[name] = values[i];
  });
  return row;
}
