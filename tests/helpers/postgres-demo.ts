import path from 'node:path';
import { expect } from 'vitest';
import { runCli } from './cli.js';
import { startPostgres, type PgCluster } from './postgres.js';
import { makeTempHome, serverEnv } from './temp-home.js';

/** The demo PACS database (SQLite, connection `demo`) and its type-faithful copy in a throwaway PostgreSQL (connection `pgdemo`). */
export interface PostgresDemo {
  pg: PgCluster;
  home: { dir: string; cleanup: () => void };
  /** Environment for the server and the CLI on this data dir. */
  env: Record<string, string>;
  demoFile: string;
  /** `connections add` arguments for a PostgreSQL connection to `database` on the cluster. */
  pgConnection(id: string, database: string, role?: string, extra?: string[]): string[];
  stop(): void;
}

/**
 * Builds the demo in a fresh data dir and copies it with `pacs-mcp demo load` into a PostgreSQL
 * database of a fresh cluster, with the catalog's types (char flags, varchar codes, numeric years,
 * timestamps, keys and checks). The copy's connection has the demo connection's settings:
 * Washington rules, the demo's scheduling status and calendar date.
 */
export async function startPostgresDemo(options: { size: number; prefix?: string }): Promise<PostgresDemo> {
  const home = makeTempHome(options.prefix ?? 'pacs-pgdemo-');
  const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: String(options.size) });
  const pg = await startPostgres();
  const pgConnection = (id: string, database: string, role = 'training', extra: string[] = []) =>
    ['connections', 'add', '--id', id, '--kind', 'postgres', '--role', role, '--host', '127.0.0.1', '--port', String(pg.port), '--database', database, '--user', 'postgres', '--no-password', ...extra];
  const stop = () => {
    try {
      pg.stop();
    } finally {
      home.cleanup();
    }
  };
  try {
    pg.psql('CREATE DATABASE pacs_demo');
    const add = await runCli(pgConnection('pgdemo', 'pacs_demo', 'training', ['--appeal-status', 'S', '--appeal-calendar-date', '2026-05-15']), env);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const load = await runCli(['demo', 'load', '--into', 'pgdemo', '--json'], env);
    expect(load.stderr).toBe('');
    expect(load.code).toBe(0);
    expect(JSON.parse(load.stdout)).toMatchObject({ connection_id: 'pgdemo', database: 'pacs_demo', tables: expect.any(Number), rows: expect.any(Number) });
  } catch (err) {
    stop();
    throw err;
  }
  return { pg, home, env, demoFile: path.join(home.dir, 'demo-pacs.sqlite'), pgConnection, stop };
}
