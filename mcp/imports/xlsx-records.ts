import fs from 'node:fs';
import { Readable } from 'node:stream';
import { assertXlsxWithinBounds, XlsxBoundsError } from '../util/xlsx-bounds.js';
import { ImportFileError } from './import-errors.js';
import type { ImportInput } from './import-input.js';
import type { CellValue, SourceRecord } from './source-record.js';

/**
 * Streams the rows of the first worksheet, in batches, with exceljs's streaming WorkbookReader (shared strings
 * and styles cached so dates come out as dates; nothing else of the workbook is kept). The line
 * of a row is its spreadsheet row number.
 */
export async function* readXlsxRecords(input: ImportInput, onSheet: (name: string, otherSheets: boolean) => void): AsyncGenerator<SourceRecord[]> {
  try {
    await assertXlsxWithinBounds(input.type === 'path' ? { path: input.path } : { bytes: input.bytes });
  } catch (err) {
    if (err instanceof XlsxBoundsError && err.problem === 'too_large') throw new ImportFileError('xlsx_too_large', `${input.name}: ${err.message} Nothing was staged.`);
    if (err instanceof XlsxBoundsError) {
      throw new ImportFileError('invalid_xlsx', `${input.name} could not be read as an Excel workbook. Open it in Excel and save it again as .xlsx, or save it as CSV (UTF-8). Nothing was staged.`);
    }
    throw new ImportFileError('read_failed', `${input.name} could not be read (${(err as NodeJS.ErrnoException).code ?? 'read error'}). Nothing was staged.`);
  }
  const stream = input.type === 'path' ? fs.createReadStream(input.path, { highWaterMark: 256 * 1024 }) : Readable.from([input.bytes]);
  // A read error of the file would otherwise surface as an unhandled stream error inside exceljs.
  let streamError: Error | undefined;
  stream.on('error', (err: Error) => (streamError ??= err));
  // Loaded on first use: a server that never reads a workbook never loads exceljs.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      if (sheets > 1) {
        onSheet('', true);
        break;
      }
      onSheet((sheet as unknown as { name?: string }).name ?? 'Sheet1', false);
      let batch: SourceRecord[] = [];
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
        batch.push({ line: row.number, cells });
        if (batch.length === 1_000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    const cause = streamError ?? (err as Error);
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImportFileError('file_changed', `${input.name} disappeared while it was being read. Nothing was staged.`);
    // The reader's message can quote the workbook's XML: it is not passed on.
    throw new ImportFileError('invalid_xlsx', `${input.name} could not be read as an Excel workbook. Open it in Excel and save it again as .xlsx, or save it as CSV (UTF-8). Nothing was staged.`);
  } finally {
    stream.destroy();
  }
  if (streamError) throw new ImportFileError('read_failed', `${input.name} could not be read (${(streamError as NodeJS.ErrnoException).code ?? 'read error'}). Nothing was staged.`);
  if (sheets === 0) throw new ImportFileError('invalid_xlsx', `${input.name} has no worksheet. Put the rows on the first sheet and save again.`);
}

function cellValue(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) return { formula: String(v.formula ?? v.sharedFormula ?? '') };
    if ('error' in v) return { cellError: String(v.error) };
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((part) => part.text ?? '').join('');
    if ('text' in v) return String(v.text);
  }
  return String(value);
}
