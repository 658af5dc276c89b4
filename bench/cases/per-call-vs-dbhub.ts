// Per-call cost over stdio against dbhub 1.4 (Node 22, node:sqlite) on the same demo SQLite file,
// calls interleaved one for one so both servers see the same machine load; and the cold start of
// both. Both are driven by a bare JSON-RPC peer, so no client-side validation is in the numbers.
import path from 'node:path';
import { makeBenchHome } from '../lib/bench-home.js';
import { JsonRpcLines, MCP_PROTOCOL_VERSION, timeColdStart } from '../lib/jsonrpc-lines.js';
import { builtCli } from '../lib/paths.js';
import { dbhubSqliteConfig, referenceTools, type ReferenceTools } from '../lib/reference-tools.js';
import { peakRssMb } from '../lib/rss.js';
import { sizeOf } from '../lib/sizes.js';
import { round, summarize } from '../lib/stats.js';
import type { BenchOptions, BenchResult } from '../lib/types.js';

interface Workload {
  name: string;
  ours: (i: number) => [tool: string, args: Record<string, unknown>];
  /** dbhub's execute_sql text for the same question; absent: compare with MCP ping. */
  reference?: (i: number) => string;
  referenceName: string;
}

export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const demoParcels = sizeOf(options, 'demo-parcels', { full: 10_000, quick: 100 });
  const calls = sizeOf(options, 'calls', { full: 1_000, quick: 10 });
  const starts = sizeOf(options, 'starts', { full: 15, quick: 1 });
  const tools = referenceTools({ install: !options.quick });
  const home = await makeBenchHome({ demoSize: demoParcels, prefix: 'pacs-bench-dbhub-' });
  try {
    const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
    const dbhubArgs = tools ? [tools.dbhub, '--transport', 'stdio', '--config', dbhubSqliteConfig(home.dir, demoFile)] : [];
    return [...(await perCall(home.env, tools, dbhubArgs, calls, demoParcels)), ...(await coldStart(home.env, tools, dbhubArgs, starts))];
  } finally {
    home.cleanup();
  }
}

const pointSql = (propId: number) => `SELECT prop_id, geo_id FROM property WHERE prop_id = ${propId}`;

