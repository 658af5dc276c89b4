// `npm run bench`: runs every case in bench/cases/ against the built server, prints a table and
// writes bench/results.json + bench/results.md. Measured, never asserted. See bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CASES } from './cases/index.js';
import { repoRoot } from './lib/paths.js';
import { sizesFor } from './lib/sizes.js';
import { benchResultSchema, markdownReport, textReport, withRatio, type BenchReport, type CaseReport } from './lib/report.js';

const USAGE = `Usage: npm run bench -- [--quick] [--only NAME[,NAME]] [--out DIR] [--list] [--SIZE N ...]

  --quick        tiny data: only checks that the harness and every case work (CI)
  --only NAME    run only these cases (repeatable or comma-separated)
  --out DIR      where results.json and results.md go (default: bench/)
  --list         list the cases and exit
  --SIZE N       a workload size a case reads with sizeOf(), e.g. --calls 5000 --rows 2000000
                 (every case that reads it); --CASE.SIZE N for one case only: --sync-1m.rows 200000`;

interface Args {
  quick: boolean;
  only: string[];
  out: string;
  list: boolean;
  sizes: Record<string, number>;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, only: [], out: path.join(repoRoot(), 'bench'), list: false, sizes: {} };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value.\n\n${USAGE}`);
      return v;
    };
    if (flag === '--quick') args.quick = true;
    else if (flag === '--list') args.list = true;
    else if (flag === '--only') args.only.push(...value().split(',').filter(Boolean));
    else if (flag === '--out') args.out = path.resolve(value());
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (/^--[a-z][\w-]*(\.[a-z][\w-]*)?$/i.test(flag)) {
      const n = Number(value().replace(/_/g, ''));
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number.\n\n${USAGE}`);
      args.sizes[flag.slice(2)] = n;
    } else throw new Error(`Unknown argument "${argv[i]}".\n\n${USAGE}`);
  }
  const scoped = Object.keys(args.sizes).filter((k) => k.includes('.')).map((k) => k.split('.')[0]);
  const unknown = [...args.only, ...scoped].filter((n) => !CASES.some((c) => c.name === n));
  if (unknown.length) throw new Error(`No bench case named ${unknown.join(', ')}. Cases: ${CASES.map((c) => c.name).join(', ')}.`);
  return args;
}

async function runCase(name: string, work: () => Promise<unknown>): Promise<CaseReport> {
  const started = performance.now();
  try {
    const raw = await work();
    const parsed = benchResultSchema.array().safeParse(raw);
    if (!parsed.success) throw new Error(`returned results that do not match BenchResult: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return { case: name, status: 'ok', elapsed_ms: performance.now() - started, results: parsed.data.map(withRatio) };
  } catch (err) {
    console.error(`[bench] ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return { case: name, status: 'failed', elapsed_ms: performance.now() - started, results: [], error: err instanceof Error ? err.message : String(err) };
  }
}

const loadAverage = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    for (const c of CASES) console.log(c.name);
    return 0;
  }
  const loadBefore = loadAverage();
  const selected = CASES.filter((c) => !args.only.length || args.only.includes(c.name));
  const cases: CaseReport[] = [];
  for (const c of selected) {
    console.error(`[bench] ${c.name}${args.quick ? ' (quick)' : ''} …`);
    const report = await runCase(c.name, () => c.run({ quick: args.quick, sizes: sizesFor(c.name, args.sizes) }));
    console.error(`[bench] ${c.name}: ${report.status} in ${(report.elapsed_ms / 1000).toFixed(1)} s`);
    cases.push(report);
  }
  const cpus = os.cpus();
  const report: BenchReport = {
    generated_at: new Date().toISOString(),
    quick: args.quick,
    sizes: args.sizes,
    machine: { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus.length, cpu_model: cpus[0]?.model.trim() ?? 'unknown', total_mem_mb: Math.round(os.totalmem() / 2 ** 20), load_average_before: loadBefore, load_average_after: loadAverage() },
    cases,
  };
  fs.mkdirSync(args.out, { recursive: true });
  fs.writeFileSync(path.join(args.out, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(args.out, 'results.md'), markdownReport(report));
  console.log(textReport(report));
  console.log(`\nWrote ${path.join(args.out, 'results.json')} and results.md.`);
  return cases.some((c) => c.status === 'failed') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
