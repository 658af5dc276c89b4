/** What stands in a database's message for a value it repeated from the data. */
export const WITHHELD = '(a value from the data, withheld)';

/**
 * A database error can repeat a value it read (PostgreSQL's `invalid input syntax for type
 * integer: "919-17-6139"`, SQL Server's `converting the varchar value '…'`), and that value may
 * come from a column shown only masked. Whatever the message quotes that the SQL does not hold
 * word for word (names of tables and columns, literals the query wrote) is withheld.
 */
export function withholdDataValues(message: string, sql: string): string {
  const words = new Set(wordsOf(sql));
  return message.replace(/"([^"]*)"|'([^']*)'/g, (quoted, double: string | undefined, single: string | undefined) => {
    // Kept when the SQL has every word of it: `"property_val.market"` for a query that reads pv.market.
    if (wordsOf(double ?? single ?? '').every((word) => words.has(word))) return quoted;
    return double !== undefined ? `"${WITHHELD}"` : `'${WITHHELD}'`;
  });
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}_$]+/u).filter((word) => word !== '');
}
