import { openOutput, type OutputTarget, type TextOutput } from '../util/text-output.js';
import type { DiffChange, DiffHeader, DiffResult, DiffSink } from './diff-types.js';

/** The whole diff as one JSON document, written as it goes: header fields, then `changes`, then `summary`. */
export class JsonReportSink implements DiffSink {
  private file: TextOutput | undefined;
  private first = true;

  constructor(private readonly target: OutputTarget) {}

  async begin(header: DiffHeader): Promise<void> {
    this.file = openOutput(this.target);
    const head = {
      format: 'pacs-mcp-snapshot-diff/1',
      base: header.base,
      target: header.target,
      key_columns: header.key_columns,
      columns: header.columns,
      filters: header.filters,
    };
    await this.file.write(`${JSON.stringify(head, null, 1).replace(/\n}$/, '')},\n "changes": [\n`);
  }

  async change(change: DiffChange): Promise<void> {
    await this.file!.write(`${this.first ? '' : ',\n'}  ${JSON.stringify(change)}`);
    this.first = false;
  }

  async end(result: DiffResult): Promise<void> {
    const tail = { summary: result.summary, reported: result.reported, filtered_out: result.filtered_out };
    await this.file!.write(`\n ],\n "result": ${JSON.stringify(tail)}\n}\n`);
    await this.file!.close();
  }

  async abort(): Promise<void> {
    await this.file?.abort();
  }
}
