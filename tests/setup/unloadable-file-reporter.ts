import type { RunnerTestCase, RunnerTestFile, RunnerTestSuite } from 'vitest';
import type { Reporter, Vitest } from 'vitest/node';

/**
 * For mutation runs: a test file that fails outside its tests (its import throws, a file-level
 * `beforeAll` or `afterAll` fails) becomes one failed test.
 *
 * Stryker's vitest runner judges a mutant by the tests it collects from the run. A file whose
 * import throws holds no test, and the tests of a file whose `beforeAll` failed are only skipped,
 * so a mutant that stops a module from loading or an engine from opening would be scored as
 * survived although `npm test` fails on it. Giving such a file a failed test of its own lets the
 * runner see the failure.
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

export const LOAD_FAILURE_TEST_NAME = 'the test file loads and sets up';

/** Adds the failed test to a file that failed while none of its tests did; other files are left alone. */
export function markUnloadableFile(file: RunnerTestFile): void {
  if (file.result?.state !== 'fail' || testsOf(file).some((test) => test.result?.state === 'fail')) return;
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

function testsOf(suite: RunnerTestFile | RunnerTestSuite): RunnerTestCase[] {
  return suite.tasks.flatMap((task) => (task.type === 'suite' ? testsOf(task) : task.type === 'test' ? [task] : []));
}
