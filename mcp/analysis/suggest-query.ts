import type { SourceConnector, TableInfo } from '../connectors/connector.js';
import { dialectOf, type SqlDialect } from '../dialects/index.js';
import { classifyReadOnly } from '../guard/read-only-guard.js';
import { inferRoles } from './column-roles.js';
import { describeTables, joinEdges, joinPath, tableKey, type JoinEdge } from './join-finder.js';
import { spelledOut } from './pacs-abbreviations.js';
import { LAYER_RULE } from '../pacs/layers.js';
import { isLayerTable } from './pacs-keys.js';
import { PACS_COLUMNS, PACS_TABLES, glossaryTable, type ColumnRole } from './pacs-glossary.js';

export interface RankedTable {
  table: string;
  score: number;
  why: string[];
  meaning: string | null;
  columns: { name: string; type: string; primary_key: boolean; roles: ColumnRole[]; matched: boolean }[];
}

export interface ExampleQuery {
  title: string;
  sql: string;
  tables: string[];
  /** Passed the read-only guard for this connection's dialect. */
  read_only: boolean;
}

export interface QuerySuggestion {
  question: string;
  dialect: string;
  words: string[];
  tables: RankedTable[];
  join_paths: { from: string; to: string; steps: JoinEdge[] }[];
  example_queries: ExampleQuery[];
  notes: string[];
}

const STOP = new Set(
  'a an the of in on for to by with and or from at is are was were be been what which who whom whose how many much show list give get find me my our all any each every per than that this these those there their it its do does did have has had can could would should will please tell about into over under between during last first most top'.split(' '),
);

/** PACS exemption codes a question may mention. */
const EXEMPTION_CODES = new Set(['hs', 'ov65', 'ov65s', 'dp', 'dv1', 'dv2', 'dv3', 'dv4', 'dvhs', 'ex', 'ex366', 'snr', 'dsbl']);

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function questionWords(question: string): string[] {
  const words = (question.toLowerCase().match(/[a-z0-9_]+/g) ?? []).filter((w) => !STOP.has(w) && w.length > 1);
  return [...new Set(words.flatMap((w) => (stem(w) === w ? [w] : [w, stem(w)])))];
}

/** A name's words: `_arb_protest_hearing` → arb, protest, hearing; `lHearingID` → l, hearing, id. */
function tokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\s.]+/)
    .filter(Boolean)
    .map((t) => stem(spelledOut(t)));
}

