import fs from 'node:fs';
import path from 'node:path';
import type { Hash } from 'node:crypto';
import { ImportFileError } from './import-errors.js';

/** A file to import: on disk (read as a stream), or content handed over by the client. */
export type ImportInput =
  | { type: 'path'; path: string; name: string; size: number; mtimeMs: number }
  | { type: 'bytes'; name: string; bytes: Buffer };

export interface ImportFileArgs {
  file_path?: string;
  file_content?: string;
  file_name?: string;
  /** `text` (default): the content is the file's text. `base64`: the file's bytes (an .xlsx). */
  content_encoding?: 'text' | 'base64';
}

export const IMPORT_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.xlsm'] as const;
/** Large enough for a county-wide upload, small enough that a mistaken path fails fast. */
export const MAX_IMPORT_BYTES = 2 * 1024 ** 3;
const CHUNK_BYTES = 256 * 1024;

function checkExtension(name: string): void {
  const ext = path.extname(name).toLowerCase();
  if (!(IMPORT_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new ImportFileError(
      'unsupported_extension',
      `"${path.basename(name)}" is not an import file: imports read ${IMPORT_EXTENSIONS.join(', ')} files. Save the data as CSV (UTF-8) or Excel .xlsx.`,
    );
  }
}

/** Checks what can be checked before reading: the name, that the file exists and is a file, its size. */
export async function resolveImportInput(args: ImportFileArgs): Promise<ImportInput> {
  if (args.file_path && args.file_content !== undefined) throw new ImportFileError('ambiguous_input', 'Give either file_path or file_content (with file_name), not both.');
  if (args.file_path) {
    const file = path.resolve(args.file_path);
    checkExtension(file);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new ImportFileError('file_not_found', `There is no file at ${file}. Check the path (it is read on the machine running PACS MCP).`);
      throw new ImportFileError('read_failed', `${file} cannot be read (${code ?? (err as Error).message}). Check that it exists and that you may read it.`);
    }
    if (!stat.isFile()) throw new ImportFileError('not_a_file', `${file} is not a regular file. Give the path of a .csv or .xlsx file.`);
    if (stat.size === 0) throw new ImportFileError('empty_file', `${path.basename(file)} is empty (0 bytes). Export the data again; nothing was staged.`);
    if (stat.size > MAX_IMPORT_BYTES) throw new ImportFileError('file_too_large', `${path.basename(file)} is ${(stat.size / 1024 ** 3).toFixed(1)} GB; imports take files up to 2 GB. Split it into several files.`);
    return { type: 'path', path: file, name: path.basename(file), size: stat.size, mtimeMs: stat.mtimeMs };
  }
  if (args.file_content !== undefined) {
    if (!args.file_name) throw new ImportFileError('ambiguous_input', 'file_content needs file_name too (for example "exemptions-2026.csv"), so the batch records what the file was.');
    checkExtension(args.file_name);
    let bytes: Buffer;
    if (args.content_encoding === 'base64') {
      const compact = args.file_content.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
        throw new ImportFileError('invalid_base64', 'file_content is not valid base64. Send the file bytes base64-encoded, or use content_encoding "text" for CSV text.');
      }
      bytes = Buffer.from(compact, 'base64');
    } else {
      bytes = Buffer.from(args.file_content, 'utf8');
    }
    if (bytes.length === 0) throw new ImportFileError('empty_file', `${args.file_name} is empty. Nothing was staged.`);
    return { type: 'bytes', name: path.basename(args.file_name), bytes };
  }
  throw new ImportFileError('ambiguous_input', 'Give file_path (a .csv or .xlsx on this machine) or file_content with file_name.');
}

/** The first `max` bytes, for sniffing the format and encoding. */
export async function readHead(input: ImportInput, max = 64 * 1024): Promise<Buffer> {
  if (input.type === 'bytes') return input.bytes.subarray(0, max);
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(input.path, 'r');
    const buffer = Buffer.alloc(Math.min(max, input.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } catch (err) {
    throw readFailed(input, err);
  } finally {
    await handle?.close();
  }
}

/**
 * Every byte of the input, in chunks, fed to `hash` on the way. A file that shrinks, grows, is
 * replaced or disappears while it is read is reported as changed: what was staged must be exactly
 * the file whose sha256 the batch records.
 */
export async function* readInputChunks(input: ImportInput, hash?: Hash): AsyncGenerator<Buffer> {
  if (input.type === 'bytes') {
    for (let offset = 0; offset < input.bytes.length; offset += CHUNK_BYTES) {
      const chunk = input.bytes.subarray(offset, offset + CHUNK_BYTES);
      hash?.update(chunk);
      yield chunk;
    }
    return;
  }
  const stream = fs.createReadStream(input.path, { highWaterMark: CHUNK_BYTES });
  let bytesRead = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      hash?.update(chunk);
      yield chunk;
    }
  } catch (err) {
    throw readFailed(input, err);
  } finally {
    stream.destroy();
  }
  await assertUnchanged(input, bytesRead);
}

/** After a full read: same size and modification time as when staging began. */
export async function assertUnchanged(input: ImportInput, bytesRead?: number): Promise<void> {
  if (input.type === 'bytes') return;
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(input.path);
  } catch {
    throw new ImportFileError('file_changed', `${input.name} disappeared while it was being read. Nothing was staged; copy the file to a local folder and stage it again.`);
  }
  if ((bytesRead !== undefined && bytesRead !== input.size) || stat.size !== input.size || stat.mtimeMs !== input.mtimeMs) {
    throw new ImportFileError(
      'file_changed',
      `${input.name} changed while it was being read (${input.size} bytes when staging began, ${bytesRead ?? stat.size} read, ${stat.size} now). Nothing was staged; wait until whatever writes it has finished, then stage it again.`,
    );
  }
}

function readFailed(input: ImportInput, err: unknown): Error {
  if (err instanceof ImportFileError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ImportFileError('file_changed', `${input.name} disappeared while it was being read. Nothing was staged; copy the file to a local folder and stage it again.`);
  return new ImportFileError('read_failed', `${input.name} could not be read (${code ?? (err as Error).message}). Nothing was staged; if it is on a network share, copy it to a local folder and try again.`);
}
