import type { SqlToken } from './sql-lexer.js';

/**
 * The parser pass's allowances, remembered by statement shape: the SQL text with each plain
 * literal (a run of decimal digits, a '…' string with no quote, backslash or line break inside)
 * replaced by a marker. A model asks the same question for many parcels; the token pass still
 * reads every text, and only the parser's verdict, which depends on structure and not on such
 * literals, is reused. Any other literal (escaped quotes, E'…', $$…$$, hex) stays in the shape as
 * written, so it only matches itself. Refusals are never cached.
 */
const MARKER = '\u0001';
const MAX_ENTRIES = 512;
/** Longer SQL is classified every time: a rare query, and the cache's memory stays small. */
const MAX_CACHED_LENGTH = 8_000;
const PLAIN_NUMBER = /^[0-9]+$/;
const PLAIN_STRING = /^'[^'\\\r\n\u2028\u2029\u0085]*'$/;

export function statementShape(sql: string, tokens: readonly SqlToken[]): string | undefined {
  if (sql.length > MAX_CACHED_LENGTH || sql.includes(MARKER)) return undefined;
  let shape = '';
  let from = 0;
  for (const token of tokens) {
    const plain = (token.kind === 'number' && PLAIN_NUMBER.test(token.text)) || (token.kind === 'string' && PLAIN_STRING.test(token.text));
    if (!plain) continue;
    shape += `${sql.slice(from, token.start)}${MARKER}${token.kind === 'number' ? 'n' : 's'}`;
    from = token.start + token.text.length;
  }
  return shape + sql.slice(from);
}

/** A small least-recently-used set of shapes the parser pass allowed, per dialect. */
export class AllowedShapes {
  private readonly shapes = new Map<string, true>();

  has(dialect: string, shape: string): boolean {
    const key = `${dialect}${MARKER}${shape}`;
    if (!this.shapes.has(key)) return false;
    this.shapes.delete(key);
    this.shapes.set(key, true);
    return true;
  }

  add(dialect: string, shape: string): void {
    const key = `${dialect}${MARKER}${shape}`;
    this.shapes.delete(key);
    this.shapes.set(key, true);
    if (this.shapes.size > MAX_ENTRIES) this.shapes.delete(this.shapes.keys().next().value!);
  }

  clear(): void {
    this.shapes.clear();
  }
}
