import { spreadsheetCell } from '../../mcp/util/spreadsheet-safe.js';
import { csvLine } from '../../mcp/util/csv-format.js';
import { fileNamePart } from '../../mcp/util/file-name-part.js';

export interface SqlResultExport {
  connection_id: string;
  format: 'csv' | 'xlsx';
  columns: string[];
  rows: Record<string, string | number | boolean | null>[];
}

/** A console result as CSV or XLSX; cells that would start a formula are written as text. */
export async function exportSqlResult(input: SqlResultExport): Promise<{ file_name: string; mime: string; content: string; encoding: 'utf8' | 'base64' }> {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const base = `pacs-query-${fileNamePart(input.connection_id)}-${stamp}`;
  if (input.format === 'csv') {
    return { file_name: `${base}.csv`, mime: 'text/csv', content: csvLine(input.columns) + input.rows.map((row) => csvLine(input.columns.map((c) => row[c]))).join(''), encoding: 'utf8' };
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('query');
  sheet.addRow(input.columns.map((c) => spreadsheetCell(c)));
  for (const row of input.rows) sheet.addRow(input.columns.map((c) => spreadsheetCell(row[c])));
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { file_name: `${base}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: buffer.toString('base64'), encoding: 'base64' };
}
