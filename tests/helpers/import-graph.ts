import fs from 'node:fs';
import path from 'node:path';

/** One import between two source files of the project, paths relative to the root with `/`. */
export interface ImportEdge {
  from: string;
  to: string;
  /** `import type` / `export type`: erased at build time, so it loads nothing at run time. */
  typeOnly: boolean;
}

const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') out.push(...sourceFiles(root, rel));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The file a relative specifier names (`./x.js` is written for `./x.ts`), or undefined outside the set. */
function resolve(from: string, specifier: string, files: Set<string>): string | undefined {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const stem = target.replace(/\.(js|jsx|mjs)$/, '');
  return [target, `${stem}.ts`, `${stem}.tsx`, `${target}/index.ts`].find((candidate) => files.has(candidate));
}

// Static imports and re-exports (`import x from`, `import type {..} from`, `export * from`, bare
// `import './x.js'`) and dynamic `import('./x.js')`; the clause tells whether it is type-only.
const STATIC_IMPORT = /^[ \t]*(import|export)\b([^;'"]*?)\bfrom\s*['"]([^'"]+)['"]|^[ \t]*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function isTypeOnlyClause(clause: string): boolean {
  const trimmed = clause.trim();
  if (/^type\b/.test(trimmed)) return true;
  const named = /^\{([^}]*)\}$/.exec(trimmed);
  if (!named) return false;
  const names = named[1].split(',').map((n) => n.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => /^type\s/.test(n));
}

function importsOf(text: string): { specifier: string; typeOnly: boolean }[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: { specifier: string; typeOnly: boolean }[] = [];
  for (const m of code.matchAll(STATIC_IMPORT)) {
    if (m[3] !== undefined) found.push({ specifier: m[3], typeOnly: isTypeOnlyClause(m[2]) });
    else found.push({ specifier: m[4], typeOnly: false });
  }
  for (const m of code.matchAll(DYNAMIC_IMPORT)) found.push({ specifier: m[1], typeOnly: false });
  return found;
}

/** Every relative import between the source files under `dirs` (relative to `root`). */
export function importGraph(root: string, dirs: string[]): ImportEdge[] {
  const files = new Set(dirs.flatMap((dir) => sourceFiles(root, dir)));
  const edges: ImportEdge[] = [];
  for (const from of files) {
    for (const { specifier, typeOnly } of importsOf(fs.readFileSync(path.join(root, from), 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const to = resolve(from, specifier, files);
      if (to) edges.push({ from, to, typeOnly });
    }
  }
  return edges;
}

/** The import cycles (strongly connected groups of more than one file, or a file importing itself), each sorted. */
export function importCycles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;

  // Tarjan's algorithm, iterative so a deep import chain cannot overflow the call stack.
  for (const start of next.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; child: number }[] = [{ node: start, child: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const targets = next.get(frame.node) ?? [];
      if (frame.child < targets.length) {
        const target = targets[frame.child++];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, child: 0 });
        } else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        const selfImport = targets.includes(frame.node);
        if (group.length > 1 || selfImport) cycles.push(group.sort());
      }
    }
  }
  return cycles;
}

/** A layering rule: files matching `from` must not import files matching `forbidden` (type-only imports too, unless `valuesOnly`). */
export interface LayerRule {
  name: string;
  from: (file: string) => boolean;
  forbidden: (file: string) => boolean;
  valuesOnly?: boolean;
}

/** Each import that breaks a rule, as "rule: from -> to". */
export function layerViolations(edges: ImportEdge[], rules: LayerRule[]): string[] {
  return rules.flatMap((rule) =>
    edges.filter((e) => rule.from(e.from) && rule.forbidden(e.to) && !(rule.valuesOnly && e.typeOnly)).map((e) => `${rule.name}: ${e.from} -> ${e.to}`),
  );
}
