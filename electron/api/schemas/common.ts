import { z } from 'zod';
import { connectionIdSchema } from '../../../mcp/connections/connection-types.js';

/** Every API method takes one object; methods with nothing to say take `{}`. */
export const noInput = z.object({}).strict();

export const connectionId = connectionIdSchema;

export const isoTime = z.string().min(1);
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

/** A cell of a result row as it crosses IPC: JSON values only. */
export const cellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const rowRecord = z.record(z.string(), z.unknown());

/** A file the renderer read (drag and drop or the file picker): the sandboxed renderer has no paths. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
export const uploadedFile = z.object({
  file_name: z
    .string()
    .min(1)
    .max(255)
    .refine((name) => !/[\\/\0]/.test(name), 'a file name without folders'),
  content_base64: z
    .string()
    .max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4, `files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 content'),
});

/** A file the app hands back for the user to save (exports): the renderer offers it as a download. */
export const downloadable = z.object({
  file_name: z.string(),
  mime: z.string(),
  content: z.string(),
});

export const jobStarted = z.object({ job_id: z.string() });
