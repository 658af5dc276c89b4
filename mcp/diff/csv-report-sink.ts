import { csvLine } from '../util/csv-format.js';
import { openOutput, type OutputTarget, type TextOutput } from '../util/text-output.js';
import type { DiffChange, DiffHeader, DiffSink } from './diff-types.js';

/**
 * The diff in long form, one line per field: change, prop_id, year, the declared key columns,
 * field, old, new, delta, pct_change. An added or removed row gives one line per column with its
 * value under new or old. Spreadsheet-safe (see util/spreadsheet-safe.ts).
 */
export class CsvReportSink implements DiffSink {
  private file: TextOutput | undefined;
  private extraKeys: string[] = [];
  private keyColumns = new Set<string>();

  constructor(private readonly target: OutputTarget) {}

  async begin(header: DiffHeader): Promise<void> {
    this.file = openOutput(this.target);
    this.extraKeys = header.key_columns.slice(2);
    this.keyColumns = new Set(header.key_columns);
    await this.file.write(csvLine(['change', 'prop_id', 'year', ...this.extraKeys, 'field', 'old', 'new', 'delta', 'pct_change']));
  }

  async change(c: DiffChange): Promise<void> {
    const key = [c.change, c.prop_id, c.year, ...this.extraKeys.map((k) => c.key[k])];
    let text = '';
    if (c.change === 'changed') {
      for (const f of c.fields) text += csvLine([...key, f.field, f.old, f.new, f.delta, f.pct_change]);
    } else {
      for (const [field, value] of Object.entries(c.values)) {
        if (this.keyColumns.has(field)) continue;
        text += csvLine([...key, field, c.change === 'removed' ? value : null, c.change === 'added' ? value : null, null, null]);
      }
    }
    await this.file!.write(text);
  }

  async end(): Promise<void> {
    await this.file!.close();
  }

  async abort(): Promise<void> {
    await this.file?.abort();
  }
}
