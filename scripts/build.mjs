// Builds dist/: the engine + CLI as one ESM bundle with lazily loaded chunks (fast cold start),
// native and heavy driver packages left external so they load only when a connection needs them.
import { build } from 'esbuild';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [...Object.keys(pkg.dependencies ?? {}).filter((d) => !['zod', '@modelcontextprotocol/sdk'].includes(d)), 'electron'];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: true,
  sourcemap: 'linked',
  external,
  logLevel: 'warning',
  // Bundled CommonJS code may call require(); give ESM chunks one.
  banner: { js: "import { createRequire as __pacsCreateRequire } from 'node:module'; const require = __pacsCreateRequire(import.meta.url);" },
};

fs.rmSync(new URL('../dist/mcp', import.meta.url), { recursive: true, force: true });
await build({ ...common, entryPoints: { main: 'mcp/cli/main.ts' }, outdir: 'dist/mcp/cli', chunkNames: 'chunks/[name]-[hash]' });
fs.chmodSync('dist/mcp/cli/main.js', 0o755);

// The desktop app: Electron main (ESM, the engine bundled in), the sandboxed preload (CommonJS,
// one file: a sandboxed preload cannot require anything but electron), and the React renderer.
fs.rmSync(new URL('../dist/electron', import.meta.url), { recursive: true, force: true });
await build({ ...common, entryPoints: { main: 'electron/main.ts' }, outdir: 'dist/electron', chunkNames: 'chunks/[name]-[hash]' });
await build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['electron'], sourcemap: 'linked', logLevel: 'warning', entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' } });
const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' });

const extra = process.argv.slice(2);
if (extra.includes('--bench') || fs.existsSync('bench/run.ts')) {
  await build({ ...common, entryPoints: { run: 'bench/run.ts' }, outdir: 'dist/bench', chunkNames: 'chunks/[name]-[hash]' });
}
