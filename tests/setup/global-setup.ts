import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * The not-run registry: a folder where a gated suite that cannot run here records itself
 * (tests/helpers/system.ts), read by tests/setup/not-run-reporter.ts for the run's last line.
 */
export default function setup(project: TestProject): () => void {
  const registry = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-not-run-'));
  project.provide('notRunRegistry', registry);
  return () => fs.rmSync(registry, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    notRunRegistry: string;
  }
}
