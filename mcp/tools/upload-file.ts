import { z } from 'zod';
import { startUpload } from '../lakehouse/upload/upload-file.js';
import { UploadError, type UploadSource } from '../lakehouse/upload/tabular-file.js';
import { MAX_INLINE_FILE_CHARS } from '../util/message-limits.js';
import { UserError } from '../util/user-error.js';
import { withCheckedFilePath } from './import-schemas.js';
import { jobShape, jobStructured, jobText, lakehouseJob } from './job-shape.js';
import { defineTool } from './tool.js';
import { warehouseArgs } from './warehouse-args.js';

/** How long the call waits for a small upload to finish before returning the running job. */
const INLINE_WAIT_MS = 3_000;

export const uploadFileTool = defineTool({
  name: 'upload_file',
  title: 'Upload a CSV or Excel file to bronze',
  toolset: 'lakehouse',
  description:
    'Loads a CSV (.csv/.tsv/.txt) or Excel (.xlsx) file into bronze table dataset_name, every column as text exactly as the file holds it (clean and type it with transform_to_silver). ' +
    'Give file_content + file_name (CSV text, or base64 with content_encoding "base64" for .xlsx), or file_path of a file in one of the import folders the user set. ' +
    'Line 1 (row 1) holds the column names. Runs as a job: small files finish within the call; otherwise poll get_job.',
  input: z.object({
    file_content: z
      .string()
      .min(1)
      .max(MAX_INLINE_FILE_CHARS)
      .optional()
      .describe(`The file itself: CSV text, or base64 of the file when content_encoding is "base64" (at most ${MAX_INLINE_FILE_CHARS / 1024 ** 2} MiB of text; larger files go in an import folder).`),
    file_name: z.string().min(1).max(255).optional().describe('Name of the file given in file_content, e.g. "exemptions_2024.csv".'),
    content_encoding: z.enum(['text', 'base64']).default('text'),
    file_path: z.string().min(1).max(4_096).optional().describe('Path of a CSV/XLSX file in one of the import folders the user set (a relative path is taken in the first of them). Files elsewhere are not read.'),
    dataset_name: z.string().min(1).max(128).optional().describe('Bronze table name (default: the file name without extension).'),
    sheet: z.string().min(1).max(128).optional().describe('Excel sheet to load (default: the first).'),
    encoding: z.string().min(1).max(32).default('utf-8').describe('Text encoding of a CSV: utf-8, windows-1252, iso-8859-1, utf-16le or another name iconv-lite knows.'),
    ...warehouseArgs,
  }),
  output: z.object({ ...jobShape, dataset_name: z.string().nullable() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async handler(args, { engine }) {
    const source = uploadSource(await withCheckedFilePath(engine, args));
    const { job } = await startUpload(engine, {
      source,
      datasetName: args.dataset_name,
      warehouseConnectionId: args.warehouse_connection_id,
      tenantId: args.tenant_id,
      // Text sent inline is already decoded; only bytes (base64 or a file) have an encoding.
      encoding: source.kind === 'content' && args.content_encoding === 'text' ? 'utf-8' : args.encoding,
      sheet: args.sheet,
    });
    const now = lakehouseJob(await engine.jobs.waitFor(job.job_id, INLINE_WAIT_MS));
    const dataset = typeof now.result?.dataset_name === 'string' ? now.result.dataset_name : (now.args.dataset_name as string | undefined) ?? null;
    return { structured: { ...jobStructured(now), dataset_name: dataset }, text: jobText(now), connectionId: now.warehouse_connection_id, rowCount: now.rows };
  },
});

function uploadSource(args: { file_content?: string; file_name?: string; content_encoding: 'text' | 'base64'; file_path?: string }): UploadSource {
  if (args.file_content !== undefined && args.file_path !== undefined) throw new UserError('invalid', 'Give either file_content (with file_name) or file_path, not both.');
  if (args.file_path !== undefined) return { kind: 'path', filePath: args.file_path };
  if (args.file_content === undefined) throw new UserError('invalid', 'Give the file: file_content with file_name, or file_path.');
  if (!args.file_name) throw new UserError('invalid', 'file_content needs file_name (e.g. "exemptions.csv") so the format and table name are known.');
  if (/\.xlsx$/i.test(args.file_name) && args.content_encoding !== 'base64') {
    throw new UserError('invalid', 'An .xlsx file is binary: send it base64-encoded with content_encoding "base64".');
  }
  let content: Buffer;
  if (args.content_encoding === 'base64') {
    const cleaned = args.file_content.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(cleaned)) throw new UserError('invalid', 'file_content is not valid base64.');
    content = Buffer.from(cleaned, 'base64');
  } else {
    content = Buffer.from(args.file_content, 'utf8');
  }
  if (content.length === 0) throw new UploadError('The file is empty.');
  return { kind: 'content', fileName: args.file_name, content };
}
