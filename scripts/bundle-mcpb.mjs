// `npm run bundle:mcpb`: the Claude Desktop bundle (.mcpb) for the platform this runs on. It holds
// resources/mcpb/manifest.json, the built server (dist/mcp/) and the production packages of
// package-lock.json as installed here, native ones included, so it runs only on this OS and
// architecture: build it once per platform (docs/install.md). Run `npm run build` first.
//   node scripts/bundle-mcpb.mjs [--out DIR]     (default: release/mcpb/, which `npm run dist` ships with the app)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = path.resolve(values.out ?? path.join(root, 'release', 'mcpb'));
const read = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

const pkg = read('package.json');
const lock = read('package-lock.json');
const manifest = read('resources/mcpb/manifest.json');
const serverEntry = path.join(root, manifest.server.entry_point);
if (!fs.existsSync(serverEntry)) fail(`${manifest.server.entry_point} is missing: run \`npm run build\` first.`);

const target = `${process.platform}-${process.arch}`;
const stage = path.join(outDir, `mcpb-stage-${target}`);
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });

// The native packages inside are this platform's, so the bundle says so.
fs.writeFileSync(path.join(stage, 'manifest.json'), `${JSON.stringify({ ...manifest, compatibility: { ...manifest.compatibility, platforms: [process.platform] } }, null, 2)}\n`);
fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true, type: pkg.type, dependencies: pkg.dependencies }, null, 2)}\n`);
fs.cpSync(path.join(root, 'dist', 'mcp'), path.join(stage, 'dist', 'mcp'), { recursive: true, filter: (src) => !src.endsWith('.map') });

// Production packages: every lock entry that is not dev-only and is installed here (optional
// packages for other platforms are not). Each entry is copied without its nested node_modules,
// which are entries of their own.
const neverUsed = /^node_modules\/@databricks\/databricks-sql-kernel-/; // the driver's opt-in kernel, never enabled
let copied = 0;
for (const [where, entry] of Object.entries(lock.packages)) {
  if (!where || entry.dev || entry.link || neverUsed.test(where)) continue;
  const from = path.join(root, where);
  if (!fs.existsSync(from)) {
    if (entry.optional || entry.devOptional) continue;
    fail(`${where} is in the lock file but not installed: run \`npm ci\` first.`);
  }
  fs.cpSync(from, path.join(stage, where), {
    recursive: true,
    filter: (src) => path.relative(from, src).split(path.sep)[0] !== 'node_modules',
  });
  copied++;
}

const bundle = path.join(outDir, `${manifest.name}-${manifest.version}-${target}.mcpb`);
fs.rmSync(bundle, { force: true });
const mcpb = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'mcpb.cmd' : 'mcpb');
execFileSync(mcpb, ['pack', stage, bundle], { stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
fs.rmSync(stage, { recursive: true, force: true });
console.log(`${path.relative(process.cwd(), bundle) || bundle}: ${copied} packages for ${target}`);

function fail(message) {
  console.error(`bundle:mcpb: ${message}`);
  process.exit(1);
}
