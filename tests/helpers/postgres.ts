import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  host: string;
  port: number;
  dir: string;
  /** Superuser `postgres`, trust auth on loopback. */
  connectionString(database?: string): string;
  /** Runs SQL with psql as the superuser; returns stdout. */
  psql(sql: string, database?: string): string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1, owned by the `postgres` OS user when we run as
 * root (initdb refuses root). Stop it in afterAll; the directory is removed.
 */
export async function startPostgres(options: { password?: string } = {}): Promise<PgCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', `${BIN}/${cmd}`, ...args]] as const : [`${BIN}/${cmd}`, args] as const;
    const r = spawnSync(full[0], full[1] as string[], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  fs.chmodSync(dir, 0o700);
  const auth = options.password ? ['-A', 'scram-sha-256', '--pwfile', writePwFile(dir, options.password, asRoot)] : ['-A', 'trust'];
  run('initdb', ['-D', data, '-U', 'postgres', ...auth, '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  run('pg_ctl', ['-D', data, '-w', '-l', path.join(dir, 'server.log'), '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off`, 'start']);
  const cluster: PgCluster = {
    host: '127.0.0.1',
    port,
    dir,
    connectionString: (database = 'postgres') =>
      `postgresql://postgres${options.password ? `:${encodeURIComponent(options.password)}` : ''}@127.0.0.1:${port}/${database}`,
    psql: (sql, database = 'postgres') => {
      const r = spawnSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-c', sql], {
        encoding: 'utf8',
        env: { ...process.env, PGPASSWORD: options.password ?? '' },
      });
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
      return r.stdout;
    },
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return cluster;
}

function writePwFile(dir: string, password: string, asRoot: boolean): string {
  const file = path.join(dir, 'pwfile');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  if (asRoot) execFileSync('chown', ['postgres:postgres', file]);
  return file;
}
