// How good suggest_query's evidence is: over the PACS evaluation set (bench/eval), asked through
// the built server over stdio on the demo database, the share of each question's tables among
// the first five it ranks, and whether the join steps it proposes use the right keys.
import { PACS_QUESTIONS } from '../eval/pacs-questions.js';
import { scoreSuggestion, summarizeScores, type SuggestionLike } from '../eval/score-suggestions.js';
import { makeBenchHome } from '../lib/bench-home.js';
import { startBenchServer } from '../lib/mcp-stdio.js';
import type { BenchOptions, BenchResult } from '../lib/types.js';

const percent = (x: number) => Math.round(x * 1000) / 10;

export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const home = await makeBenchHome({ demoSize: options.quick ? 50 : 300 });
  try {
    const server = await startBenchServer(home.env);
    try {
      const scores = [];
      for (const question of PACS_QUESTIONS) {
        const suggestion = await server.ok<SuggestionLike>('suggest_query', { question: question.question });
        scores.push(scoreSuggestion(question, suggestion));
      }
      const summary = summarizeScores(scores);
      const missed = summary.scores.filter((s) => s.missed.length).map((s) => `${s.id}: ${s.missed.join(', ')}`);
      const wrong = summary.scores.flatMap((s) => s.wrongSteps.map((w) => `${s.id}: ${w}`));
      return [
        { name: 'suggest_query table recall@5', unit: '%', value: percent(summary.recall), target: '>= 95 %', note: `${summary.questions} questions.${missed.length ? ` Missed: ${missed.join('; ')}.` : ''}` },
        { name: 'suggest_query join-key correctness', unit: '%', value: percent(summary.joinKeyCorrectness), target: '>= 100 %', note: `${summary.stepsChecked} join steps between reference tables checked.${wrong.length ? ` Wrong: ${wrong.join('; ')}.` : ''}` },
        { name: 'suggest_query reference joins proposed directly', unit: '%', value: percent(summary.joinCoverage), note: 'Reference joins the suggested paths make in one step on the reference key (others may be reached through another table).' },
      ];
    } finally {
      await server.close();
    }
  } finally {
    home.cleanup();
  }
}
