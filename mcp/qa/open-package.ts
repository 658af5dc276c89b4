import type { DiffChange, DiffResult, DiffSummary } from '../diff/diff-types.js';
import { HtmlReportSink } from '../diff/html-report-sink.js';
import type { SnapshotMeta } from '../snapshots/snapshot-types.js';
import { escapeHtml } from '../util/html-escape.js';
import type { Finding, SectionEntry } from './package-format.js';
import { readQaPackage, type OpenedPackage } from './package-reader.js';
import { CHECK_DESCRIPTIONS } from './snapshot-checks.js';

export interface PackageReview extends OpenedPackage {
  diff: { summary: DiffSummary; reported: number; filtered_out: number } | null;
  first_changes: DiffChange[];
  findings: { counts: Record<string, number>; total: number; first: Finding[] };
  /** Sections this build does not interpret (an import batch from a newer origin), verified but not shown. */
  other_sections: SectionEntry[];
  html_report: string | null;
}

/**
 * What a reviewer opens: verifies the package (no server, no connection, no data store), and
 * returns its summary, the first changes and findings; with `htmlReport`, also writes the
 * self-contained HTML report of the diff and its validations.
 */
export async function openQaPackage(file: string, options: { htmlReport?: string; firstChanges?: number } = {}): Promise<PackageReview> {
  const limit = options.firstChanges ?? 50;
  const firstChanges: DiffChange[] = [];
  const findings: Finding[] = [];
  const html = options.htmlReport ? new HtmlReportSink(options.htmlReport, undefined, 'QA review') : undefined;
  const metas = new Map<string, SnapshotMeta>();
  let opened: OpenedPackage;
  try {
    opened = await readQaPackage(file, {
      handlers: {
        onSnapshotBegin: (meta) => void metas.set(meta.snapshot_id, meta),
        onDiffBegin: async (begin) => {
          const base = metas.get(begin.base_snapshot_id);
          const target = metas.get(begin.target_snapshot_id);
          if (html && base && target) await html.begin({ base, target, columns: begin.columns, key_columns: begin.key_columns, filters: begin.filters });
        },
        onDiffChange: async (change) => {
          if (firstChanges.length < limit) firstChanges.push(change);
          await html?.change(change);
        },
        onFinding: (finding) => void findings.push(finding),
      },
    });
  } catch (err) {
    await html?.abort();
    throw err;
  }
  const diffEntry = opened.sections.find((s) => s.type === 'diff');
  const validations = opened.sections.find((s) => s.type === 'validations');
  const diff = diffEntry?.summary
    ? { summary: diffEntry.summary.summary as DiffSummary, reported: Number(diffEntry.summary.reported), filtered_out: Number(diffEntry.summary.filtered_out) }
    : null;
  const counts = (validations?.summary?.counts as Record<string, number> | undefined) ?? {};
  if (html) {
    html.addSection('Validations', findingsHtml(counts, findings));
    const subject = opened.manifest.subject;
    const result: DiffResult = {
      base_snapshot_id: subject.kind === 'snapshot_pair' ? subject.base_snapshot_id : '',
      target_snapshot_id: subject.kind === 'snapshot_pair' ? subject.target_snapshot_id : '',
      summary: diff?.summary ?? { added: 0, removed: 0, changed: 0, unchanged: 0 },
      reported: diff?.reported ?? 0,
      filtered_out: diff?.filtered_out ?? 0,
      elapsed_ms: 0,
    };
    html.addSection(
      'Package',
      `<p>Package <code>${escapeHtml(opened.manifest.package_id)}</code> from install <code>${escapeHtml(opened.manifest.origin_install_id)}</code>, made ${escapeHtml(opened.manifest.created_at)} by ${escapeHtml(opened.manifest.created_by)}. Manifest sha256 <code>${escapeHtml(opened.manifest_sha256)}</code>; every section's hash was checked.</p>`,
    );
    await html.end(result);
  }
  return {
    ...opened,
    diff,
    first_changes: firstChanges,
    findings: { counts, total: Number(validations?.summary?.total ?? findings.length), first: findings.slice(0, limit) },
    other_sections: opened.sections.filter((s) => !['snapshot', 'diff', 'validations'].includes(String(s.type))),
    html_report: options.htmlReport ?? null,
  };
}

function findingsHtml(counts: Record<string, number>, findings: Finding[]): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return '<p>No findings.</p>';
  const summary = `<table><tr><th>check</th><th>count</th><th>meaning</th></tr>${entries
    .map(([check, n]) => `<tr><td>${escapeHtml(check)}</td><td class="num">${n}</td><td>${escapeHtml(CHECK_DESCRIPTIONS[check] ?? '')}</td></tr>`)
    .join('')}</table>`;
  const rows = findings
    .map((f) => `<tr><td>${escapeHtml(f.severity)}</td><td>${escapeHtml(f.check)}</td><td>${f.prop_id}</td><td>${f.year}</td><td>${escapeHtml(f.message)}</td></tr>`)
    .join('\n');
  return `${summary}<table><tr><th>severity</th><th>check</th><th>prop_id</th><th>year</th><th>finding</th></tr>${rows}</table>`;
}
