import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SqliteDb } from '../store/sqlite-db.js';
import { UserError } from '../util/user-error.js';

/**
 * The folders a file named by the model (stage_import, upload_file)
 * may come from. The user sets them in the app or with `pacs-mcp import-folders`; the model
 * cannot. Until they are set: the data dir's `imports` folder and `Documents/PACS imports`.
 */

const SETTING = 'import_folders';

export interface ImportFolders {
  folders: string[];
  /** True when the user never set them and the defaults apply. */
  defaults: boolean;
}

export function defaultImportFolders(dataDir: string): string[] {
  return [path.join(dataDir, 'imports'), path.join(os.homedir(), 'Documents', 'PACS imports')];
}

export async function importFolders(store: SqliteDb, dataDir: string): Promise<ImportFolders> {
  const row = await store.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [SETTING]);
  if (!row) return { folders: defaultImportFolders(dataDir), defaults: true };
  const parsed = JSON.parse(row.value) as unknown;
  return { folders: Array.isArray(parsed) ? parsed.filter((f): f is string => typeof f === 'string') : [], defaults: false };
}

/** A network (UNC) or device path: `\\server\share`, `//server/share`, `\\?\…`, `\\.\…`. */
export function isNetworkOrDevicePath(p: string): boolean {
  return /^[\\/]{2}/.test(p);
}

/**
 * Saves the user's choice (null: back to the defaults). Each folder is an absolute local path; one
 * that is not in the list yet must exist (a listed one, such as a default not created yet, may not).
 */
export async function setImportFolders(store: SqliteDb, dataDir: string, folders: string[] | null): Promise<void> {
  if (folders === null) {
    await store.run('DELETE FROM settings WHERE key = ?', [SETTING]);
    return;
  }
  const listed = new Set((await importFolders(store, dataDir)).folders);
  const checked: string[] = [];
  for (const folder of folders) {
    if (!path.isAbsolute(folder)) throw new UserError('invalid', `"${folder}" is not an absolute path. Give the full path of the folder.`);
    if (isNetworkOrDevicePath(folder)) throw new UserError('invalid', `"${folder}" is a network path. Import folders must be on this computer; copy the files to a local folder.`);
    const stat = fs.statSync(folder, { throwIfNoEntry: false });
    if (stat ? !stat.isDirectory() : !listed.has(path.resolve(folder))) throw new UserError('invalid', `"${folder}" is not an existing folder.`);
    const resolved = path.resolve(folder);
    if (!checked.includes(resolved)) checked.push(resolved);
  }
  await store.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [SETTING, JSON.stringify(checked)]);
}

/** A file path from the model that is not read: outside the import folders, not a plain file, too large. */
export class FilePathRefused extends UserError {
  constructor(message: string) {
    super('refused', message);
  }
}

const sameOrInside = (child: string, parent: string): boolean => {
  const fold = (p: string) => (process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p);
  const c = fold(child);
  const p = fold(parent);
  return c === p || c.startsWith(p.endsWith(path.sep) ? p : p + path.sep);
};

/**
 * Where a model-supplied path really points, checked before a byte is read: resolved (every
 * symbolic link followed) inside one of the import folders, a regular file (no device, FIFO or
 * socket), not a network path, at most `maxBytes`. A relative path is taken inside the first
 * import folder. Returns the resolved path, which is what the caller reads. No message ever
 * names where a link pointed, nor anything of the file's content.
 */
export async function resolveModelFilePath(context: { store: SqliteDb; dataDir: string }, requested: string, options: { maxBytes: number }): Promise<string> {
  const { folders } = await importFolders(context.store, context.dataDir);
  const defaultFolder = path.join(context.dataDir, 'imports');
  if (folders.includes(defaultFolder)) fs.mkdirSync(defaultFolder, { recursive: true, mode: 0o700 });
  const where = folders.length ? folders.join('; ') : 'none (the user has not set any)';
  const advice = `Files are read only from the import folders the user set in the PACS MCP app or with \`pacs-mcp import-folders\`: ${where}. Ask the user to put the file there, or send its content as file_content.`;

  if (requested.includes('\0')) throw new FilePathRefused(`The file path contains a NUL character. ${advice}`);
  if (isNetworkOrDevicePath(requested)) throw new FilePathRefused(`"${requested}" is a network or device path. ${advice}`);
  const candidate = path.isAbsolute(requested) ? requested : path.resolve(folders[0] ?? defaultFolder, requested);

  let real: string;
  try {
    real = await fs.promises.realpath(candidate);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new FilePathRefused(`There is no file at ${candidate}. ${advice}`);
    throw new FilePathRefused(`${candidate} cannot be opened (${code ?? 'error'}). ${advice}`);
  }
  if (isNetworkOrDevicePath(real)) throw new FilePathRefused(`"${requested}" leads to a network or device path. ${advice}`);

  const realFolders: string[] = [];
  for (const folder of folders) {
    const resolved = await fs.promises.realpath(folder).catch(() => undefined);
    if (resolved) realFolders.push(resolved);
  }
  if (!realFolders.some((folder) => sameOrInside(real, folder) && real !== folder)) {
    const viaLink = path.resolve(candidate) !== real ? ' (after following its links)' : '';
    throw new FilePathRefused(`"${requested}" is not inside an import folder${viaLink}. ${advice}`);
  }
  const stat = await fs.promises.stat(real);
  if (!stat.isFile()) throw new FilePathRefused(`"${requested}" is not a regular file (a folder, device or pipe is never read). ${advice}`);
  if (stat.size > options.maxBytes) {
    throw new FilePathRefused(`"${requested}" is ${(stat.size / 1024 ** 2).toFixed(0)} MB; files read for the chat are limited to ${(options.maxBytes / 1024 ** 2).toFixed(0)} MB.`);
  }
  return real;
}
