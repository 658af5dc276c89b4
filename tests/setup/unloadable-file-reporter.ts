import type { RunnerTestCase, RunnerTestFile } from 'vitest';
import type { Reporter, Vitest } from 'vitest/node';

/**
 * For mutation runs: a test file that cannot even be imported becomes one failed test.
 *
 * Stryker's vitest runner judges a mutant by the tests it collects from the run, and a file whose
 * import throws holds none, so a mutant that stops a module from loading (an emptied table that
 * the module spreads when it loads, say) would be scored as survived although every test of the
 * file fails with it. Giving such a file a failed test of its own lets the runner see the failure.
 */
export default class UnloadableFileReporter implements Reporter {
  private vitest?: Vitest;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  // The runner reads the same state (`state.getFiles()`) once the run has ended.
  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? []) markUnloadableFile(file);
  }
}

export const LOAD_FAILURE_TEST_NAME = 'the test file loads';

/** Adds the failed test to a file that failed without running any test; other files are left alone. */
export function markUnloadableFile(file: RunnerTestFile): void {
  if (file.result?.state !== 'fail' || file.tasks.length > 0) return;
  const test: RunnerTestCase = {
    type: 'test',
    id: `${file.id}_load`,
    name: LOAD_FAILURE_TEST_NAME,
    fullName: `${file.name} > ${LOAD_FAILURE_TEST_NAME}`,
    fullTestName: LOAD_FAILURE_TEST_NAME,
    mode: 'run',
    file,
    suite: file,
    result: { state: 'fail', errors: file.result.errors ?? [] },
    meta: {},
    timeout: 0,
    annotations: [],
    artifacts: [],
    // vitest builds a test's context itself while running it; this test never runs.
    context: undefined as unknown as RunnerTestCase['context'],
  };
  file.tasks.push(test);
}
