import type { DiffChange, DiffSink } from './diff-types.js';

/**
 * Keeps `limit` reported changes after the first `skip` (a page of what a tool result can carry)
 * and notes when there were more.
 */
export class CollectSink implements DiffSink {
  readonly changes: DiffChange[] = [];
  truncated = false;
  private seen = 0;

  constructor(
    private readonly limit: number,
    private readonly skip = 0,
  ) {}

  begin(): void {}

  change(change: DiffChange): void {
    this.seen += 1;
    if (this.seen <= this.skip) return;
    if (this.changes.length < this.limit) this.changes.push(change);
    else this.truncated = true;
  }

  end(): void {}
}
