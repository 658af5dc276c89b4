import { defineConfig } from 'vitest/config';

// On CI the files and the tests inside them run in random order, so a test that leans on
// another's leftovers fails there; the seed is printed at the start to repeat an order.
const ci = process.env.CI === 'true';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['tests/setup/global-setup.ts'],
    reporters: ['default', './tests/setup/not-run-reporter.ts'],
    sequence: { shuffle: ci },
  },
});
