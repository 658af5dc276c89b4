import type { ConnectionRecord } from '../connections/connection-types.js';
import { secretAccount, type SecretStore } from '../credentials/credentials.js';
import type { SourceConnector } from './connector.js';

export type ConnectorBuilder = (record: ConnectionRecord, secrets: SecretStore) => Promise<SourceConnector>;

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
    return new PostgresConnector(record, password ?? undefined);
  },
  sqlserver: async (record, secrets) => {
    const { SqlServerConnector } = await import('./sqlserver-connector.js');
    // Windows integrated login has no password: the keychain is not asked.
    const password = record.config.authentication === 'windows' ? null : await secrets.get(secretAccount.connection(record.id));
    return new SqlServerConnector(record, password ?? undefined);
  },
};

export function registerConnectorBuilder(kind: ConnectionRecord['kind'], builder: ConnectorBuilder): void {
  builders[kind] = builder;
}

export async function createConnector(record: ConnectionRecord, secrets: SecretStore): Promise<SourceConnector> {
  const builder = builders[record.kind];
  if (!builder) throw new Error(`Connections of kind "${record.kind}" are not supported by this build of PACS MCP.`);
  return builder(record, secrets);
}
