import type { ConnectorContext } from '../connectors/connector.js';
import type { ConnectionRecord } from '../connections/connection-types.js';
import type { SecretStore } from '../credentials/credentials.js';
import { parseTenantId, TenantMismatchError } from './tenant.js';
import type { WarehouseConnector } from './warehouse.js';

/** The tenant of a warehouse connection; a server only opens warehouses of its own tenant. */
function tenantOf(record: ConnectionRecord, context: ConnectorContext): string {
  const tenant = parseTenantId(record.config.tenant_id ?? 'default');
  if (tenant !== context.tenantId) throw new TenantMismatchError(context.tenantId, tenant, `connection "${record.id}"`);
  return tenant;
}

export async function buildLocalLakehouse(record: ConnectionRecord, context: ConnectorContext): Promise<WarehouseConnector> {
  const tenantId = tenantOf(record, context);
  const { LocalLakehouse } = await import('./local/local-lakehouse.js');
  return new LocalLakehouse({ dataDir: context.dataDir, store: context.store, tenantId });
}

export async function buildDatabricks(record: ConnectionRecord, secrets: SecretStore, context: ConnectorContext): Promise<WarehouseConnector> {
  const tenantId = tenantOf(record, context);
  const { DatabricksWarehouse } = await import('./databricks/databricks-warehouse.js');
  return DatabricksWarehouse.fromConnection(record, secrets, { ...context, tenantId });
}
