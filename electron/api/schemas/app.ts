import { z } from 'zod';
import { noInput } from './common.js';

export const appInfo = {
  input: noInput,
  output: z.object({
    version: z.string(),
    data_dir: z.string(),
    platform: z.string(),
    packaged: z.boolean(),
    secrets_backend: z.enum(['keychain', 'memory']),
    /** "electron" in the desktop app, "bridge" when the renderer runs in a plain browser for tests. */
    host: z.enum(['electron', 'bridge']),
  }),
};
