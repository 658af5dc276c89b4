// Ten MCP clients at once on one data dir, each with its own stdio server process (as ten Claude
// Desktop windows would be): calls per second, latency, and whether any call surfaced
// SQLITE_BUSY. Against one client alone on the same data dir.
import { makeBenchHome } from '../lib/bench-home.js';
import { JsonRpcLines, MCP_PROTOCOL_VERSION } from '../lib/jsonrpc-lines.js';
import { builtCli } from '../lib/paths.js';
import { sizeOf } from '../lib/sizes.js';
import { round, summarize } from '../lib/stats.js';
import type { BenchOptions, BenchResult } from '../lib/types.js';

interface ClientRun {
  latencies: number[];
  failures: string[];
}

export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const clients = sizeOf(options, 'clients', { full: 10, quick: 2 });
  const calls = sizeOf(options, 'calls', { full: 300, quick: 6 });
  const demoParcels = sizeOf(options, 'demo-parcels', { full: 10_000, quick: 100 });
  const home = await makeBenchHome({ demoSize: demoParcels, prefix: 'pacs-bench-parallel-' });
  try {
    const peers = await Promise.all(Array.from({ length: clients }, () => startPeer(home.env)));
    try {
      const ids = ((await peers[0].request('tools/call', { name: 'query_sql', arguments: { sql: 'SELECT prop_id FROM property ORDER BY prop_id', max_rows: 10_000 } })).structuredContent.rows as { prop_id: number }[]).map(
        (r) => r.prop_id,
      );
      const alone = await measure([peers[0]], calls, ids);
      const together = await measure(peers, calls, ids);
      const busy = together.runs.flatMap((r) => r.failures).filter((f) => /SQLITE_BUSY|database is locked/i.test(f)).length;
      const failures = together.runs.flatMap((r) => r.failures);
      const all = summarize(together.runs.flatMap((r) => r.latencies));
      const one = summarize(alone.runs[0].latencies);
      const mix = 'each client alternating query_sql point lookups, get_parcel and search_parcels, every call audited in the one shared app store';
      return [
        {
          name: `${clients} clients at once on one data dir: calls per second`,
          unit: 'calls/s',
          value: round(together.callsPerSecond, 1),
          baseline: { name: 'one client alone, same calls', median: round(alone.callsPerSecond, 1) },
          ratio: round(together.callsPerSecond / alone.callsPerSecond, 2),
          note: `${clients} stdio servers × ${calls} sequential calls, ${mix}. On 2 shared cores the total cannot grow much past one client's; the ratio is total ÷ alone.`,
        },
        {
          name: `${clients} clients at once: call latency (p50, p99)`,
          unit: 'ms',
          median: all.median,
          p99: all.p99,
          baseline: { name: 'one client alone, p50', median: one.median },
          note: `One client alone: p99 ${one.p99} ms. ${failures.length} call(s) failed${failures.length ? `: ${failures.slice(0, 3).join(' | ')}` : ''}.`,
        },
        {
          name: `${clients} clients at once: calls that surfaced SQLITE_BUSY`,
          unit: 'count',
          value: busy,
          target: '<= 0',
          note: 'A call answering "database is locked" / SQLITE_BUSY to the client; the audit appends and job rows of every process share one WAL app store.',
        },
      ];
    } finally {
      await Promise.all(peers.map((p) => p.close()));
    }
  } finally {
    home.cleanup();
  }
}

async function measure(peers: JsonRpcLines[], calls: number, ids: number[]): Promise<{ runs: ClientRun[]; callsPerSecond: number }> {
  const started = performance.now();
  const runs = await Promise.all(peers.map((peer, c) => drive(peer, calls, ids, c)));
  const seconds = (performance.now() - started) / 1000;
  return { runs, callsPerSecond: (peers.length * calls) / seconds };
}

async function drive(peer: JsonRpcLines, calls: number, ids: number[], client: number): Promise<ClientRun> {
  const latencies: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < calls; i++) {
    const propId = ids[((i + 1) * 7_919 * (client + 1)) % ids.length];
    const [name, args] =
      i % 3 === 0
        ? ['query_sql', { sql: `SELECT prop_id, geo_id FROM property WHERE prop_id = ${propId}` }]
        : i % 3 === 1
          ? ['get_parcel', { prop_id: propId }]
          : ['search_parcels', { query: String(propId) }];
    const t = performance.now();
    try {
      const result = await peer.request('tools/call', { name, arguments: args });
      if (result.isError) failures.push(`${name}: ${JSON.stringify(result.content).slice(0, 200)}`);
    } catch (err) {
      failures.push(`${name}: ${(err as Error).message.slice(0, 200)}`);
    }
    latencies.push(performance.now() - t);
  }
  return { latencies, failures };
}

async function startPeer(env: Record<string, string>): Promise<JsonRpcLines> {
  const peer = new JsonRpcLines(process.execPath, [builtCli(), 'serve'], env);
  await peer.request('initialize', { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'pacs-bench', version: '1.0.0' } });
  peer.notify('notifications/initialized');
  return peer;
}