async function perCall(env: Record<string, string>, tools: ReferenceTools | undefined, dbhubArgs: string[], calls: number, demoParcels: number): Promise<BenchResult[]> {
  const ours = await startPeer(process.execPath, [builtCli(), 'serve'], env);
  const ref = tools ? await startPeer(tools.node, dbhubArgs, env) : undefined;
  try {
    const ids = (await callOk(ours, 'query_sql', { sql: 'SELECT prop_id FROM property ORDER BY prop_id', max_rows: Math.min(demoParcels, 10_000) })).structuredContent.rows.map(
      (r: { prop_id: number }) => r.prop_id,
    ) as number[];
    const pick = (i: number) => ids[(i * 7_919) % ids.length];
    const workloads: Workload[] = [
      { name: 'query_sql `SELECT 1`', ours: () => ['query_sql', { sql: 'SELECT 1' }], reference: () => 'SELECT 1', referenceName: 'dbhub execute_sql, same SQL' },
      { name: 'query_sql point lookup (one parcel by prop_id)', ours: (i) => ['query_sql', { sql: pointSql(pick(i)) }], reference: (i) => pointSql(pick(i)), referenceName: 'dbhub execute_sql, same SQL' },
      { name: 'query_sql COUNT(*) over property_val', ours: () => ['query_sql', { sql: 'SELECT COUNT(*) AS n FROM property_val' }], reference: () => 'SELECT COUNT(*) AS n FROM property_val', referenceName: 'dbhub execute_sql, same SQL' },
      { name: 'query_sql 100 rows of property_val', ours: () => ['query_sql', { sql: 'SELECT * FROM property_val LIMIT 100' }], reference: () => 'SELECT * FROM property_val LIMIT 100', referenceName: 'dbhub execute_sql, same SQL' },
      { name: 'get_parcel (property, value layer, owners, situs, exemptions, protests)', ours: (i) => ['get_parcel', { prop_id: pick(i) }], reference: (i) => pointSql(pick(i)), referenceName: 'dbhub execute_sql of one point lookup' },
    ];
    const warmup = Math.min(30, Math.ceil(calls / 2));
    const pingOurs: number[] = [];
    const pingRef: number[] = [];
    for (let i = 0; i < warmup + calls; i++) {
      const a = await timed(() => ours.request('ping'));
      const b = ref ? await timed(() => ref.request('ping')) : 0;
      if (i >= warmup) {
        pingOurs.push(a);
        pingRef.push(b);
      }
    }
    const results: BenchResult[] = [];
    const note = (extra: string) =>
      `${calls.toLocaleString('en-US')} calls each after ${warmup} warm-up, ours and the reference interleaved one for one over stdio (bare JSON-RPC peer, no client-side schema checks), demo of ${demoParcels.toLocaleString('en-US')} parcels. ` +
      `Ours: the read-only guard, a durable HMAC-chained audit row per call. ${extra}`;
    for (const w of workloads) {
      const mine: number[] = [];
      const theirs: number[] = [];
      for (let i = 0; i < warmup + calls; i++) {
        const [tool, args] = w.ours(i);
        const a = await timed(() => callOk(ours, tool, args));
        const b = ref && w.reference ? await timed(() => callOk(ref, 'execute_sql', { sql: w.reference!(i) })) : undefined;
        if (i < warmup) continue;
        mine.push(a);
        if (b !== undefined) theirs.push(b);
      }
      const s = summarize(mine);
      results.push({
        name: `${w.name}, p50 over stdio`,
        unit: 'ms',
        median: s.median,
        p99: s.p99,
        ...(theirs.length ? { baseline: { name: `${w.referenceName} (dbhub ${tools!.dbhubVersion}, Node ${tools!.nodeVersion}), p50`, median: summarize(theirs).median } } : {}),
        target: w.name.startsWith('get_parcel') ? undefined : 'at or below dbhub (ratio <= 1)',
        note: note(theirs.length ? `dbhub p99 ${summarize(theirs).p99} ms.` : 'Reference not installed (quick mode without bench/.cache/reference): no ratio.'),
      });
    }
    const ping = summarize(pingOurs);
    results.push({
      name: 'MCP ping, p50 over stdio (the transport floor)',
      unit: 'ms',
      median: ping.median,
      p99: ping.p99,
      ...(ref ? { baseline: { name: 'dbhub ping', median: summarize(pingRef).median } } : {}),
      note: 'What a call costs with no work at all: JSON-RPC over the pipe and the SDK dispatch.',
    });
    const rssOurs = peakRssMb(ours.child.pid!) ?? Number.NaN;
    const rssRef = ref ? peakRssMb(ref.child.pid!) : undefined;
    results.push({
      name: 'server peak RSS after the per-call runs',
      unit: 'MB',
      value: rssOurs,
      peak_rss_mb: rssOurs,
      ...(rssRef !== undefined ? { baseline: { name: 'dbhub peak RSS, same calls', median: rssRef } } : {}),
      note: 'VmHWM of each server process after every workload above.',
    });
    return results;
  } finally {
    await ours.close();
    await ref?.close();
  }
}

async function coldStart(env: Record<string, string>, tools: ReferenceTools | undefined, dbhubArgs: string[], starts: number): Promise<BenchResult[]> {
  const cli = builtCli();
  await timeColdStart(process.execPath, [cli, 'serve'], env);
  if (tools) await timeColdStart(tools.node, dbhubArgs, env);
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < starts; i++) {
    ours.push((await timeColdStart(process.execPath, [cli, 'serve'], env)).ms);
    if (tools) theirs.push((await timeColdStart(tools.node, dbhubArgs, env)).ms);
  }
  const s = summarize(ours);
  return [
    {
      name: 'cold start: spawn → initialize → tools/list',
      unit: 'ms',
      median: s.median,
      p99: s.p99,
      ...(theirs.length ? { baseline: { name: `dbhub ${tools!.dbhubVersion} on Node ${tools!.nodeVersion}, same handshake`, median: summarize(theirs).median } } : {}),
      target: 'at or below dbhub (ratio <= 1)',
      note: `${starts} starts each, interleaved, on an existing data dir after one untimed start each.`,
    },
  ];
}

async function startPeer(command: string, args: string[], env: Record<string, string>): Promise<JsonRpcLines> {
  const peer = new JsonRpcLines(command, args, env);
  await peer.request('initialize', { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'pacs-bench', version: '1.0.0' } });
  peer.notify('notifications/initialized');
  return peer;
}

async function callOk(peer: JsonRpcLines, name: string, args: Record<string, unknown>): Promise<any> {
  const result = await peer.request('tools/call', { name, arguments: args });
  if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content).slice(0, 500)}`);
  return result;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return round(performance.now() - started, 4);
}
