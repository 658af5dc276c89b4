import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import type { NotRunEntry } from '../helpers/not-run.js';

/**
 * Ends the run with one line naming every suite that did not run on this machine and why, as
 * the suites' own gates recorded them (tests/helpers/not-run.ts).
 */
export default class NotRunReporter implements Reporter {
  private vitest?: Vitest;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>): void {
    const registry = this.vitest?.getRootProject().getProvidedContext().notRunRegistry;
    const entries = registry ? readEntries(registry) : [];
    console.log(`\n${notRunLine(entries)}`);
  }
}

function readEntries(registry: string): NotRunEntry[] {
  if (!fs.existsSync(registry)) return [];
  return fs
    .readdirSync(registry)
    .flatMap((file) => fs.readFileSync(path.join(registry, file), 'utf8').split('\n'))
    .filter(Boolean)
    .map((line) => JSON.parse(line) as NotRunEntry);
}

/** `not run: sql server live (PACS_TEST_MSSQL unset), electron app (no Electron binary)`; duplicates once. */
export function notRunLine(entries: NotRunEntry[]): string {
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const key = `${entry.suite} (${entry.why})`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  if (seen.size === 0) return 'not run: nothing, every suite ran';
  return `not run: ${[...seen.keys()].sort().join(', ')}`;
}
