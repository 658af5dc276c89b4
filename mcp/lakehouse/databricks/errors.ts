import { createRequire } from 'node:module';
import { QueryCancelledError, QueryTimeoutError, type TestResult } from '../../connectors/connector.js';
import { UserError } from '../../util/user-error.js';

export type DatabricksFailure = NonNullable<TestResult['failure']> | 'permission' | 'not_found' | 'cancelled' | 'staging';

/** A Databricks failure in words a county IT person can act on; `failure` classifies it (not found, or unavailable for every other reason). */
export class DatabricksError extends UserError {
  constructor(
    message: string,
    readonly failure: DatabricksFailure,
    readonly detail: string,
  ) {
    super(failure === 'not_found' ? 'not_found' : 'unavailable', message);
  }
}

interface Context {
  host: string;
  catalog: string;
  /** What we were doing, e.g. "loading bronze.property". */
  action?: string;
  timeoutMs?: number;
}

const requireDriver = createRequire(import.meta.url);

/** The driver's own error classes; loaded when one of its errors is translated, so the driver is loaded already. */
function driverErrors() {
  const load = (name: string) => (requireDriver(`@databricks/sql/dist/errors/${name}.js`) as { default: new (...args: never[]) => Error }).default;
  return { AuthenticationError: load('AuthenticationError'), OperationStateError: load('OperationStateError'), RetryError: load('RetryError'), StagingError: load('StagingError') };
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/**
 * Maps what @databricks/sql throws (AuthenticationError, OperationStateError, StagingError,
 * RetryError, server errors carrying Databricks error classes, Node network errors) to a
 * DatabricksError, or to the connector-level timeout and cancel errors.
 */
export function translateDatabricksError(err: unknown, context: Context): Error {
  if (err instanceof UserError || err instanceof QueryTimeoutError || err instanceof QueryCancelledError) return err;
  const driver = driverErrors();
  const stateError = err instanceof driver.OperationStateError;
  const message = err instanceof Error ? err.message : typeof (err as { message?: unknown })?.message === 'string' ? String((err as { message: string }).message) : String(err);
  const code = String((err as { code?: unknown })?.code ?? '');
  const errorCode = String((err as { errorCode?: unknown })?.errorCode ?? '');
  const detail = firstLine(message);
  const doing = context.action ? ` while ${context.action}` : '';
  const make = (text: string, failure: DatabricksFailure) => new DatabricksError(`${text} (Databricks said: ${detail})`, failure, detail);

  if (stateError && errorCode === 'CANCELED') return new QueryCancelledError();
  if ((stateError && errorCode === 'TIMEOUT') || /DEADLINE_EXCEEDED|STATEMENT_TIMEOUT|timed out/i.test(message)) {
    return context.timeoutMs ? new QueryTimeoutError(context.timeoutMs) : make(`Databricks stopped the statement at its time limit${doing}.`, 'timeout');
  }
  if (err instanceof driver.StagingError) {
    return make(
      `The file upload to the Databricks volume failed${doing}. If the message mentions allowed local paths, the server asked for a file outside PACS MCP's staging folder and the driver refused.`,
      'staging',
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return make(`The Databricks host "${context.host}" was not found. Check the Server Hostname in the warehouse's connection details (without https://).`, 'dns');
  }
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return make(`Databricks at "${context.host}" could not be reached. Check the network, a proxy or firewall between this PC and Databricks.`, 'refused');
  }
  if (code === 'ETIMEDOUT' || err instanceof driver.RetryError) {
    return make(`Databricks at "${context.host}" did not answer in time${doing}. The SQL warehouse may be starting up; try again in a minute.`, 'timeout');
  }
  if (/CERT|SSL|TLS|self.signed/i.test(code) || /certificate|self signed|SSL/i.test(message)) {
    return make('The TLS connection to Databricks failed: the certificate was not trusted. Ask IT about a TLS-inspecting proxy and its CA certificate.', 'tls');
  }
  if (err instanceof driver.AuthenticationError || /\b401\b|invalid access token|token is expired|Unauthorized|invalid_client|Invalid Token/i.test(message)) {
    return make(
      'Databricks refused the login. Store a valid personal access token (or the OAuth secret of the service principal) with ' +
        '`pacs-mcp connections set-password ID` or in the PACS MCP app; it goes to the OS keychain.',
      'login',
    );
  }
  if (/NO_SUCH_CATALOG|CATALOG_NOT_FOUND|Catalog '.*' (was )?not found/i.test(message)) {
    return make(
      `The Unity Catalog catalog ${context.catalog} does not exist. Ask the Databricks admin to create it (CREATE CATALOG ${context.catalog}) and grant this login USE CATALOG, CREATE SCHEMA and CREATE VOLUME on it.`,
      'database_missing',
    );
  }
  if (/PERMISSION_DENIED|\b403\b|Forbidden|does not have .*privilege|INSUFFICIENT_PERMISSIONS/i.test(message)) {
    return make(`Databricks refused the request${doing}: this login lacks a privilege on ${context.catalog}. Ask the admin for the grants listed in docs/lakehouse.md.`, 'permission');
  }
  if (/TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND|VOLUME_NOT_FOUND|RESOURCE_DOES_NOT_EXIST|PATH_NOT_FOUND|does not exist/i.test(message)) {
    return make(`Databricks could not find what was asked for${doing}. Call list_source_tables on the warehouse connection to see the tables of ${context.catalog}.`, 'not_found');
  }
  if (/warehouse.*(stopped|not running|deleted)|ENDPOINT_NOT_FOUND|\b404\b/i.test(message)) {
    return make('The SQL warehouse named by the HTTP path is stopped or does not exist. Start it in Databricks, or check the HTTP path in its connection details.', 'other');
  }
  if (/PARSE_SYNTAX_ERROR|UNRESOLVED_COLUMN|DATATYPE_MISMATCH|AnalysisException/i.test(message)) {
    return make(`Databricks could not run the SQL${doing}. Check column and table names with describe_table.`, 'other');
  }
  return make(`Databricks returned an error${doing}.`, 'other');
}
