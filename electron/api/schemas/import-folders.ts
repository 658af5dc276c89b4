import { z } from 'zod';
import { noInput } from './common.js';

const folders = z.object({
  /** Absolute paths of the folders a file named in the chat may be read from. */
  folders: z.array(z.string()),
  /** True while the user has not set them and the defaults apply. */
  defaults: z.boolean(),
});

export const importFoldersGet = { input: noInput, output: folders };

/** null: back to the defaults. Each folder must be an existing local folder. */
export const importFoldersSet = {
  input: z.object({ folders: z.array(z.string().min(1).max(4_096)).max(50).nullable() }),
  output: folders,
};
