import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles, importGraph, layerViolations, type ImportEdge, type LayerRule } from '../helpers/import-graph.js';
import { ROOT } from '../helpers/paths.js';

const under = (...dirs: string[]) => (file: string) => dirs.some((dir) => file.startsWith(`${dir}/`));
const SURFACES = ['mcp/cli', 'mcp/server', 'mcp/tools', 'mcp/prompts', 'mcp/resources'];

/** The layers: surfaces call the domain, never the reverse; the desktop never runs CLI code; the renderer talks to the engine only through the API. */
const RULES: LayerRule[] = [
  { name: 'the domain does not import a surface', from: (f) => f.startsWith('mcp/') && !under(...SURFACES)(f), forbidden: under(...SURFACES) },
  { name: 'only the CLI imports the CLI', from: (f) => !under('mcp/cli')(f), forbidden: under('mcp/cli') },
  { name: 'the desktop does not import the CLI', from: under('electron'), forbidden: under('mcp/cli') },
  { name: 'the renderer loads nothing from the engine or the main process', from: under('renderer/src'), forbidden: under('mcp', 'electron'), valuesOnly: true },
  { name: 'the renderer names only the API types of the main process', from: under('renderer/src'), forbidden: (f) => !f.startsWith('renderer/') && !f.startsWith('electron/api/') },
];

describe('the layering of the source tree', () => {
  const edges = importGraph(ROOT, ['mcp', 'electron', 'renderer']);

  it('reads the imports of the whole tree', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: 'mcp/engine.ts', to: 'mcp/audit/audit-log.ts', typeOnly: false });
    expect(edges.some((e) => e.from.startsWith('renderer/') && e.to === 'electron/api/types.ts' && e.typeOnly)).toBe(true);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(importCycles(edges)).toEqual([]);
  });

  it('has no import that crosses a layer upward', () => {
    expect(layerViolations(edges, RULES)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  function tree(files: Record<string, string>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-layering-'));
    dirs.push(root);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    return root;
  }

  it('finds a cycle through type-only imports, re-exports and dynamic imports, and a file importing itself', () => {
    const root = tree({
      'mcp/a.ts': "import type { B } from './b.js';\nexport const a = 1;\n",
      'mcp/b.ts': "export * from './c.js';\nexport type B = number;\n",
      'mcp/c.ts': "export async function c() {\n  return import('./a.js');\n}\n",
      'mcp/d.ts': "import { d } from './d.js';\nexport { d };\n",
      'mcp/e.ts': "// import { a } from './a.js';\n/* import { b } from './b.js'; */\nimport { a } from './a.js';\n",
    });
    expect(importCycles(importGraph(root, ['mcp']))).toEqual([['mcp/a.ts', 'mcp/b.ts', 'mcp/c.ts'], ['mcp/d.ts']]);
  });

  it('tells type-only imports from value imports', () => {
    const root = tree({
      'renderer/x.tsx': "import { type A, type B } from '../mcp/a.js';\nimport type C from '../mcp/c.js';\nimport { type D, e } from '../mcp/e.js';\nimport '../mcp/side.js';\n",
      'mcp/a.ts': '',
      'mcp/c.ts': '',
      'mcp/e.ts': '',
      'mcp/side.ts': '',
    });
    const found = importGraph(root, ['renderer', 'mcp']).map((e: ImportEdge) => [e.to, e.typeOnly]);
    expect(found.sort()).toEqual([
      ['mcp/a.ts', true],
      ['mcp/c.ts', true],
      ['mcp/e.ts', false],
      ['mcp/side.ts', false],
    ]);
  });

  it('reports an upward import, and a renderer value import of the engine', () => {
    const edges: ImportEdge[] = [
      { from: 'mcp/snapshots/x.ts', to: 'mcp/tools/y.ts', typeOnly: true },
      { from: 'electron/services/z.ts', to: 'mcp/cli/with-engine.ts', typeOnly: false },
      { from: 'renderer/src/s.tsx', to: 'mcp/engine.ts', typeOnly: false },
      { from: 'renderer/src/t.tsx', to: 'electron/api/types.ts', typeOnly: true },
      { from: 'mcp/tools/ok.ts', to: 'mcp/snapshots/x.ts', typeOnly: false },
    ];
    expect(layerViolations(edges, RULES)).toEqual([
      'the domain does not import a surface: mcp/snapshots/x.ts -> mcp/tools/y.ts',
      'only the CLI imports the CLI: electron/services/z.ts -> mcp/cli/with-engine.ts',
      'the desktop does not import the CLI: electron/services/z.ts -> mcp/cli/with-engine.ts',
      'the renderer loads nothing from the engine or the main process: renderer/src/s.tsx -> mcp/engine.ts',
      'the renderer names only the API types of the main process: renderer/src/s.tsx -> mcp/engine.ts',
    ]);
  });
});
