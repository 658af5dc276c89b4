import { createHash } from 'node:crypto';
import type { Actor } from './actor.js';
import { logDiscardFailure, type ImportStore, serializeRows, type BatchRow, type NewRow } from './batch-store.js';
import { DELIMITER_NAMES, readCsvRecords } from './csv-records.js';
import { sniffFormat, type TextEncoding } from './encoding-detect.js';
import { ConversionFailure, convertCell } from './field-types.js';
import { mapChosenHeader, mapHeader, normalizeHeader, type ColumnMapping } from './header-mapping.js';
import { ImportFileError, type RowError } from './import-errors.js';
import { assertUnchanged, readHead, readInputChunks, resolveImportInput, type ImportFileArgs, type ImportInput } from './import-input.js';
import type { ImportKind, ImportKindName, RowValues } from './import-kind.js';
import { importKind } from './import-kinds.js';
import { isBlankCell, type SourceRecord } from './source-record.js';
import { decodeChunks, NotUtf8Error } from './text-decode.js';
import { readXlsxRecords } from './xlsx-records.js';

export interface StageRequest extends ImportFileArgs {
  kind: ImportKindName;
  /** A column mapping a person chose (field → header text, null: none); default: by header aliases. */
  mapping?: Readonly<Record<string, string | null>>;
}

export interface StageOptions {
  signal?: AbortSignal;
  onProgress?: (rowsStaged: number) => void;
  /** The longest record (all fields of one row) accepted; default 1,000,000 characters. */
  maxRecordChars?: number;
}

/** Rows per store transaction: short enough that other writers never wait long. */
const ROWS_PER_COMMIT = 2_000;
const DEFAULT_MAX_RECORD_CHARS = 1_000_000;

/** Kept with the batch: whether some rows need their parcel resolved, and what the rows reference. */
export interface BatchManifest {
  version: 1;
  needsResolving: boolean;
  collected: unknown;
}

interface StageResult {
  manifest: BatchManifest;
  fileSha256: string;
  fileBytes: number;
  encoding: string | null;
  delimiter: string | null;
  sheetName: string | null;
  columns: ColumnMapping['mapped'];
  notes: string[];
  stagedCount: number;
  stageErrorCount: number;
  errorRowCount: number;
}

export class ImportCancelledError extends Error {
  constructor() {
    super('Staging was cancelled; nothing was kept.');
    this.name = 'ImportCancelledError';
  }
}

/**
 * Reads a CSV or XLSX file as a stream, applies the layout's field rules to every row and stores
 * the rows with their errors as a new batch. Atomic: until the last step the batch is `staging`,
 * which no list shows; any failure (bad file, cancel, a file that changes while read) deletes it,
 * and a process killed mid-way leaves it for the next start to delete.
 */
export async function stageImport(store: ImportStore, request: StageRequest, actor: Actor, options: StageOptions = {}): Promise<BatchRow> {
  const kind = importKind(request.kind);
  const input = await resolveImportInput(request);
  const sniffed = sniffFormat(await readHead(input), input.name);
  const { batchKey, batchId } = await store.createStaging(
    { kind: kind.name, fileName: input.name, filePath: input.type === 'path' ? input.path : null, fileFormat: sniffed.format, fileBytes: input.type === 'path' ? input.size : input.bytes.length },
    actor,
  );
  try {
    let encoding = sniffed.encoding;
    const notes = [...sniffed.notes];
    let result: StageResult;
    for (;;) {
      try {
        result = await store.bulkWrites(() => stageRecords(kind, input, sniffed.format, encoding, sniffed.sawUtf8Text, store, batchKey, options, request.mapping));
        break;
      } catch (err) {
        if (!(err instanceof NotUtf8Error) || encoding !== 'utf-8') throw err;
        // Plain ASCII at the start, then a byte that is not UTF-8: the file is Windows-1252.
        await store.clearStaged(batchKey);
        encoding = 'windows-1252';
        notes.push(`Line ${err.line} is not UTF-8, so the file was read as Windows-1252 (ANSI).`);
      }
    }
    await store.finalizeStaged(batchKey, { ...result, notes: [...notes, ...result.notes] }, actor);
    return await store.getByKey(batchKey);
  } catch (err) {
    await store.discard(batchKey).catch((e) => logDiscardFailure(batchId, e));
    throw err;
  }
}

