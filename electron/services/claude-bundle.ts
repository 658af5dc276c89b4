import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../mcp/util/user-error.js';
import type { ClaudeSetup } from './context.js';

/** What `npm run bundle:mcpb` names the bundle for a platform: pacs-mcp-<version>-<platform>-<arch>.mcpb. */
function bundlePattern(platform: string, arch: string): RegExp {
  return new RegExp(`^pacs-mcp-[0-9][\\w.-]*-${platform}-${arch}\\.mcpb$`);
}

export interface ClaudeBundle {
  file_name: string;
  path: string;
  size_bytes: number;
}

/** The Claude Desktop bundle for this OS and architecture that came with the app (or the build), if any. */
export function findClaudeBundle(setup: ClaudeSetup, arch: string = process.arch): ClaudeBundle | null {
  if (!setup.bundleDir) return null;
  let names: string[];
  try {
    names = fs.readdirSync(setup.bundleDir);
  } catch {
    return null;
  }
  const pattern = bundlePattern(setup.platform, arch);
  const name = names.filter((n) => pattern.test(n)).sort().at(-1);
  if (!name) return null;
  const file = path.join(setup.bundleDir, name);
  return { file_name: name, path: file, size_bytes: fs.statSync(file).size };
}

/**
 * Copies the bundle into the user's Downloads folder (a new name if one is taken), where
 * opening it hands it to Claude Desktop's extension installer.
 */
export async function saveClaudeBundle(setup: ClaudeSetup, arch: string = process.arch): Promise<string> {
  const bundle = findClaudeBundle(setup, arch);
  if (!bundle) throw new UserError('unavailable', `No Claude Desktop bundle for ${setup.platform}-${arch} came with this app. Build one with \`npm run bundle:mcpb\` on a ${setup.platform} ${arch} machine, or use "Write the config" above.`);
  const downloads = path.join(setup.homedir, 'Downloads');
  await fs.promises.mkdir(downloads, { recursive: true });
  const { name, ext } = path.parse(bundle.file_name);
  for (let n = 1; n < 1000; n++) {
    const target = path.join(downloads, n === 1 ? bundle.file_name : `${name} (${n})${ext}`);
    try {
      await fs.promises.copyFile(bundle.path, target, fs.constants.COPYFILE_EXCL);
      return target;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new UserError('conflict', `Downloads already holds many copies of ${bundle.file_name}: remove some and try again.`);
}
