import { UserError } from '../util/user-error.js';
import type { TestResult } from './connector.js';

/**
 * Why a source could not be reached, in words a county IT person can act on. Each driver has its
 * own classifier (postgres-errors.ts, sqlserver-errors.ts); the network failures they share are
 * described here once.
 */

export type FailureKind = NonNullable<TestResult['failure']>;

export interface ClassifiedFailure {
  failure: FailureKind;
  message: string;
}

/** Connecting (or logging in) failed. Thrown by connectors so tools report the same words test_connection does. */
export class SourceUnavailableError extends UserError {
  constructor(
    readonly failure: FailureKind,
    message: string,
  ) {
    super('unavailable', message);
  }
}

export interface Endpoint {
  connectionId: string;
  product: 'PostgreSQL' | 'SQL Server';
  host: string;
  /** Undefined for a SQL Server named instance (its port comes from SQL Server Browser). */
  port?: number;
  database: string;
  user?: string;
  connectTimeoutMs: number;
}

/** One error in a driver's chain of causes. */
export interface ErrorLink {
  code?: string;
  message: string;
  number?: number;
}

/**
 * Every error in the chain: drivers wrap the socket or TLS error (`cause`, mssql's
 * `originalError`, tedious's AggregateError `errors`).
 */
export function errorChain(err: unknown): ErrorLink[] {
  const links: ErrorLink[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || seen.has(value) || depth > 6) return;
    seen.add(value);
    const e = value as { code?: unknown; message?: unknown; number?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
    links.push({
      code: typeof e.code === 'string' ? e.code : undefined,
      message: typeof e.message === 'string' ? e.message : String(value),
      number: typeof e.number === 'number' ? e.number : undefined,
    });
    visit(e.cause, depth + 1);
    visit(e.originalError, depth + 1);
    if (Array.isArray(e.errors)) for (const inner of e.errors) visit(inner, depth + 1);
  };
  visit(err, 0);
  if (links.length === 0) links.push({ message: String(err) });
  return links;
}

export function chainHas(links: ErrorLink[], test: { codes?: string[]; pattern?: RegExp }): boolean {
  return links.some((l) => (test.codes && l.code !== undefined && test.codes.includes(l.code)) || (test.pattern !== undefined && test.pattern.test(l.message)));
}

const DNS_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL'];
const REFUSED_CODES = ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'];
const TIMEOUT_CODES = ['ETIMEDOUT', 'ETIMEOUT'];

const where = (e: Endpoint) => (e.port ? `${e.host}:${e.port}` : e.host);
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

const LISTEN_HINT: Record<Endpoint['product'], string> = {
  PostgreSQL: 'PostgreSQL must listen on that address (listen_addresses in postgresql.conf) and pg_hba.conf must allow this PC',
  'SQL Server':
    'SQL Server must have TCP/IP enabled (SQL Server Configuration Manager → Network Configuration); for a named instance set the instance name and make sure the SQL Server Browser service runs',
};

/** DNS, refused and timeout: the same for every driver. */
export function networkFailure(err: unknown, endpoint: Endpoint): ClassifiedFailure | undefined {
  const links = errorChain(err);
  if (chainHas(links, { codes: DNS_CODES, pattern: /getaddrinfo|ENOTFOUND|EAI_AGAIN/ })) {
    return {
      failure: 'dns',
      message:
        `The server name "${endpoint.host}" could not be found (the DNS lookup failed). Check the spelling of the server name in connection "${endpoint.connectionId}", ` +
        'try its full name (for example server.county.local) or its IP address, and check that this PC is on the county network or VPN.',
    };
  }
  if (chainHas(links, { codes: REFUSED_CODES, pattern: /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/ })) {
    return {
      failure: 'refused',
      message:
        `Nothing accepted the connection at ${where(endpoint)} (connection refused). Check that ${endpoint.product} is running on that server and port, ` +
        `that ${LISTEN_HINT[endpoint.product]}, and that no firewall blocks this PC.`,
    };
  }
  if (chainHas(links, { codes: TIMEOUT_CODES, pattern: /timeout expired|connection timeout|Failed to connect .* in \d+ms|timed out/i })) {
    return {
      failure: 'timeout',
      message:
        `${where(endpoint)} did not answer within ${seconds(endpoint.connectTimeoutMs)}. The server may be down or busy, a firewall may be dropping the traffic, ` +
        `or it may be reachable only over VPN. Check those, or raise the connect timeout of connection "${endpoint.connectionId}" (--connect-timeout, in ms).`,
    };
  }
  return undefined;
}

const SELF_SIGNED = {
  codes: ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT'],
  pattern: /self[- ]signed certificate|unable to verify the first certificate|unable to get local issuer certificate/i,
};
const WRONG_NAME = { codes: ['ERR_TLS_CERT_ALTNAME_INVALID'], pattern: /does not match certificate's altnames|Hostname\/IP does not match/i };
const EXPIRED = { codes: ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'], pattern: /certificate has expired|certificate is not yet valid/i };
const OLD_PROTOCOL = { codes: ['ERR_SSL_UNSUPPORTED_PROTOCOL'], pattern: /unsupported protocol|wrong version number|no protocols available/i };

/**
 * Certificate problems. `trustFix` names the per-connection option that accepts an unverified
 * certificate (trust_server_certificate on SQL Server, ssl "require" on PostgreSQL).
 */
export function tlsFailure(err: unknown, endpoint: Endpoint, trustFix: string): ClassifiedFailure | undefined {
  const links = errorChain(err);
  if (chainHas(links, SELF_SIGNED)) {
    return {
      failure: 'tls',
      message:
        `${endpoint.product} at ${where(endpoint)} presented a self-signed certificate (or one from an authority this PC does not trust), so the encrypted connection was refused. ` +
        `Either install the server's certificate authority on this PC, or ${trustFix} — the traffic stays encrypted, but the server's identity is not checked, so do this only on the county network.`,
    };
  }
  if (chainHas(links, WRONG_NAME)) {
    return {
      failure: 'tls',
      message:
        `The certificate of ${where(endpoint)} is issued to a different name than "${endpoint.host}". Use the server name exactly as written on its certificate (often the full name, like server.county.local), ` +
        `or ${trustFix}.`,
    };
  }
  if (chainHas(links, EXPIRED)) {
    return {
      failure: 'tls',
      message: `The certificate of ${where(endpoint)} has expired or is not valid yet. Ask the database administrator to renew it, or ${trustFix} until then.`,
    };
  }
  if (chainHas(links, OLD_PROTOCOL)) {
    return {
      failure: 'tls',
      message:
        `${where(endpoint)} only offers an outdated TLS version that this PC refuses. Ask the database administrator to enable TLS 1.2 on the server (for SQL Server, install the TLS 1.2 update), then try again.`,
    };
  }
  return undefined;
}

export function failedTest(startedAt: number, classified: ClassifiedFailure): TestResult {
  return { ok: false, latency_ms: performance.now() - startedAt, failure: classified.failure, message: classified.message };
}
