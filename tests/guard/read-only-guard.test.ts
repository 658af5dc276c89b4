import { describe, expect, it } from 'vitest';
import { assertReadOnly, classifyReadOnly, ReadOnlyViolation } from '../../mcp/guard/read-only-guard.js';
import { hostileAttempts, hostileAttemptsFor, legitimateReads, legitimateReadsFor } from './read-only-corpus.js';

const label = (sql: string) => JSON.stringify(sql.length > 90 ? `${sql.slice(0, 87)}...` : sql);

describe('read-only guard corpus', () => {
  it('is big enough to mean something', () => {
    expect(hostileAttempts.length).toBeGreaterThanOrEqual(150);
    expect(legitimateReads.length).toBeGreaterThanOrEqual(40);
    for (const dialect of ['sqlite', 'postgres', 'tsql'] as const) {
      expect(hostileAttemptsFor(dialect).length).toBeGreaterThanOrEqual(40);
      expect(legitimateReadsFor(dialect).length).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('hostile SQL is refused with a reason', () => {
  it.each(hostileAttempts.map((attempt) => [attempt.dialect, label(attempt.sql), attempt.why, attempt] as const))(
    '%s %s (%s)',
    async (_dialect, _label, _why, attempt) => {
      const verdict = await classifyReadOnly(attempt.sql, attempt.dialect);
      expect(verdict.allowed, `allowed: ${attempt.sql}`).toBe(false);
      expect(verdict.reason?.length ?? 0, 'a refusal must explain itself').toBeGreaterThan(40);
      await expect(assertReadOnly(attempt.sql, attempt.dialect)).rejects.toBeInstanceOf(ReadOnlyViolation);
    },
  );
});

describe('legitimate reads are allowed', () => {
  it.each(legitimateReads.map((read) => [read.dialect, read.what, read] as const))('%s: %s', async (_dialect, _what, read) => {
    const verdict = await classifyReadOnly(read.sql, read.dialect);
    expect(verdict, read.sql).toEqual({ allowed: true, statementCount: 1 });
    await expect(assertReadOnly(read.sql, read.dialect)).resolves.toBeUndefined();
  });
});

describe('refusal wording', () => {
  it('names the keyword found and where writes go', async () => {
    const verdict = await classifyReadOnly('DELETE FROM property', 'sqlite');
    expect(verdict.reason).toContain('`DELETE` was found');
    expect(verdict.reason).toContain('Writes go through the import tools.');
  });

  it('reads a misspelt SELECT as a typo, not as an attempt to write', async () => {
    for (const dialect of ['sqlite', 'postgres', 'tsql', 'duckdb'] as const) {
      const verdict = await classifyReadOnly('SELEC * FROM property', dialect);
      expect(verdict.allowed).toBe(false);
      expect(verdict.reason, dialect).toMatch(/starts with `SELEC`.*did you mean SELECT\?/);
      expect(verdict.reason, dialect).not.toMatch(/Writes go through/);
    }
    expect((await classifyReadOnly('SHOW TABLES', 'sqlite')).reason).not.toMatch(/did you mean|Writes go through/);
  });

  it('says parse failures are not run', async () => {
    const verdict = await classifyReadOnly('SELECT FROM WHERE (', 'postgres');
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain('could not be parsed');
    expect(verdict.reason).toContain('not run');
  });

  it('puts the reason on the thrown error', async () => {
    const error = await assertReadOnly('SELECT 1; SELECT 2', 'postgres').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReadOnlyViolation);
    expect((error as ReadOnlyViolation).message).toContain('one statement');
    expect((error as ReadOnlyViolation).verdict.statementCount).toBe(2);
  });

  it('refuses an unknown dialect', async () => {
    const verdict = await classifyReadOnly('SELECT 1', 'oracle' as never);
    expect(verdict.allowed).toBe(false);
  });
});
