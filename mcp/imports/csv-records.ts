import type { CsvError } from 'csv-parse';
import { ImportFileError } from './import-errors.js';
import type { SourceRecord } from './source-record.js';

export interface CsvReadOptions {
  /** How many cells of a candidate header row name a field of the layout (picks the delimiter). */
  scoreHeader(cells: string[]): number;
  /** A record (one row, all its fields) longer than this is refused: a 200 MB line never fills memory. */
  maxRecordChars: number;
  fileName: string;
}

export interface CsvLayout {
  delimiter: string;
  lineBreak: '\n' | '\r\n' | '\r';
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
export const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/**
 * Streams CSV records with csv-parse, in batches (one per chunk read: an await per record would
 * cost more than parsing it), each with the 1-based file line it starts on (a quoted
 * value may span lines). The delimiter (comma, semicolon, tab or pipe) is the one that makes the
 * header name the most layout columns. Quoting errors that leave the rest of the file unreadable
 * (a quote never closed, a record over the size limit) are file errors with their line.
 */
export async function* readCsvRecords(text: AsyncIterable<Buffer | string>, options: CsvReadOptions, layoutOut: (layout: CsvLayout) => void): AsyncGenerator<SourceRecord[]> {
  const source = text[Symbol.asyncIterator]();
  try {
    yield* readRecords(source, options, layoutOut);
  } finally {
    // Closes the file when the reader stops early (a file error, a cancelled staging).
    await source.return?.();
  }
}

async function* readRecords(source: AsyncIterator<Buffer | string>, options: CsvReadOptions, layoutOut: (layout: CsvLayout) => void): AsyncGenerator<SourceRecord[]> {
  // What was read while looking for the header line: kept as read (UTF-8 stays bytes) and as text to scan.
  const held: (Buffer | string)[] = [];
  let buffered = '';
  let ended = false;
  let header: { line: string; lineBreak: CsvLayout['lineBreak'] | null } | null = null;
  while (!header) {
    header = firstLine(buffered, ended);
    if (header) break;
    if (buffered.length > options.maxRecordChars) throw tooLong(1, options);
    const next = await source.next();
    if (next.done) ended = true;
    else {
      held.push(next.value);
      buffered += typeof next.value === 'string' ? next.value : next.value.toString('utf8');
    }
  }
  const delimiter = pickDelimiter(header.line, options);
  const lineBreak = header.lineBreak ?? '\n';
  layoutOut({ delimiter, lineBreak });
  const breakChar = lineBreak === '\r' ? '\r' : '\n';

  // Loaded on first use, like every parser and driver (a cold server start loads only sqlite3).
  const { parse } = await import('csv-parse');
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: options.maxRecordChars,
    ...(lineBreak === '\r' ? { record_delimiter: '\r' } : {}),
  });
  let failure: CsvError | Error | undefined;
  parser.on('error', (err) => (failure ??= err));
  let nextLine = 1;
  const drain = (): SourceRecord[] => {
    const batch: SourceRecord[] = [];
    for (let record: string[] | null = parser.read(); record !== null; record = parser.read()) {
      const line = nextLine;
      nextLine += 1;
      for (const cell of record) if (cell.includes(breakChar)) nextLine += cell.split(breakChar).length - 1;
      batch.push({ line, cells: record });
    }
    return batch;
  };

  for (const chunk of held.splice(0)) parser.write(chunk);
  buffered = '';
  yield drain();
  while (!ended && !failure) {
    const next = await source.next();
    if (next.done) break;
    parser.write(next.value);
    yield drain();
  }
  if (!failure) {
    const finished = new Promise<void>((resolve) => {
      parser.once('finish', () => resolve());
      parser.once('error', () => resolve());
    });
    parser.end();
    await finished;
    yield drain();
  }
  if (failure) throw csvFailure(failure, nextLine, options);
}

function csvFailure(err: CsvError | Error, nextLine: number, options: CsvReadOptions): Error {
  const code = (err as CsvError).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return new ImportFileError(
      'unterminated_quote',
      `Line ${nextLine}: a quoted value opens here and is never closed, so everything after it would read as one value. ` +
        'Close the quote, or double any quote inside a value ("" for "), and stage the file again. Nothing was staged.',
      nextLine,
    );
  }
  if (code === 'CSV_MAX_RECORD_SIZE') return tooLong(nextLine, options);
  // The parser's own message quotes the file's text; ours says where, never what.
  return new ImportFileError('malformed_csv', `Line ${nextLine} of ${options.fileName} is not valid CSV (${code ?? 'unreadable'}). Save the file again as CSV and stage it again. Nothing was staged.`, nextLine);
}

function tooLong(line: number, options: CsvReadOptions): ImportFileError {
  return new ImportFileError(
    'record_too_large',
    `Line ${line} of ${options.fileName} is longer than ${options.maxRecordChars.toLocaleString('en-US')} characters, so it is not a row of an import layout ` +
      '(a file with no line breaks, or a quote that swallowed many lines). Check the file; nothing was staged.',
    line,
  );
}

/** The first non-blank line (outside quotes) once its end is in `text`, with the line break it ends in. */
function firstLine(text: string, ended: boolean): { line: string; lineBreak: CsvLayout['lineBreak'] | null } | null {
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && i + 1 === text.length && !ended) return null;
      const lineBreak = ch === '\n' ? '\n' : text[i + 1] === '\n' ? '\r\n' : '\r';
      const line = text.slice(start, i);
      if (line.trim() !== '') return { line, lineBreak };
      i += lineBreak.length - 1;
      start = i + 1;
    }
  }
  if (ended) return { line: text.slice(start), lineBreak: null };
  return null;
}

function pickDelimiter(line: string, options: CsvReadOptions): string {
  let best: { delimiter: string; score: number; cells: number } = { delimiter: ',', score: -1, cells: 0 };
  for (const delimiter of DELIMITERS) {
    const cells = splitLine(line, delimiter);
    const score = options.scoreHeader(cells);
    if (score > best.score || (score === best.score && cells.length > best.cells)) best = { delimiter, score, cells: cells.length };
  }
  return best.delimiter;
}

function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
