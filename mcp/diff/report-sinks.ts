import { createHash } from 'node:crypto';
import path from 'node:path';
import { UserError } from '../util/user-error.js';
import type { SnapshotMeta } from '../snapshots/snapshot-types.js';
import { canonicalJson } from '../util/canonical-json.js';
import { fileNamePart } from '../util/file-name-part.js';
import type { OutputTarget } from '../util/text-output.js';
import { CsvReportSink } from './csv-report-sink.js';
import { normalizeFilters } from './diff-filter.js';
import type { DiffFilters, DiffSink } from './diff-types.js';
import { HtmlReportSink } from './html-report-sink.js';
import { JsonReportSink } from './json-report-sink.js';

export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MIME: Record<ReportFormat, string> = { json: 'application/json', csv: 'text/csv', html: 'text/html' };

export function reportFormatOf(file: string): ReportFormat {
  const ext = path.extname(file).toLowerCase().replace('.', '');
  const format = ext === 'htm' ? 'html' : ext;
  if (!REPORT_FORMATS.includes(format as ReportFormat)) throw new UserError('invalid', `Cannot tell the report format of "${file}": name it .json, .csv or .html.`);
  return format as ReportFormat;
}

/**
 * The one way a diff becomes a report, whoever asked (the CLI's --out, export_diff_report, the
 * desktop app's export): the same diff and filters give the same bytes.
 */
export function reportSink(format: ReportFormat, target: OutputTarget): DiffSink {
  switch (format) {
    case 'json':
      return new JsonReportSink(target);
    case 'csv':
      return new CsvReportSink(target);
    case 'html':
      return new HtmlReportSink(target);
  }
}

/** A report sink for an output file, chosen by its extension (.json, .csv, .html). */
export function reportSinkFor(file: string): DiffSink {
  return reportSink(reportFormatOf(file), file);
}

/** `pacs-diff-BASE-vs-TARGET[-filters].csv`: the snapshots' names, and a short hash of the filters when there are any. */
export function diffReportName(base: SnapshotMeta, target: SnapshotMeta, filters: DiffFilters, format: ReportFormat): string {
  const chosen = normalizeFilters(filters);
  const suffix = Object.keys(chosen).length ? `-${createHash('sha256').update(canonicalJson(chosen)).digest('hex').slice(0, 8)}` : '';
  return `pacs-diff-${fileNamePart(base.name)}-vs-${fileNamePart(target.name)}${suffix}.${format}`;
}
