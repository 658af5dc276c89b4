import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { diffReportName, REPORT_FORMATS, reportSink } from '../diff/report-sinks.js';
import { diffSnapshots } from '../diff/snapshot-diff.js';
import { getSnapshot } from '../snapshots/snapshot-store.js';
import { reportsDir } from '../store/paths.js';
import { diffFilterArgs, diffFilters } from './diff-filter-args.js';
import { defineTool } from './tool.js';

export const exportDiffReportTool = defineTool({
  name: 'export_diff_report',
  title: 'Write a diff report file',
  toolset: 'snapshots',
  description:
    'Writes the full diff of two snapshots as a report file (json: every change with the snapshots\' records; csv: one line per changed field, safe for spreadsheets; ' +
    'html: one self-contained page) into the reports folder of the PACS MCP data folder, and returns its path. The filters are those of diff_snapshots. ' +
    'The same diff and filters give the same file as `pacs-mcp snapshot diff --out` and the desktop app\'s export; writing it again replaces it.',
  input: z.object({
    base_snapshot_id: z.string().min(1).max(64).describe('The earlier snapshot (from list_snapshots).'),
    target_snapshot_id: z.string().min(1).max(64).describe('The later snapshot.'),
    format: z.enum(REPORT_FORMATS),
    ...diffFilterArgs,
  }),
  output: z.object({
    file: z.string().describe('Where the report was written.'),
    format: z.enum(REPORT_FORMATS),
    bytes: z.number().int(),
    summary: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }),
    reported: z.number().int(),
    filtered_out: z.number().int(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { engine, signal }) {
    const filters = diffFilters(args);
    const [base, target] = [await getSnapshot(engine.store, args.base_snapshot_id), await getSnapshot(engine.store, args.target_snapshot_id)];
    const dir = reportsDir(engine.dataDir);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, diffReportName(base, target, filters, args.format));
    const result = await diffSnapshots(engine.store, base.snapshot_id, target.snapshot_id, filters, [reportSink(args.format, file)], signal);
    const bytes = fs.statSync(file).size;
    const s = result.summary;
    return {
      structured: { file, format: args.format, bytes, summary: s, reported: result.reported, filtered_out: result.filtered_out },
      text:
        `Wrote ${file} (${args.format}, ${bytes.toLocaleString('en-US')} bytes): ${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged; ` +
        `${result.reported} changes in the report${result.filtered_out ? `, ${result.filtered_out} left out by the filters` : ''}.`,
      rowCount: result.reported,
    };
  },
});
