import { DEMO_TABLES, type ColumnType } from '../../demo/demo-schema.js';
import { tokenizeSql, type SqlToken } from '../../guard/sql-lexer.js';

/**
 * Which column each `?` of an engine statement meets, so SQL Server gets the parameter in that
 * column's type: a `varchar` column compared with an NVARCHAR parameter is converted row by row
 * and its index cannot seek. Read from the statement's tokens, for the plain shapes the engine
 * writes:
 *
 *   col = ?   ? <> col   col LIKE ?   col IN (?, ?)   col BETWEEN ? AND ?   SET col = ?
 *   INSERT INTO t (a, b) VALUES (?, ?), (?, ?)
 *
 * where `col` is `name` or `alias.name` and the alias or table comes from a FROM, JOIN, UPDATE
 * or INTO of the same statement. Types come from the tables PACS MCP knows: the PACS catalog and
 * its own staging tables (mcp/demo/demo-schema.ts). Anything else gets null (the driver's default).
 */

export interface ParameterColumn {
  table: string;
  column: string;
  type: ColumnType;
}

const KNOWN = new Map(DEMO_TABLES.map((t) => [t.name.toLowerCase(), { name: t.name, columns: new Map(t.columns.map((c) => [c.name.toLowerCase(), c])) }]));

/** Words that end a table reference: what may follow a table name instead of an alias. */
const NOT_ALIAS = new Set([
  'on', 'where', 'join', 'left', 'right', 'inner', 'outer', 'full', 'cross', 'with', 'set', 'order', 'group', 'having', 'values', 'select', 'union', 'and', 'or', 'output', 'default',
]);
const COMPARISONS = ['=', '<>', '!=', '<', '>', '<=', '>=', 'like', 'not like'];
const CACHE_LIMIT = 2_000;
const cache = new Map<string, (ParameterColumn | null)[]>();

export function parameterColumns(sql: string): (ParameterColumn | null)[] {
  let found = cache.get(sql);
  if (!found) {
    found = resolve(tokenizeSql(sql, 'tsql'));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(sql, found);
  }
  return found;
}

const isName = (t: SqlToken | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'quoted_identifier');
const isSymbol = (t: SqlToken | undefined, text: string) => t?.kind === 'symbol' && t.text === text;
const isWord = (t: SqlToken | undefined, word: string) => t?.kind === 'word' && t.normalized === word;
const isParameter = (t: SqlToken | undefined) => isSymbol(t, '?');

function resolve(tokens: SqlToken[]): (ParameterColumn | null)[] {
  const scope = tableScope(tokens);
  const lookup = (qualifier: string | null, name: string): ParameterColumn | null => {
    const tables = qualifier === null ? scope.all : (scope.aliases.get(qualifier) ?? []);
    for (const table of tables) {
      const known = KNOWN.get(table);
      const column = known?.columns.get(name);
      if (known && column) return { table: known.name, column: column.name, type: column.type };
    }
    return null;
  };
  const inserted = insertedColumns(tokens, lookup);
  const out: (ParameterColumn | null)[] = [];
  tokens.forEach((token, i) => {
    if (!isParameter(token)) return;
    out.push(inserted.get(i) ?? comparedColumn(tokens, i, lookup));
  });
  return out;
}

/** Every table the statement names, and what each alias (or bare table name) stands for. */
function tableScope(tokens: SqlToken[]): { all: string[]; aliases: Map<string, string[]> } {
  const all: string[] = [];
  const aliases = new Map<string, string[]>();
  const note = (alias: string, table: string) => aliases.set(alias, [...(aliases.get(alias) ?? []), table]);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || !['from', 'join', 'update', 'into'].includes(t.normalized)) continue;
    let j = i + 1;
    if (!isName(tokens[j])) continue;
    let table = tokens[j].normalized;
    // dbo.name or [dbo].[name]: the last part is the table.
    while (isSymbol(tokens[j + 1], '.') && isName(tokens[j + 2])) {
      j += 2;
      table = tokens[j].normalized;
    }
    all.push(table);
    note(table, table);
    let k = j + 1;
    if (isWord(tokens[k], 'as')) k += 1;
    if (isName(tokens[k]) && !NOT_ALIAS.has(tokens[k].normalized)) note(tokens[k].normalized, table);
  }
  return { all, aliases };
}

type Lookup = (qualifier: string | null, name: string) => ParameterColumn | null;

