import iconv from 'iconv-lite';
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

/**
 * The file's text, chunk by chunk, without a byte-order mark. UTF-8 is decoded strictly: an
 * invalid byte after valid multi-byte text means a damaged or mixed file (refused with its
 * line); after plain ASCII it means the file is really Windows-1252 (NotUtf8Error: read again).
 */
export async function* decodeChunks(chunks: AsyncIterable<Buffer>, encoding: TextEncoding, options: { sawUtf8Text: boolean; fileName: string }): AsyncGenerator<string> {
  if (encoding !== 'utf-8') {
    const decoder = iconv.getDecoder(ICONV_NAMES[encoding]);
    for await (const chunk of chunks) {
      const text = decoder.write(chunk);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let newlines = 0;
  let sawText = options.sawUtf8Text;
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const offset = Math.max(0, firstInvalidUtf8(chunk, true));
      throw notUtf8(newlines + countNewlines(chunk, offset) + 1, sawText, options.fileName);
    }
    newlines += countNewlines(chunk, chunk.length);
    // Decoded text shorter than its bytes: there were multi-byte characters.
    if (!sawText && text.length !== chunk.length) sawText = true;
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw notUtf8(newlines + 1, sawText, options.fileName);
  }
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
