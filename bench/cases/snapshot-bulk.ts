// A snapshot of every parcel-year of a demo county through the built server (read, mask, hash,
// store), against the raw extraction of the same rows: the sqlite3 shell joining them and
// writing CSV. Long snapshots run as jobs: the longest single MCP call is reported too.
import fs from 'node:fs';
import path from 'node:path';
import { makeBenchHome } from '../lib/bench-home.js';
import { startBenchServer, type BenchServer } from '../lib/mcp-stdio.js';
import { runMeasured } from '../lib/rss.js';
import { sizeOf } from '../lib/sizes.js';
import { round, summarize } from '../lib/stats.js';
import type { BenchOptions, BenchResult } from '../lib/types.js';

const SQLITE3 = '/usr/bin/sqlite3';

export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const parcels = sizeOf(options, 'parcels', { full: 10_000, quick: 100 });
  // About a million parcel-years (six years each); quick mode skips it.
  const bigParcels = sizeOf(options, 'big-parcels', { full: 170_000, quick: 0 });
  const runs = sizeOf(options, 'runs', { full: 3, quick: 1 });
  return [...(await demoCounty(parcels, runs, false)), ...(bigParcels > 0 ? await demoCounty(bigParcels, 1, true) : [])];
}

async function demoCounty(parcels: number, runs: number, big: boolean): Promise<BenchResult[]> {
  const home = await makeBenchHome({ demoSize: parcels, prefix: 'pacs-bench-snap-' });
  try {
    const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
    const csv = path.join(home.dir, 'raw.csv');
    const raw: number[] = [];
    let rawRows = 0;
    for (let i = 0; i < runs; i++) {
      const r = await runMeasured(SQLITE3, ['-readonly', '-csv', demoFile], { input: `.output ${csv}\n${RAW_TIMELINE_SQL}\n` });
      raw.push(r.elapsed_ms);
      rawRows = fs.readFileSync(csv, 'utf8').split('\n').filter(Boolean).length;
      fs.rmSync(csv, { force: true });
    }
    const server = await startBenchServer(home.env);
    try {
      const times: number[] = [];
      let longestCall = 0;
      let rows = 0;
      let viaJob = false;
      for (let i = 0; i < runs; i++) {
        const taken = await takeSnapshot(server, `bench ${i}`);
        times.push(taken.ms);
        longestCall = Math.max(longestCall, taken.longestCallMs);
        rows = taken.rows;
        viaJob ||= taken.viaJob;
      }
      if (rows !== rawRows) throw new Error(`the snapshot has ${rows} rows, the sqlite3 join ${rawRows}: they should be the same parcel-years`);
      const s = summarize(times);
      const label = `every parcel-year of a ${parcels.toLocaleString('en-US')}-parcel demo (${rows.toLocaleString('en-US')} rows)`;
      const peak = server.peakRssMb();
      const rawMedian = summarize(raw).median;
      return [
        {
          name: `export_parcel_snapshot of ${label}`,
          unit: 'ms',
          median: s.median,
          p99: s.p99,
          peak_rss_mb: peak,
          baseline: { name: 'sqlite3 shell: the same rows joined (values, official layer, situs, primary owner, address, phone, exemptions) written as CSV', median: rawMedian },
          target: big ? '< 30000 ms' : 'within 6× the raw extraction (ratio <= 6)',
          note:
            `${runs} run(s) over stdio through the built server: read the source, mask (qa policy), hash in key order, seal into the app store; ` +
            `${viaJob ? 'it ran as a job polled with get_job' : 'it returned inline'}. ${round(rows / (s.median / 1000), 0).toLocaleString('en-US')} rows/s; the sqlite3 shell wrote ${round(rows / (rawMedian / 1000), 0).toLocaleString('en-US')} rows/s.`,
        },
        {
          name: `longest single MCP call while taking the snapshot of ${label}`,
          unit: 'ms',
          value: round(longestCall, 1),
          target: '< 60000 ms',
          note: "Claude Desktop gives up on a call after 60 s: a long snapshot must answer with a job and progress instead of blocking.",
        },
      ];
    } finally {
      await server.close();
    }
  } finally {
    home.cleanup();
  }
}

