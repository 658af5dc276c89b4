import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditAnchorFile, readAnchor, writeAnchor } from '../../mcp/audit/audit-anchor.js';
import { legacyRowHash, rowMac, type AuditRow } from '../../mcp/audit/audit-chain.js';
import { AUDIT_KEY_ACCOUNT } from '../../mcp/audit/audit-key.js';
import { AuditLog, GENESIS_HASH } from '../../mcp/audit/audit-log.js';
import { createSecretStore, type SecretStore } from '../../mcp/credentials/credentials.js';
import { Engine } from '../../mcp/engine.js';
import { migrate } from '../../mcp/store/migrations.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { makeTempHome } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-audit-test-');
afterAll(home.cleanup);
let n = 0;
let dir: string;
let db: SqliteDb;
let secrets: SecretStore;
let audit: AuditLog;

const problems = async (log = audit) => (await log.verify()).problems.join('\n');
const rows = () => db.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq');
const auditKey = async () => Buffer.from((await secrets.get(AUDIT_KEY_ACCOUNT))!, 'base64');

function openLog(store: SqliteDb, dataDir = dir, keys = secrets): AuditLog {
  return new AuditLog(store, { secrets: keys, anchorFile: auditAnchorFile(dataDir) });
}

beforeEach(async () => {
  dir = path.join(home.dir, `data-${n++}`);
  fs.mkdirSync(dir, { mode: 0o700 });
  db = await SqliteDb.open(path.join(dir, 'app.sqlite'), { wal: true });
  await migrate(db);
  secrets = createSecretStore({ PACS_MCP_SECRETS: 'memory' });
  audit = openLog(db);
  for (let i = 0; i < 5; i++) {
    await audit.record({ channel: 'mcp', clientName: 'c', action: `tool_${i}`, args: { i, password: 'hunter2-secret' }, outcome: 'ok', rowCount: i, durationMs: 1.5 });
  }
});
afterEach(() => db.close());

/** Rewrites rows seq >= from with every hash recomputed by `hash`, as a forger with that function would. */
async function rechain(from: number, hash: (row: Omit<AuditRow, 'hash'>) => string, change: (row: AuditRow) => void = () => undefined) {
  const all = await rows();
  let prev = all.find((r) => r.seq === from - 1)?.hash ?? GENESIS_HASH;
  for (const row of all.filter((r) => r.seq >= from)) {
    change(row);
    const { hash: _old, ...rest } = row;
    const next = hash({ ...rest, prev_hash: prev });
    await db.run('UPDATE audit_log SET prev_hash = ?, hash = ?, outcome = ?, args_json = ?, started_seq = ? WHERE seq = ?', [prev, next, row.outcome, row.args_json, row.started_seq, row.seq]);
    prev = next;
  }
}

