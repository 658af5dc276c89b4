import { printable } from './terminal-text.js';

/** A compact plain-text table for the text block of tool results and the CLI (control characters removed). */
export function textTable(items: readonly object[], columns?: string[], maxRows = 50): string {
  const rows = items as Record<string, unknown>[];
  if (rows.length === 0) return '(no rows)';
  const cols = columns?.length ? columns : Object.keys(rows[0]);
  const shown = rows.slice(0, maxRows);
  const cell = (v: unknown) => {
    const s = printable(v);
    return s.length > 40 ? `${s.slice(0, 37)}...` : s;
  };
  const widths = cols.map((c) => Math.max(c.length, ...shown.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join(' | ').trimEnd();
  const out = [line(cols), widths.map((w) => '-'.repeat(w)).join('-+-'), ...shown.map((r) => line(cols.map((c) => cell(r[c]))))];
  if (rows.length > shown.length) out.push(`… ${rows.length - shown.length} more rows in structuredContent`);
  return out.join('\n');
}
