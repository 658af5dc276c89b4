import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';

// dist/electron/main.js → the app root is two levels up (inside app.asar when packaged).
const here = path.dirname(fileURLToPath(import.meta.url));

export const appPaths = {
  preload: path.join(here, 'preload.cjs'),
  rendererDir: path.join(app.getAppPath(), 'dist', 'renderer'),
  /** What Claude Desktop runs under Node in development; the installed app runs its own executable instead. */
  serverScript: path.join(app.getAppPath(), 'dist', 'mcp', 'cli', 'main.js'),
  /** The Claude Desktop bundle `npm run dist` puts beside the app (extraResources), or release/ in development. */
  bundleDir: app.isPackaged ? path.join(process.resourcesPath, 'mcpb') : path.join(app.getAppPath(), 'release', 'mcpb'),
};
