import path from 'node:path';
import { importFolders, setImportFolders } from '../../imports/import-folders.js';
import { parseOptions, UsageError, writeLine, type CliCommand } from '../command.js';
import { cliAction, withEngine } from '../with-engine.js';

/** `pacs-mcp import-folders`: which folders the tools may read a file_path from (the model cannot change this). */
export const importFoldersCommand: CliCommand = {
  name: 'import-folders',
  summary: 'List or set the folders that files named in the chat may be read from',
  usage: [
    'pacs-mcp import-folders [list] [--json]',
    'pacs-mcp import-folders add PATH | remove PATH',
    'pacs-mcp import-folders reset     (back to the defaults: <data dir>/imports and Documents/PACS imports)',
  ].join('\n'),
  async run(argv, io) {
    const [sub = 'list', ...rest] = argv;
    const { values, positionals } = parseOptions(rest, { json: { type: 'boolean' } });
    return withEngine(async (engine) => {
      const current = await importFolders(engine.store, engine.dataDir);
      const save = async (folders: string[] | null) =>
        cliAction(engine, { action: `import-folders.${sub}`, args: { folders }, connectionId: null }, () => setImportFolders(engine.store, engine.dataDir, folders));
      switch (sub) {
        case 'list':
          break;
        case 'add': {
          if (!positionals[0]) throw new UsageError('Name the folder: pacs-mcp import-folders add PATH');
          await save([...current.folders, path.resolve(positionals[0])]);
          break;
        }
        case 'remove': {
          if (!positionals[0]) throw new UsageError('Name the folder: pacs-mcp import-folders remove PATH');
          const target = path.resolve(positionals[0]);
          if (!current.folders.includes(target)) throw new UsageError(`"${target}" is not an import folder.`);
          await save(current.folders.filter((f) => f !== target));
          break;
        }
        case 'reset':
          await save(null);
          break;
        default:
          throw new UsageError(`Unknown import-folders command "${sub}".`);
      }
      const now = await importFolders(engine.store, engine.dataDir);
      if (values.json) writeLine(io.stdout, JSON.stringify(now));
      else writeLine(io.stdout, now.folders.length ? now.folders.join('\n') : '(none: files named in the chat are never read; file_content still works)');
      return 0;
    });
  },
};
