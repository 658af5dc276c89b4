import { defineConfig } from 'vitest/config';

// On CI the files and the tests inside them run in an order other than the written one, so a
// test that leans on another's leftovers fails there. The order comes from a fixed seed, so a CI
// run can be repeated exactly; `npm test -- --sequence.seed=<n>` tries another order.
const ci = process.env.CI === 'true';
const CI_ORDER_SEED = 1796318921217;

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['tests/setup/global-setup.ts'],
    reporters: ['default', './tests/setup/not-run-reporter.ts'],
    sequence: { shuffle: ci, seed: ci ? CI_ORDER_SEED : undefined },
  },
});
