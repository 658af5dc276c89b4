// `npm run mutation`: mutation testing (StrykerJS) of the safety modules, one group at a time
// (scripts/mutation/modules.mjs), then the score per module into docs/testing.md.
//   npm run mutation                      every group
//   npm run mutation -- guard redaction   only these groups
//   npm run mutation -- --incremental     reuse earlier results for code and tests that did not change
//   npm run mutation:changed [-- BASE]    only groups whose modules or tests differ from BASE
//                                         (default: where this branch left main), incrementally
//   npm run mutation -- --list            which groups would run, with their modules and tests
import { spawnSync } from 'node:child_process';
import { MUTATION_GROUPS, mutatedFile, mutationGroup } from './mutation/modules.mjs';
import { recordScores } from './mutation/scores.mjs';

const args = process.argv.slice(2);
const incremental = args.includes('--incremental');
const changedIndex = args.findIndex((a) => a === '--changed');
const named = args.filter((a, i) => !a.startsWith('--') && (changedIndex < 0 || i !== changedIndex + 1));

let groups = named.length ? named.map(mutationGroup) : MUTATION_GROUPS;
if (changedIndex >= 0) {
  const base = args[changedIndex + 1] && !args[changedIndex + 1].startsWith('--') ? args[changedIndex + 1] : mergeBase();
  const changed = changedFiles(base);
  groups = groups.filter((g) => [...g.mutate.map(mutatedFile), ...g.tests].some((f) => changed.has(f)));
  console.log(`[mutation] files changed since ${base}: ${changed.size}; groups to run: ${groups.map((g) => g.name).join(', ') || 'none'}`);
}

if (args.includes('--list')) {
  for (const g of groups) console.log(`${g.name}: ${g.what}\n  mutates ${g.mutate.join(', ')}\n  tests   ${g.tests.join(', ')}`);
  process.exit(0);
}

// Each group's scores are recorded as soon as it is measured, so a long run that is stopped
// keeps what it finished.
for (const group of groups) {
  console.log(`\n[mutation] ${group.name}: ${group.what}`);
  const strykerArgs = ['stryker', 'run', 'stryker.config.mjs', ...(incremental || changedIndex >= 0 ? ['--incremental'] : [])];
  const run = spawnSync('npx', strykerArgs, { stdio: 'inherit', env: { ...process.env, PACS_MUTATION_GROUP: group.name } });
  if (run.status !== 0) {
    console.error(`[mutation] Stryker failed on group ${group.name} (exit ${run.status}).`);
    process.exit(run.status ?? 1);
  }
  recordScores([group]);
}

function mergeBase() {
  const r = spawnSync('git', ['merge-base', 'HEAD', 'main'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'HEAD';
}

function changedFiles(base) {
  const lists = [
    ['diff', '--name-only', base],
    ['ls-files', '--others', '--exclude-standard'],
  ].map((gitArgs) => spawnSync('git', gitArgs, { encoding: 'utf8' }).stdout.split('\n').filter(Boolean));
  return new Set(lists.flat());
}
