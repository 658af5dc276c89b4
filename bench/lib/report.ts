import { z } from 'zod';
import type { BenchResult } from './types.js';

export const benchResultSchema = z.strictObject({
  name: z.string().min(1),
  unit: z.enum(['ms', 'rows/s', 'calls/s', 'MB', 'x', 'count', 'chars', 'tokens', '%']),
  median: z.number().finite().optional(),
  p99: z.number().finite().optional(),
  value: z.number().finite().optional(),
  peak_rss_mb: z.number().finite().optional(),
  baseline: z.strictObject({ name: z.string().min(1), median: z.number().finite() }).optional(),
  ratio: z.number().finite().optional(),
  target: z.string().optional(),
  note: z.string().optional(),
}) satisfies z.ZodType<BenchResult>;

export const caseReportSchema = z.object({
  case: z.string(),
  status: z.enum(['ok', 'failed']),
  elapsed_ms: z.number(),
  results: z.array(benchResultSchema),
  error: z.string().optional(),
});

export const benchReportSchema = z.object({
  generated_at: z.string(),
  quick: z.boolean(),
  sizes: z.record(z.string(), z.number()),
  machine: z.object({ node: z.string(), platform: z.string(), arch: z.string(), cpus: z.number(), cpu_model: z.string(), total_mem_mb: z.number(), load_average_before: z.array(z.number()), load_average_after: z.array(z.number()) }),
  cases: z.array(caseReportSchema),
});

export type CaseReport = z.infer<typeof caseReportSchema>;
export type BenchReport = z.infer<typeof benchReportSchema>;

/** Fills `ratio` from the baseline measured in the same run when the case did not set it. */
export function withRatio(result: BenchResult): BenchResult {
  if (result.ratio !== undefined || !result.baseline || result.baseline.median === 0) return result;
  const mine = result.median ?? result.value;
  if (mine === undefined) return result;
  return { ...result, ratio: Math.round((mine / result.baseline.median) * 100) / 100 };
}

/**
 * Whether a simple target ("< 200 ms", "<= 150 MB median", ">= 150000 rows/s") is met by the
 * result's median (else value, else peak RSS when the unit is MB); a target naming the ratio
 * ("within 6× the raw extraction (ratio <= 6)") is checked on the ratio. Free-form targets → undefined.
 */
export function meetsTarget(result: BenchResult): boolean | undefined {
  const onRatio = /\bratio\s*(<=|>=|<|>|≤|≥)\s*([\d.]+)/.exec(result.target ?? '');
  if (onRatio) return result.ratio === undefined ? undefined : compare(result.ratio, onRatio[1], Number(onRatio[2]));
  const m = /^\s*(<=|>=|<|>|≤|≥)\s*([\d.,_]+)\s*(?:(k|K|M)(?![A-Za-z]))?/.exec(result.target ?? '');
  if (!m) return undefined;
  const scale = m[3] === 'M' ? 1e6 : m[3] ? 1e3 : 1;
  const limit = Number(m[2].replace(/[,_]/g, '')) * scale;
  const actual = result.median ?? result.value ?? (result.unit === 'MB' ? result.peak_rss_mb : undefined);
  if (actual === undefined || !Number.isFinite(limit)) return undefined;
  return compare(actual, m[1], limit);
}

function compare(actual: number, operator: string, limit: number): boolean | undefined {
  if (!Number.isFinite(limit)) return undefined;
  switch (operator) {
    case '<':
      return actual < limit;
    case '<=':
    case '≤':
      return actual <= limit;
    case '>':
      return actual > limit;
    default:
      return actual >= limit;
  }
}

const fmt = (v: number | undefined) => (v === undefined ? '' : Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 100) / 100));
const verdict = (r: BenchResult) => ({ true: 'yes', false: 'NO', undefined: '' })[String(meetsTarget(r)) as 'true' | 'false' | 'undefined'];

const COLUMNS = ['case', 'benchmark', 'unit', 'median', 'p99', 'value', 'peak RSS MB', 'baseline', 'ratio', 'target', 'met'] as const;

function rowsOf(report: BenchReport): string[][] {
  const rows: string[][] = [];
  for (const c of report.cases) {
    if (c.status === 'failed') rows.push([c.case, `FAILED: ${c.error ?? ''}`.slice(0, 120), '', '', '', '', '', '', '', '', '']);
    for (const r of c.results) {
      const baseline = r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.median)}` : '';
      rows.push([c.case, r.name, r.unit, fmt(r.median), fmt(r.p99), fmt(r.value), fmt(r.peak_rss_mb), baseline, r.ratio === undefined ? '' : `${r.ratio}x`, r.target ?? '', verdict(r)]);
    }
  }
  return rows;
}

/** The console table. */
export function textReport(report: BenchReport): string {
  const rows = rowsOf(report);
  const widths = COLUMNS.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const cell = (v: string, i: number) => (v.length > widths[i] ? `${v.slice(0, widths[i] - 1)}…` : v.padEnd(widths[i]));
  const line = (r: readonly string[]) => r.map(cell).join(' | ').trimEnd();
  const notes = report.cases.flatMap((c) => c.results.filter((r) => r.note).map((r) => `  ${c.case} / ${r.name}: ${r.note}`));
  return [line(COLUMNS), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line), ...(notes.length ? ['', 'Notes:', ...notes] : [])].join('\n');
}

const mdCell = (v: string) => v.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** bench/results.md. */
export function markdownReport(report: BenchReport): string {
  const m = report.machine;
  const out = [
    '# Benchmark results',
    '',
    `Generated ${report.generated_at}${report.quick ? ' in **quick mode** (tiny data: these numbers only show the harness works)' : ''}.`,
    `Machine: ${m.cpus} × ${m.cpu_model}, ${fmt(m.total_mem_mb)} MB RAM, Node ${m.node} on ${m.platform}/${m.arch}. Load average (1/5/15 min) ${m.load_average_before.join(' / ')} before, ${m.load_average_after.join(' / ')} after${Math.max(...m.load_average_before, ...m.load_average_after) > m.cpus ? ' — **the machine was busy with other work: timings are inflated**' : ''}.`,
    Object.keys(report.sizes).length ? `Sizes: ${Object.entries(report.sizes).map(([k, v]) => `--${k} ${v}`).join(', ')}.` : '',
    '',
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...rowsOf(report).map((r) => `| ${r.map(mdCell).join(' | ')} |`),
    '',
  ];
  const notes = report.cases.flatMap((c) => c.results.filter((r) => r.note).map((r) => `- **${c.case} / ${r.name}**: ${mdCell(r.note!)}`));
  if (notes.length) out.push('## Notes', '', ...notes, '');
  const timings = report.cases.map((c) => `- ${c.case}: ${c.status}, ${fmt(c.elapsed_ms / 1000)} s${c.error ? ` — ${mdCell(c.error)}` : ''}`);
  out.push('## Cases', '', ...timings, '');
  return out.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n');
}