/** The question's words in order, stop words kept: "protest by type" is a phrase, "by" alone is not a hint. */
function phraseWords(question: string): string[] {
  return (question.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(stem);
}

/** The longest run of the question's words (two or more) that appears, in order, in a table's name. */
function longestPhrase(phrase: readonly string[], name: readonly string[]): string[] {
  for (let n = Math.min(phrase.length, name.length); n >= 2; n--) {
    for (let i = 0; i + n <= phrase.length; i++) {
      const run = phrase.slice(i, i + n);
      for (let j = 0; j + n <= name.length; j++) if (run.every((w, k) => name[j + k] === w)) return run;
    }
  }
  return [];
}

/**
 * For a question in words: the tables most likely involved (ranked, with their columns and
 * roles), the join paths between them, and example read-only queries in the connection's
 * dialect. Evidence for the host model to write the final query from; nothing is run.
 */
export async function suggestQuery(connector: SourceConnector, question: string, options: { tables?: string[]; maxTables?: number; signal?: AbortSignal }): Promise<QuerySuggestion> {
  const dialect = connector.dialect;
  const words = questionWords(question);
  const notes: string[] = [];
  const all = await connector.listTables();
  const wanted = new Set((options.tables ?? []).map((t) => t.toLowerCase().split('.').pop()!));
  const first = all.filter((t) => wanted.has(t.name.toLowerCase()));
  for (const name of wanted) if (!all.some((t) => t.name.toLowerCase() === name)) notes.push(`table "${name}" is not in this connection`);

  // Score by table names first (cheap), then describe the promising tables and score their columns.
  const nameScore = new Map<TableInfo, { score: number; why: string[] }>();
  const phrase = phraseWords(question);
  for (const t of all) {
    const entry = { score: 0, why: [] as string[] };
    const tt = tokens(t.name);
    const g = glossaryTable(t.name);
    // "property type" names property_type more surely than "property" and "type" apart.
    const run = longestPhrase(phrase, tt);
    if (run.length) {
      const whole = run.length === tt.length;
      entry.score += 4 * run.length + (whole ? 4 : 0);
      entry.why.push(whole ? `named "${run.join(' ')}"` : `name contains "${run.join(' ')}"`);
    }
    for (const w of words) {
      if (t.name.toLowerCase() === w) {
        entry.score += 6;
        entry.why.push(`named "${w}"`);
      } else if (tt.includes(w)) {
        entry.score += 3;
        entry.why.push(`name contains "${w}"`);
      }
      if (g?.words.includes(w)) {
        entry.score += 3;
        entry.why.push(`PACS: "${w}" → ${t.name}`);
      }
      if (EXEMPTION_CODES.has(w) && t.name.toLowerCase() === 'property_exemption') {
        entry.score += 3;
        entry.why.push(`"${w.toUpperCase()}" is an exemption code`);
      }
    }
    if (wanted.has(t.name.toLowerCase())) {
      entry.score += 20;
      entry.why.push('named in tables');
    }
    nameScore.set(t, entry);
  }
  const promising = [...all].sort((a, b) => nameScore.get(b)!.score - nameScore.get(a)!.score).slice(0, 30);
  const catalog = await describeTables(connector, all, [...first, ...promising], options.signal);

  const columnWords = new Map(PACS_COLUMNS.map((c) => [c.name, c.words ?? []]));
  const ranked: RankedTable[] = [];
  for (const t of catalog.tables) {
    const entry = { ...nameScore.get(t)!, why: [...nameScore.get(t)!.why] };
    const columns = catalog.columns.get(`${t.schema}.${t.name}`) ?? [];
    let columnHits = 0;
    const matched = new Set<string>();
    for (const c of columns) {
      const ct = tokens(c.name);
      const gw = columnWords.get(c.name.toLowerCase()) ?? [];
      const hit = words.find((w) => ct.includes(w) || gw.includes(w));
      if (hit) {
        matched.add(c.name);
        if (columnHits < 4) {
          entry.score += 2;
          entry.why.push(`column ${c.name} ~ "${hit}"`);
        }
        columnHits += 1;
      }
    }
    if (entry.score <= 0) continue;
    ranked.push({
      table: tableKey(t, dialect),
      score: entry.score,
      why: entry.why,
      meaning: glossaryTable(t.name)?.meaning ?? null,
      columns: columns.map((c) => ({ name: c.name, type: c.type, primary_key: c.primary_key, roles: inferRoles(dialect, c).roles, matched: matched.has(c.name) })),
    });
  }
  ranked.sort((a, b) => b.score - a.score || a.table.localeCompare(b.table));
  const maxTables = options.maxTables ?? 5;
  const edges = joinEdges(catalog, dialect);
  const describe = (t: TableInfo, why: string): RankedTable => {
    const columns = catalog.columns.get(`${t.schema}.${t.name}`) ?? [];
    return { table: tableKey(t, dialect), score: 0, why: [why], meaning: glossaryTable(t.name)?.meaning ?? null, columns: columns.map((c) => ({ name: c.name, type: c.type, primary_key: c.primary_key, roles: inferRoles(dialect, c).roles, matched: false })) };
  };
  const top = withCurrentLayer(ranked.slice(0, maxTables), catalog.tables, dialect, describe);
  if (top.length === 0) {
    notes.push('no table matched the words of the question; call list_source_tables and name the tables in "tables"');
    const pacs = PACS_TABLES.map((p) => catalog.tables.find((t) => t.name.toLowerCase() === p.name)).filter((t): t is TableInfo => !!t).slice(0, 2);
    for (const t of pacs) {
      const columns = catalog.columns.get(`${t.schema}.${t.name}`) ?? [];
      top.push({ table: tableKey(t, dialect), score: 0, why: ['core PACS table'], meaning: glossaryTable(t.name)?.meaning ?? null, columns: columns.map((c) => ({ name: c.name, type: c.type, primary_key: c.primary_key, roles: inferRoles(dialect, c).roles, matched: false })) });
    }
  }

  // Each table joins the ones before it by its cheapest path to any of them; tables a path passes
  // through (a deed between a sale and its parcel) are needed too.
  const paths: QuerySuggestion['join_paths'] = [];
  const ordered: RankedTable[] = top.slice(0, 1);
  const joined = ordered.map((t) => t.table);
  for (const other of top.slice(1)) {
    if (!joined.includes(other.table)) {
      const candidates = joined.map((from) => ({ from, steps: joinPath(edges, from, other.table) })).filter((c): c is { from: string; steps: JoinEdge[] } => c.steps !== null);
      candidates.sort((a, b) => pathCost(a.steps) - pathCost(b.steps) || a.steps.length - b.steps.length);
      const best = candidates[0];
      if (best) {
        paths.push({ from: best.from, to: other.table, steps: best.steps });
        // A table two or more joins away brings its bridges only when it is close: a long detour is a hint, not a plan.
        for (const step of best.steps.length <= 2 ? best.steps : best.steps.slice(-1)) if (!joined.includes(step.to_table)) joined.push(step.to_table);
      } else {
        notes.push(`no join path found between ${other.table} and ${joined.join(', ')}`);
        joined.push(other.table);
      }
    }
    if (!ordered.some((t) => t.table === other.table)) ordered.push(other);
    for (const key of joined) {
      if (ordered.some((t) => t.table === key) || top.some((t) => t.table === key)) continue;
      const info = catalog.tables.find((t) => tableKey(t, dialect) === key);
      if (info) ordered.push(describe(info, 'on the join path between the tables above'));
    }
  }
  top.splice(0, top.length, ...ordered);

  const manySteps = new Set(paths.flatMap((p) => p.steps.filter((s) => !s.to_one).map((s) => `${s.from_table} → ${s.to_table}`)));
  for (const step of manySteps) notes.push(`${step} is one-to-many: one row on the left meets several on the right, so aggregate before or after joining`);
  if (top.some((t) => isLayerTable(t.table.split('.').pop()!)) && catalog.tables.some((t) => t.name.toLowerCase() === 'prop_supp_assoc')) notes.push(LAYER_RULE);
  const examples = await exampleQueries(connector, top, paths, catalog.tables);
  return { question, dialect, words, tables: top, join_paths: paths, example_queries: examples, notes };
}

/** What a path costs, as join-finder weighs it: to-one steps cheapest, name-only matches dearest. */
function pathCost(steps: readonly JoinEdge[]): number {
  return steps.reduce((sum, s) => sum + (s.to_one ? 1 : 2) + (s.confidence === 'high' ? 0 : s.confidence === 'medium' ? 2 : 4), 0);
}

/**
 * PACS keeps one row set per year and supplement layer in property_val, owner, property_exemption,
 * imprv, land_detail and the other layer tables; the year's current layer is the one
 * prop_supp_assoc names. A question over a layer table needs it, or a parcel counts once per layer.
 */
function withCurrentLayer(top: RankedTable[], tables: TableInfo[], dialect: SqlDialect, describe: (t: TableInfo, why: string) => RankedTable): RankedTable[] {
  const psa = tables.find((t) => t.name.toLowerCase() === 'prop_supp_assoc');
  if (!psa || top.some((t) => t.table === tableKey(psa, dialect))) return top;
  const at = top.findIndex((t) => isLayerTable(t.table.split('.').pop()!));
  if (at < 0) return top;
  const entry = describe(psa, `PACS: ${top[at].table} keeps a row set per supplement layer; prop_supp_assoc names each parcel's current layer of a year`);
  return [...top.slice(0, at + 1), entry, ...top.slice(at + 1)];
}

async function exampleQueries(connector: SourceConnector, top: RankedTable[], paths: QuerySuggestion['join_paths'], tables: TableInfo[]): Promise<ExampleQuery[]> {
  const dialect = connector.dialect;
  const syntax = dialectOf(dialect);
  const q = (n: string) => syntax.quoteIdent(n);
  const infoOf = (key: string) => tables.find((t) => tableKey(t, dialect) === key)!;
  const ref = (key: string) => {
    const t = infoOf(key);
    return syntax.qualifiedTable(t.schema, t.name);
  };
  const pick = (t: RankedTable, n: number) => {
    const chosen = [
      ...t.columns.filter((c) => c.primary_key),
      ...t.columns.filter((c) => c.matched),
      ...t.columns.filter((c) => c.roles.some((r) => r === 'money' || r === 'date' || r === 'year' || r === 'code')),
      ...t.columns,
    ];
    return [...new Map(chosen.map((c) => [c.name, c])).values()].slice(0, n);
  };
  const out: Omit<ExampleQuery, 'read_only'>[] = [];
  if (top.length === 0) return [];

  const main = top[0];
  const mainCols = pick(main, 8);
  const order = main.columns.filter((c) => c.primary_key).map((c) => q(c.name));
  out.push({ title: `Preview ${main.table}`, sql: syntax.selectWithLimit(mainCols.map((c) => q(c.name)).join(', '), ref(main.table), 20, order.length ? `ORDER BY ${order.join(', ')}` : ''), tables: [main.table] });

  const groupable = (c: RankedTable['columns'][number]) => c.roles.includes('code') || c.roles.includes('year');
  const group = main.columns.find((c) => groupable(c) && c.matched) ?? main.columns.find(groupable);
  const measure = main.columns.find((c) => c.roles.includes('money') && c.matched) ?? main.columns.find((c) => c.roles.includes('money'));
  if (group && measure) {
    out.push({
      title: `Total ${measure.name} by ${group.name} in ${main.table}`,
      sql: syntax.selectWithLimit(
        `${q(group.name)}, COUNT(*) AS row_count, SUM(${q(measure.name)}) AS total_${measure.name}`,
        ref(main.table),
        20,
        `GROUP BY ${q(group.name)} ORDER BY ${q(group.name)}`,
      ),
      tables: [main.table],
    });
  }

  for (const path of paths.slice(0, 2)) {
    const chain = [path.from, ...path.steps.map((s) => s.to_table)];
    const alias = (i: number) => `t${i}`;
    let from = `${ref(chain[0])} ${alias(0)}`;
    path.steps.forEach((step, i) => {
      const on = step.from_columns.map((c, k) => `${alias(i)}.${q(c)} = ${alias(i + 1)}.${q(step.to_columns[k])}`).join(' AND ');
      from += ` JOIN ${ref(chain[i + 1])} ${alias(i + 1)} ON ${on}`;
    });
    const first = top.find((t) => t.table === path.from) ?? main;
    const last = top.find((t) => t.table === path.to)!;
    const cols = [...pick(first, 4).map((c) => `${alias(0)}.${q(c.name)}`), ...pick(last, 4).filter((c) => !c.primary_key || c.matched).slice(0, 4).map((c) => `${alias(chain.length - 1)}.${q(c.name)}`)];
    out.push({ title: `${path.from} joined to ${path.to}`, sql: syntax.selectWithLimit([...new Set(cols)].join(', '), from, 20), tables: chain });
  }

  // The first five tables the paths reach, joined in one query: each step adds a table to those before it
  // (LEFT JOIN, so the rows of the first table show even where a later table has none yet).
  if (paths.length > 1) {
    const aliases = new Map<string, string>([[main.table, 't0']]);
    let from = `${ref(main.table)} t0`;
    for (const step of paths.flatMap((p) => p.steps)) {
      if (aliases.has(step.to_table) || !aliases.has(step.from_table) || aliases.size >= 5) continue;
      const alias = `t${aliases.size}`;
      const left = aliases.get(step.from_table)!;
      from += ` LEFT JOIN ${ref(step.to_table)} ${alias} ON ${step.from_columns.map((c, k) => `${left}.${q(c)} = ${alias}.${q(step.to_columns[k])}`).join(' AND ')}`;
      aliases.set(step.to_table, alias);
    }
    const cols = [...aliases].flatMap(([key, alias]) => {
      const ranked = top.find((t) => t.table === key);
      return ranked ? pick(ranked, 3).map((c) => `${alias}.${q(c.name)}`) : [];
    });
    out.push({ title: `${[...aliases.keys()].join(', ')} joined`, sql: syntax.selectWithLimit(cols.join(', '), from, 20), tables: [...aliases.keys()] });
  }

  const pv = tables.find((t) => t.name.toLowerCase() === 'property_val');
  const psa = tables.find((t) => t.name.toLowerCase() === 'prop_supp_assoc');
  if (pv && psa && top.some((t) => t.table === tableKey(pv, dialect))) {
    out.push({
      title: 'Current-layer values per parcel and year (the layer prop_supp_assoc names; it may be a supplement still in coding)',
      sql: syntax.selectWithLimit(
        `pv.${q('prop_id')}, pv.${q('prop_val_yr')}, pv.${q('sup_num')}, pv.${q('market')}, pv.${q('appraised_val')}, pv.${q('assessed_val')}`,
        `${syntax.qualifiedTable(pv.schema, pv.name)} pv JOIN ${syntax.qualifiedTable(psa.schema, psa.name)} psa ON psa.${q('owner_tax_yr')} = pv.${q('prop_val_yr')} AND psa.${q('sup_num')} = pv.${q('sup_num')} AND psa.${q('prop_id')} = pv.${q('prop_id')}`,
        20,
        `ORDER BY pv.${q('prop_id')}, pv.${q('prop_val_yr')}`,
      ),
      tables: [tableKey(pv, dialect), tableKey(psa, dialect)],
    });
  }

  const checked: ExampleQuery[] = [];
  for (const example of out) {
    const verdict = await classifyReadOnly(example.sql, dialect);
    checked.push({ ...example, read_only: verdict.allowed });
  }
  return checked;
}


