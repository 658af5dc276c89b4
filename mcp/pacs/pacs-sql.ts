import type { SqlDialect } from '../guard/read-only-guard.js';

/**
 * The dialect-specific pieces of the engine's own PACS statements (everything else they send is
 * portable SQL): row limits, row locks for a read that is followed by a write, identifiers in
 * mixed case, and calling a county's stored procedure.
 */

/** `TOP (n)` for T-SQL, `LIMIT n` elsewhere; n is always an integer the engine validated. */
export function rowLimit(dialect: SqlDialect, n: number): { top: string; limit: string } {
  const rows = Math.max(1, Math.floor(n));
  return dialect === 'tsql' ? { top: `TOP (${rows})`, limit: '' } : { top: '', limit: `LIMIT ${rows}` };
}

/**
 * Locks the rows of table `alias` a SELECT reads until the transaction ends, so two writers
 * serialize on them: `WITH (UPDLOCK, ROWLOCK)` after the table on SQL Server, `FOR UPDATE OF
 * alias` at the end on PostgreSQL. SQLite has no row locks: its write transaction (BEGIN
 * IMMEDIATE) already holds the whole database.
 */
export function rowLock(dialect: SqlDialect, alias: string): { tableHint: string; suffix: string } {
  if (dialect === 'tsql') return { tableHint: ' WITH (UPDLOCK, ROWLOCK)', suffix: '' };
  if (dialect === 'postgres') return { tableHint: '', suffix: ` FOR UPDATE OF ${alias}` };
  return { tableHint: '', suffix: '' };
}

/** The hint on the target of an UPDATE that takes a slot: row locks, never page or table locks. */
export function updateHint(dialect: SqlDialect): string {
  return dialect === 'tsql' ? ' WITH (ROWLOCK)' : '';
}

/** A PACS column or table named in mixed case (lHearingID): exact, quoted the dialect's way. */
export function ident(dialect: SqlDialect, name: string): string {
  return dialect === 'tsql' ? `[${name.replace(/]/g, ']]')}]` : `"${name.replace(/"/g, '""')}"`;
}

/** A procedure name the county configured: schema-qualified or not, letters, digits and _ only. */
export const PROCEDURE_NAME = /^([A-Za-z_][A-Za-z0-9_]{0,127}\.)?[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * A call of a stored procedure with named arguments in order (`?` placeholders): EXEC with
 * @name = ? on SQL Server, CALL with the values in order on PostgreSQL.
 */
export function procedureCall(dialect: SqlDialect, name: string, argNames: readonly string[]): string {
  if (!PROCEDURE_NAME.test(name)) throw new Error(`"${name}" is not a procedure name (letters, digits and _; optionally schema.name).`);
  const parts = name.split('.');
  if (dialect === 'tsql') return `EXEC ${parts.map((p) => ident(dialect, p)).join('.')} ${argNames.map((a) => `@${a} = ?`).join(', ')}`;
  if (dialect === 'postgres') return `CALL ${parts.map((p) => ident(dialect, p)).join('.')}(${argNames.map(() => '?').join(', ')})`;
  throw new Error('A SQLite database has no stored procedures.');
}
