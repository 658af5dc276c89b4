import type { ConnectionKind, ConnectionRecord } from '../connections/connection-types.js';
import { secretAccount, type SecretStore } from '../credentials/credentials.js';
import type { WarehouseConnector } from '../lakehouse/warehouse.js';
import type { ConnectorContext, DatabaseConnector } from './connector.js';
import { UserError } from '../util/user-error.js';

/** Any open connector: a PACS database or a warehouse, told apart by `family`. */
export type Connector = DatabaseConnector | WarehouseConnector;

type ConnectorBuilder = (record: ConnectionRecord, secrets: SecretStore, context: ConnectorContext) => Promise<Connector>;

/**
 * One builder per connection kind. Drivers are imported inside each builder so a server that
 * only ever touches SQLite never loads `pg`, `mssql` or the Databricks SDK.
 */
const builders: Record<ConnectionKind, ConnectorBuilder> = {
  sqlite: async (record) => {
    const { SqliteConnector } = await import('./sqlite/sqlite-connector.js');
    return new SqliteConnector({ file: String(record.config.file) }, record);
  },
  postgres: async (record, secrets) => {
    const { PostgresConnector } = await import('./postgres/postgres-connector.js');
    const password = await secrets.get(secretAccount.connection(record.id));
    return new PostgresConnector(record, password ?? undefined, { ambientCredentials: record.ambient_credentials });
  },
  sqlserver: async (record, secrets) => {
    const { SqlServerConnector } = await import('./sqlserver/sqlserver-connector.js');
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

export async function createConnector(record: ConnectionRecord, secrets: SecretStore, context: ConnectorContext): Promise<Connector> {
  if (!Object.hasOwn(builders, record.kind)) throw new UserError('unavailable', `Connections of kind "${record.kind}" are not supported by PACS MCP.`);
  return builders[record.kind](record, secrets, context);
}
