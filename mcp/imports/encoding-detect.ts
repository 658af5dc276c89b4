import path from 'node:path';
import { ImportFileError } from './import-errors.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface Sniffed {
  format: 'csv' | 'xlsx';
  /** For CSV: the encoding to decode with. */
  encoding: TextEncoding | null;
  /** The head held UTF-8 multi-byte characters (so a later invalid byte means a damaged file, not Windows-1252). */
  sawUtf8Text: boolean;
  notes: string[];
}

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
  { bytes: [0x4d, 0x5a], what: 'a Windows program' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF)' },
  { bytes: [...Buffer.from('SQLite format 3\0')], what: 'a SQLite database' },
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (head: Buffer, bytes: number[]) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

/**
 * Decides from the first bytes what the file is: an .xlsx (a ZIP), CSV text in UTF-8 (with or
 * without BOM), UTF-16 (BOM, or the NUL pattern of mostly-ASCII UTF-16) or Windows-1252; or
 * something that is not an import file at all (binary, legacy .xls, UTF-32), which is refused.
 */
export function sniffFormat(head: Buffer, fileName: string): Sniffed {
  const name = path.basename(fileName);
  const ext = path.extname(fileName).toLowerCase();
  const workbookName = ext === '.xlsx' || ext === '.xlsm';
  if (head.length === 0) throw new ImportFileError('empty_file', `${name} is empty. Nothing was staged.`);
  if (startsWith(head, ZIP)) {
    return { format: 'xlsx', encoding: null, sawUtf8Text: false, notes: workbookName ? [] : [`${name} is an Excel workbook (ZIP) although it is named ${ext}; it was read as .xlsx.`] };
  }
  if (startsWith(head, EMPTY_ZIP)) throw new ImportFileError('invalid_xlsx', `${name} is an empty ZIP archive, not a workbook with data.`);
  if (startsWith(head, OLE2)) {
    throw new ImportFileError('legacy_xls', `${name} is an old-format Excel .xls workbook or a password-protected workbook. Open it in Excel and save it as .xlsx without a password, or as CSV (UTF-8).`);
  }
  const magic = MAGIC.find((m) => startsWith(head, m.bytes));
  if (magic) throw new ImportFileError('binary_file', `${name} is ${magic.what}, not a CSV or Excel file. Export the data as CSV (UTF-8) or .xlsx.`);
  if (workbookName) throw new ImportFileError('invalid_xlsx', `${name} is named ${ext} but is not an Excel workbook (it does not start like one). If it is CSV text, name it .csv; otherwise save it from Excel again.`);

  if (startsWith(head, [0xff, 0xfe, 0x00, 0x00]) || startsWith(head, [0x00, 0x00, 0xfe, 0xff])) {
    throw new ImportFileError('unsupported_encoding', `${name} is UTF-32 text. Save it as CSV UTF-8 (or UTF-16) and stage it again.`);
  }
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return csv('utf-8', utf8Check(head.subarray(3)) === 'text');
  if (startsWith(head, [0xff, 0xfe])) return csv('utf-16le', false);
  if (startsWith(head, [0xfe, 0xff])) return csv('utf-16be', false);

  const utf16 = utf16WithoutBom(head);
  if (utf16 === 'utf-32') throw new ImportFileError('unsupported_encoding', `${name} looks like UTF-32 text. Save it as CSV UTF-8 and stage it again.`);
  if (utf16) return { ...csv(utf16, false), notes: [`${name} has no byte-order mark; it was read as ${utf16.toUpperCase()} from its byte pattern.`] };

  if (head.includes(0)) throw new ImportFileError('binary_file', `${name} contains binary data (NUL bytes), so it is not CSV text. Export the data as CSV (UTF-8) or .xlsx.`);
  let control = 0;
  for (const byte of head) if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) control++;
  if (control > head.length * 0.01) throw new ImportFileError('binary_file', `${name} is mostly control characters, not CSV text. Export the data as CSV (UTF-8) or .xlsx.`);

  const check = utf8Check(head);
  if (check === 'invalid') return { ...csv('windows-1252', false), notes: [`${name} is not UTF-8; it was read as Windows-1252 (ANSI).`] };
  return csv('utf-8', check === 'text');
}

function csv(encoding: TextEncoding, sawUtf8Text: boolean): Sniffed {
  return { format: 'csv', encoding, sawUtf8Text, notes: [] };
}

/** NULs in every other byte of mostly-ASCII text: UTF-16 without a BOM (or UTF-32: three of four). */
function utf16WithoutBom(head: Buffer): 'utf-16le' | 'utf-16be' | 'utf-32' | null {
  const n = Math.min(head.length, 4096) & ~3;
  if (n < 8) return null;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (head[i] === 0) zeros[i % 4]++;
  const quarter = n / 4;
  if (zeros.filter((z) => z > quarter * 0.9).length === 3) return 'utf-32';
  const even = zeros[0] + zeros[2];
  const odd = zeros[1] + zeros[3];
  if (odd > quarter * 2 * 0.6 && even < quarter * 2 * 0.05) return 'utf-16le';
  if (even > quarter * 2 * 0.6 && odd < quarter * 2 * 0.05) return 'utf-16be';
  return null;
}

/** 'ascii' (nothing above 0x7F), 'text' (valid UTF-8 with multi-byte characters) or 'invalid'. */
export function utf8Check(bytes: Buffer): 'ascii' | 'text' | 'invalid' {
  const bad = firstInvalidUtf8(bytes, true);
  if (bad !== -1) return 'invalid';
  return bytes.some((b) => b > 0x7f) ? 'text' : 'ascii';
}

/**
 * Offset of the first byte that is not valid UTF-8, or -1. With `allowTruncatedEnd`, a sequence
 * cut off by the end of the buffer (a sample cut mid-character) is not an error.
 */
export function firstInvalidUtf8(bytes: Uint8Array, allowTruncatedEnd = false): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) {
      // The sequence runs past the end of the buffer.
      if (!allowTruncatedEnd) return i;
      for (let k = i + 1; k < bytes.length; k++) if ((bytes[k] & 0xc0) !== 0x80) return i;
      return -1;
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
