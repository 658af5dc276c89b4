import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACS_QUESTIONS } from '../../bench/eval/pacs-questions.js';
import { scoreSuggestion, summarizeScores, type SuggestionLike } from '../../bench/eval/score-suggestions.js';
import { connectStdio, type StdioSession } from '../helpers/mcp-client.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * The PACS evaluation set is sound (every reference query answers its question on the demo, and
 * names exactly the tables and join columns it uses), and suggest_query, asked each question
 * through the built server over stdio, meets its targets: recall@5 of at least 95% and every join
 * step it proposes between two reference tables on the reference's full key.
 */
const home = makeTempHome('pacs-suggest-eval-');
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '150' });
const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
let session: StdioSession;

function demo<T>(sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(demoFile, sqlite3.OPEN_READONLY);
    db.all(sql, [], (err, rows) => db.close(() => (err ? reject(err) : resolve(rows as T[]))));
  });
}

beforeAll(async () => {
  session = await connectStdio(env);
  await session.ok('list_connections');
}, 120_000);
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('the PACS evaluation set', () => {
  it('has at least 30 questions, each with its own id', () => {
    expect(PACS_QUESTIONS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(PACS_QUESTIONS.map((q) => q.id)).size).toBe(PACS_QUESTIONS.length);
  });

  it('answers every question on the demo with rows, reading exactly the tables it lists, joined on columns those tables have', async () => {
    for (const q of PACS_QUESTIONS) {
      const rows = await demo(q.sql);
      expect(rows.length, q.id).toBeGreaterThan(0);
      const read = new Set([...q.sql.matchAll(/\b(?:FROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_]*)/gi)].map((m) => m[1].toLowerCase()));
      expect([...read].filter((t) => t !== 'pacs_system' || q.tables.includes('pacs_system')).sort(), q.id).toEqual([...q.tables].sort());
      for (const join of q.joins) {
        for (const [i, table] of join.tables.entries()) {
          expect(q.tables, `${q.id}: ${table}`).toContain(table);
          const columns = (await demo<{ name: string }>(`PRAGMA table_info(${table})`)).map((c) => c.name.toLowerCase());
          for (const pair of join.on) expect(columns, `${q.id}: ${table}.${pair[i]}`).toContain(pair[i].toLowerCase());
          // The reference SQL really compares those columns.
          for (const pair of join.on) expect(q.sql.toLowerCase(), `${q.id}: ${pair[i]}`).toContain(pair[i].toLowerCase());
        }
      }
    }
  });
});

describe('suggest_query on the evaluation set', () => {
  it('ranks at least 95% of the tables a question needs among its first five, and proposes every join on the right full key', async () => {
    const scores = [];
    for (const q of PACS_QUESTIONS) scores.push(scoreSuggestion(q, await session.ok<SuggestionLike>('suggest_query', { question: q.question })));
    const summary = summarizeScores(scores);
    const report = summary.scores.filter((s) => s.missed.length || s.wrongSteps.length).map((s) => `${s.id}: missed ${s.missed.join(', ') || 'none'}; ${s.wrongSteps.join('; ')}`);
    expect(summary.recall, report.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(summary.stepsChecked).toBeGreaterThan(20);
    expect(summary.joinKeyCorrectness, report.join('\n')).toBe(1);
  }, 300_000);

  it('scores a wrong join as wrong: a protest joined to its value layer by parcel alone', () => {
    const q = PACS_QUESTIONS.find((x) => x.id === 'protest-with-market-value')!;
    const score = scoreSuggestion(q, {
      tables: q.tables.map((table) => ({ table })),
      join_paths: [{ steps: [{ from_table: '_arb_protest', from_columns: ['prop_id'], to_table: 'property_val', to_columns: ['prop_id'] }] }],
    });
    expect(score.recall).toBe(1);
    expect(score.stepsCorrect).toBe(0);
    expect(score.wrongSteps).toEqual(['_arb_protest ⋈ property_val on prop_id=prop_id: the reference does not join them directly']);
    const partial = scoreSuggestion(q, {
      tables: q.tables.map((table) => ({ table })),
      join_paths: [{ steps: [{ from_table: 'prop_supp_assoc', from_columns: ['prop_id'], to_table: 'property_val', to_columns: ['prop_id'] }] }],
    });
    expect(partial.wrongSteps[0]).toMatch(/instead of prop_id=prop_id,prop_val_yr=owner_tax_yr,sup_num=sup_num/);
  });
});
