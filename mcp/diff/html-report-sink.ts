import { escapeHtml } from '../util/html-escape.js';
import { openOutput, type OutputTarget, type TextOutput } from '../util/text-output.js';
import { reportDocumentStart } from '../util/html-report.js';
import type { SnapshotMeta } from '../snapshots/snapshot-types.js';
import type { DiffChange, DiffFilters, DiffHeader, DiffResult, DiffSink } from './diff-types.js';

export const HTML_MAX_CHANGES = 10_000;

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1b1f24;background:#fff}
h1{font-size:20px;margin:0 0 12px}h2{font-size:16px;margin:20px 0 8px}
main{display:flex;flex-direction:column}#summary{order:-1}
table{border-collapse:collapse;margin:4px 0 12px}th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:22px}.added{background:#e6ffec}.removed{background:#ffebe9}.changed{background:#fff8c5}
.note{color:#57606a}code{font-size:12px}details summary{cursor:pointer;color:#0969da}dl{margin:4px 0}dt{font-weight:600}dd{margin:0 0 2px 12px}
`;

function metaRows(label: string, m: SnapshotMeta): string {
  return `<tr><th>${label}</th><td>${escapeHtml(m.name)}</td><td><code>${escapeHtml(m.snapshot_id)}</code></td><td>${escapeHtml(m.created_at)}</td>
    <td>${escapeHtml(m.created_by)}</td><td class="num">${escapeHtml(m.row_count)}</td><td>${escapeHtml(m.masking_policy)}</td><td>${escapeHtml(m.source_connection_id)}</td>
    <td><code>${escapeHtml(m.sha256)}</code></td></tr>`;
}

/** A number for the page; anything else (a package edited in transit can hold any JSON) is escaped text. */
function formatNumber(n: unknown): string {
  return typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: 4 }) : escapeHtml(n);
}

/** The filters in words, for the report's reader. */
function describeFilters(f: DiffFilters): string {
  const sentences: string[] = [];
  if (f.kinds) sentences.push(`Only ${f.kinds.join(' and ')} rows are listed.`);
  if (f.key_contains) sentences.push(`Only rows whose key contains "${f.key_contains}" are listed.`);
  const moved = [
    f.min_abs_change !== undefined ? `at least ${formatNumber(f.min_abs_change)} (value units)` : '',
    f.min_pct_change !== undefined ? `at least ${f.min_pct_change}%` : '',
  ].filter(Boolean);
  const fields = f.fields?.length ? f.fields.join(', ') : '';
  if (moved.length) sentences.push(`Changed rows are listed only when a numeric field${fields ? ` (${fields})` : ''} moved ${moved.join(' and ')}.`);
  else if (fields) sentences.push(`Changed rows are listed only when ${fields} changed.`);
  return sentences.length ? sentences.join(' ') : 'No filter: every change is listed.';
}

const CHANGE_CLASSES = new Set(['added', 'removed', 'changed']);

/**
 * A self-contained HTML report (inline CSS, no scripts, no external resources; its CSP forbids
 * both, and every field is escaped, numbers included: diff rows can come from a QA package). Streamed: the summary is written last and shown first through CSS `order`. At most
 * HTML_MAX_CHANGES changes are listed; the page says so when it stops and points to CSV/JSON.
 */
export class HtmlReportSink implements DiffSink {
  private file: TextOutput | undefined;
  private shown = 0;
  private extraKeys: string[] = [];
  private readonly appendix: string[] = [];

  constructor(private readonly target: OutputTarget, private readonly maxChanges = HTML_MAX_CHANGES, private readonly title = 'Snapshot diff') {}

  /** More report sections (validation results, sign-off status), written after the changes. */
  addSection(heading: string, html: string): void {
    this.appendix.push(`<section><h2>${escapeHtml(heading)}</h2>${html}</section>`);
  }

  async begin(header: DiffHeader): Promise<void> {
    this.file = openOutput(this.target);
    this.extraKeys = header.key_columns.slice(2);
    await this.file.write(`${reportDocumentStart(`${this.title}: ${String(header.base.name)} → ${String(header.target.name)}`, STYLE)}<main>
<h1>${escapeHtml(this.title)}: ${escapeHtml(header.base.name)} → ${escapeHtml(header.target.name)}</h1>
<section><h2>Snapshots</h2><table><tr><th></th><th>name</th><th>id</th><th>taken</th><th>by</th><th>rows</th><th>masking</th><th>source</th><th>sha256</th></tr>
${metaRows('base', header.base)}${metaRows('target', header.target)}</table>
<p class="note">Key: ${header.key_columns.map((k) => escapeHtml(k)).join(', ')}. ${escapeHtml(describeFilters(header.filters))}</p></section>
<section><h2>Changes</h2><table><tr><th>change</th><th>prop_id</th><th>year</th>${this.extraKeys.map((k) => `<th>${escapeHtml(k)}</th>`).join('')}<th>field</th><th>old</th><th>new</th><th>delta</th><th>%</th></tr>\n`);
  }

  async change(c: DiffChange): Promise<void> {
    if (this.shown >= this.maxChanges) return;
    this.shown++;
    const key = `<td>${escapeHtml(c.prop_id)}</td><td>${escapeHtml(c.year)}</td>${this.extraKeys.map((k) => `<td>${escapeHtml(c.key[k])}</td>`).join('')}`;
    let html = '';
    if (c.change === 'changed') {
      for (const f of c.fields) {
        html += `<tr class="changed"><td>changed</td>${key}<td>${escapeHtml(f.field)}</td><td>${escapeHtml(f.old)}</td><td>${escapeHtml(f.new)}</td>
          <td class="num">${formatNumber(f.delta)}</td><td class="num">${f.pct_change === null ? '' : `${escapeHtml(f.pct_change)}%`}</td></tr>\n`;
      }
    } else {
      const fields = Object.entries(c.values)
        .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
        .join('');
      const value = c.values.value ?? c.values.market ?? null;
      const cell = `${value === null ? '' : escapeHtml(value)}<details><summary>all fields</summary><dl>${fields}</dl></details>`;
      const kind = CHANGE_CLASSES.has(c.change) ? c.change : '';
      html = `<tr class="${kind}"><td>${escapeHtml(c.change)}</td>${key}<td>(row)</td><td>${c.change === 'removed' ? cell : ''}</td><td>${c.change === 'added' ? cell : ''}</td><td></td><td></td></tr>\n`;
    }
    await this.file!.write(html);
  }

  async end(result: DiffResult): Promise<void> {
    const s = result.summary;
    const n = (v: unknown) => escapeHtml(v);
    const cut = result.reported > this.shown ? `<p class="note">The first ${this.shown} of ${n(result.reported)} reported changes are listed; the CSV and JSON reports have them all.</p>` : '';
    await this.file!.write(`</table>${cut}</section>
<section id="summary"><h2>Summary</h2><div class="cards">
<div class="card added"><b>${n(s.added)}</b>added</div><div class="card removed"><b>${n(s.removed)}</b>removed</div>
<div class="card changed"><b>${n(s.changed)}</b>changed</div><div class="card"><b>${n(s.unchanged)}</b>unchanged</div></div>
<p class="note">${n(result.reported)} changes reported${result.filtered_out ? `, ${n(result.filtered_out)} left out by the filters` : ''}.</p></section>
${this.appendix.join('\n')}
</main></body></html>\n`);
    await this.file!.close();
  }

  async abort(): Promise<void> {
    await this.file?.abort();
  }
}
