import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

export interface NotRunEntry {
  suite: string;
  why: string;
}

/**
 * Records that `suite` does not run on this machine and why, for the line that ends `npm test`
 * (tests/setup/not-run-reporter.ts). Outside a run with that registry (a mutation run), it only warns.
 */
export function recordNotRun(entry: NotRunEntry): void {
  console.warn(`[not run] ${entry.suite}: ${entry.why}`);
  const registry = inject('notRunRegistry');
  if (!registry || !fs.existsSync(registry)) return;
  fs.appendFileSync(path.join(registry, `${process.pid}.jsonl`), `${JSON.stringify(entry)}\n`);
}
