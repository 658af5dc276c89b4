import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file with our package.json (works from bench/ and dist/bench/). */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'pacs-mcp-desktop') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('bench: could not find the repository root (package.json of pacs-mcp-desktop)');
    dir = parent;
  }
}

/** The built `pacs-mcp` CLI; the bench measures what ships, so `npm run build` must have run. */
export function builtCli(): string {
  const cli = path.join(repoRoot(), 'dist/mcp/cli/main.js');
  if (!fs.existsSync(cli)) throw new Error(`bench: ${cli} is missing; run \`npm run build\` (npm run bench does).`);
  return cli;
}

/** A file the build puts next to the bench runner (dist/bench/NAME). */
export function builtBenchFile(name: string): string {
  const file = path.join(repoRoot(), 'dist/bench', name);
  if (!fs.existsSync(file)) throw new Error(`bench: ${file} is missing; run \`npm run build\`.`);
  return file;
}
