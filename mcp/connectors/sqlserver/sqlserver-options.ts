import type { ConnectionConfig } from '../../connections/connection-config.js';
import { SourceUnavailableError } from '../connection-failure.js';

export type SqlServerConfig = ConnectionConfig<'sqlserver'>;

export const DEFAULT_SQLSERVER_PORT = 1433;
const POOL_SIZE = 8;
/** The ODBC driver Windows integrated login goes through (msnodesqlv8). */
export const ODBC_DRIVER = 'ODBC Driver 18 for SQL Server';

/** What mssql is given: the tedious driver for SQL and NTLM logins, msnodesqlv8 for Windows integrated login. */
export interface SqlServerDriverChoice {
  driver: 'tedious' | 'msnodesqlv8';
  /** The mssql ConnectionPool config (contains the password: never log it). */
  config: Record<string, unknown>;
}

/** `COUNTY\jdoe` typed as the user: the domain is the part before the backslash. */
export function splitDomainUser(user: string | undefined, domain: string | undefined): { user?: string; domain?: string } {
  if (user && !domain) {
    const slash = user.indexOf('\\');
    if (slash > 0) return { domain: user.slice(0, slash), user: user.slice(slash + 1) };
  }
  return { user, domain };
}

const addCommand = (id: string) => `\`pacs-mcp connections set-password ${id}\` or the PACS MCP app`;

/**
 * Maps a connection's settings to the mssql driver config. `encrypt` is on unless the connection
 * turned it off; a self-signed certificate is accepted only when the connection says
 * trust_server_certificate. Throws SourceUnavailableError('login') when the login cannot work.
 */
export interface SqlServerLoginOptions {
  platform?: NodeJS.Platform;
  /** A person allowed this connection to sign in as the Windows user running PACS MCP. */
  ambientCredentials?: boolean;
}

export function sqlServerDriverConfig(connectionId: string, config: SqlServerConfig, password: string | undefined, options: SqlServerLoginOptions = {}): SqlServerDriverChoice {
  const platform = options.platform ?? process.platform;
  const common = {
    server: config.server,
    database: config.database,
    ...(config.instance ? {} : { port: config.port ?? DEFAULT_SQLSERVER_PORT }),
    connectionTimeout: config.connect_timeout_ms,
    requestTimeout: config.request_timeout_ms,
    pool: { max: POOL_SIZE, min: 0, idleTimeoutMillis: 30_000 },
    options: {
      encrypt: config.encrypt,
      trustServerCertificate: config.trust_server_certificate,
      ...(config.instance ? { instanceName: config.instance } : {}),
      appName: 'PACS MCP',
      useUTC: true,
      enableArithAbort: true,
    },
  };

  switch (config.authentication) {
    case 'sql': {
      if (!config.user) throw new SourceUnavailableError('login', `Connection "${connectionId}" uses a SQL Server login but has no user name. Add it with ${addCommand(connectionId)} and --user.`);
      if (!password) throw new SourceUnavailableError('login', `No password is stored for connection "${connectionId}" (SQL login "${config.user}"). Store it with ${addCommand(connectionId)}.`);
      return { driver: 'tedious', config: { ...common, user: config.user, password } };
    }
    case 'ntlm': {
      const { user, domain } = splitDomainUser(config.user, config.domain);
      if (!user || !domain) {
        throw new SourceUnavailableError(
          'login',
          `Connection "${connectionId}" uses a Windows domain (NTLM) login and needs both --domain and --user (or --user DOMAIN\\name). Add them with ${addCommand(connectionId)}.`,
        );
      }
      if (!password) throw new SourceUnavailableError('login', `No password is stored for connection "${connectionId}" (domain login ${domain}\\${user}). Store it with ${addCommand(connectionId)}.`);
      return { driver: 'tedious', config: { ...common, authentication: { type: 'ntlm', options: { domain, userName: user, password } } } };
    }
    case 'windows': {
      if (!options.ambientCredentials) {
        throw new SourceUnavailableError(
          'login',
          `Connection "${connectionId}" would sign in as the Windows account running PACS MCP, and nobody has allowed that for it. ` +
            `The user allows it with \`pacs-mcp connections confirm ${connectionId} --ambient-credentials\` or in the PACS MCP app (Connections → ${connectionId}).`,
        );
      }
      if (platform !== 'win32') {
        throw new SourceUnavailableError(
          'login',
          `Connection "${connectionId}" uses Windows integrated login, which works only on Windows (through the msnodesqlv8 driver). ` +
            'On this computer use a domain login instead (--auth ntlm --domain DOMAIN --user NAME with --password-stdin) or a SQL Server login (--auth sql).',
        );
      }
      return { driver: 'msnodesqlv8', config: { ...common, driver: 'msnodesqlv8', connectionString: odbcConnectionString(config) } };
    }
  }
}

/** The ODBC connection string for Windows integrated login: Trusted_Connection, same encryption choices. */
export function odbcConnectionString(config: SqlServerConfig): string {
  const server = config.instance ? `${config.server}\\${config.instance}` : `tcp:${config.server},${config.port ?? DEFAULT_SQLSERVER_PORT}`;
  const parts: [string, string][] = [
    ['Driver', `{${ODBC_DRIVER}}`],
    ['Server', odbcValue(server)],
    ['Database', odbcValue(config.database)],
    ['Trusted_Connection', 'yes'],
    ['Encrypt', config.encrypt ? 'yes' : 'no'],
    ['TrustServerCertificate', config.trust_server_certificate ? 'yes' : 'no'],
    ['Connection Timeout', String(Math.max(1, Math.round(config.connect_timeout_ms / 1000)))],
    ['APP', 'PACS MCP'],
  ];
  return parts.map(([k, v]) => `${k}=${v}`).join(';') + ';';
}

/** ODBC quotes a value containing ; { } or leading/trailing spaces in braces, doubling any }. */
function odbcValue(value: string): string {
  return /[;{}]|^\s|\s$/.test(value) ? `{${value.replace(/}/g, '}}')}}` : value;
}
