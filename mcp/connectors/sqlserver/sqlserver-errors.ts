import { chainHas, errorChain, networkFailure, SourceUnavailableError, tlsFailure, type ClassifiedFailure, type Endpoint } from '../connection-failure.js';
import { UserError } from '../../util/user-error.js';
import { ODBC_DRIVER } from './sqlserver-options.js';

export type SqlServerAuthentication = 'sql' | 'ntlm' | 'windows';

/**
 * Why connecting to SQL Server failed: tedious error codes (ESOCKET, ETIMEOUT, ELOGIN,
 * EINSTLOOKUP), SQL Server error numbers (18456 login failed, 4060 cannot open database…),
 * and ODBC states for Windows integrated login (msnodesqlv8).
 */
export function classifySqlServerError(err: unknown, endpoint: Endpoint, authentication: SqlServerAuthentication): ClassifiedFailure {
  if (err instanceof SourceUnavailableError) return { failure: err.failure, message: err.message };
  const links = errorChain(err);
  const id = endpoint.connectionId;
  const login = endpoint.user ?? 'this Windows account';

  if (chainHas(links, { pattern: /Cannot open database|database .* does not exist/i }) || links.some((l) => l.number === 4060)) {
    return {
      failure: 'database_missing',
      message:
        `SQL Server at ${endpoint.host} has no database "${endpoint.database}" that login ${login} may open. Check the database name in connection "${id}" ` +
        '(pacs_training / pacs_oltp), and ask the database administrator to map the login to that database (db_datareader is enough for production).',
    };
  }
  if (chainHas(links, { pattern: /untrusted domain/i }) || links.some((l) => l.number === 18452)) {
    return {
      failure: 'login',
      message:
        authentication === 'windows'
          ? `SQL Server refused the Windows login of this PC's user: it is not from a trusted domain. Sign in to Windows with your county domain account, or use --auth ntlm with --domain and --user.`
          : `SQL Server refused the domain login ${login}: the domain is not trusted or the name is wrong. Check --domain (the short domain name, e.g. COUNTY) and --user on connection "${id}".`,
    };
  }
  if (chainHas(links, { pattern: /must be changed|password has expired/i }) || links.some((l) => l.number === 18488 || l.number === 18487)) {
    return { failure: 'login', message: `The password of login ${login} has expired or must be changed. Change it (SQL Server Management Studio, or ask the DBA), then store the new one with \`pacs-mcp connections set-password ${id}\`.` };
  }
  if (chainHas(links, { pattern: /Login failed|login failed/ }) || links.some((l) => l.number === 18456 || l.code === 'ELOGIN')) {
    const hint =
      authentication === 'sql'
        ? 'Check the user name and password; also check that the server allows SQL Server logins (Server Properties → Security → "SQL Server and Windows Authentication mode").'
        : authentication === 'ntlm'
          ? 'Check --domain, --user and the password of the domain account, and that the account has a login on this SQL Server.'
          : "This PC's Windows user has no login on this SQL Server: ask the database administrator to create one.";
    return { failure: 'login', message: `SQL Server refused the login ${login} for connection "${id}". ${hint} Store a corrected password with \`pacs-mcp connections set-password ${id}\` or in the PACS MCP app.` };
  }
  if (links.some((l) => l.code === 'EINSTLOOKUP')) {
    return {
      failure: 'refused',
      message:
        `The SQL Server instance "${endpoint.host}" could not be found: the SQL Server Browser service (UDP port 1434) did not answer for that instance name. ` +
        'Check the instance name, that SQL Server Browser runs and that the firewall allows UDP 1434, or set the instance\'s TCP port with --port instead.',
    };
  }
  if (chainHas(links, { codes: ['IM002'], pattern: /Data source name not found|no default driver specified/i })) {
    return { failure: 'other', message: `Windows integrated login needs the Microsoft "${ODBC_DRIVER}" on this PC. Install it from Microsoft (or ask IT), then try again.` };
  }
  const tls = tlsFailure(
    err,
    endpoint,
    `set trust_server_certificate on connection "${id}" (\`pacs-mcp connections add --id ${id} … --trust-server-certificate\`, or tick "Trust server certificate" in the app)`,
  );
  if (tls) return tls;
  const network = networkFailure(err, endpoint);
  if (network) return network;
  if (links.some((l) => l.code === 'ETIMEOUT')) return networkFailure({ code: 'ETIMEDOUT', message: 'timed out' }, endpoint)!;
  return { failure: 'other', message: `Could not connect to SQL Server at ${endpoint.host}: ${links[0].message}` };
}

