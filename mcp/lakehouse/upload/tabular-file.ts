import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { UserError } from '../../util/user-error.js';
import { assertXlsxWithinBounds, XlsxBoundsError } from '../../util/xlsx-bounds.js';

export class UploadError extends UserError {
  constructor(message: string) {
    super('invalid', message);
  }
}

export type TabularFormat = 'csv' | 'xlsx';

/** Where an upload's bytes come from: inline content from the model, or a local file. */
export type UploadSource = { kind: 'content'; fileName: string; content: Buffer } | { kind: 'path'; filePath: string };

export interface TabularReader {
  format: TabularFormat;
  /** Header names as written in the file (line 1 / row 1). */
  header: string[];
  /** Data rows as text cells, in batches; `line` of a row's first cell is 1-based (header = line 1). */
  batches: AsyncIterable<{ rows: string[][]; lastLine: number }>;
}

export function formatOf(fileName: string): TabularFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new UploadError(`"${fileName}" is not a CSV (.csv, .tsv, .txt) or Excel (.xlsx) file. Save the sheet as CSV or XLSX and try again (.xls is not supported).`);
}

function openStream(source: UploadSource): Readable {
  if (source.kind === 'content') return Readable.from(source.content);
  const stat = fs.statSync(source.filePath, { throwIfNoEntry: false });
  if (!stat) throw new UploadError(`There is no file at ${source.filePath}. Check the path (it is read on the computer running PACS MCP).`);
  if (!stat.isFile()) throw new UploadError(`${source.filePath} is not a file.`);
  return fs.createReadStream(source.filePath);
}

const BATCH = 2_000;

