import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../mcp/audit/audit-log.js';
import { migrate } from '../../mcp/store/migrations.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { makeTempHome } from '../helpers/temp-home.js';

const home = makeTempHome();
afterAll(home.cleanup);
let n = 0;
let db: SqliteDb;
let audit: AuditLog;

beforeEach(async () => {
  db = await SqliteDb.open(path.join(home.dir, `audit-${n++}.sqlite`), { wal: true });
  await migrate(db);
  audit = new AuditLog(db);
  for (let i = 0; i < 5; i++) {
    await audit.record({ channel: 'mcp', clientName: 'c', action: `tool_${i}`, args: { i, password: 'hunter2-secret' }, outcome: 'ok', rowCount: i, durationMs: 1.5 });
  }
});

describe('audit log hash chain', () => {
  it('verifies an untouched chain and redacts secrets in args', async () => {
    expect(await audit.verify()).toEqual({ ok: true, rows: 5, problems: [] });
    const rows = await audit.recent(10);
    expect(rows.every((r) => !r.args_json.includes('hunter2'))).toBe(true);
    expect(rows[0].args_json).toContain('[REDACTED]');
  });

  it('detects a changed row', async () => {
    await db.run("UPDATE audit_log SET outcome = 'error' WHERE seq = 3");
    const result = await audit.verify();
    expect(result.ok).toBe(false);
    expect(result.problems.join()).toMatch(/row 3 was altered/);
  });

  it('detects a removed middle row', async () => {
    await db.run('DELETE FROM audit_log WHERE seq = 2');
    const result = await audit.verify();
    expect(result.ok).toBe(false);
    expect(result.problems.join()).toMatch(/missing|chain broken/);
  });

  it('detects rows removed from the end', async () => {
    await db.run('DELETE FROM audit_log WHERE seq >= 4');
    const result = await audit.verify();
    expect(result.ok).toBe(false);
    expect(result.problems.join()).toMatch(/at the end were removed/);
  });

  it('detects a re-hashed forged row because the next row no longer follows it', async () => {
    await db.run("UPDATE audit_log SET hash = (CASE WHEN substr(hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2) WHERE seq = 2");
    expect((await audit.verify()).ok).toBe(false);
  });

  it('keeps the chain intact under concurrent writers on one store', async () => {
    const second = await SqliteDb.open(db.file, { wal: true });
    const other = new AuditLog(second);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? audit : other).record({ channel: 'cli', action: 'x', args: {}, outcome: 'ok', durationMs: 0 }),
      ),
    );
    expect(await audit.verify()).toEqual({ ok: true, rows: 65, problems: [] });
    await second.close();
  });
});