/** The snapshot tool, following its job when it answers with one. */
async function takeSnapshot(server: BenchServer, name: string): Promise<{ ms: number; longestCallMs: number; rows: number; viaJob: boolean }> {
  const started = performance.now();
  let longest = 0;
  const call = async (tool: string, args: Record<string, unknown>) => {
    const t = performance.now();
    const out = await server.ok(tool, args);
    longest = Math.max(longest, performance.now() - t);
    return out;
  };
  const first = await call('export_parcel_snapshot', { name, query: 'SELECT prop_id FROM property' });
  if (typeof first.row_count === 'number') return { ms: performance.now() - started, longestCallMs: longest, rows: first.row_count, viaJob: false };
  const jobId = first.job_id as string;
  for (;;) {
    const job = await call('get_job', { job_id: jobId });
    if (job.status === 'failed' || job.status === 'cancelled') throw new Error(`the snapshot job ${job.status}: ${job.error}`);
    if (job.status === 'succeeded') return { ms: performance.now() - started, longestCallMs: longest, rows: Number(job.rows), viaJob: true };
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The timeline's rows as one SQL join: each parcel-year's official value layer, the property,
 * its primary situs, the primary owner (largest share, then lowest id) with account, mailing
 * address and first phone, and the year's exemptions gathered into one text column.
 */
const RAW_TIMELINE_SQL = `
WITH owners AS (
  SELECT o.prop_id, o.owner_tax_yr, o.owner_id, o.pct_ownership, o.birth_dt, COUNT(*) OVER w AS owner_count,
         ROW_NUMBER() OVER (PARTITION BY o.prop_id, o.owner_tax_yr ORDER BY o.pct_ownership DESC, o.owner_id) AS rn
  FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
  WINDOW w AS (PARTITION BY o.prop_id, o.owner_tax_yr)),
addr AS (SELECT acct_id, addr_line1, addr_line2, addr_line3, addr_city, addr_state, zip,
         ROW_NUMBER() OVER (PARTITION BY acct_id ORDER BY primary_addr = 'Y' DESC, addr_type_cd = 'M' DESC, addr_type_cd) AS rn FROM address),
phones AS (SELECT acct_id, phone_num, ROW_NUMBER() OVER (PARTITION BY acct_id ORDER BY phone_id) AS rn FROM phone),
ex AS (SELECT pe.prop_id, pe.owner_tax_yr, group_concat(pe.exmpt_type_cd) AS codes, group_concat(pe.applicant_nm) AS applicants,
         group_concat(pe.prop_exmpt_ss_num) AS ssns, SUM(pe.combined_disp_income) AS income
  FROM property_exemption pe JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pe.owner_tax_yr AND psa.sup_num = pe.sup_num AND psa.prop_id = pe.prop_id
  GROUP BY pe.prop_id, pe.owner_tax_yr),
situs1 AS (SELECT prop_id, situs_num, situs_street, situs_city, ROW_NUMBER() OVER (PARTITION BY prop_id ORDER BY situs_id) AS rn FROM situs WHERE primary_situs = 'Y')
SELECT pv.prop_id, pv.prop_val_yr, pv.sup_num, pv.market, p.prop_type_cd, p.geo_id, pv.hood_cd, pv.legal_desc, pv.legal_acreage,
       s.situs_num, s.situs_street, s.situs_city, o.owner_id, a.file_as_name, a.confidential_flag, o.owner_count,
       ad.addr_line1, ad.addr_city, ad.zip, ph.phone_num, a.email_addr, o.birth_dt, a.dl_num,
       ex.codes, ex.applicants, ex.ssns, ex.income,
       pv.land_hstd_val, pv.land_non_hstd_val, pv.imprv_hstd_val, pv.imprv_non_hstd_val, pv.ag_use_val, pv.ag_market, pv.appraised_val, pv.ten_percent_cap, pv.assessed_val
FROM property_val pv
JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.sup_num = pv.sup_num AND psa.prop_id = pv.prop_id
JOIN property p ON p.prop_id = pv.prop_id
LEFT JOIN situs1 s ON s.prop_id = pv.prop_id AND s.rn = 1
LEFT JOIN owners o ON o.prop_id = pv.prop_id AND o.owner_tax_yr = pv.prop_val_yr AND o.rn = 1
LEFT JOIN account a ON a.acct_id = o.owner_id
LEFT JOIN addr ad ON ad.acct_id = o.owner_id AND ad.rn = 1
LEFT JOIN phones ph ON ph.acct_id = o.owner_id AND ph.rn = 1
LEFT JOIN ex ON ex.prop_id = pv.prop_id AND ex.owner_tax_yr = pv.prop_val_yr
ORDER BY pv.prop_id, pv.prop_val_yr;`;
