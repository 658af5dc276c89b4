// Rewrites the generated SQL scripts in resources/sql/ from mcp/demo/demo-schema.ts
// (see mcp/demo/sql-scripts.ts). tests/sql/sql-scripts.test.ts fails when they are stale.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = await build({
  entryPoints: [path.join(root, 'mcp/demo/sql-scripts.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const { SQL_SCRIPT_FILES } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
for (const [file, render] of Object.entries(SQL_SCRIPT_FILES)) {
  const target = path.join(root, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const text = render();
  const changed = !fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text;
  if (changed) fs.writeFileSync(target, text);
  console.log(`${changed ? 'wrote    ' : 'unchanged'} ${file}`);
}
