/**
 * Spreadsheet (CSV/formula) injection: a cell whose text begins with `=`, `+`, `-`, `@`, a tab or
 * a carriage return may be run as a formula when the file is opened in Excel or LibreOffice.
 * Exports neutralise such text by prefixing an apostrophe (shown as text, not evaluated); imports
 * can use `isFormulaLike` to flag or refuse it. Numbers the engine itself writes stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

export function neutralizeText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** A value as a spreadsheet cell: numbers and booleans as they are, lists joined with "; ", everything else as neutralised text. */
export function spreadsheetCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : neutralizeText(String(value));
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return neutralizeText(value.toString());
  if (Array.isArray(value)) return neutralizeText(value.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v ?? ''))).join('; '));
  if (typeof value === 'object') return neutralizeText(JSON.stringify(value));
  return neutralizeText(String(value));
}
