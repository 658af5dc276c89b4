import { DELIMITER_NAMES, readCsvRecords } from './csv-records.js';
import { sniffFormat, type TextEncoding } from './encoding-detect.js';
import { normalizeHeader, suggestMapping } from './header-mapping.js';
import { readHead, readInputChunks, resolveImportInput, type ImportFileArgs, type ImportInput } from './import-input.js';
import type { ImportKindName } from './import-kind.js';
import { importKind } from './import-kinds.js';
import { cellText, isBlankCell, type SourceRecord } from './source-record.js';
import { decodeChunks, NotUtf8Error } from './text-decode.js';
import { readXlsxRecords } from './xlsx-records.js';

export interface ImportPreview {
  headers: string[];
  sample_rows: string[][];
  /** Field → the header it would take by its aliases (null: none); the app lets the person change it. */
  suggested_mapping: Record<string, string | null>;
  /** Lines in the file including the header, when that is cheap to know (content in memory). */
  line_count: number | null;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
}

/** The header and first rows of a file, read the same way staging reads it, for the mapping step. */
export async function previewImport(kindName: ImportKindName, file: ImportFileArgs, sampleRows = 10): Promise<ImportPreview> {
  const kind = importKind(kindName);
  const input = await resolveImportInput(file);
  const sniffed = sniffFormat(await readHead(input), input.name);
  let encoding: TextEncoding | null = sniffed.encoding;
  for (;;) {
    try {
      let delimiter: string | null = null;
      const aliases = new Set(kind.fields.flatMap((f) => [normalizeHeader(f.name), ...f.aliases]));
      const records: AsyncIterable<SourceRecord[]> =
        sniffed.format === 'csv'
          ? readCsvRecords(
              decodeChunks(readInputChunks(input), encoding ?? 'utf-8', { sawUtf8Text: sniffed.sawUtf8Text, fileName: input.name }),
              { scoreHeader: (cells) => cells.filter((c) => aliases.has(normalizeHeader(c))).length, maxRecordChars: 1_000_000, fileName: input.name },
              (layout) => (delimiter = layout.delimiter),
            )
          : readXlsxRecords(input, () => undefined);
      let headers: string[] | null = null;
      const sample: string[][] = [];
      outer: for await (const batch of records) {
        for (const record of batch) {
          if (record.cells.every(isBlankCell)) continue;
          const cells = record.cells.map((c) => cellText(c));
          if (!headers) headers = cells.map((c) => c.replace(/^\ufeff/, '').trim());
          else sample.push(cells);
          if (sample.length >= sampleRows) break outer;
        }
      }
      const found = headers ?? [];
      return {
        headers: found,
        sample_rows: sample,
        suggested_mapping: suggestMapping(found, kind.fields),
        line_count: lineCount(input, sniffed.format),
        format: sniffed.format,
        encoding: sniffed.format === 'csv' ? encoding : null,
        delimiter: delimiter ? (DELIMITER_NAMES[delimiter] ?? delimiter) : null,
      };
    } catch (err) {
      if (err instanceof NotUtf8Error && encoding === 'utf-8') {
        encoding = 'windows-1252';
        continue;
      }
      throw err;
    }
  }
}

function lineCount(input: ImportInput, format: 'csv' | 'xlsx'): number | null {
  if (format !== 'csv' || input.type !== 'bytes') return null;
  let n = 0;
  for (let i = input.bytes.indexOf(10); i !== -1; i = input.bytes.indexOf(10, i + 1)) n++;
  return input.bytes.length > 0 && input.bytes[input.bytes.length - 1] !== 10 ? n + 1 : n;
}
