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
    /** Engine features present in this build (staging, snapshots) so screens can say what is missing. */
    features: z.object({ staging: z.boolean(), snapshots: z.boolean() }),
  }),
};
