import { isAscii, isUtf8 } from 'node:buffer';
import { firstInvalidUtf8, type TextEncoding } from './encoding-detect.js';
import { ImportFileError } from './import-errors.js';

/** A file assumed UTF-8 from its (plain ASCII) head turned out not to be: read it again as Windows-1252. */
export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`line ${line} is not UTF-8`);
    this.name = 'NotUtf8Error';
  }
}

const ICONV_NAMES: Record<Exclude<TextEncoding, 'utf-8'>, string> = { 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'windows-1252': 'windows-1252' };
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The file's content for the CSV parser, without a byte-order mark. UTF-8 stays bytes (the parser
 * decodes each field; converting the whole file to a string and back would cost a second pass)
 * and is checked strictly: an invalid byte after valid multi-byte text means a damaged or mixed
 * file (refused with its line); after plain ASCII it means the file is really Windows-1252
 * (NotUtf8Error: read it again). Other encodings are decoded to text.
 */
export async function* decodeChunks(chunks: AsyncIterable<Buffer>, encoding: TextEncoding, options: { sawUtf8Text: boolean; fileName: string }): AsyncGenerator<Buffer | string> {
  if (encoding !== 'utf-8') {
    const { default: iconv } = await import('iconv-lite');
    const decoder = iconv.getDecoder(ICONV_NAMES[encoding]);
    for await (const chunk of chunks) {
      const text = decoder.write(chunk);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
    return;
  }
  let newlines = 0;
  let sawText = options.sawUtf8Text;
  let carry: Buffer | null = null;
  let first = true;
  for await (const raw of chunks) {
    let chunk: Buffer = carry ? Buffer.concat([carry, raw]) : raw;
    if (first) {
      if (chunk.length < 3 && UTF8_BOM.subarray(0, chunk.length).equals(chunk)) {
        carry = chunk;
        continue;
      }
      first = false;
      if (chunk.subarray(0, 3).equals(UTF8_BOM)) chunk = chunk.subarray(3);
    }
    // A character split between two reads is checked with the next one.
    const cut = chunk.length - incompleteTail(chunk);
    const whole = chunk.subarray(0, cut);
    carry = cut < chunk.length ? Buffer.from(chunk.subarray(cut)) : null;
    if (!isUtf8(whole)) {
      const offset = Math.max(0, firstInvalidUtf8(whole));
      throw notUtf8(newlines + countNewlines(whole, offset) + 1, sawText || hasHighByte(whole, offset), options.fileName);
    }
    newlines += countNewlines(whole, whole.length);
    if (!sawText && !isAscii(whole)) sawText = true;
    if (whole.length) yield whole;
  }
  if (carry && carry.length) {
    if (first) {
      // The whole file is a (partial) byte-order mark.
      if (!UTF8_BOM.subarray(0, carry.length).equals(carry)) yield carry;
      return;
    }
    throw notUtf8(newlines + 1, sawText, options.fileName);
  }
}

/** How many bytes at the end start a UTF-8 sequence that the buffer does not finish (0–3). */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0x80) return 0;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

function hasHighByte(bytes: Buffer, end: number): boolean {
  for (let i = 0; i < end; i++) if (bytes[i] > 0x7f) return true;
  return false;
}

function notUtf8(line: number, sawText: boolean, fileName: string): Error {
  if (!sawText) return new NotUtf8Error(line);
  return new ImportFileError(
    'mixed_encoding',
    `Line ${line} of ${fileName} is not valid UTF-8, although the text before it is: the file mixes encodings or is damaged. Save it again as "CSV UTF-8" and stage it again.`,
    line,
  );
}

function countNewlines(bytes: Buffer, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
