import { describe, expect, it } from 'vitest';
import { Engine } from '../../mcp/engine.js';
import { makeTempHome } from '../helpers/temp-home.js';

/**
 * Tampering with the audit log, one change at a time, must make `verify()` fail. The changes are
 * made the way someone with the store file could make them (plain SQL), to every column the log
 * has, so a column left out of the chain shows up here whatever the chain is computed with.
 */

const ROWS = 5;

async function auditedStore() {
  const home = makeTempHome('pacs-audit-tamper-');
  const engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory' }, initDemo: false });
  const base = (await engine.audit.recent(1))[0]?.seq ?? 0;
  for (let i = 0; i < ROWS; i++) {
    await engine.audit.record({
      channel: i % 2 ? 'cli' : 'mcp',
      clientName: 'tamper-test',
      clientVersion: '1.0.0',
      action: `tool_${i}`,
      args: { i, sql: `SELECT ${i}` },
      connectionId: i === 2 ? null : 'demo',
      outcome: i === 3 ? 'error' : 'ok',
      error: i === 3 ? 'it failed' : null,
      rowCount: i === 1 ? null : i,
      durationMs: 1.25 + i,
    });
  }
  const seqs = (await engine.store.all<{ seq: number }>('SELECT seq FROM audit_log WHERE seq > ? ORDER BY seq', [base])).map((r) => r.seq);
  return {
    engine,
    middle: seqs[2],
    last: seqs[seqs.length - 1],
    close: async () => {
      await engine.close();
      home.cleanup();
    },
  };
}

/** Every column of the audit log, as the store has it. */
async function auditColumns(): Promise<{ name: string; type: string }[]> {
  const store = await auditedStore();
  try {
    return await store.engine.store.all<{ name: string; type: string }>("SELECT name, type FROM pragma_table_info('audit_log') ORDER BY cid");
  } finally {
    await store.close();
  }
}

/** A different value of the same kind. */
function tampered(value: unknown, type: string): unknown {
  if (value === null) return /INT|REAL/i.test(type) ? 7 : 'planted';
  if (typeof value === 'number') return /INT/i.test(type) ? value + 1000 : value + 0.5;
  const text = String(value);
  if (/^[0-9a-f]{64}$/.test(text)) return (text[0] === 'f' ? 'e' : 'f') + text.slice(1);
  return `${text} `;
}

const columns = await auditColumns();

describe('the audit chain notices', () => {
  it('nothing when nothing was touched', async () => {
    const store = await auditedStore();
    try {
      const result = await store.engine.audit.verify();
      expect(result.ok, result.problems.join('; ')).toBe(true);
      expect(result.problems).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('knows the columns it protects', () => {
    expect(columns.map((c) => c.name)).toEqual(expect.arrayContaining(['seq', 'at', 'os_user', 'channel', 'client_name', 'client_version', 'action', 'args_json', 'connection_id', 'outcome', 'error', 'row_count', 'duration_ms']));
  });

  it.each(columns.flatMap((column) => (['middle', 'last'] as const).map((where) => [column.name, where, column.type] as const)))(
    'a changed %s in the %s row',
    async (name, where, type) => {
      const store = await auditedStore();
      try {
        const seq = store[where];
        const row = await store.engine.store.get<Record<string, unknown>>(`SELECT "${name}" AS value FROM audit_log WHERE seq = ?`, [seq]);
        await store.engine.store.run(`UPDATE audit_log SET "${name}" = ? WHERE seq = ?`, [tampered(row!.value, type) as string, seq]);
        const result = await store.engine.audit.verify();
        expect(result.ok, `${name} changed in row ${seq}`).toBe(false);
        expect(result.problems.length).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    },
  );

  it('exactly one row removed from the end', async () => {
    const store = await auditedStore();
    try {
      await store.engine.store.run('DELETE FROM audit_log WHERE seq = ?', [store.last]);
      const result = await store.engine.audit.verify();
      expect(result.ok).toBe(false);
      expect(result.problems.join(' ')).toMatch(/removed|missing/);
    } finally {
      await store.close();
    }
  });

  it('exactly one row removed from the middle', async () => {
    const store = await auditedStore();
    try {
      await store.engine.store.run('DELETE FROM audit_log WHERE seq = ?', [store.middle]);
      expect((await store.engine.audit.verify()).ok).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('two rows swapped', async () => {
    const store = await auditedStore();
    try {
      const [a, b] = [store.middle, store.middle + 1];
      await store.engine.store.exec(
        `UPDATE audit_log SET seq = -1 WHERE seq = ${a}; UPDATE audit_log SET seq = ${a} WHERE seq = ${b}; UPDATE audit_log SET seq = ${b} WHERE seq = -1;`,
      );
      expect((await store.engine.audit.verify()).ok).toBe(false);
    } finally {
      await store.close();
    }
  });
});
