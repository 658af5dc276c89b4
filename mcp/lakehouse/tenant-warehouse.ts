import { isWarehouseKind } from '../connections/connection-kinds.js';
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import type { ConnectionRecord } from '../connections/connection-types.js';

/** The tenant's warehouse connection: its default one, else any, else its local lakehouse. */
async function tenantWarehouse(connections: ConnectionRegistry, tenantId: string): Promise<ConnectionRecord | undefined> {
  const mine = (await connections.list()).filter((c) => isWarehouseKind(c.kind) && String(c.config.tenant_id ?? 'default') === tenantId);
  return mine.find((c) => c.is_default && c.role === 'warehouse') ?? mine.find((c) => c.role === 'warehouse') ?? mine.find((c) => c.kind === 'lakehouse');
}

/**
 * The tenant's local lakehouse as a connection, so list_connections shows it before anything was
 * loaded: registered when the tenant has no warehouse yet (it opens nothing until first used).
 */
export async function ensureLocalLakehouse(connections: ConnectionRegistry, tenantId: string): Promise<ConnectionRecord> {
  return (await tenantWarehouse(connections, tenantId)) ?? registerLocalLakehouse(connections, tenantId);
}

async function registerLocalLakehouse(connections: ConnectionRegistry, tenantId: string): Promise<ConnectionRecord> {
  const all = await connections.list();
  const id = all.some((c) => c.id === 'lakehouse') ? `lakehouse-${tenantId}`.slice(0, 64) : 'lakehouse';
  return connections.upsert({
    id,
    kind: 'lakehouse',
    role: 'warehouse',
    description: `Local lakehouse (Parquet + DuckDB) of tenant ${tenantId}`,
    config: { tenant_id: tenantId },
    is_default: !all.some((c) => c.is_default && c.role === 'warehouse'),
  });
}
