// Stage + validate a generated 1,000,000-row mass-exemption CSV against the
// demo PACS database, in the process that does the work (the built CLI), with its peak RSS, and
// the ratio to a bare csv-parse pass over the same file. Targets: < 25 s, peak RSS < 300 MB.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import sqlite3 from 'sqlite3';
import { makeBenchHome } from '../lib/bench-home.js';
import { builtCli } from '../lib/paths.js';
import { sizeOf } from '../lib/sizes.js';
import type { BenchOptions, BenchResult } from '../lib/types.js';

/** Codes an owner of a residential parcel can take without a rule tying it to others. */
const FREE_CODES = ['SO', 'EX', 'CH', 'HT', 'PC', 'AB'];

export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const rows = sizeOf(options, 'rows', { full: 1_000_000, quick: 2_000 });
  const parcels = sizeOf(options, 'parcels', { full: 100_000, quick: 200 });
  // A Texas demo: its many exemption codes give the mix of valid rows this upload models.
  const home = await makeBenchHome({ demoSize: parcels, prefix: 'pacs-bench-import-', jurisdiction: 'TX' });
  try {
    const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
    const file = path.join(home.dir, `exemptions-${rows}.csv`);
    const generated = await writeUploadCsv(demoFile, file, rows);
    // Let the freshly written demo database and CSV reach the disk before anything is timed.
    for (const f of [demoFile, file]) {
      const fd = fs.openSync(f, 'r+');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }

    const bare = await bareCsvParse(file);
    const load = os.loadavg()[0];
    const measured = await runChild([builtCli(), 'import', 'stage', file, '--kind', 'exemptions', '--validate', '--json', '--max-errors', '0'], home.env);
    if (measured.code !== 0 && measured.code !== 3) throw new Error(`pacs-mcp import stage failed (${measured.code}): ${measured.stderr.slice(0, 500)}`);
    const result = JSON.parse(measured.stdout) as { staged_count: number; error_count: number; error_row_count: number };
    if (result.staged_count !== rows) throw new Error(`staged ${result.staged_count} rows, expected ${rows}`);
    const phases = await auditDurations(path.join(home.dir, 'app.sqlite'));
    const mb = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
    const label = rows.toLocaleString('en-US');
    return [
      {
        name: `stage + validate ${label}-row exemptions CSV`,
        unit: 'ms',
        value: Math.round(measured.ms),
        peak_rss_mb: measured.peakRssMb,
        baseline: { name: `bare csv-parse pass over the same ${mb} MB file`, median: Math.round(bare.ms) },
        target: '< 25000 ms',
        note:
          `built CLI \`pacs-mcp import stage --validate\` as a child (process start and store open included); stage ${Math.round(phases.stage)} ms, validate ${Math.round(phases.validate)} ms; ` +
          `its CPU time ${Math.round(measured.cpuMs)} ms (load average ${load.toFixed(1)} when it started: on a busy machine wall time exceeds CPU time); ` +
          `demo database of ${parcels.toLocaleString('en-US')} parcels; ${generated.valid.toLocaleString('en-US')} rows meant valid, ${result.error_row_count.toLocaleString('en-US')} rows with errors (${result.error_count} errors)`,
      },
      { name: `peak RSS, stage + validate ${label} rows`, unit: 'MB', value: measured.peakRssMb, target: '< 300 MB', note: 'VmHWM of the CLI process' },
      { name: `throughput, stage + validate ${label} rows`, unit: 'rows/s', value: Math.round(rows / (measured.ms / 1000)) },
      { name: `bare csv-parse pass, ${label} rows`, unit: 'ms', value: Math.round(bare.ms), note: `csv-parse streaming over the file, records counted (${bare.records.toLocaleString('en-US')})` },
    ];
  } finally {
    home.cleanup();
  }
}