async function stageRecords(
  kind: ImportKind,
  input: ImportInput,
  format: 'csv' | 'xlsx',
  encoding: TextEncoding | null,
  sawUtf8Text: boolean,
  store: ImportStore,
  batchKey: number,
  options: StageOptions,
  chosenMapping?: Readonly<Record<string, string | null>>,
): Promise<StageResult> {
  const hash = createHash('sha256');
  const notes: string[] = [];
  let delimiter: string | null = null;
  let sheetName: string | null = null;
  let records: AsyncIterable<SourceRecord[]>;
  if (format === 'csv') {
    const aliases = aliasSet(kind);
    records = readCsvRecords(
      decodeChunks(readInputChunks(input, hash), encoding ?? 'utf-8', { sawUtf8Text, fileName: input.name }),
      {
        scoreHeader: (cells) => cells.filter((c) => aliases.has(normalizeHeader(c))).length,
        maxRecordChars: options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
        fileName: input.name,
      },
      (layout) => {
        delimiter = layout.delimiter;
        if (layout.delimiter !== ',') notes.push(`The file is ${DELIMITER_NAMES[layout.delimiter]}-delimited.`);
      },
    );
  } else {
    // The workbook reader may stop before the end of the file: hash every byte first.
    for await (const _chunk of readInputChunks(input, hash)) void _chunk;
    records = readXlsxRecords(input, (name, other) => {
      if (other) notes.push(`Only the first worksheet ("${sheetName}") was read; the workbook has more.`);
      else sheetName = name;
    });
  }

  let mapping: ColumnMapping | null = null;
  let converter: RowConverter | null = null;
  let headerLine = 0;
  let stagedCount = 0;
  let stageErrorCount = 0;
  let errorRowCount = 0;
  let rows: NewRow[] = [];
  let errors: RowError[] = [];
  const checker = kind.createChecker();
  let needsResolving = false;
  // One store write may run while the next rows are parsed: SQLite works on its own thread.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (rows.length === 0 && errors.length === 0) return;
    const [chunk, chunkErrors, count] = [serializeRows(rows), errors, stagedCount];
    rows = [];
    errors = [];
    await writing;
    writing = store.appendStaged(batchKey, chunk, chunkErrors).then(() => options.onProgress?.(count));
    writing.catch(() => undefined);
  };

  try {
    for await (const batch of records) {
      if (options.signal?.aborted) throw new ImportCancelledError();
      for (const record of batch) {
        if (record.cells.every(isBlankCell)) continue;
        if (!converter) {
          mapping = chosenMapping
            ? mapChosenHeader(record.cells, kind.fields, kind.requiredColumns, chosenMapping, record.line, kind.title)
            : mapHeader(record.cells, kind.fields, kind.requiredColumns, record.line, kind.title);
          converter = new RowConverter(kind, mapping, record.line, format === 'csv');
          headerLine = record.line;
          notes.push(...mapping.notes);
          if (mapping.ignored.length) notes.push(`Columns not in the ${kind.title} layout were ignored: ${mapping.ignored.slice(0, 10).join(', ')}${mapping.ignored.length > 10 ? ', …' : ''}.`);
          continue;
        }
        const { values, rowErrors } = converter.convert(record);
        stagedCount++;
        if (rowErrors.length) {
          errorRowCount++;
          stageErrorCount += rowErrors.length;
          for (const e of rowErrors) errors.push(e);
        }
        const propId = kind.filePropId(values);
        if (propId === null) needsResolving = true;
        checker.collect({ line: record.line, values, propId, hasStageErrors: rowErrors.length > 0 });
        rows.push([record.line, propId, kind.rowKey(values, propId), values]);
      }
      if (rows.length >= ROWS_PER_COMMIT) await flush();
    }
    await flush();
  } finally {
    // Whatever happened, the last write has finished before the caller keeps or discards the batch.
    await writing.catch(() => undefined);
  }
  await writing;
  if (format === 'xlsx') await assertUnchanged(input);
  if (!mapping) throw new ImportFileError('empty_file', `${input.name} has no rows at all (only blank lines). Nothing was staged.`);
  if (stagedCount === 0) throw new ImportFileError('no_rows', `${input.name} has a header (line ${headerLine}) but no data rows. Nothing was staged.`, headerLine);
  return {
    manifest: { version: 1, needsResolving, collected: checker.exportCollected() },
    fileSha256: hash.digest('hex'),
    fileBytes: input.type === 'path' ? input.size : input.bytes.length,
    encoding: format === 'csv' ? encoding : null,
    delimiter,
    sheetName,
    columns: (mapping as ColumnMapping).mapped,
    notes,
    stagedCount,
    stageErrorCount,
    errorRowCount,
  };
}

