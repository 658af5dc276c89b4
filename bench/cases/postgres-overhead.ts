// What query_sql adds on top of the PostgreSQL driver for a one-row query. Target: the
// p50 of query_sql over MCP stdio under 1.3 × the raw `pg` round trip + 1 ms.
import { makeBenchHome } from '../lib/bench-home.js';
import { startBenchServer } from '../lib/mcp-stdio.js';
import { startBenchPostgres } from '../lib/postgres-fixture.js';
import { sizeOf } from '../lib/sizes.js';
import { round, summarize, timeSequential } from '../lib/stats.js';
import type { BenchOptions, BenchResult } from '../lib/types.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { PostgresConnector } from '../../mcp/connectors/postgres/postgres-connector.js';
import { createSecretStore } from '../../mcp/credentials/credentials.js';
import { Engine } from '../../mcp/engine.js';
import { createMcpServer } from '../../mcp/server/create-server.js';

const ROWS = 10_000;

export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const calls = sizeOf(options, 'calls', { full: 1_000, quick: 30 });
  const warmup = Math.min(100, calls);
  const home = await makeBenchHome({ demoSize: 20 });
  const pg = await startBenchPostgres(
    home,
    `CREATE TABLE property (prop_id integer PRIMARY KEY, geo_id varchar(50), market numeric(14,0));
     INSERT INTO property SELECT g, 'R' || lpad(g::text, 6, '0'), g * 1000 FROM generate_series(1, ${ROWS}) AS g;
     ANALYZE property;`,
  );
  const propId = (i: number) => ((i * 7_919) % ROWS) + 1;
  const sql = (i: number) => `SELECT prop_id, geo_id, market FROM property WHERE prop_id = ${propId(i)}`;
  try {
    // The baseline: one round trip of the raw driver on one open connection, same statement text.
    const { default: pgDriver } = await import('pg');
    const client = new pgDriver.Client({ host: '127.0.0.1', port: pg.port, database: 'bench', user: 'postgres' });
    await client.connect();
    let raw;
    try {
      raw = summarize(await timeSequential(calls, (i) => client.query(sql(i)), warmup));
    } finally {
      await client.end();
    }

    // Our connector in this process: read-only transaction, statement timeout, cursor, rollback.
    const connector = new PostgresConnector({ id: 'bench', role: 'production', config: { host: '127.0.0.1', port: pg.port, database: 'bench', user: 'postgres' } }, undefined);
    let inProcess;
    try {
      inProcess = summarize(await timeSequential(calls, (i) => connector.query(sql(i), [], { maxRows: 500, timeoutMs: 30_000 }), warmup));
    } finally {
      await connector.close();
    }

    // The whole query_sql call in this process: the MCP server and client joined in memory, so
    // dispatch, argument checks, the guard, the connector and the audit row, without a pipe.
    const engine = await Engine.open({ dataDir: home.dir, secrets: createSecretStore({ PACS_MCP_SECRETS: 'memory' }), initDemo: false });
    let inMemory;
    try {
      const mcp = createMcpServer(Promise.resolve(engine));
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await mcp.connect(serverSide);
      const client = new Client({ name: 'pacs-bench', version: '1.0.0' });
      await client.connect(clientSide);
      try {
        inMemory = summarize(
          await timeSequential(
            calls,
            async (i) => {
              const result = (await client.callTool({ name: 'query_sql', arguments: { connection_id: 'bench_pg', sql: sql(i) } })) as CallToolResult;
              if (result.isError) throw new Error(JSON.stringify(result.content));
            },
            warmup,
          ),
        );
      } finally {
        await client.close();
        await mcp.close();
      }
    } finally {
      await engine.close();
    }

    // What a user sees: the built server over stdio, guard + audit row + transport included.
    const server = await startBenchServer(home.env);
    let tool;
    let ping;
    try {
      ping = summarize(await timeSequential(calls, () => server.client.ping(), warmup));
      tool = summarize(
        await timeSequential(
          calls,
          async (i) => {
            const result = await server.ok('query_sql', { connection_id: 'bench_pg', sql: sql(i) });
            if (result.row_count !== 1) throw new Error(`expected one row, got ${result.row_count}`);
          },
          warmup,
        ),
      );
    } finally {
      await server.close();
    }

    const limit = round(1.3 * raw.median + 1);
    const baseline = { name: 'raw pg client.query round trip', median: raw.median };
    const note = `${calls.toLocaleString('en-US')} sequential one-row lookups by primary key (${ROWS.toLocaleString('en-US')}-row table) after ${warmup} warm-up, PostgreSQL 15 on loopback.`;
    return [
      {
        name: 'query_sql one row on PostgreSQL over stdio (p50 = median)',
        unit: 'ms',
        median: tool.median,
        p99: tool.p99,
        baseline,
        target: `< ${limit} ms median (1.3 × raw + 1 ms)`,
        note: `${note} Includes the MCP stdio round trip (ping alone: ${ping.median} ms p50), the read-only guard and the audit row.`,
      },
      {
        name: 'query_sql one row on PostgreSQL, MCP client and server in one process (p50 = median)',
        unit: 'ms',
        median: inMemory.median,
        p99: inMemory.p99,
        baseline,
        target: `< ${limit} ms median (1.3 × raw + 1 ms)`,
        note: `${note} The same call through the MCP SDK's in-memory transport: tool dispatch, argument validation, the guard, the connector and the audit row; no process pipe.`,
      },
      {
        name: 'PostgresConnector.query one row, in process (p50 = median)',
        unit: 'ms',
        median: inProcess.median,
        p99: inProcess.p99,
        baseline,
        note: `${note} BEGIN READ ONLY + SET LOCAL statement_timeout + the statement capped at max_rows + ROLLBACK, pipelined in one round trip: the database-level half of the read-only enforcement, without MCP.`,
      },
    ];
  } finally {
    pg.stop();
    home.cleanup();
  }
}