describe('the keyed audit chain', () => {
  it('verifies an untouched log, starts it with the keyed-chain row and anchors its last row', async () => {
    const result = await audit.verify();
    expect(result).toEqual({ ok: true, rows: 6, problems: [], keyed: true, anchored_seq: 6, incomplete: [] });
    const all = await rows();
    expect(all[0]).toMatchObject({ seq: 1, action: 'audit.keyed', channel: 'system', prev_hash: GENESIS_HASH });
    expect(all.every((r) => !r.args_json.includes('hunter2'))).toBe(true);
    expect(all[1].args_json).toContain('[REDACTED]');
    // Each row's hash is an HMAC under the keychain's key: a plain SHA-256 of the row is not it.
    const { hash, ...rest } = all[3];
    expect(hash).toBe(rowMac(await auditKey(), rest));
    expect(readAnchor(auditAnchorFile(dir), await auditKey())).toMatchObject({ seq: 6, hash: all[5].hash, authentic: true });
  });

  it('detects a changed row', async () => {
    await db.run("UPDATE audit_log SET outcome = 'error' WHERE seq = 3");
    expect(await problems()).toMatch(/row 3 was altered/);
  });

  it('detects a removed middle row', async () => {
    await db.run('DELETE FROM audit_log WHERE seq = 3');
    expect(await problems()).toMatch(/rows 3..3 are missing|row 4 does not follow/);
  });

  it('detects rows removed from the end even when sqlite_sequence is put back', async () => {
    await db.run('DELETE FROM audit_log WHERE seq >= 5');
    await db.run("UPDATE sqlite_sequence SET seq = 4 WHERE name = 'audit_log'");
    const result = await audit.verify();
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/rows 5..6 at the end were removed \(the anchor file names row 6\)/);
  });

  it('detects rows rewritten with their SHA-256 chain recomputed (the unkeyed chain a forger can redo)', async () => {
    await rechain(3, (row) => legacyRowHash(row), (row) => (row.outcome = row.seq === 3 ? 'refused' : row.outcome));
    expect(await problems()).toMatch(/row 3 was altered[\s\S]*row 6 was altered/);
  });

  it('detects rows rewritten under another key, and an anchor written under another key', async () => {
    const otherKey = crypto.randomBytes(32);
    await rechain(4, (row) => rowMac(otherKey, row), (row) => (row.args_json = '{}'));
    const last = (await rows()).at(-1)!;
    await writeAnchor(auditAnchorFile(dir), otherKey, { seq: last.seq, hash: last.hash });
    const text = await problems();
    expect(text).toMatch(/row 4 was altered/);
    expect(text).toMatch(/anchor file was altered/);
  });

  it('detects a deleted anchor file, and appends do not recreate it', async () => {
    const anchorFile = auditAnchorFile(dir);
    await audit.record({ channel: 'cli', action: 'later', args: {}, outcome: 'ok', durationMs: 0 });
    fs.rmSync(anchorFile);
    expect(await problems()).toMatch(/anchor file .* is missing/);
    // Appends do not recreate a deleted anchor (that would hide the deletion).
    await audit.record({ channel: 'cli', action: 'after-deletion', args: {}, outcome: 'ok', durationMs: 0 });
    expect(fs.existsSync(anchorFile)).toBe(false);
    expect(await problems()).toMatch(/anchor file .* is missing/);
  });

  it('detects a keyed log replaced by an unkeyed one (keyed-chain row removed, SHA-256 chain recomputed)', async () => {
    await db.run("DELETE FROM audit_log WHERE action = 'audit.keyed'");
    await db.run('UPDATE audit_log SET seq = seq - 1');
    await db.run("UPDATE sqlite_sequence SET seq = 5 WHERE name = 'audit_log'");
    await rechain(1, ({ started_seq: _unkeyed, ...row }) => legacyRowHash(row));
    expect(await problems()).toMatch(/keyed part of the log was removed/);
  });

  it('says so when the keychain has no audit key, or another one', async () => {
    await secrets.delete(AUDIT_KEY_ACCOUNT);
    expect(await problems(openLog(db))).toMatch(/audit key is not in this OS keychain/);
    await secrets.set(AUDIT_KEY_ACCOUNT, crypto.randomBytes(32).toString('base64'));
    expect(await problems(openLog(db))).toMatch(/keychain holds another audit key/);
  });

  it('keeps the chain and the anchor consistent under concurrent writers on one store', async () => {
    const second = await SqliteDb.open(db.file, { wal: true });
    const other = openLog(second);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 2
          ? (i % 2 ? audit : other).begin({ channel: 'mcp', action: 'call', args: { i } }).then((e) => e.complete({ outcome: 'ok', rowCount: i }))
          : (i % 2 ? audit : other).record({ channel: 'cli', action: 'x', args: { i }, outcome: 'ok', durationMs: 0 }),
      ),
    );
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: true, rows: 86, problems: [], incomplete: [] });
    expect(result.anchored_seq).toBe(86);
    await second.close();
  });
});

describe('group commit: rows that arrive together are written together', () => {
  it('writes concurrent rows in fewer transactions than rows, each committed and anchored before its call resumes', async () => {
    const reader = await SqliteDb.open(db.file, { readOnly: true });
    const transactions = vi.spyOn(db, 'transaction');
    try {
      const seqs = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          audit.record({ channel: 'mcp', action: 'q', args: { i }, outcome: 'ok', durationMs: 1 }).then(async (seq) => {
            // Seen from another connection, and named by the anchor, by the time the caller resumes.
            const row = await reader.get<{ action: string; args_json: string }>('SELECT action, args_json FROM audit_log WHERE seq = ?', [seq]);
            expect(row).toEqual({ action: 'q', args_json: JSON.stringify({ i }) });
            expect(readAnchor(auditAnchorFile(dir), await auditKey())!.seq).toBeGreaterThanOrEqual(seq);
            return seq;
          }),
        ),
      );
      expect(new Set(seqs).size).toBe(40);
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => 7 + i));
      // One transaction for the rows and one for the anchor per group; one row at a time would take 80.
      expect(transactions.mock.calls.length).toBeLessThan(40);
      expect(await audit.verify()).toMatchObject({ ok: true, rows: 46, anchored_seq: 46 });
    } finally {
      transactions.mockRestore();
      await reader.close();
    }
  });

  it('appends after its own last row in one statement, and reads the head again once another writer appended', async () => {
    const second = await SqliteDb.open(db.file, { wal: true });
    const other = openLog(second);
    const transactions = vi.spyOn(db, 'transaction');
    try {
      await audit.record({ channel: 'mcp', action: 'mine', args: {}, outcome: 'ok', durationMs: 1 });
      // The only transaction is the anchor's: the row went in with one conditional INSERT.
      expect(transactions.mock.calls.length).toBe(1);
      await other.record({ channel: 'cli', action: 'theirs', args: {}, outcome: 'ok', durationMs: 1 });
      await audit.record({ channel: 'mcp', action: 'mine again', args: {}, outcome: 'ok', durationMs: 1 });
      expect(transactions.mock.calls.length).toBe(3);
      expect((await rows()).slice(-3).map((r) => r.action)).toEqual(['mine', 'theirs', 'mine again']);
      expect(await audit.verify()).toMatchObject({ ok: true, problems: [], anchored_seq: 9 });
    } finally {
      transactions.mockRestore();
      await second.close();
    }
  });

  it('a row the store refuses fails alone: the others of its group are written and the log goes on', async () => {
    await db.exec("CREATE TRIGGER refuse_boom BEFORE INSERT ON audit_log WHEN NEW.action = 'boom' BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END;");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => audit.record({ channel: 'mcp', action: i === 5 ? 'boom' : 'q', args: { i }, outcome: 'ok', durationMs: 1 })),
    );
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([expect.stringMatching(/refused by trigger/)]);
    await db.exec('DROP TRIGGER refuse_boom');
    await audit.record({ channel: 'mcp', action: 'after', args: {}, outcome: 'ok', durationMs: 1 });
    expect((await rows()).map((r) => r.action).filter((a) => a === 'q').length).toBe(11);
    expect(await audit.verify()).toMatchObject({ ok: true, rows: 5 + 1 + 11 + 1 });
  });
});

