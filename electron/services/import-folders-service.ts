import { importFolders, setImportFolders } from '../../mcp/imports/import-folders.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { uiAction } from './ui-audit.js';

/** The folders files named in the chat may be read from: set here or with the CLI, never by the model. */
export const importFoldersService: ApiHandlers<ServiceContext>['importFolders'] = {
  async get(_input, ctx) {
    return importFolders(ctx.engine.store, ctx.engine.dataDir);
  },

  async set(input, ctx) {
    const { engine } = ctx;
    await uiAction(engine, { action: 'import-folders.set', args: { folders: input.folders } }, () => setImportFolders(engine.store, engine.dataDir, input.folders));
    return importFolders(engine.store, engine.dataDir);
  },
};
