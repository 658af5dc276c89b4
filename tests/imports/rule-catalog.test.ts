import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS } from '../../mcp/imports/import-kinds.js';
import { RULES } from '../../mcp/imports/rule-catalog.js';
import { ROOT } from '../helpers/paths.js';

function sources(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

/** Error codes the import code can produce, read from the source: what the catalog must cover. */
function emittedCodes(): Set<string> {
  const codes = new Set<string>();
  const patterns = [/ImportFileError\(\s*'([a-z_0-9]+)'/g, /\bfail\('([a-z_0-9]+)'/g, /report\('[a-z_]+', '([a-z_0-9]+)'/g, /\bcode: '([a-z_0-9]+)'/g, /code: '([a-z_0-9]+)', message/g];
  for (const text of [...sources(path.join(ROOT, 'mcp/imports')), fs.readFileSync(path.join(ROOT, 'mcp/imports/pacs-lookups.ts'), 'utf8')]) {
    for (const re of patterns) for (const m of text.matchAll(re)) codes.add(m[1]);
  }
  return codes;
}

describe('the rule list is complete and documented', () => {
  const docs = fs.readFileSync(path.join(ROOT, 'docs/imports.md'), 'utf8');

  it('lists every error code the import code can report, once', () => {
    const catalog = RULES.map((r) => r.code);
    expect(new Set(catalog).size).toBe(catalog.length);
    const emitted = emittedCodes();
    expect(emitted.size).toBeGreaterThan(40);
    expect([...emitted].filter((c) => !catalog.includes(c))).toEqual([]);
    expect(catalog.filter((c) => !emitted.has(c))).toEqual([]);
  });

  it('docs/imports.md names every code and every field of every layout, and the README points to it', () => {
    for (const rule of RULES) expect(docs, rule.code).toContain(`\`${rule.code}\``);
    for (const kind of Object.values(IMPORT_KINDS)) for (const field of kind.fields) expect(docs, `${kind.name}.${field.name}`).toContain(`\`${field.name}\``);
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('docs/imports.md');
  });
});
