// Mutation testing of one group of safety modules (scripts/mutation/modules.mjs) at a time:
// `npm run mutation` picks the group through PACS_MUTATION_GROUP and runs this once per group.
import { MUTATION_REPORT_DIR, mutationGroup } from './scripts/mutation/modules.mjs';

const group = mutationGroup(process.env.PACS_MUTATION_GROUP ?? 'redaction');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // vitest.mutation.config.ts runs only this group's test files.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  // Each mutant runs only the tests that executed its code in the first, unmutated run;
  // PACS_MUTATION_COVERAGE=off runs every test of the group for every mutant instead.
  coverageAnalysis: process.env.PACS_MUTATION_COVERAGE ?? 'perTest',
  mutate: group.mutate,
  concurrency: Number(process.env.PACS_MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 60_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `${MUTATION_REPORT_DIR}/${group.name}.json` },
  htmlReporter: { fileName: `${MUTATION_REPORT_DIR}/${group.name}.html` },
  incrementalFile: `${MUTATION_REPORT_DIR}/${group.name}.incremental.json`,
  // The sandbox needs no tsconfig rewrite (vitest compiles the tests), and Stryker's rewriter
  // needs the TypeScript 5 API, which TypeScript 7 no longer has: point it at no file.
  tsconfigFile: 'no-tsconfig-rewrite.json',
  // One sandbox folder per group, so groups can be measured side by side.
  tempDirName: `.stryker-tmp/${group.name}`,
  cleanTempDir: true,
  ignorePatterns: ['dist', 'reports', 'test-artifacts', '.stryker-tmp', 'bench/results.*', '*.log'],
  thresholds: { high: 90, low: 85, break: null },
};