/** What went wrong in a CSV, in words that never quote the file (csv-parse's messages do). */
function csvProblem(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted value is opened and never closed';
  if (code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_INVALID_OPENING_QUOTE') return 'a quote inside a value is not doubled ("" for ")';
  return `it is not valid CSV (${code ?? 'unreadable'})`;
}

/** CSV: the delimiter (comma, semicolon, tab or pipe) is taken from the header line. */
async function csvReader(source: UploadSource, encoding: string): Promise<TabularReader> {
  const { parse } = await import('csv-parse');
  const iconv = (await import('iconv-lite')).default;
  if (!iconv.encodingExists(encoding)) throw new UploadError(`"${encoding}" is not a text encoding PACS MCP knows; use utf-8 or windows-1252.`);
  const text = openStream(source).pipe(iconv.decodeStream(encoding));
  const iterator = text[Symbol.asyncIterator]();
  // Read far enough to see the header line and pick the delimiter.
  let head = '';
  const buffered: string[] = [];
  while (!/\r?\n/.test(head) && head.length < 1_000_000) {
    const next = await iterator.next();
    if (next.done) break;
    head += String(next.value);
    buffered.push(String(next.value));
  }
  const headerLine = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (headerLine.trim() === '') throw new UploadError('The file is empty or its first line is blank: line 1 must hold the column names.');
  const delimiter = [',', ';', '\t', '|'].map((d) => [d, headerLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  // Record lengths are checked below, so the error can name the line and the header.
  const parser = parse({ delimiter, bom: true, relax_quotes: false, relax_column_count: true, skip_empty_lines: true, info: true, trim: false });
  const feed = Readable.from(
    (async function* () {
      yield* buffered;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield String(next.value);
      }
    })(),
  );
  feed.pipe(parser);
  feed.on('error', (err) => parser.destroy(err));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await records.next().catch((err: Error & { lines?: number }) => {
    throw new UploadError(`The CSV could not be read at line ${err.lines ?? 1}: ${csvProblem(err)}. Fix the quoting there and upload again.`);
  });
  if (first.done) throw new UploadError('The file has no header line.');
  const header = first.value.record;
  const width = header.length;
  return {
    format: 'csv',
    header,
    batches: (async function* () {
      let rows: string[][] = [];
      let lastLine = 1;
      for (;;) {
        let next;
        try {
          next = await records.next();
        } catch (err) {
          const e = err as Error & { lines?: number };
          throw new UploadError(`The CSV could not be read at line ${e.lines ?? lastLine + 1}: ${csvProblem(e)}. Fix the quoting there and upload again.`);
        }
        if (next.done) break;
        const { record, info } = next.value;
        lastLine = info.lines;
        if (record.length !== width) {
          throw new UploadError(`Line ${info.lines} has ${record.length} values but the header (line 1) has ${width} columns. Fix that line and upload again.`);
        }
        rows.push(record);
        if (rows.length === BATCH) {
          yield { rows, lastLine };
          rows = [];
        }
      }
      if (rows.length > 0) yield { rows, lastLine };
    })(),
  };
}

function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('T', ' ').replace(/\.000Z$|Z$/, '');
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string; formula?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}

/** XLSX: the named sheet (or the first), row 1 as the header, streamed row by row. */
async function xlsxReader(source: UploadSource, sheetName?: string): Promise<TabularReader> {
  try {
    await assertXlsxWithinBounds(source.kind === 'content' ? { bytes: source.content } : { path: source.filePath });
  } catch (err) {
    if (err instanceof XlsxBoundsError) throw new UploadError(err.message);
    throw new UploadError(`The file could not be read (${(err as NodeJS.ErrnoException).code ?? 'read error'}).`);
  }
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(openStream(source), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  const sheets = workbook[Symbol.asyncIterator]();
  const seen: string[] = [];
  let sheet: import('exceljs').stream.xlsx.WorksheetReader | undefined;
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const name = (next.value as unknown as { name?: string }).name ?? `Sheet${seen.length + 1}`;
      seen.push(name);
      if (!sheetName || name.toLowerCase() === sheetName.toLowerCase()) {
        sheet = next.value;
        break;
      }
      for await (const _row of next.value) {
        // Skip the rows of sheets we do not want.
      }
    }
  } catch (err) {
    throw new UploadError('The Excel file could not be read. Check that it is an .xlsx workbook, not renamed from another format.');
  }
  if (!sheet) {
    throw new UploadError(sheetName ? `The workbook has no sheet "${sheetName}". Its sheets: ${seen.join(', ') || 'none'}.` : 'The workbook has no worksheets.');
  }
  const rowsOf = sheet[Symbol.asyncIterator]();
  const first = await rowsOf.next();
  if (first.done) throw new UploadError('The sheet is empty: row 1 must hold the column names.');
  const headerValues = (first.value.values as unknown[]).slice(1);
  const header = headerValues.map((v) => cellText(v) ?? '');
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  if (header.length === 0) throw new UploadError('Row 1 of the sheet is blank: it must hold the column names.');
  const width = header.length;
  return {
    format: 'xlsx',
    header,
    batches: (async function* () {
      let rows: string[][] = [];
      let lastLine = 1;
      for (;;) {
        const next = await rowsOf.next();
        if (next.done) break;
        const row = next.value;
        const values = (row.values as unknown[]).slice(1);
        lastLine = row.number;
        const cells = Array.from({ length: width }, (_v, i) => cellText(values[i]));
        if (values.slice(width).some((v) => cellText(v) !== null)) {
          throw new UploadError(`Row ${row.number} has values beyond the ${width} columns named in row 1. Name those columns or remove the values.`);
        }
        if (cells.every((c) => c === null)) continue;
        rows.push(cells.map((c) => c ?? ''));
        if (rows.length === BATCH) {
          yield { rows, lastLine };
          rows = [];
        }
      }
      if (rows.length > 0) yield { rows, lastLine };
    })(),
  };
}

export async function openTabular(source: UploadSource, options: { encoding?: string; sheet?: string } = {}): Promise<TabularReader> {
  const fileName = source.kind === 'content' ? source.fileName : source.filePath;
  const format = formatOf(fileName);
  return format === 'csv' ? csvReader(source, options.encoding ?? 'utf-8') : xlsxReader(source, options.sheet);
}
