import type { ConnectionRecord } from '../connections/connection-types.js';
import { secretAccount, type SecretStore } from '../credentials/credentials.js';
import type { SqliteDb } from '../store/sqlite-db.js';
import type { SourceConnector } from './connector.js';

/** What some connectors need besides their record: the lakehouse keeps files and a registry. */
export interface ConnectorContext {
  dataDir: string;
  store: SqliteDb;
  /** The tenant this process serves; warehouse connections of another tenant are refused. */
  tenantId: string;
}

export type ConnectorBuilder = (record: ConnectionRecord, secrets: SecretStore, context: ConnectorContext) => Promise<SourceConnector>;

/**
 * One builder per connection kind. Drivers are imported inside each builder so a server that
 * only ever touches SQLite never loads `pg`, `mssql` or the Databricks SDK.
 */
const builders: Partial<Record<ConnectionRecord['kind'], ConnectorBuilder>> = {
  sqlite: async (record) => {
    const { SqliteConnector } = await import('./sqlite-connector.js');
    return new SqliteConnector({ file: String(record.config.file) }, record);
  },
  postgres: async (record, secrets) => {
    const { PostgresConnector } = await import('./postgres-connector.js');
    const password = await secrets.get(secretAccount.connection(record.id));
    return new PostgresConnector(record, password ?? undefined, { ambientCredentials: record.ambient_credentials });
  },
  sqlserver: async (record, secrets) => {
    const { SqlServerConnector } = await import('./sqlserver-connector.js');
    // Windows integrated login has no password: the keychain is not asked.
    const password = record.config.authentication === 'windows' ? null : await secrets.get(secretAccount.connection(record.id));
    return new SqlServerConnector(record, password ?? undefined, { ambientCredentials: record.ambient_credentials });
  },
  lakehouse: async (record, _secrets, context) => {
    const { buildLocalLakehouse } = await import('../lakehouse/warehouse-builders.js');
    return buildLocalLakehouse(record, context);
  },
  databricks: async (record, secrets, context) => {
    const { buildDatabricks } = await import('../lakehouse/warehouse-builders.js');
    return buildDatabricks(record, secrets, context);
  },
};

export function registerConnectorBuilder(kind: ConnectionRecord['kind'], builder: ConnectorBuilder): void {
  builders[kind] = builder;
}

export async function createConnector(record: ConnectionRecord, secrets: SecretStore, context: ConnectorContext): Promise<SourceConnector> {
  const builder = builders[record.kind];
  if (!builder) throw new Error(`Connections of kind "${record.kind}" are not supported by this build of PACS MCP.`);
  return builder(record, secrets, context);
}
