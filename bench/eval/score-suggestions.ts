import type { EvalQuestion } from './pacs-questions.js';

/** The part of a suggest_query answer the evaluation reads. */
export interface SuggestionLike {
  tables: { table: string }[];
  join_paths: { steps: { from_table: string; from_columns: string[]; to_table: string; to_columns: string[] }[] }[];
}

export interface QuestionScore {
  id: string;
  /** Share of the reference tables among the first five suggested. */
  recall: number;
  missed: string[];
  /** Suggested join steps between two reference tables: each must be a join of the reference, on its key. */
  stepsChecked: number;
  stepsCorrect: number;
  /** Why each checked step that failed is wrong. */
  wrongSteps: string[];
  /** Reference joins the suggestion makes directly, on the reference key. */
  joinsFound: number;
  joins: number;
}

export interface EvalSummary {
  questions: number;
  /** Mean recall@5 over the questions. */
  recall: number;
  /** Correct steps over checked steps (1 when none was checked). */
  joinKeyCorrectness: number;
  stepsChecked: number;
  /** Reference joins made directly on their key, over all reference joins. */
  joinCoverage: number;
  scores: QuestionScore[];
}

const bare = (table: string) => table.toLowerCase().split('.').pop()!;
const pairKey = (pairs: [string, string][]) => pairs.map(([a, b]) => `${a.toLowerCase()}=${b.toLowerCase()}`).sort().join(',');

/**
 * Scores one suggestion: recall@5 of the reference tables; join-key correctness, where every join
 * step the suggestion proposes between two tables of the reference must be a join the reference
 * makes, on exactly its key (every column of a composite key, nothing else: a protest joined to a
 * value layer by parcel alone is wrong); and coverage, the reference joins it proposes directly.
 * Steps through a table the reference does not read (another correct route) are not judged.
 */
export function scoreSuggestion(question: EvalQuestion, suggestion: SuggestionLike): QuestionScore {
  const top = suggestion.tables.slice(0, 5).map((t) => bare(t.table));
  const wanted = question.tables.map((t) => t.toLowerCase());
  const missed = wanted.filter((t) => !top.includes(t));
  const reference = question.joins.map((j) => ({ a: j.tables[0].toLowerCase(), b: j.tables[1].toLowerCase(), key: pairKey(j.on) }));
  const keyOf = (a: string, b: string, pairs: [string, string][]) => {
    const forward = reference.find((r) => r.a === a && r.b === b);
    if (forward) return { join: forward, key: pairKey(pairs) };
    const backward = reference.find((r) => r.a === b && r.b === a);
    return backward ? { join: backward, key: pairKey(pairs.map(([x, y]): [string, string] => [y, x])) } : null;
  };
  let checked = 0;
  let correct = 0;
  const wrongSteps: string[] = [];
  const found = new Set<(typeof reference)[number]>();
  for (const step of suggestion.join_paths.flatMap((p) => p.steps)) {
    const a = bare(step.from_table);
    const b = bare(step.to_table);
    const pairs = step.from_columns.map((c, i): [string, string] => [c, step.to_columns[i]]);
    const match = keyOf(a, b, pairs);
    if (match && match.key === match.join.key) found.add(match.join);
    if (!wanted.includes(a) || !wanted.includes(b)) continue;
    checked += 1;
    if (match && match.key === match.join.key) correct += 1;
    else wrongSteps.push(match ? `${a} ⋈ ${b} on ${pairKey(pairs)} instead of ${match.join.key}` : `${a} ⋈ ${b} on ${pairKey(pairs)}: the reference does not join them directly`);
  }
  return {
    id: question.id,
    recall: wanted.length ? (wanted.length - missed.length) / wanted.length : 1,
    missed,
    stepsChecked: checked,
    stepsCorrect: correct,
    wrongSteps,
    joinsFound: found.size,
    joins: reference.length,
  };
}

export function summarizeScores(scores: QuestionScore[]): EvalSummary {
  const sum = (f: (s: QuestionScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const checked = sum((s) => s.stepsChecked);
  const joins = sum((s) => s.joins);
  return {
    questions: scores.length,
    recall: sum((s) => s.recall) / Math.max(1, scores.length),
    joinKeyCorrectness: checked ? sum((s) => s.stepsCorrect) / checked : 1,
    stepsChecked: checked,
    joinCoverage: joins ? sum((s) => s.joinsFound) / joins : 1,
    scores,
  };
}