/** `INSERT INTO t (a, b, …) VALUES (?, ?, …), …`: each `?` of a tuple is the column at its place. */
function insertedColumns(tokens: SqlToken[], lookup: Lookup): Map<number, ParameterColumn | null> {
  const out = new Map<number, ParameterColumn | null>();
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'insert')) continue;
    let j = i + 1;
    if (isWord(tokens[j], 'into')) j += 1;
    if (!isName(tokens[j])) continue;
    let table = tokens[j].normalized;
    while (isSymbol(tokens[j + 1], '.') && isName(tokens[j + 2])) {
      j += 2;
      table = tokens[j].normalized;
    }
    if (!isSymbol(tokens[j + 1], '(')) continue;
    const columns: string[] = [];
    for (j += 2; j < tokens.length && !isSymbol(tokens[j], ')'); j++) if (isName(tokens[j])) columns.push(tokens[j].normalized);
    if (!isWord(tokens[j + 1], 'values')) continue;
    const types = columns.map((c) => (KNOWN.get(table)?.columns.has(c) ? lookup(table, c) : null));
    // Tuples of plain `?` only; anything else in a tuple leaves its parameters untyped.
    for (j += 2; isSymbol(tokens[j], '('); ) {
      let place = 0;
      for (j += 1; j < tokens.length && !isSymbol(tokens[j], ')'); j++) {
        if (isParameter(tokens[j]) && (isSymbol(tokens[j - 1], '(') || isSymbol(tokens[j - 1], ',')) && (isSymbol(tokens[j + 1], ',') || isSymbol(tokens[j + 1], ')'))) {
          out.set(j, types[place] ?? null);
        }
        if (isSymbol(tokens[j], ',')) place += 1;
      }
      if (!isSymbol(tokens[j + 1], ',')) break;
      j += 2;
    }
  }
  return out;
}

/** The column a `?` is compared with, on either side of a comparison, an IN list or a BETWEEN. */
function comparedColumn(tokens: SqlToken[], at: number, lookup: Lookup): ParameterColumn | null {
  // Left of the parameter: walk back over an IN list's other members, or a BETWEEN's first bound.
  let i = at - 1;
  while (isSymbol(tokens[i], ',') && isParameter(tokens[i - 1])) i -= 2;
  if (isSymbol(tokens[i], '(') && isWord(tokens[i - 1], 'in')) {
    const before = isWord(tokens[i - 2], 'not') ? i - 3 : i - 2;
    return columnEndingAt(tokens, before, lookup);
  }
  if (isWord(tokens[at - 1], 'and') && isParameter(tokens[at - 2]) && isWord(tokens[at - 3], 'between')) return columnEndingAt(tokens, at - 4, lookup);
  if (isWord(tokens[at - 1], 'between')) return columnEndingAt(tokens, at - 2, lookup);
  const left = operatorEndingAt(tokens, at - 1);
  if (left !== null) {
    const column = columnEndingAt(tokens, left - 1, lookup);
    if (column) return column;
  }
  const right = operatorStartingAt(tokens, at + 1);
  return right === null ? null : columnStartingAt(tokens, right, lookup);
}

/** Index of the first token of a comparison operator that ends at `end`, or null. */
function operatorEndingAt(tokens: SqlToken[], end: number): number | null {
  const t = tokens[end];
  if (isWord(t, 'like')) return isWord(tokens[end - 1], 'not') ? end - 1 : end;
  if (t?.kind !== 'symbol') return null;
  const two = `${tokens[end - 1]?.kind === 'symbol' && tokens[end - 1].start + 1 === t.start ? tokens[end - 1].text : ''}${t.text}`;
  if (two.length === 2 && COMPARISONS.includes(two)) return end - 1;
  return COMPARISONS.includes(t.text) ? end : null;
}

/** Index just past a comparison operator starting at `start`, or null. */
function operatorStartingAt(tokens: SqlToken[], start: number): number | null {
  const t = tokens[start];
  if (isWord(t, 'like')) return start + 1;
  if (isWord(t, 'not') && isWord(tokens[start + 1], 'like')) return start + 2;
  if (t?.kind !== 'symbol') return null;
  const next = tokens[start + 1];
  if (next?.kind === 'symbol' && next.start === t.start + 1 && COMPARISONS.includes(t.text + next.text)) return start + 2;
  return COMPARISONS.includes(t.text) ? start + 1 : null;
}

/** `name` or `alias.name` ending at `end`. */
function columnEndingAt(tokens: SqlToken[], end: number, lookup: Lookup): ParameterColumn | null {
  if (!isName(tokens[end])) return null;
  const name = tokens[end].normalized;
  if (isSymbol(tokens[end - 1], '.')) return isName(tokens[end - 2]) ? lookup(tokens[end - 2].normalized, name) : null;
  return lookup(null, name);
}

/** `name` or `alias.name` starting at `start`, when nothing but the comparison follows it. */
function columnStartingAt(tokens: SqlToken[], start: number, lookup: Lookup): ParameterColumn | null {
  if (!isName(tokens[start])) return null;
  if (isSymbol(tokens[start + 1], '.')) {
    if (!isName(tokens[start + 2]) || isSymbol(tokens[start + 3], '(') || isSymbol(tokens[start + 3], '.')) return null;
    return lookup(tokens[start].normalized, tokens[start + 2].normalized);
  }
  if (isSymbol(tokens[start + 1], '(')) return null;
  return lookup(null, tokens[start].normalized);
}
