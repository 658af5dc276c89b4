import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { duckdb } from '../../dialects/duckdb.js';
import { makePrivate } from '../../util/private-files.js';
import { LAYERS, type Layer } from '../names.js';
import { openDuckDb } from './duckdb.js';

/** One table of the session: its layer, name and the absolute paths of its Parquet files. */
export interface SessionTable {
  layer: Layer;
  name: string;
  files: string[];
}

/** What a reader session is built from; `key` changes whenever a table's files do. */
export interface SessionSpec {
  readersDir: string;
  catalog: string;
  key: string;
  tables: SessionTable[];
}

/**
 * A read-only DuckDB view of one tenant's lakehouse, built for this process:
 *  - a private catalog file named after the tenant (so `tenant_x.bronze.t` and `bronze.t` both
 *    work) holding one view per table over that table's Parquet files, then
 *  - reopened READ_ONLY, with file access limited to exactly those Parquet files and the
 *    configuration locked, so no query can create, change or drop anything, read another
 *    tenant's files, or turn the limits off.
 * A new session is built when the tenant's tables change; the old one closes when idle.
 */
export class ReaderSession {
  private users = 0;
  private retired = false;

  private constructor(
    readonly key: string,
    readonly instance: DuckDBInstance,
    private readonly dir: string,
  ) {}

  static async build(options: SessionSpec): Promise<ReaderSession> {
    const dir = path.join(options.readersDir, `${process.pid}-${randomUUID().slice(0, 8)}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const catalogFile = path.join(dir, `${options.catalog}.duckdb`);
    const files: string[] = [];
    try {
      const builder = await openDuckDb(catalogFile, { memoryLimit: '64MB', threads: 1 });
      try {
        const connection = await builder.connect();
        try {
          for (const layer of LAYERS) await connection.run(`CREATE SCHEMA ${duckdb.quoteIdent(layer)}`);
          for (const table of options.tables) {
            const paths = table.files;
            files.push(...paths);
            const list = paths.map(duckdb.stringLiteral).join(', ');
            await connection.run(`CREATE VIEW ${duckdb.qualifiedTable(table.layer, table.name)} AS SELECT * FROM read_parquet([${list}], union_by_name = true)`);
          }
          await connection.run('CHECKPOINT');
        } finally {
          connection.closeSync();
        }
      } finally {
        builder.closeSync();
      }
      makePrivate(catalogFile, `${catalogFile}.wal`);
      const instance = await openDuckDb(catalogFile, { readOnly: true, memoryLimit: '256MB', threads: 2, tempDirectory: path.join(dir, 'spill') });
      const setup = await instance.connect();
      try {
        await setup.run(`SET allowed_paths = [${files.map(duckdb.stringLiteral).join(', ')}]`);
        await setup.run('SET enable_external_access = false');
        await setup.run('SET lock_configuration = true');
      } finally {
        setup.closeSync();
      }
      return new ReaderSession(options.key, instance, dir);
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  acquire(): void {
    this.users += 1;
  }

  release(): void {
    this.users -= 1;
    if (this.retired && this.users === 0) this.close();
  }

  /** No new queries; closes as soon as the running ones finish. */
  retire(): void {
    this.retired = true;
    if (this.users === 0) this.close();
  }

  private close(): void {
    try {
      this.instance.closeSync();
    } catch {
      // Already closed.
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Reader folders of processes that are gone (a crash leaves them behind). */
export function sweepReaderFolders(readersDir: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(readersDir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(entry.split('-')[0]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (err) {
      alive = (err as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) fs.rmSync(path.join(readersDir, entry), { recursive: true, force: true });
  }
}
