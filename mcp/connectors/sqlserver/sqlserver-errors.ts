import { chainHas, errorChain, networkFailure, SourceUnavailableError, tlsFailure, type ClassifiedFailure, type Endpoint } from '../connection-failure.js';
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