/** The CSV a county would upload: existing owners of the open year, a few codes each, ~1% mistakes. */
async function writeUploadCsv(demoFile: string, file: string, rows: number): Promise<{ valid: number }> {
  const owners = await sqliteAll<{ prop_id: number; owner_id: number; geo_id: string; prop_type_cd: string; codes: string | null }>(
    demoFile,
    `SELECT o.prop_id, o.owner_id, p.geo_id, p.prop_type_cd,
            (SELECT group_concat(pe.exmpt_type_cd) FROM property_exemption pe WHERE pe.exmpt_tax_yr = 2026 AND pe.owner_tax_yr = 2026 AND pe.sup_num = psa.sup_num AND pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id) AS codes
       FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
       JOIN property p ON p.prop_id = o.prop_id
      WHERE o.owner_tax_yr = 2026 ORDER BY o.prop_id, o.owner_id`,
  );
  const out = fs.createWriteStream(file);
  let failed: Error | undefined;
  out.on('error', (err) => (failed ??= err));
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  await write('prop_id,geo_id,owner_id,exmpt_tax_yr,exmpt_type_cd,exmpt_subtype_cd,effective_dt,termination_dt,qualify_yr,applicant_nm,exemption_pct,exempt_qualify_cd,combined_disp_income,action\n');
  let written = 0;
  let valid = 0;
  let buffer = '';
  // Each owner gets the codes it can still take, one per pass; after that rows repeat (duplicates).
  const candidates = owners.map((o) => {
    const held = new Set((o.codes ?? '').split(','));
    const homestead = (o.prop_type_cd === 'R' || o.prop_type_cd === 'MH') && !held.has('HS') ? ['HS'] : [];
    return [...homestead, ...FREE_CODES.filter((c) => !held.has(c))];
  });
  const mostCodes = candidates.reduce((max, c) => Math.max(max, c.length), 0);
  outer: for (let pass = 0; ; pass++) {
    const wrapping = pass >= mostCodes;
    for (let i = 0; i < owners.length; i++) {
      const o = owners[i];
      const codes = candidates[i];
      if (!wrapping && pass >= codes.length) continue;
      const code = codes[pass % Math.max(1, codes.length)] ?? 'SO';
      const n = written;
      let row: string;
      const mistake = n % 100 === 99;
      if (mistake) row = `${o.prop_id},,${o.owner_id + 7},2026,${n % 200 === 199 ? 'ZZ' : code},,2026-01-01,,2026,APPLICANT ${n},,,,ADD`;
      else if (n % 10 === 3) row = `,${o.geo_id},${o.owner_id},2026,${code},,2026-01-01,,2026,"APPLICANT, ${n}",${code === 'AB' ? 40 : ''},,,ADD`;
      else row = `${o.prop_id},,${o.owner_id},2026,${code},,2026-01-01,,2026,APPLICANT ${n},${code === 'AB' ? 40 : ''},,,ADD`;
      if (!mistake && !wrapping) valid++;
      buffer += `${row}\n`;
      if (buffer.length > 1 << 20) {
        await write(buffer);
        buffer = '';
      }
      if (++written === rows) break outer;
    }
  }
  await write(buffer);
  await new Promise<void>((r) => out.end(() => r()));
  if (failed) throw failed;
  return { valid };
}

async function bareCsvParse(file: string): Promise<{ ms: number; records: number }> {
  const started = performance.now();
  let records = 0;
  const parser = fs.createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(parse({ relax_column_count: true, relax_quotes: true }));
  for await (const _record of parser) records++;
  return { ms: performance.now() - started, records };
}

/** Runs node with `args`, timing it and polling its VmHWM (peak resident set) until it exits. */
function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; ms: number; cpuMs: number; peakRssMb: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    let cpuTicks = 0;
    const poll = () => {
      try {
        const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
        // utime + stime (fields 14 and 15), in clock ticks of 10 ms.
        const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        cpuTicks = Math.max(cpuTicks, Number(stat[11]) + Number(stat[12]));
      } catch {
        // The process has exited (or this is not Linux).
      }
    };
    const timer = setInterval(poll, 25);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', () => poll());
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code: code ?? -1, ms: performance.now() - started, cpuMs: cpuTicks * 10, peakRssMb: Math.round(peakKb / 1024), stdout, stderr });
    });
  });
}

async function auditDurations(appStore: string): Promise<{ stage: number; validate: number }> {
  const rows = await sqliteAll<{ action: string; duration_ms: number }>(appStore, "SELECT action, duration_ms FROM audit_log WHERE action IN ('import.stage', 'import.validate') ORDER BY seq DESC LIMIT 2");
  return { stage: rows.find((r) => r.action === 'import.stage')?.duration_ms ?? 0, validate: rows.find((r) => r.action === 'import.validate')?.duration_ms ?? 0 };
}

function sqliteAll<T>(file: string, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.all(sql, (e, rows) => {
        db.close();
        if (e) reject(e);
        else resolve(rows as T[]);
      });
    });
  });
}
