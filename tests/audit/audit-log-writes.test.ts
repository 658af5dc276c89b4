import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { auditAnchorFile, readAnchor, writeAnchor } from '../../mcp/audit/audit-anchor.js';
import { rowMac, type AuditRow } from '../../mcp/audit/audit-chain.js';
import { AUDIT_KEY_ACCOUNT, auditKeyId } from '../../mcp/audit/audit-key.js';
import { AuditLog } from '../../mcp/audit/audit-log.js';
import { createSecretStore, type SecretStore } from '../../mcp/credentials/credentials.js';
import { migrate } from '../../mcp/store/migrations.js';
import { SqliteDb, type SqlValue } from '../../mcp/store/sqlite-db.js';
import { canonicalJson } from '../../mcp/util/canonical-json.js';
import { osUser } from '../../mcp/util/os-user.js';
import { changed, FIRST_PREV_HASH, legacyLog, newAuditKey } from '../helpers/audit-rows.js';
import { makeTempHome } from '../helpers/temp-home.js';
import { walCommits } from '../helpers/wal-commits.js';

/**
 * How the audit log writes its chain, on a store of its own in a temporary folder: the row that
 * starts the keyed chain, the seq and hash each new row continues from, and when the anchor
 * moves or is left as the evidence `verify` reports.
 */

const COLUMNS = ['seq', 'at', 'os_user', 'channel', 'client_name', 'client_version', 'action', 'args_json', 'connection_id', 'outcome', 'error', 'row_count', 'duration_ms', 'prev_hash', 'hash', 'started_seq'] as const;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const close of closers.splice(0)) await close();
});

async function auditStore(options: { legacy?: AuditRow[]; busyTimeoutMs?: number } = {}) {
  const home = makeTempHome('pacs-audit-writes-');
  const db = await SqliteDb.open(path.join(home.dir, 'app.sqlite'), { wal: true, busyTimeoutMs: options.busyTimeoutMs });
  closers.push(async () => {
    await db.close();
    home.cleanup();
  });
  await migrate(db);
  for (const row of options.legacy ?? []) {
    await db.run(`INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`, COLUMNS.map((c) => row[c]) as SqlValue[]);
  }
  const secrets: SecretStore = createSecretStore({ PACS_MCP_SECRETS: 'memory' });
  const anchorFile = auditAnchorFile(home.dir);
  /** A log as another process opens it (it knows nothing of the log's head yet). */
  const open = () => new AuditLog(db, { secrets, anchorFile });
  return {
    db,
    anchorFile,
    open,
    rows: () => db.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq'),
    secrets,
    key: async () => Buffer.from((await secrets.get(AUDIT_KEY_ACCOUNT))!, 'base64'),
    record: (log: AuditLog, action: string) => log.record({ channel: 'cli', action, args: {}, outcome: 'ok', durationMs: 1 }),
  };
}

