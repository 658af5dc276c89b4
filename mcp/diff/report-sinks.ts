import path from 'node:path';
import { UserError } from '../util/user-error.js';
import { CsvReportSink } from './csv-report-sink.js';
import type { DiffSink } from './diff-types.js';
import { HtmlReportSink } from './html-report-sink.js';
import { JsonReportSink } from './json-report-sink.js';

export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function reportFormatOf(file: string): ReportFormat {
  const ext = path.extname(file).toLowerCase().replace('.', '');
  const format = ext === 'htm' ? 'html' : ext;
  if (!REPORT_FORMATS.includes(format as ReportFormat)) throw new UserError('invalid', `Cannot tell the report format of "${file}": name it .json, .csv or .html.`);
  return format as ReportFormat;
}

/** A report sink for an output file, chosen by its extension (.json, .csv, .html). */
export function reportSinkFor(file: string): DiffSink {
  switch (reportFormatOf(file)) {
    case 'json':
      return new JsonReportSink(file);
    case 'csv':
      return new CsvReportSink(file);
    case 'html':
      return new HtmlReportSink(file);
  }
}
