import type { DiffChange, DiffSink } from './diff-types.js';

/** Keeps the first `limit` reported changes (what a tool result can carry) and notes when there were more. */
export class CollectSink implements DiffSink {
  readonly changes: DiffChange[] = [];
  truncated = false;

  constructor(private readonly limit: number) {}

  begin(): void {}

  change(change: DiffChange): void {
    if (this.changes.length < this.limit) this.changes.push(change);
    else this.truncated = true;
  }

  end(): void {}
}
