import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVitest } from 'vitest/node';
// The runner's own reading of a finished run (not in its package exports, so by path).
import { collectTestsFromSuite, convertTestToTestResult } from '../../node_modules/@stryker-mutator/vitest-runner/dist/src/vitest-helpers.js';
import { TestStatus } from '@stryker-mutator/api/test-runner';
import UnloadableFileReporter, { LOAD_FAILURE_TEST_NAME } from '../setup/unloadable-file-reporter.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs vitest on `files` (name → source) in a temporary folder and reads the results as Stryker's vitest runner does. */
async function runAsStrykerReads(files: Record<string, string>, reporters: object[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-unloadable-'));
  dirs.push(dir);
  for (const [name, source] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), source);
  const vitest = await createVitest('test', { root: dir, config: false, watch: false, reporters: [{}, ...reporters] as never, include: ['*.test.mjs'] });
  try {
    await vitest.start();
    return vitest.state.getFiles().flatMap((file) => collectTestsFromSuite(file)).map((test) => ({ name: test.name, status: convertTestToTestResult(test).status }));
  } finally {
    await vitest.close();
  }
}

const FILES = {
  'broken.mjs': "const table = undefined;\nexport const words = new Set([...table]);\n",
  'broken.test.mjs': "import { it, expect } from 'vitest';\nimport { words } from './broken.mjs';\nit('knows a word', () => expect(words.has('a')).toBe(true));\n",
  'hook.test.mjs':
    "import { beforeAll, describe, expect, it } from 'vitest';\nbeforeAll(() => { throw new Error('the engine did not open'); });\nit('reads', () => expect(1).toBe(1));\ndescribe('a group', () => { it('writes', () => expect(1).toBe(1)); });\n",
  'fine.test.mjs': "import { it, expect } from 'vitest';\nit('adds', () => expect(1 + 1).toBe(2));\n",
};

const failedOrPassed = (tests: { status: TestStatus }[]) => tests.filter((test) => test.status !== TestStatus.Skipped);

describe('a test file that fails outside its tests, in a mutation run', () => {
  it('is one failed test with the reporter, so the mutant behind it counts as detected', async () => {
    const tests = await runAsStrykerReads(FILES, [new UnloadableFileReporter()]);
    expect(failedOrPassed(tests)).toEqual(
      expect.arrayContaining([
        { name: LOAD_FAILURE_TEST_NAME, status: TestStatus.Failed },
        { name: 'adds', status: TestStatus.Success },
      ]),
    );
    // One for the file that does not import, one for the file whose beforeAll throws.
    expect(tests.filter((test) => test.status === TestStatus.Failed)).toHaveLength(2);
  });

  it('shows no failure at all without it: what the runner would score as survived', async () => {
    const tests = await runAsStrykerReads(FILES, []);
    expect(tests.filter((test) => test.status === TestStatus.Failed)).toEqual([]);
    expect(tests.filter((test) => test.status === TestStatus.Skipped).map((test) => test.name).sort()).toEqual(['reads', 'writes']);
  });

  it('leaves a file alone whose own test failed', async () => {
    const tests = await runAsStrykerReads({ 'failing.test.mjs': "import { it, expect } from 'vitest';\nit('adds wrongly', () => expect(1 + 1).toBe(3));\n" }, [new UnloadableFileReporter()]);
    expect(tests).toEqual([{ name: 'adds wrongly', status: TestStatus.Failed }]);
  });
});
