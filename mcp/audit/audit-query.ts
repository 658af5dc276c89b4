import type { SqliteDb, SqlValue } from '../store/sqlite-db.js';
import { UserError } from '../util/user-error.js';
import { AUDIT_CALLS } from './audit-calls.js';
import type { AuditRow } from './audit-log.js';

export interface AuditFilter {
  /** Matches action, arguments, error, client or connection (case-insensitive). */
  text?: string;
  action?: string;
  channel?: string;
  outcome?: string;
  connectionId?: string;
  /** ISO date (YYYY-MM-DD, whole day) or time, inclusive. */
  since?: string;
  until?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function whereClause(filter: AuditFilter): { sql: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const text = filter.text?.trim();
  if (text) {
    const like = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(LOWER(action) LIKE ? ESCAPE '\\' OR LOWER(args_json) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(error, '')) LIKE ? ESCAPE '\\'
      OR LOWER(COALESCE(client_name, '')) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(connection_id, '')) LIKE ? ESCAPE '\\')`);
    params.push(like, like, like, like, like);
  }
  const exact = { action: filter.action, channel: filter.channel, outcome: filter.outcome, connection_id: filter.connectionId };
  for (const [column, value] of Object.entries(exact)) {
    if (value) {
      where.push(`${column} = ?`);
      params.push(value);
    }
  }
  if (filter.since) {
    where.push('at >= ?');
    params.push(DATE_ONLY.test(filter.since) ? `${filter.since}T00:00:00.000Z` : new Date(filter.since).toISOString());
  }
  if (filter.until) {
    where.push('at <= ?');
    params.push(DATE_ONLY.test(filter.until) ? `${filter.until}T23:59:59.999Z` : new Date(filter.until).toISOString());
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Audited calls matching the filter (one line per call, see AUDIT_CALLS), newest first, with the total count of matches. */
export async function searchAudit(db: SqliteDb, filter: AuditFilter, limit: number): Promise<{ rows: AuditRow[]; total: number }> {
  for (const key of ['since', 'until'] as const) {
    const value = filter[key];
    if (value && !DATE_ONLY.test(value) && Number.isNaN(Date.parse(value))) throw new UserError('invalid', `"${value}" is not a date: write YYYY-MM-DD.`);
  }
  const { sql, params } = whereClause(filter);
  const cap = Math.max(1, Math.min(Math.floor(limit), 100_000));
  const rows = await db.all<AuditRow>(`SELECT * FROM ${AUDIT_CALLS} ${sql} ORDER BY seq DESC LIMIT ${cap}`, params);
  const count = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${AUDIT_CALLS} ${sql}`, params);
  return { rows, total: count?.n ?? rows.length };
}
