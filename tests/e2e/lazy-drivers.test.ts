import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

const CLI_DIR = path.join(ROOT, 'dist/mcp/cli');
const STATIC_IMPORT = /^import\s*(?:[^'";]*?\sfrom\s*)?["']([^"']+)["']/gm;

/** Every module the built CLI loads before running any code: main.js and its static imports, transitively. */
function staticallyLoaded(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('cold start loads no heavy driver (spawn → tools/list under 200 ms)', () => {
  it('the built CLI and the stdio server import only sqlite3 eagerly; drivers and parsers load on first use', () => {
    const stdioChunk = fs.readdirSync(path.join(CLI_DIR, 'chunks')).find((f) => /^stdio-[\w-]+\.js$/.test(f));
    expect(stdioChunk, 'the stdio server is a lazily loaded chunk').toBeDefined();
    const main = staticallyLoaded(path.join(CLI_DIR, 'main.js'));
    const stdio = staticallyLoaded(path.join(CLI_DIR, 'chunks', stdioChunk!));
    const eager = new Set([...main.packages, ...stdio.packages]);
    for (const heavy of ['libpg-query', 'node-sql-parser', 'pg', 'mssql', '@databricks/sql', '@duckdb/node-api', 'exceljs', 'hyparquet', 'hyparquet-writer', 'csv-parse', '@napi-rs/keyring', 'electron']) {
      expect(eager.has(heavy), `${heavy} is imported at startup`).toBe(false);
    }
    expect([...eager].sort()).toEqual(['sqlite3']);
  });

  it('the bundled MCP SDK server does not load Ajv at start-up (only elicitation uses it, loaded on first use)', () => {
    const stdioChunk = fs.readdirSync(path.join(CLI_DIR, 'chunks')).find((f) => /^stdio-[\w-]+\.js$/.test(f))!;
    const files = new Set([...staticallyLoaded(path.join(CLI_DIR, 'main.js')).files, ...staticallyLoaded(path.join(CLI_DIR, 'chunks', stdioChunk)).files]);
    const withAjv = [...files].filter((f) => /node_modules\/ajv\//.test(fs.readFileSync(f, 'utf8')));
    expect(withAjv).toEqual([]);
    expect([...files].some((f) => fs.readFileSync(f, 'utf8').includes('mcp/server/lazy-ajv-validator.ts'))).toBe(true);
  });
});
