import { startPostgres, type PgCluster } from '../../tests/helpers/postgres.js';
import type { BenchHome } from './bench-home.js';

/**
 * A throwaway PostgreSQL cluster on loopback (the tests' harness: Debian's server binaries), with
 * a database `bench` registered in the bench home as connection `bench_pg` (trust auth, no password).
 */
export async function startBenchPostgres(home: BenchHome, setupSql: string): Promise<PgCluster> {
  const pg = await startPostgres();
  try {
    pg.psql('CREATE DATABASE bench');
    pg.psql(setupSql, 'bench');
    await home.cli(['connections', 'add', '--id', 'bench_pg', '--kind', 'postgres', '--role', 'production', '--host', '127.0.0.1', '--port', String(pg.port), '--database', 'bench', '--user', 'postgres', '--no-password']);
    return pg;
  } catch (err) {
    pg.stop();
    throw err;
  }
}