/** The SQL Server errors a statement ended with, in the order the server sent them. */
export function sqlServerErrors(err: unknown): { number: number; message: string }[] {
  const out: { number: number; message: string }[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown) => {
    if (!e || typeof e !== 'object' || seen.has(e)) return;
    seen.add(e);
    const error = e as { number?: unknown; message?: unknown; info?: { number?: unknown; message?: unknown }; originalError?: unknown; precedingErrors?: unknown[]; cause?: unknown };
    // mssql reports the last error and keeps the ones before it in precedingErrors.
    for (const earlier of error.precedingErrors ?? []) visit(earlier);
    const number = typeof error.number === 'number' ? error.number : typeof error.info?.number === 'number' ? error.info.number : undefined;
    if (number !== undefined && !out.some((o) => o.number === number)) out.push({ number, message: String(error.info?.message ?? error.message ?? '') });
    visit(error.originalError);
    visit(error.cause);
  };
  visit(err);
  return out;
}

export function sqlServerErrorNumbers(err: unknown): number[] {
  return sqlServerErrors(err).map((e) => e.number);
}

/**
 * 266: a procedure returned with another transaction count than it was called with (it committed
 * or rolled back its caller's transaction); 3902 / 3903: the COMMIT or ROLLBACK that followed
 * found no transaction.
 */
export const TRANSACTION_ENDED_ERRORS = [266, 3902, 3903];
/** Numbers from 50000 up are errors a procedure raised itself (THROW, RAISERROR) for people to read. */
const FIRST_USER_DEFINED_ERROR = 50_000;

/** A procedure PACS MCP called ended its transaction (errors 266, 3902, 3903). */
export class TransactionEndedError extends UserError {
  constructor(connectionId: string, procedureMessage: string | null, options?: ErrorOptions) {
    super(
      'conflict',
      procedureMessage
        ? `A procedure on SQL Server (connection "${connectionId}") failed and rolled back the whole transaction: ${procedureMessage} Nothing was written.`
        : `A procedure on SQL Server (connection "${connectionId}") committed or rolled back the transaction PACS MCP called it in (error 266), so what it kept is unknown: ` +
            'check the database (import_promotions for a promotion) before trying again. A procedure PACS MCP calls must leave its caller\'s transaction open, as the ones in ' +
            'resources/sql/sqlserver/promotion-procedures.sql do with a savepoint (docs/sql-server.md, "Promotion").',
      options,
    );
  }
}

/** A procedure refused the write with an error of its own (THROW or RAISERROR, 50000 and up); the transaction was rolled back. */
export class WriteRefusedError extends UserError {
  constructor(connectionId: string, message: string, options?: ErrorOptions) {
    super('conflict', `SQL Server (connection "${connectionId}") refused the write: ${message} Nothing was written.`, options);
  }
}

/** A write's failure in words when a procedure ended the transaction or refused; anything else unchanged. */
export function sqlServerWriteError(err: unknown, connectionId: string): unknown {
  const errors = sqlServerErrors(err);
  const own = errors.find((e) => e.number >= FIRST_USER_DEFINED_ERROR) ?? errors.find((e) => !TRANSACTION_ENDED_ERRORS.includes(e.number));
  if (errors.some((e) => TRANSACTION_ENDED_ERRORS.includes(e.number))) return new TransactionEndedError(connectionId, own?.message ?? null, { cause: err });
  if (own && own.number >= FIRST_USER_DEFINED_ERROR) return new WriteRefusedError(connectionId, own.message, { cause: err });
  return err;
}

/** 1222: a read waited longer than its lock timeout for rows another session holds locked. */
export const LOCK_TIMEOUT_ERROR = 1222;
/** 3952: the database does not (or no longer) allow SNAPSHOT transactions. */
export const SNAPSHOT_NOT_ALLOWED_ERROR = 3952;

/** A read gave up waiting for rows a PACS writer held locked (SQL Server error 1222). */
export class SourceBusyError extends UserError {
  constructor(connectionId: string, lockTimeoutMs: number, options?: ErrorOptions) {
    super(
      'unavailable',
      `SQL Server (connection "${connectionId}") kept the rows this read needs locked for longer than ${Math.round(lockTimeoutMs / 1000)} s: another session is writing them. ` +
        'Try again in a moment. If it keeps happening, ask the database administrator to allow snapshot isolation on this database (docs/sql-server.md, "Locking").',
      options,
    );
  }
}
