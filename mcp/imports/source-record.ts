/** A formula cell of a workbook (its cached result is ignored: imports take values only). */
export interface FormulaCell {
  formula: string;
}

/** A cell holding a spreadsheet error such as #N/A or #REF!. */
export interface ErrorCell {
  cellError: string;
}

/** One cell as a reader delivers it: CSV gives strings; XLSX also numbers, booleans, dates. */
export type CellValue = string | number | boolean | Date | null | FormulaCell | ErrorCell;

/** One record of the file and the 1-based file line it starts on. */
export interface SourceRecord {
  line: number;
  cells: CellValue[];
}

/** What a reader learned about the file besides its records. */
export interface ReaderInfo {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  sheetName: string | null;
  notes: string[];
}

export function isFormulaCell(cell: CellValue): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && 'formula' in cell;
}

export function isErrorCell(cell: CellValue): cell is ErrorCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && 'cellError' in cell;
}

export function isBlankCell(cell: CellValue | undefined): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** The cell as text, for headers and messages. */
export function cellText(cell: CellValue | undefined): string {
  if (cell === undefined || cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (isFormulaCell(cell)) return `=${cell.formula}`;
  if (isErrorCell(cell)) return cell.cellError;
  return String(cell);
}
