import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchReportSchema, meetsTarget, withRatio } from '../../bench/lib/report.js';
import { sizeOf, sizesFor } from '../../bench/lib/sizes.js';
import { percentile, summarize } from '../../bench/lib/stats.js';
import { ROOT } from '../helpers/paths.js';
import { makeTempHome } from '../helpers/temp-home.js';

const out = makeTempHome('pacs-bench-out-');
afterAll(out.cleanup);

function runBench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/bench/run.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('npm run bench --quick (the harness, not the numbers)', () => {
  it('runs every case in bench/cases on tiny data and writes a valid results.json and results.md', { timeout: 300_000 }, async () => {
    const result = await runBench(['--quick', '--out', out.dir]);
    expect(result.code, result.stderr).toBe(0);
    const report = benchReportSchema.parse(JSON.parse(fs.readFileSync(path.join(out.dir, 'results.json'), 'utf8')));
    expect(report.quick).toBe(true);
    const caseFiles = fs.readdirSync(path.join(ROOT, 'bench/cases')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3));
    expect(report.cases.map((c) => c.case).sort()).toEqual(caseFiles.sort());
    for (const c of report.cases) {
      expect(c.status, `${c.case}: ${c.error}`).toBe('ok');
      expect(c.results.length, c.case).toBeGreaterThan(0);
      for (const r of c.results) expect(r.median ?? r.value ?? r.peak_rss_mb, `${c.case} / ${r.name} reports a number`).toBeTypeOf('number');
    }
    const md = fs.readFileSync(path.join(out.dir, 'results.md'), 'utf8');
    for (const c of report.cases) for (const r of c.results) expect(md).toContain(r.name.replace(/\|/g, '\\|'));
    expect(result.stdout).toMatch(/median.*p99.*peak RSS MB.*ratio/);
  });

  it('rejects an unknown case name and lists the real ones', async () => {
    const result = await runBench(['--only', 'no-such-case', '--out', out.dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No bench case named no-such-case\. Cases: .*mcp-server/);
    const scoped = await runBench(['--no-such-case.rows', '5', '--out', out.dir]);
    expect(scoped.code).toBe(2);
    expect(scoped.stderr).toMatch(/No bench case named no-such-case/);
  });
});

describe('bench report helpers', () => {
  it('nearest-rank percentiles and medians', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 50)).toBe(50);
    expect(summarize([3, 1, 2, 10]).median).toBe(2.5);
  });

  it('sizes: flags for every case, CASE.NAME flags for one, defaults by mode', () => {
    const flags = { rows: 500, calls: 7, 'sync-1m.rows': 9 };
    expect(sizesFor('sync-1m', flags)).toEqual({ rows: 9, calls: 7 });
    expect(sizesFor('diff-1m', flags)).toEqual({ rows: 500, calls: 7 });
    expect(sizeOf({ quick: true, sizes: sizesFor('diff-1m', flags) }, 'rows', { full: 1e6, quick: 10 })).toBe(500);
    expect(sizeOf({ quick: true }, 'rows', { full: 1e6, quick: 10 })).toBe(10);
    expect(sizeOf({ quick: false }, 'rows', { full: 1e6, quick: 10 })).toBe(1e6);
  });

  it('fills ratios from the same-run baseline and reads simple targets', () => {
    expect(withRatio({ name: 'a', unit: 'ms', median: 30, baseline: { name: 'b', median: 20 } }).ratio).toBe(1.5);
    expect(withRatio({ name: 'a', unit: 'ms', median: 30, ratio: 9, baseline: { name: 'b', median: 20 } }).ratio).toBe(9);
    expect(meetsTarget({ name: 'a', unit: 'ms', median: 150, target: '< 200 ms median' })).toBe(true);
    expect(meetsTarget({ name: 'a', unit: 'MB', value: 151, target: '< 150 MB' })).toBe(false);
    expect(meetsTarget({ name: 'a', unit: 'rows/s', value: 160_000, target: '>= 150,000 rows/s' })).toBe(true);
    expect(meetsTarget({ name: 'a', unit: 'rows/s', value: 140_000, target: '≥ 150k rows/s' })).toBe(false);
    expect(meetsTarget({ name: 'a', unit: 'x', value: 1.2, target: 'under 1.3× the raw pg round trip + 1 ms' })).toBeUndefined();
    expect(meetsTarget({ name: 'a', unit: 'ms', median: 900, ratio: 5.5, target: 'within 6× the raw extraction (ratio <= 6)' })).toBe(true);
    expect(meetsTarget({ name: 'a', unit: 'ms', median: 900, ratio: 1.2, target: 'at or below dbhub (ratio <= 1)' })).toBe(false);
    expect(meetsTarget({ name: 'a', unit: 'ms', median: 900, target: 'at or below dbhub (ratio <= 1)' })).toBeUndefined();
  });
});
