import { describe, expect, it } from 'vitest';
import { classifyReadOnly, forgetAllowedShapes } from '../../mcp/guard/read-only-guard.js';
import { statementShape } from '../../mcp/guard/shape-cache.js';
import { tokenizeSql } from '../../mcp/guard/sql-lexer.js';
import { hostileAttempts, legitimateReads } from './read-only-corpus.js';

const shape = (sql: string) => statementShape(sql, tokenizeSql(sql, 'sqlite'));

/** The same SQL with every run of digits changed and every letter inside '…' strings changed. */
function withOtherLiterals(sql: string): string {
  return sql.replace(/\d+/g, (d) => String((Number(d.slice(0, 9)) + 7) % 10 ** Math.min(d.length, 9)).padStart(d.length, '0')).replace(/'([a-z ]*)'/gi, (_m, text: string) => `'${text.split('').reverse().join('')}z'`);
}

describe('the guard remembers allowed statement shapes', () => {
  it('a shape ignores plain numbers and plain strings, and nothing else', () => {
    expect(shape("SELECT geo_id FROM property WHERE prop_id = 12 AND hood_cd = 'A1'")).toBe(shape("SELECT geo_id FROM property WHERE prop_id = 99999 AND hood_cd = 'ZZ'"));
    expect(shape('SELECT geo_id FROM property WHERE prop_id = 12')).not.toBe(shape('SELECT geo_id FROM property WHERE prop_id = 1.5'));
    expect(shape("SELECT 'a\\' FROM t")).not.toBe(shape("SELECT 'b\\' FROM t"));
    expect(shape("SELECT 'it''s' FROM t")).not.toBe(shape("SELECT 'at''s' FROM t"));
    expect(shape('SELECT 1 FROM t -- a')).not.toBe(shape('SELECT 1 FROM t -- b'));
    expect(shape('SELECT 1 FROM t')).not.toBe(shape('SELECT 1 FROM u'));
    expect(shape('SELECT "\u0001n" FROM t')).toBeUndefined();
    expect(shape(`SELECT 1 FROM t WHERE x IN (${'1,'.repeat(5_000)}1)`)).toBeUndefined();
  });

  it('gives every corpus text, and the same text with other literals, the verdict it gets with nothing remembered', async () => {
    const texts = [...hostileAttempts, ...legitimateReads].flatMap((entry) => [entry, { ...entry, sql: withOtherLiterals(entry.sql) }]);
    const fresh = [];
    for (const t of texts) {
      forgetAllowedShapes();
      fresh.push(await classifyReadOnly(t.sql, t.dialect));
    }
    forgetAllowedShapes();
    for (const t of texts) await classifyReadOnly(t.sql, t.dialect);
    for (let round = 0; round < 2; round++) {
      for (const [i, t] of texts.entries()) expect(await classifyReadOnly(t.sql, t.dialect), `${t.dialect}: ${t.sql}`).toEqual(fresh[i]);
    }
    expect(fresh.filter((v) => v.allowed).length).toBeGreaterThan(60);
  });

  it('a remembered read does not let through the same read with a statement stacked behind it or a write inside it', async () => {
    forgetAllowedShapes();
    expect((await classifyReadOnly("SELECT geo_id FROM property WHERE hood_cd = 'A'", 'sqlite')).allowed).toBe(true);
    expect((await classifyReadOnly("SELECT geo_id FROM property WHERE hood_cd = 'A'; DELETE FROM property", 'sqlite')).allowed).toBe(false);
    expect((await classifyReadOnly("SELECT geo_id FROM property WHERE hood_cd = ''; DELETE FROM property; SELECT ''", 'sqlite')).allowed).toBe(false);
    expect((await classifyReadOnly("SELECT geo_id FROM property WHERE hood_cd = 'x' || load_extension('evil')", 'sqlite')).allowed).toBe(false);
  });
});
