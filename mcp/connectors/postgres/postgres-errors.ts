import { chainHas, errorChain, networkFailure, SourceUnavailableError, tlsFailure, type ClassifiedFailure, type Endpoint } from '../connection-failure.js';

const passwordCommand = (e: Endpoint) =>
  `Store the right one with \`pacs-mcp connections set-password ${e.connectionId}\` or in the PACS MCP app`;

/** Why connecting to PostgreSQL failed (SQLSTATE codes from the server, socket/TLS codes from Node). */
export function classifyPostgresError(err: unknown, endpoint: Endpoint): ClassifiedFailure {
  if (err instanceof SourceUnavailableError) return { failure: err.failure, message: err.message };
  const links = errorChain(err);
  const sqlstate = links.find((l) => l.code && /^[0-9A-Z]{5}$/.test(l.code))?.code;
  const user = endpoint.user ?? '(none)';

  if (sqlstate === '3D000') {
    return {
      failure: 'database_missing',
      message: `The database "${endpoint.database}" does not exist on ${endpoint.host}:${endpoint.port}. Check its name in connection "${endpoint.connectionId}" (names are case-sensitive; \`psql -l\` lists them).`,
    };
  }
  if (sqlstate === '28P01') {
    return {
      failure: 'login',
      message: `PostgreSQL refused the password for user "${user}". ${passwordCommand(endpoint)}.`,
    };
  }
  if (sqlstate === '28000') {
    const hba = links.some((l) => /pg_hba\.conf/.test(l.message));
    return {
      failure: 'login',
      message: hba
        ? `PostgreSQL does not let user "${user}" connect to "${endpoint.database}" from this PC (no pg_hba.conf entry). Ask the database administrator to add one for this PC's address, with SSL if the entry requires it.`
        : `PostgreSQL refused the login of user "${user}": ${links[0].message}. Check the user name in connection "${endpoint.connectionId}".`,
    };
  }
  if (sqlstate === '53300') {
    return { failure: 'other', message: `PostgreSQL at ${endpoint.host} has no free connections (too many clients). Try again shortly, or ask the administrator to raise max_connections.` };
  }
  if (chainHas(links, { pattern: /client password must be a string|password authentication failed|no password supplied/i })) {
    return {
      failure: 'login',
      message: `PostgreSQL asks for a password and none is stored for connection "${endpoint.connectionId}". ${passwordCommand(endpoint)}.`,
    };
  }
  if (chainHas(links, { pattern: /does not support SSL/i })) {
    return {
      failure: 'tls',
      message: `${endpoint.host}:${endpoint.port} does not accept encrypted (SSL) connections, but connection "${endpoint.connectionId}" requires one. Ask the administrator to enable ssl in postgresql.conf, or set the connection's ssl to "disable" if the network is trusted.`,
    };
  }
  const tls = tlsFailure(err, endpoint, `set ssl to "require" on connection "${endpoint.connectionId}" (--ssl require)`);
  if (tls) return tls;
  const network = networkFailure(err, endpoint);
  if (network) return network;
  return { failure: 'other', message: `Could not connect to PostgreSQL at ${endpoint.host}:${endpoint.port}: ${links[0].message}` };
}