describe('the audit log writes', () => {
  it("the keyed chain's start row first, every column as verify expects it, then rows MACed after it", async () => {
    const store = await auditStore();
    await store.record(store.open(), 'first');
    const key = await store.key();
    const [marker, first] = await store.rows();
    expect(marker).toEqual({
      seq: 1,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      os_user: osUser(),
      channel: 'system',
      client_name: null,
      client_version: null,
      action: 'audit.keyed',
      args_json: canonicalJson({ legacy_rows: 0, legacy_head: FIRST_PREV_HASH, legacy_problems: [], key_id: auditKeyId(key) }),
      connection_id: null,
      outcome: 'ok',
      error: null,
      row_count: 0,
      duration_ms: 0,
      prev_hash: FIRST_PREV_HASH,
      hash: expect.any(String),
      started_seq: null,
    });
    const { hash: markerHash, ...markerRest } = marker;
    expect(markerHash).toBe(rowMac(key, markerRest));
    const { hash, ...rest } = first;
    expect(first).toMatchObject({ seq: 2, action: 'first', prev_hash: markerHash });
    expect(hash).toBe(rowMac(key, rest));
    expect(readAnchor(store.anchorFile, key)).toEqual({ seq: 2, hash, key_id: auditKeyId(key), authentic: true });
  });

  it('records at most 20 problems of the unkeyed rows in the row that starts the keyed chain', async () => {
    const legacy = legacyLog(25).map((row) => ({ ...row, outcome: 'error' }));
    const store = await auditStore({ legacy });
    await store.record(store.open(), 'after-upgrade');
    const marker = (await store.rows())[25];
    const args = JSON.parse(marker.args_json) as { legacy_rows: number; legacy_head: string; legacy_problems: string[] };
    expect(args.legacy_rows).toBe(25);
    expect(args.legacy_head).toBe(legacy[24].hash);
    expect(args.legacy_problems).toEqual(Array.from({ length: 20 }, (_, i) => `row ${i + 1} was altered after it was written`));
    expect(marker).toMatchObject({ seq: 26, row_count: 25, prev_hash: legacy[24].hash });
  });

  it('a row removed from the end by another writer: the next row takes the next seq sqlite_sequence hands out, not the removed one', async () => {
    const store = await auditStore();
    const mine = store.open();
    await store.record(mine, 'mine');
    await store.record(mine, 'mine too');
    await store.record(store.open(), 'theirs');
    await store.db.run("DELETE FROM audit_log WHERE action = 'theirs'");
    // This process's last row is the log's last row again; the removed row's seq is not reused.
    await store.record(mine, 'mine again');
    expect((await store.rows()).map((r) => [r.seq, r.action])).toEqual([
      [1, 'audit.keyed'],
      [2, 'mine'],
      [3, 'mine too'],
      [5, 'mine again'],
    ]);
    expect((await mine.verify()).problems).toEqual(['rows 4..4 are missing', 'row 4, which the anchor file names, was removed']);
  });

  it('a row removed from the end with sqlite_sequence put back: the next row takes its seq, and the anchor still names the removed one', async () => {
    const store = await auditStore();
    const log = store.open();
    await store.record(log, 'one');
    await store.record(log, 'two');
    await store.db.run('DELETE FROM audit_log WHERE seq = 3');
    await store.db.run("UPDATE sqlite_sequence SET seq = 2 WHERE name = 'audit_log'");
    await store.record(store.open(), 'three');
    expect((await store.rows()).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(readAnchor(store.anchorFile, await store.key())!.seq).toBe(3);
    expect((await log.verify()).problems).toEqual(['row 3 is not the row the anchor file names: the log was rewritten from there']);
  });

  it("sqlite_sequence's row deleted: the next row still follows the last one", async () => {
    const store = await auditStore();
    await store.record(store.open(), 'one');
    await store.db.run("DELETE FROM sqlite_sequence WHERE name = 'audit_log'");
    const log = store.open();
    await store.record(log, 'two');
    expect((await store.rows()).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(await log.verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('once the keyed chain is known, appends after its own last row in one statement (the only transaction is the anchor move)', async () => {
    const store = await auditStore();
    const log = store.open();
    await store.record(log, 'one');
    await store.record(store.open(), 'theirs');
    await store.record(log, 'two');
    const transactions = vi.spyOn(store.db, 'transaction');
    await store.record(log, 'three');
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(await log.verify()).toMatchObject({ ok: true, anchored_seq: 5 });
  });

  it("writes a call's start row and its completion row in one statement each (the anchor moves with the completion)", async () => {
    const store = await auditStore();
    const log = store.open();
    await store.record(log, 'one');
    await store.record(store.open(), 'theirs');
    await store.record(log, 'two');
    const transactions = vi.spyOn(store.db, 'transaction');
    const entry = await log.begin({ channel: 'mcp', action: 'query_sql', args: {} });
    expect(transactions).toHaveBeenCalledTimes(0);
    await entry.complete({ outcome: 'ok' });
    expect(transactions).toHaveBeenCalledTimes(1);
    expect(await log.verify()).toMatchObject({ ok: true, anchored_seq: 6, incomplete: [] });
  });

  it('goes on after a row the store refused once another process had appended', async () => {
    const store = await auditStore();
    const log = store.open();
    await store.record(log, 'one');
    await store.record(store.open(), 'theirs');
    await store.record(log, 'two');
    await store.record(store.open(), 'theirs again');
    await store.db.exec("CREATE TRIGGER refuse_boom BEFORE INSERT ON audit_log WHEN NEW.action = 'boom' BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END;");
    await expect(store.record(log, 'boom')).rejects.toThrow(/refused by trigger/);
    await store.db.exec('DROP TRIGGER refuse_boom');
    expect(await store.record(log, 'after')).toBe(6);
    expect(await log.verify()).toMatchObject({ ok: true, rows: 6 });
  });

  it('keeps the key it read: a key put into the keychain later does not change what this process writes', async () => {
    const store = await auditStore();
    const log = store.open();
    await store.record(log, 'one');
    const key = await store.key();
    await store.secrets.set(AUDIT_KEY_ACCOUNT, newAuditKey().toString('base64'));
    await store.record(log, 'two');
    const { hash, ...rest } = (await store.rows()).at(-1)!;
    expect(hash).toBe(rowMac(key, rest));
  });

  it('keeps moving an intact anchor, and continues the chain from the last row another process wrote', async () => {
    const store = await auditStore();
    const a = store.open();
    const b = store.open();
    await store.record(a, 'a1');
    await store.record(b, 'b1');
    await store.record(a, 'a2');
    expect((await store.rows()).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(await a.verify()).toEqual({ ok: true, rows: 4, problems: [], keyed: true, anchored_seq: 4, incomplete: [] });
  });
});

describe('rows that arrive while a write is under way', () => {
  it('are committed together, in one transaction, also when another process appended first', async () => {
    const store = await auditStore();
    const mine = store.open();
    const theirs = store.open();
    await store.record(mine, 'one');
    await store.record(mine, 'two');
    const before = walCommits(store.db.file);
    // A call's start row is written at once; meanwhile another process appends, and two more rows
    // are queued here. They go together after the start row, and find the log's head has moved.
    const [entry, , seqs] = await Promise.all([
      mine.begin({ channel: 'mcp', action: 'started', args: {} }),
      store.record(theirs, 'theirs'),
      Promise.all([store.record(mine, 'queued 1'), store.record(mine, 'queued 2')]),
    ]);
    expect(seqs).toEqual([6, 7]);
    expect((await store.rows()).map((r) => [r.seq, r.action])).toEqual([
      [1, 'audit.keyed'],
      [2, 'one'],
      [3, 'two'],
      [4, 'started'],
      [5, 'theirs'],
      [6, 'queued 1'],
      [7, 'queued 2'],
    ]);
    // The start row, the other process's row, and the two queued rows in one commit.
    expect(walCommits(store.db.file) - before).toBe(3);
    await entry.complete({ outcome: 'ok' });
    expect(await mine.verify()).toMatchObject({ ok: true, rows: 8, anchored_seq: 8, incomplete: [] });
  });
});

describe('a store another process keeps busy', () => {
  it('past the busy timeout of the one-statement append: the row waits for the write lock on the long way, and the call does not fail', async () => {
    const store = await auditStore({ busyTimeoutMs: 1_000 });
    const log = store.open();
    await store.record(log, 'one');
    await store.record(log, 'two');
    const other = await SqliteDb.open(store.db.file, { wal: true });
    closers.unshift(() => other.close());
    await other.exec('BEGIN IMMEDIATE');
    // The other process commits once this one has given up on the one statement and turns to
    // the long way, whose transaction then waits for the write lock.
    let released: Promise<void> | undefined;
    const transaction = store.db.transaction.bind(store.db);
    vi.spyOn(store.db, 'transaction').mockImplementation(((work) => {
      released ??= other.exec('COMMIT');
      return transaction(work);
    }) as typeof store.db.transaction);
    expect(await store.record(log, 'three')).toBe(4);
    await released;
    expect((await store.rows()).map((r) => r.action)).toEqual(['audit.keyed', 'one', 'two', 'three']);
    expect(await log.verify()).toMatchObject({ ok: true, rows: 4, anchored_seq: 4 });
  });
});

describe('the audit log verifies', () => {
  it('a store never written to', async () => {
    const store = await auditStore();
    expect(await store.open().verify()).toEqual({ ok: true, rows: 0, problems: [], keyed: false, anchored_seq: null, incomplete: [] });
  });

  it('rows removed from the end by what sqlite_sequence remembers, when the anchor is gone too', async () => {
    const store = await auditStore();
    const log = store.open();
    await store.record(log, 'one');
    await store.record(log, 'two');
    await store.db.run('DELETE FROM audit_log WHERE seq = 3');
    fs.rmSync(store.anchorFile);
    expect((await store.open().verify()).problems).toEqual([
      'rows 3..3 at the end were removed',
      'the anchor file (audit-anchor.json in the data folder) is missing: it was deleted, so removed rows at the end could go unnoticed',
    ]);
  });
});

describe('when the anchor cannot be written', () => {
  it('the call is still recorded, and the failure is logged', async () => {
    const store = await auditStore();
    const log = store.open();
    await store.record(log, 'one');
    // The anchor is written aside first: a folder in the way makes that fail.
    fs.mkdirSync(`${store.anchorFile}.tmp`);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await store.record(log, 'two')).toBe(3);
    expect(stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.includes('anchor'))).toEqual([
      expect.stringMatching(/^\[pacs-mcp\] ERROR the audit anchor could not be updated: .*EISDIR/),
    ]);
    expect(readAnchor(store.anchorFile, await store.key())!.seq).toBe(2);
  });
});

describe('the anchor is left as it is, as evidence, when', () => {
  it('it was deleted (and that is not logged as a failure on each append)', async () => {
    const store = await auditStore();
    const log = store.open();
    await store.record(log, 'one');
    fs.rmSync(store.anchorFile);
    const stderr = vi.spyOn(process.stderr, 'write');
    await store.record(log, 'two');
    expect(fs.existsSync(store.anchorFile)).toBe(false);
    expect(stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.includes('anchor'))).toEqual([]);
  });

  it('it was written under another key', async () => {
    const store = await auditStore();
    const log = store.open();
    await store.record(log, 'one');
    await writeAnchor(store.anchorFile, newAuditKey(), { seq: 2, hash: (await store.rows())[1].hash });
    const forged = fs.readFileSync(store.anchorFile, 'utf8');
    await store.record(log, 'two');
    expect(fs.readFileSync(store.anchorFile, 'utf8')).toBe(forged);
    expect((await log.verify()).problems).toEqual(['the anchor file was altered (its MAC does not match the audit key)']);
  });

  it('the row it names is no longer the row it named', async () => {
    const store = await auditStore();
    const log = store.open();
    await store.record(log, 'one');
    await store.record(log, 'two');
    const key = await store.key();
    await writeAnchor(store.anchorFile, key, { seq: 2, hash: 'ab'.repeat(32) });
    await store.record(log, 'three');
    expect(readAnchor(store.anchorFile, key)).toMatchObject({ seq: 2, hash: 'ab'.repeat(32) });
    expect((await log.verify()).problems).toEqual(['row 2 is not the row the anchor file names: the log was rewritten from there']);
  });

  it('the keyed part of the log was removed: a new keyed chain starts, and the anchor still names the removed row', async () => {
    const store = await auditStore();
    await store.record(store.open(), 'one');
    await store.db.run('DELETE FROM audit_log');
    const log = store.open();
    await store.record(log, 'after-removal');
    expect((await store.rows()).map((r) => [r.seq, r.action])).toEqual([
      [3, 'audit.keyed'],
      [4, 'after-removal'],
    ]);
    expect(readAnchor(store.anchorFile, await store.key())!.seq).toBe(2);
    expect((await log.verify()).problems).toEqual(['rows 1..2 are missing', 'row 2, which the anchor file names, was removed']);
  });

  it('the keyed part was replaced by as many unkeyed rows: the anchor names the last of them with another hash', async () => {
    const store = await auditStore();
    await store.record(store.open(), 'one');
    await store.record(store.open(), 'two');
    await store.db.run('DELETE FROM audit_log');
    const unkeyed = legacyLog(3);
    for (const row of unkeyed) {
      await store.db.run(`INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`, COLUMNS.map((c) => row[c]) as SqlValue[]);
    }
    const log = store.open();
    await store.record(log, 'after-replacement');
    expect(readAnchor(store.anchorFile, await store.key())).toMatchObject({ seq: 3, authentic: true });
    expect((await log.verify()).problems).toEqual(['row 3 is not the row the anchor file names: the log was rewritten from there']);
  });

  it('an anchor of the key names another row with the hash of the last unkeyed row when the log is first keyed', async () => {
    const legacy = legacyLog(2);
    const store = await auditStore({ legacy });
    const key = newAuditKey();
    await store.secrets.set(AUDIT_KEY_ACCOUNT, key.toString('base64'));
    await writeAnchor(store.anchorFile, key, { seq: 7, hash: legacy[1].hash });
    const log = store.open();
    await store.record(log, 'after-upgrade');
    expect(readAnchor(store.anchorFile, key)).toMatchObject({ seq: 7, authentic: true });
    expect((await log.verify()).problems).toEqual(['rows 5..7 at the end were removed (the anchor file names row 7)']);
  });

  it('a forged anchor names the last unkeyed row when the log is first keyed', async () => {
    const legacy = legacyLog(2);
    const store = await auditStore({ legacy });
    await writeAnchor(store.anchorFile, newAuditKey(), { seq: 2, hash: legacy[1].hash });
    const log = store.open();
    await store.record(log, 'after-upgrade');
    expect((await log.verify()).problems).toEqual(['the anchor file was altered (its MAC does not match the audit key)']);
  });
});

describe('a log first keyed', () => {
  it('anchors the last unkeyed row, then the anchor follows the new rows', async () => {
    const legacy = legacyLog(2);
    const store = await auditStore({ legacy: changed(legacy, 2, {}) });
    const log = store.open();
    await store.record(log, 'after-upgrade');
    const key = await store.key();
    const last = (await store.rows()).at(-1)!;
    expect(readAnchor(store.anchorFile, key)).toEqual({ seq: 4, hash: last.hash, key_id: auditKeyId(key), authentic: true });
    expect(await log.verify()).toEqual({ ok: true, rows: 4, problems: [], keyed: true, anchored_seq: 4, incomplete: [] });
  });
});