const NO_FAILURES: ReadonlySet<string> = new Set();

/**
 * Applies the field rules (required, types, ranges, formulas) and the row's cross-field rules. A CSV
 * row must have as many fields as the header; a workbook simply has no cell where a row ends early.
 * Built once per file: the labels and lookups are not rebuilt for each of a million rows.
 */
export class RowConverter {
  private readonly labels: string[];
  private readonly labelOf: Map<string, string>;
  private readonly width: number;

  constructor(
    private readonly kind: ImportKind,
    private readonly mapping: ColumnMapping,
    private readonly headerLine: number,
    private readonly exactWidth: boolean,
  ) {
    this.labels = kind.fields.map((field, i) => {
      const column = mapping.columnOfField[i];
      return column === null ? field.name : mapping.headers[column] || field.name;
    });
    this.labelOf = new Map(kind.fields.map((f, i) => [f.name, this.labels[i]]));
    this.width = mapping.headers.length;
  }

  convert(record: SourceRecord): { values: RowValues; rowErrors: RowError[] } {
    const { fields } = this.kind;
    const { line, cells } = record;
    const values: RowValues = new Array<RowValues[number]>(fields.length).fill(null);
    const rowErrors: RowError[] = [];
    if (this.exactWidth && (cells.length < this.width || (cells.length > this.width && cells.slice(this.width).some((c) => !isBlankCell(c))))) {
      rowErrors.push({
        line,
        column: null,
        code: 'column_count',
        message: `Line ${line} has ${cells.length} fields but the header (line ${this.headerLine}) has ${this.width}: a value probably contains the delimiter without quotes, or the row was cut short. Fix the row; its values were not read.`,
      });
      return { values, rowErrors };
    }
    let failed: Set<string> | null = null;
    for (let i = 0; i < fields.length; i++) {
      const column = this.mapping.columnOfField[i];
      const converted = convertCell(fields[i], column === null ? undefined : cells[column], this.labels[i]);
      if (converted instanceof ConversionFailure) {
        (failed ??= new Set()).add(fields[i].name);
        rowErrors.push({ line, column: this.labels[i], code: converted.code, message: converted.message });
        continue;
      }
      values[i] = converted;
      if (converted === null && fields[i].required) {
        (failed ??= new Set()).add(fields[i].name);
        rowErrors.push({ line, column: this.labels[i], code: 'required', message: `${this.labels[i]} is required and empty.` });
      }
    }
    this.kind.checkRow(values, failed ?? NO_FAILURES, (field, code, message) => rowErrors.push({ line, column: this.labelOf.get(field) ?? field, code, message }));
    return { values, rowErrors };
  }
}

function aliasSet(kind: ImportKind): Set<string> {
  return new Set(kind.fields.flatMap((f) => [normalizeHeader(f.name), ...f.aliases]));
}