describe('two engines on one data dir (the app and a Claude-spawned server)', () => {
  it('append concurrently, and the log with its anchor verifies from either', async () => {
    const shared = path.join(home.dir, 'shared');
    const keys = createSecretStore({ PACS_MCP_SECRETS: 'memory' });
    const a = await Engine.open({ dataDir: shared, secrets: keys, initDemo: false });
    const b = await Engine.open({ dataDir: shared, secrets: keys, initDemo: false });
    try {
      await Promise.all(
        Array.from({ length: 80 }, async (_, i) => {
          const engine = i % 2 ? a : b;
          if (i % 4 === 0) return engine.audit.record({ channel: 'http', action: 'q', args: { i }, outcome: 'ok', durationMs: 1 });
          const entry = await engine.audit.begin({ channel: 'mcp', action: 'query_sql', args: { sql: `SELECT ${i}` } });
          await new Promise((r) => setTimeout(r, i % 7));
          return entry.complete({ outcome: i % 5 ? 'ok' : 'error', error: i % 5 ? null : 'boom' });
        }),
      );
      for (const engine of [a, b]) expect(await engine.audit.verify()).toMatchObject({ ok: true, rows: 1 + 20 + 60 * 2, problems: [], anchored_seq: 141, incomplete: [] });
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('calls audited from start to completion', () => {
  it('commits the start row before the work; the anchor moves past it with the completion row', async () => {
    const anchored = async () => readAnchor(auditAnchorFile(dir), await auditKey())!.seq;
    const before = await anchored();
    const entry = await audit.begin({ channel: 'mcp', action: 'query_sql', args: { sql: 'SELECT 1' } });
    const reader = await SqliteDb.open(db.file, { readOnly: true });
    try {
      expect(await reader.get('SELECT outcome FROM audit_log WHERE seq = ?', [entry.seq])).toEqual({ outcome: 'started' });
    } finally {
      await reader.close();
    }
    expect(await anchored()).toBe(before);
    expect(await audit.verify()).toMatchObject({ ok: true, incomplete: [entry.seq] });
    const done = await entry.complete({ outcome: 'ok' });
    expect(await anchored()).toBe(done);
  });

  it('writes a start row before the work and a completion row after it, referring to the start', async () => {
    const entry = await audit.begin({ channel: 'mcp', clientName: 'Claude', action: 'query_sql', args: { sql: 'SELECT 1', token: 'abc' }, connectionId: 'demo' });
    const started = (await rows()).at(-1)!;
    expect(started).toMatchObject({ seq: entry.seq, outcome: 'started', action: 'query_sql', started_seq: null, connection_id: 'demo' });
    expect(JSON.parse(started.args_json)).toEqual({ sql: 'SELECT 1', token: '[REDACTED]' });
    expect((await audit.verify()).incomplete).toEqual([entry.seq]);

    const done = await entry.complete({ outcome: 'refused', error: 'writes are refused', rowCount: null });
    expect(await entry.complete({ outcome: 'ok' })).toBe(done);
    const completion = (await rows()).at(-1)!;
    expect(completion).toMatchObject({ seq: done, outcome: 'refused', error: 'writes are refused', action: 'query_sql', started_seq: entry.seq, args_json: '{}' });
    expect(await audit.verify()).toMatchObject({ ok: true, incomplete: [] });
  });

  it('detects a completion row moved to another call', async () => {
    const a = await audit.begin({ channel: 'mcp', action: 'one', args: {} });
    const b = await audit.begin({ channel: 'mcp', action: 'two', args: {} });
    const doneA = await a.complete({ outcome: 'ok' });
    await b.complete({ outcome: 'ok' });
    await db.run('UPDATE audit_log SET started_seq = ? WHERE seq = ?', [b.seq, doneA]);
    expect(await problems()).toMatch(new RegExp(`row ${doneA} was altered`));
    // Even re-MACed by someone holding the key, a completion must name the start of the same call, once.
    const key = await auditKey();
    await rechain(doneA, (row) => rowMac(key, row));
    const last = (await rows()).at(-1)!;
    await writeAnchor(auditAnchorFile(dir), key, { seq: last.seq, hash: last.hash });
    const text = await problems();
    expect(text).toMatch(new RegExp(`row ${doneA} completes row ${b.seq}, which is not the start of the same call`));
    expect(text).not.toMatch(/was altered/);
  });
});

describe('a log from a version with the unkeyed chain', () => {
  async function legacyStore(name: string, count: number, damage?: (db: SqliteDb) => Promise<void>) {
    const legacyDir = path.join(home.dir, name);
    fs.mkdirSync(legacyDir);
    const store = await SqliteDb.open(path.join(legacyDir, 'app.sqlite'), { wal: true });
    await migrate(store, 5);
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= count; seq++) {
      const row = { seq, at: new Date().toISOString(), os_user: 'old', channel: 'cli', client_name: null, client_version: null, action: `old_${seq}`, args_json: '{}', connection_id: null, outcome: 'ok', error: null, row_count: null, duration_ms: 1, prev_hash: prev };
      const hash = legacyRowHash(row);
      await store.run('INSERT INTO audit_log (seq, at, os_user, channel, client_name, client_version, action, args_json, connection_id, outcome, error, row_count, duration_ms, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)', [...Object.values(row), hash] as never);
      prev = hash;
    }
    await damage?.(store);
    await migrate(store);
    return { store, log: openLog(store, legacyDir) };
  }

  it('is checked once and continued by the keyed chain, which then covers the old rows too', async () => {
    const { store, log } = await legacyStore('legacy-intact', 4);
    try {
      expect(await log.verify()).toMatchObject({ ok: true, rows: 4, keyed: false, anchored_seq: null });
      await log.record({ channel: 'cli', action: 'after-upgrade', args: {}, outcome: 'ok', durationMs: 0 });
      const all = await store.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq');
      expect(all.map((r) => r.action)).toEqual(['old_1', 'old_2', 'old_3', 'old_4', 'audit.keyed', 'after-upgrade']);
      expect(JSON.parse(all[4].args_json)).toMatchObject({ legacy_rows: 4, legacy_head: all[3].hash, legacy_problems: [] });
      expect(await log.verify()).toMatchObject({ ok: true, rows: 6, keyed: true, anchored_seq: 6 });

      // An old row rewritten with its SHA-256 chain recomputed no longer matches what the keyed chain recorded.
      await store.run("UPDATE audit_log SET outcome = 'error' WHERE seq = 2");
      let prev = all[0].hash;
      for (const row of all.slice(1, 4)) {
        const { hash: _h, started_seq: _s, ...rest } = row;
        const next = legacyRowHash({ ...rest, outcome: row.seq === 2 ? 'error' : row.outcome, prev_hash: prev });
        await store.run('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?', [prev, next, row.seq]);
        prev = next;
      }
      expect((await log.verify()).problems.join('\n')).toMatch(/rows before row 5 are not the 4 rows the keyed chain started from/);
    } finally {
      await store.close();
    }
  });

  it('that was already altered keeps saying so after it is keyed', async () => {
    const { store, log } = await legacyStore('legacy-damaged', 3, (s) => s.run("UPDATE audit_log SET action = 'edited' WHERE seq = 2").then(() => undefined));
    try {
      await log.record({ channel: 'cli', action: 'after-upgrade', args: {}, outcome: 'ok', durationMs: 0 });
      const result = await log.verify();
      expect(result.ok).toBe(false);
      expect(result.problems.join('\n')).toMatch(/before the log was keyed: row 2 was altered/);
    } finally {
      await store.close();
    }
  });
});

describe('the anchor file', () => {
  it('is written owner-only', async () => {
    if (process.platform === 'win32') return;
    expect(fs.statSync(auditAnchorFile(dir)).mode & 0o777).toBe(0o600);
  });
});
