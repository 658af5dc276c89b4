import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentVersion, LATEST_VERSION, migrate, MIGRATIONS } from '../../mcp/store/migrations.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { makeTempHome } from '../helpers/temp-home.js';

const home = makeTempHome();
afterAll(home.cleanup);

async function schemaOf(db: SqliteDb) {
  return db.all("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
}

describe('app store migrations', () => {
  it('migrates an empty store to the latest version', async () => {
    const db = await SqliteDb.open(path.join(home.dir, 'empty.sqlite'), { wal: true });
    expect(await currentVersion(db)).toBe(0);
    expect(await migrate(db)).toBe(LATEST_VERSION);
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'audit_log'")).toBeTruthy();
    expect((await db.get<{ journal_mode: string }>('PRAGMA journal_mode'))?.journal_mode).toBe('wal');
    // Running again is a no-op.
    expect(await migrate(db)).toBe(LATEST_VERSION);
    await db.close();
  });

  const reference = (async () => {
    const db = await SqliteDb.open(path.join(home.dir, 'reference.sqlite'));
    await migrate(db);
    const schema = await schemaOf(db);
    await db.close();
    return schema;
  })();

  for (const from of MIGRATIONS.map((m) => m.version).filter((v) => v < LATEST_VERSION)) {
    it(`upgrades a store at version ${from} with data in it, keeping the data`, async () => {
      const db = await SqliteDb.open(path.join(home.dir, `from-${from}.sqlite`), { wal: true });
      await migrate(db, from);
      expect(await currentVersion(db)).toBe(from);
      await db.run(
        "INSERT INTO connections (id, kind, role, description, config_json, created_at, updated_at) VALUES ('keep', 'sqlite', 'training', '', '{\"file\":\"x\"}', 't', 't')",
      );
      await migrate(db);
      expect(await currentVersion(db)).toBe(LATEST_VERSION);
      expect(await db.get("SELECT id FROM connections WHERE id = 'keep'")).toEqual({ id: 'keep' });
      expect(await schemaOf(db)).toEqual(await reference);
      await db.close();
    });
  }

  it('refuses a store written by a newer version', async () => {
    const db = await SqliteDb.open(path.join(home.dir, 'newer.sqlite'));
    await db.exec(`PRAGMA user_version = ${LATEST_VERSION + 5}`);
    await expect(migrate(db)).rejects.toThrow(/newer PACS MCP/);
    await db.close();
  });

  it('rolls back a failing migration whole', async () => {
    const db = await SqliteDb.open(path.join(home.dir, 'broken.sqlite'));
    await migrate(db, 1);
    await db.exec('CREATE TABLE settings (key TEXT)'); // makes migration 2 fail half-way
    await expect(migrate(db)).rejects.toThrow();
    expect(await currentVersion(db)).toBe(1);
    const cols = await db.all<{ name: string }>("SELECT name FROM pragma_table_info('connections')");
    expect(cols.map((c) => c.name)).not.toContain('is_default');
    await db.close();
  });

  it('moves the lakehouse jobs and their load runs into the one jobs table', async () => {
    const db = await SqliteDb.open(path.join(home.dir, 'jobs-5.sqlite'), { wal: true });
    await migrate(db, 5);
    await db.run(
      `INSERT INTO lakehouse_jobs (job_id, kind, status, tenant_id, warehouse_connection_id, target_key, target_table, args_json, rows, owner_pid, owner_host, owner_token, heartbeat_at, created_at)
       VALUES ('job_a', 'sync', 'succeeded', 't', 'lakehouse', 'k', 'tenant_t.bronze.x', '{"table_name":"x"}', 7, 1, 'h', 'tok', 'now', 'then')`,
    );
    await db.run(
      `INSERT INTO lakehouse_runs (job_id, kind, tenant_id, source_name, warehouse_connection_id, target_key, target_table, rows, file_sha256, file_bytes, duration_ms, started_at, finished_at)
       VALUES ('job_a', 'sync', 't', 'x', 'lakehouse', 'k', 'tenant_t.bronze.x', 7, 'sha', 10, 1, 'a', 'b')`,
    );
    await migrate(db);
    expect(await db.get("SELECT job_id, kind, status, rows, args_json, owner_started FROM jobs")).toEqual({ job_id: 'job_a', kind: 'sync', status: 'succeeded', rows: 7, args_json: '{"table_name":"x"}', owner_started: null });
    expect(await db.get("SELECT job_id, rows FROM lakehouse_runs")).toEqual({ job_id: 'job_a', rows: 7 });
    expect(await db.get("SELECT name FROM sqlite_master WHERE name = 'lakehouse_jobs'")).toBeUndefined();
    expect(await db.all('PRAGMA foreign_key_check')).toEqual([]);
    // A run's job must exist, in the jobs table now.
    await expect(db.run("INSERT INTO lakehouse_runs (job_id, kind, tenant_id, source_name, warehouse_connection_id, target_key, target_table, rows, file_sha256, file_bytes, duration_ms, started_at, finished_at) VALUES ('nope', 'sync', 't', 'x', 'l', 'k', 't', 1, 's', 1, 1, 'a', 'b')")).rejects.toThrow(/FOREIGN KEY/);
    await db.close();
  });
  it('marks existing connections as added by a person, and a Windows-login SQL Server one as allowed ambient credentials', async () => {
    const db = await SqliteDb.open(path.join(home.dir, 'origin-8.sqlite'), { wal: true });
    await migrate(db, 8);
    const add = (id: string, kind: string, config: object) =>
      db.run("INSERT INTO connections (id, kind, role, description, config_json, created_at, updated_at) VALUES (?, ?, 'training', '', ?, 't', 't')", [id, kind, JSON.stringify(config)]);
    await add('pg', 'postgres', { host: 'db.county.local', database: 'pacs' });
    await add('windows', 'sqlserver', { server: 'jcharrispacs', database: 'pacs_training', authentication: 'windows' });
    await add('sqllogin', 'sqlserver', { server: 'jcharrispacs', database: 'pacs_training', authentication: 'sql' });
    await migrate(db);
    expect(await db.all('SELECT id, origin, confirmed_at, ambient_credentials FROM connections ORDER BY id')).toEqual([
      { id: 'pg', origin: 'user', confirmed_at: null, ambient_credentials: 0 },
      { id: 'sqllogin', origin: 'user', confirmed_at: null, ambient_credentials: 0 },
      { id: 'windows', origin: 'user', confirmed_at: null, ambient_credentials: 1 },
    ]);
    await expect(db.run("UPDATE connections SET origin = 'someone' WHERE id = 'pg'")).rejects.toThrow(/CHECK/);
    await db.close();
  });
});
