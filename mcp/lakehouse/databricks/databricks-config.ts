import type { ConnectionOptions, OpenSessionRequest } from '@databricks/sql/dist/contracts/IDBSQLClient.js';
import type { ConnectionRecord } from '../../connections/connection-types.js';
import { UserError } from '../../util/user-error.js';
import { tenantCatalog } from '../tenant.js';

export interface DatabricksSettings {
  connectionId: string;
  host: string;
  httpPath: string;
  catalog: string;
  tenantId: string;
  auth: 'token' | 'oauth-m2m';
  oauthClientId?: string;
  volume: string;
  loadTimeoutS: number;
}

export class DatabricksConfigError extends UserError {
  constructor(message: string) {
    super('invalid', message);
  }
}

/** The connection record's settings, checked: the catalog is always the tenant's own. */
export function databricksSettings(record: ConnectionRecord, tenantId: string): DatabricksSettings {
  const c = record.config as Record<string, unknown>;
  const host = String(c.host ?? '')
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '');
  if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) {
    throw new DatabricksConfigError(`Connection "${record.id}": "${String(c.host)}" is not a Databricks host name; copy the Server Hostname from the SQL warehouse's connection details.`);
  }
  const httpPath = String(c.http_path ?? '').trim();
  if (!httpPath.startsWith('/')) throw new DatabricksConfigError(`Connection "${record.id}": the HTTP path must start with "/" (e.g. /sql/1.0/warehouses/abc123).`);
  const catalog = tenantCatalog(tenantId);
  if (c.catalog !== undefined && c.catalog !== '' && String(c.catalog).toLowerCase() !== catalog) {
    throw new DatabricksConfigError(
      `Connection "${record.id}" names catalog "${String(c.catalog)}", but tenant "${tenantId}" lives in catalog ${catalog}: every warehouse name is built from the tenant id. Remove the catalog setting.`,
    );
  }
  const auth = c.auth === 'oauth-m2m' ? 'oauth-m2m' : 'token';
  if (auth === 'oauth-m2m' && !c.oauth_client_id) throw new DatabricksConfigError(`Connection "${record.id}" uses OAuth (M2M) but has no oauth_client_id.`);
  return {
    connectionId: record.id,
    host,
    httpPath,
    catalog,
    tenantId,
    auth,
    oauthClientId: c.oauth_client_id ? String(c.oauth_client_id) : undefined,
    volume: String(c.volume ?? 'pacs_staging'),
    loadTimeoutS: Number(c.load_timeout_s ?? 3_600),
  };
}

/**
 * Options for DBSQLClient.connect. Telemetry is off (this app sends nothing anywhere but the
 * warehouse), big numbers keep their precision, and retries stay short so a tool call fails
 * with a clear message instead of hanging.
 */
export function connectOptions(settings: DatabricksSettings, secret: string): ConnectionOptions {
  const common = {
    host: settings.host,
    path: settings.httpPath,
    userAgentEntry: 'pacs-mcp',
    telemetryEnabled: false,
    preserveBigNumericPrecision: true,
    socketTimeout: 60_000,
    retryMaxAttempts: 3,
    retriesTimeout: 30_000,
  };
  if (settings.auth === 'oauth-m2m') {
    return { ...common, authType: 'databricks-oauth', oauthClientId: settings.oauthClientId, oauthClientSecret: secret, tokenCacheEnabled: false };
  }
  return { ...common, authType: 'access-token', token: secret };
}

/** Sessions start in the tenant catalog, with a server-side statement time limit. */
export function sessionRequest(settings: DatabricksSettings, statementTimeoutS: number): OpenSessionRequest {
  return {
    initialCatalog: settings.catalog,
    initialSchema: 'bronze',
    configuration: { STATEMENT_TIMEOUT: String(Math.max(1, Math.round(statementTimeoutS))), ansi_mode: 'true' },
    queryTags: { app: 'pacs-mcp', tenant: settings.tenantId },
  };
}
