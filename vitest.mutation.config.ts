import { defineConfig } from 'vitest/config';
// @ts-expect-error plain JavaScript module shared with stryker.config.mjs and scripts/mutation.mjs
import { mutationGroup } from './scripts/mutation/modules.mjs';

// Mutation runs (stryker.config.mjs): only the test files of the group being measured, no
// not-run reporter, secrets in memory (no keychain session around Stryker's workers).
// The group's tests are chosen here rather than with Stryker's `testFiles` option, which
// turns off the static activation of mutants in module-level constants (keyword lists, patterns).
const group = mutationGroup(process.env.PACS_MUTATION_GROUP ?? 'redaction');

export default defineConfig({
  test: {
    include: group.tests,
    // A test file that fails to import is a failed test, not an absent one (see the reporter).
    reporters: ['default', './tests/setup/unloadable-file-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { PACS_MCP_SECRETS: 'memory' },
  },
});
