// Reads Stryker's JSON reports of the groups just measured, keeps the score of each module in
// docs/mutation-scores.json (so a run of one group does not forget the others) and rewrites the
// score table of docs/testing.md from it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MUTATION_REPORT_DIR } from './modules.mjs';

const SCORES_FILE = 'docs/mutation-scores.json';
const DOC = 'docs/testing.md';
const START = '<!-- mutation-scores:start -->';
const END = '<!-- mutation-scores:end -->';
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

export function recordScores(groups) {
  const scores = fs.existsSync(SCORES_FILE) ? JSON.parse(fs.readFileSync(SCORES_FILE, 'utf8')) : {};
  const measuredAt = new Date().toISOString().slice(0, 10);
  const commit = git(['rev-parse', '--short', 'HEAD']);
  for (const group of groups) {
    const report = JSON.parse(fs.readFileSync(path.join(MUTATION_REPORT_DIR, `${group.name}.json`), 'utf8'));
    for (const [file, { mutants }] of Object.entries(report.files)) {
      const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
      const undetected = mutants.filter((m) => UNDETECTED.has(m.status));
      const total = detected + undetected.length;
      const ranges = group.mutate.filter((entry) => entry.startsWith(`${file}:`)).map((entry) => entry.slice(file.length + 1));
      scores[file] = {
        group: group.name,
        ...(ranges.length ? { lines: ranges.join(', ') } : {}),
        score: total ? Math.round((detected / total) * 10_000) / 100 : null,
        killed: detected,
        survived: undetected.length,
        measured_at: measuredAt,
        commit,
        survivors: undetected.map((m) => `${m.location.start.line}:${m.location.start.column} ${m.mutatorName}: ${oneLine(m.replacement ?? '')}`),
      };
    }
  }
  fs.writeFileSync(SCORES_FILE, `${JSON.stringify(sortKeys(scores), null, 2)}\n`);
  writeTable(scores);
  for (const group of groups) console.log(`[mutation] ${group.name}: scores written to ${DOC}`);
}

function writeTable(scores) {
  const rows = Object.entries(scores)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, s]) => `| \`${file}\`${s.lines ? ` (lines ${s.lines})` : ''} | ${s.group} | ${s.score === null ? 'no mutants' : `${s.score.toFixed(2)}%`} | ${s.killed} | ${s.survived} | ${s.measured_at} (${s.commit}) |`);
  const table = [
    START,
    '| module | group | mutation score | detected | undetected | measured |',
    '|---|---|---|---|---|---|',
    ...rows,
    END,
  ].join('\n');
  const doc = fs.readFileSync(DOC, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`${DOC} has no ${START} … ${END} section to write the scores into.`);
  fs.writeFileSync(DOC, doc.slice(0, start) + table + doc.slice(end + END.length));
}

function oneLine(text) {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}

function sortKeys(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

function git(args) {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
