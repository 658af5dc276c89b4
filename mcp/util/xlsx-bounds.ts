import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { UserError } from './user-error.js';

/**
 * An .xlsx is a ZIP archive, and its parts inflate: a 12 MB workbook can hold a 3 GB
 * shared-strings part, which the spreadsheet reader keeps in memory whole. Before a workbook is
 * read, its parts are measured: the sizes the archive declares, then the bytes each part really
 * inflates to (counted as they stream, never kept), against fixed limits.
 */

/** Everything the workbook's parts may inflate to, together. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 1024 * 1024 ** 2;
/** The parts the reader keeps whole (shared strings, styles, the workbook itself), each. */
export const MAX_XLSX_CACHED_PART_BYTES = 256 * 1024 ** 2;
const MAX_ENTRIES = 10_000;
const CACHED_PART = /^xl\/(sharedStrings|styles|workbook)\.xml$/i;

/** too_large: over a limit; damaged: not a ZIP archive a workbook can be read from. */
export class XlsxBoundsError extends UserError {
  constructor(
    message: string,
    readonly problem: 'too_large' | 'damaged' = 'too_large',
  ) {
    super('invalid', message);
  }
}

export type XlsxSource = { path: string } | { bytes: Buffer };

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const mb = (bytes: number) => `${Math.ceil(bytes / 1024 ** 2)} MB`;

/** Random access to the archive's bytes, from a file or a buffer. */
interface Reader {
  size: number;
  read(offset: number, length: number): Promise<Buffer>;
  stream(start: number, length: number): NodeJS.ReadableStream;
  close(): Promise<void>;
}

async function openReader(source: XlsxSource): Promise<Reader> {
  if ('bytes' in source) {
    const bytes = source.bytes;
    return {
      size: bytes.length,
      read: async (offset, length) => bytes.subarray(offset, offset + length),
      stream: (start, length) => Readable.from([bytes.subarray(start, start + length)]),
      close: async () => undefined,
    };
  }
  const handle = await fs.promises.open(source.path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    read: async (offset, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    },
    stream: (start, length) => fs.createReadStream(source.path, { start, end: Math.max(start, start + length - 1) }),
    close: () => handle.close(),
  };
}

/** The central directory's entries (no ZIP64: a workbook needing it is over the limits anyway). */
async function centralDirectory(reader: Reader): Promise<Entry[]> {
  const tailLength = Math.min(reader.size, 22 + 0xffff);
  const tail = await reader.read(reader.size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxBoundsError('The workbook is not a valid .xlsx (its ZIP directory is missing). Open it in Excel and save it again.', 'damaged');
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    throw new XlsxBoundsError(`The workbook is too large to import (over ${mb(MAX_XLSX_UNCOMPRESSED_BYTES)} unpacked). Split it, or save it as CSV.`);
  }
  if (count > MAX_ENTRIES) throw new XlsxBoundsError(`The workbook has ${count} parts; a workbook to import has at most ${MAX_ENTRIES}. Save it again from Excel, or as CSV.`);
  const directory = await reader.read(directoryOffset, directorySize);
  const entries: Entry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) {
      throw new XlsxBoundsError('The workbook is not a valid .xlsx (its ZIP directory is damaged). Open it in Excel and save it again.', 'damaged');
    }
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    entries.push({
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one entry, counting bytes; stops as soon as `limit` is passed. Returns the count (or limit + 1). */
async function inflatedSize(reader: Reader, entry: Entry, limit: number): Promise<number> {
  const local = await reader.read(entry.localHeaderOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw new XlsxBoundsError('The workbook is not a valid .xlsx (a part is damaged). Open it in Excel and save it again.', 'damaged');
  const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const raw = reader.stream(dataStart, entry.compressedSize);
  if (entry.method === 0) return entry.compressedSize;
  if (entry.method !== 8) throw new XlsxBoundsError(`The workbook uses a compression Excel does not write (method ${entry.method}). Save it again from Excel.`, 'damaged');
  const inflate = zlib.createInflateRaw();
  let total = 0;
  return new Promise<number>((resolve, reject) => {
    const stop = (value: number | Error) => {
      raw.unpipe?.(inflate);
      (raw as unknown as { destroy?: () => void }).destroy?.();
      inflate.destroy();
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) stop(limit + 1);
    });
    inflate.on('end', () => stop(total));
    inflate.on('error', () => stop(new XlsxBoundsError('The workbook is not a valid .xlsx (a part does not unpack). Open it in Excel and save it again.', 'damaged')));
    raw.on('error', (err: Error) => stop(err));
    raw.pipe(inflate);
  });
}

/** Throws XlsxBoundsError when the workbook would unpack to more than the limits allow. */
export async function assertXlsxWithinBounds(source: XlsxSource): Promise<void> {
  const reader = await openReader(source);
  try {
    const entries = await centralDirectory(reader);
    let declared = 0;
    for (const entry of entries) {
      if (entry.flags & 0x1) throw new XlsxBoundsError('The workbook is encrypted. Save it without a password, or as CSV.', 'damaged');
      declared += entry.uncompressedSize;
      if (CACHED_PART.test(entry.name) && entry.uncompressedSize > MAX_XLSX_CACHED_PART_BYTES) throw cachedPartTooLarge(entry.name, entry.uncompressedSize);
    }
    if (declared > MAX_XLSX_UNCOMPRESSED_BYTES) throw totalTooLarge(declared);
    // The declared sizes may lie: count what each part really inflates to.
    let actual = 0;
    for (const entry of entries) {
      const limit = Math.min(CACHED_PART.test(entry.name) ? MAX_XLSX_CACHED_PART_BYTES : MAX_XLSX_UNCOMPRESSED_BYTES, MAX_XLSX_UNCOMPRESSED_BYTES - actual);
      const size = await inflatedSize(reader, entry, limit);
      if (size > limit) throw CACHED_PART.test(entry.name) && limit === MAX_XLSX_CACHED_PART_BYTES ? cachedPartTooLarge(entry.name, size) : totalTooLarge(actual + size);
      actual += size;
    }
  } finally {
    await reader.close();
  }
}

function cachedPartTooLarge(name: string, bytes: number): XlsxBoundsError {
  return new XlsxBoundsError(
    `The workbook's ${name} unpacks to more than ${mb(MAX_XLSX_CACHED_PART_BYTES)} (${mb(bytes)} or more), more than an import reads. Save the sheet as CSV, or split it into smaller workbooks.`,
  );
}

function totalTooLarge(bytes: number): XlsxBoundsError {
  return new XlsxBoundsError(`The workbook unpacks to more than ${mb(MAX_XLSX_UNCOMPRESSED_BYTES)} (${mb(bytes)} or more). Save the sheet as CSV, or split it into smaller workbooks.`);
}
