import type { DiffViewState } from './diff-store.js';
import { reportDocumentStart } from '../../mcp/util/html-report.js';
import { escapeHtml, fileNamePart, toCsv } from './export-format.js';

type Format = 'csv' | 'json' | 'html';

/** The filtered diff as a file: CSV (one line per changed field), JSON, or a self-contained HTML report. */
export function exportDiff(view: DiffViewState, format: Format): { file_name: string; mime: string; content: string } {
  const { diff, rows, filters } = view;
  const base = `pacs-diff-${fileNamePart(diff.base.name)}-vs-${fileNamePart(diff.target.name)}`;
  if (format === 'json') {
    const body = { base: diff.base, target: diff.target, summary: diff.summary, filters, key_columns: diff.key_columns, row_count: rows.length, changes: rows };
    return { file_name: `${base}.json`, mime: 'application/json', content: JSON.stringify(body, null, 2) + '\n' };
  }
  if (format === 'csv') {
    const lines: Record<string, unknown>[] = [];
    for (const row of rows) {
      const fields = row.kind === 'changed' ? row.fields.filter((f) => f.changed) : row.fields;
      for (const f of fields) lines.push({ kind: row.kind, key: row.key, field: f.field, old: f.old, new: f.new, delta: f.delta, pct: f.pct === null ? null : Math.round(f.pct * 100) / 100 });
    }
    return { file_name: `${base}.csv`, mime: 'text/csv', content: toCsv(['kind', 'key', 'field', 'old', 'new', 'delta', 'pct'], lines) };
  }
  return { file_name: `${base}.html`, mime: 'text/html', content: htmlReport(view) };
}

const HTML_ROW_CAP = 20_000;
const HTML_STYLE = `body{font:14px system-ui,sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
tr.added td{background:#e6ffed}tr.removed td{background:#ffeef0}tr.changed td:nth-child(5){background:#fff5b1}`;

function htmlReport({ diff, rows }: DiffViewState): string {
  const cell = (v: unknown) => escapeHtml(v === null || v === undefined ? '' : String(v));
  const body = rows
    .slice(0, HTML_ROW_CAP)
    .flatMap((row) =>
      (row.kind === 'changed' ? row.fields.filter((f) => f.changed) : row.fields).map(
        (f) => `<tr class="${cell(row.kind)}"><td>${cell(row.kind)}</td><td>${cell(row.key)}</td><td>${cell(f.field)}</td><td>${cell(f.old)}</td><td>${cell(f.new)}</td><td>${cell(f.delta)}</td></tr>`,
      ),
    )
    .join('\n');
  const s = diff.summary;
  return `${reportDocumentStart(`Diff ${String(diff.base.name)} → ${String(diff.target.name)}`, HTML_STYLE)}
<h1>Snapshot diff</h1>
<p>Base: <b>${cell(diff.base.name)}</b> (${cell(diff.base.snapshot_id)}, sha256 ${cell(diff.base.sha256)})<br>
Target: <b>${cell(diff.target.name)}</b> (${cell(diff.target.snapshot_id)}, sha256 ${cell(diff.target.sha256)})</p>
<p>Added ${cell(s.added)} · removed ${cell(s.removed)} · changed ${cell(s.changed)} · unchanged ${cell(s.unchanged)}. Rows in this report: ${Math.min(rows.length, HTML_ROW_CAP)} of ${rows.length}.</p>
<table><thead><tr><th>kind</th><th>key</th><th>field</th><th>old</th><th>new</th><th>delta</th></tr></thead><tbody>
${body}
</tbody></table></body></html>
`;
}
