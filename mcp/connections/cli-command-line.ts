import { CONNECTION_CONFIG_SCHEMAS } from './connection-config.js';
import type { ConnectionRecord } from './connection-types.js';

/** Config key → `pacs-mcp connections add` flag, per kind, in the order the command lists them. */
const FLAGS: Record<string, [key: string, flag: string][]> = {
  postgres: [
    ['host', '--host'],
    ['port', '--port'],
    ['database', '--database'],
    ['user', '--user'],
    ['ssl', '--ssl'],
    ['connect_timeout_ms', '--connect-timeout'],
    ['statement_timeout_ms', '--statement-timeout'],
    ['jurisdiction', '--jurisdiction'],
    ['appeal_scheduled_status', '--appeal-status'],
    ['appeal_scheduling_procedure', '--appeal-procedure'],
    ['appeal_calendar_date', '--appeal-calendar-date'],
  ],
  sqlserver: [
    ['server', '--server'],
    ['instance', '--instance'],
    ['port', '--port'],
    ['database', '--database'],
    ['authentication', '--auth'],
    ['domain', '--domain'],
    ['user', '--user'],
    ['connect_timeout_ms', '--connect-timeout'],
    ['request_timeout_ms', '--request-timeout'],
    ['jurisdiction', '--jurisdiction'],
    ['appeal_scheduled_status', '--appeal-status'],
    ['appeal_scheduling_procedure', '--appeal-procedure'],
    ['appeal_calendar_date', '--appeal-calendar-date'],
  ],
};

/** The defaults a kind's schema fills in, so the command line names only what differs. */
function defaultsOf(kind: 'postgres' | 'sqlserver'): Record<string, unknown> {
  const minimal = kind === 'postgres' ? { database: 'x', user: 'x' } : { server: 'x', database: 'x' };
  return CONNECTION_CONFIG_SCHEMAS[kind].parse(minimal) as Record<string, unknown>;
}

const ALWAYS = new Set(['host', 'server', 'database', 'user', 'authentication']);

/**
 * Quotes a value in double quotes when it needs quoting at all, which cmd, PowerShell and POSIX
 * shells read alike for host, database and user names (a backslash stays a backslash, as in
 * COUNTY\jdoe); only a double quote inside is escaped.
 */
export function shellArg(value: string): string {
  return /^[A-Za-z0-9_.:/@=+,-]+$/.test(value) ? value : `"${value.replace(/"/g, '\\"')}"`;
}

/**
 * The exact `pacs-mcp connections add … --password-stdin` line that re-registers this connection
 * with the same settings and reads its password from stdin: what a person runs to enter a secret
 * the model must never see.
 */
export function connectionsAddCommand(record: Pick<ConnectionRecord, 'id' | 'kind' | 'role' | 'description' | 'config' | 'is_default'>): string {
  if (record.kind !== 'postgres' && record.kind !== 'sqlserver') throw new Error(`No password command for ${record.kind} connections.`);
  const defaults = defaultsOf(record.kind);
  const args = ['pacs-mcp', 'connections', 'add', '--id', record.id, '--kind', record.kind, '--role', record.role];
  for (const [key, flag] of FLAGS[record.kind]) {
    const value = record.config[key];
    if (value === undefined || value === null || value === '') continue;
    if (!ALWAYS.has(key) && value === defaults[key]) continue;
    args.push(flag, String(value));
  }
  if (record.kind === 'sqlserver') {
    if (record.config.encrypt === false) args.push('--no-encrypt');
    if (record.config.trust_server_certificate === true) args.push('--trust-server-certificate');
  }
  if (record.description) args.push('--description', record.description);
  if (record.is_default) args.push('--default');
  args.push('--password-stdin');
  return args.map(shellArg).join(' ');
}
