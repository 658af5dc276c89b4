import { isWarehouseKind } from '../connections/connection-kinds.js';
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import type { ConnectionRecord } from '../connections/connection-types.js';
import { ProductionReadOnlyError } from '../connections/connection-types.js';
import type { Engine } from '../engine.js';
import { UserError } from '../util/user-error.js';
import { assertSameTenant } from './tenant.js';
import type { WarehouseConnector } from './warehouse.js';

export class NotAWarehouseError extends UserError {
  constructor(record: ConnectionRecord) {
    super(
      'invalid',
      `Connection "${record.id}" is a ${record.kind} source, not a warehouse. Name a lakehouse or databricks connection ` +
        '(list_connections shows them), or leave the warehouse out to use the local lakehouse.',
    );
  }
}

/**
 * The warehouse a lakehouse tool works on: the named connection, else this tenant's default
 * warehouse, else the local lakehouse (registered when the data dir is set up, and again here
 * should it have been removed).
 * `tenantId`, when a caller passes one, must be the tenant this server serves.
 */
export async function resolveWarehouse(engine: Engine, connectionId?: string | null, tenantId?: string | null): Promise<{ record: ConnectionRecord; connector: WarehouseConnector }> {
  assertSameTenant(engine.tenantId, tenantId, 'the warehouse');
  const record = connectionId ? await engine.connections.get(connectionId) : await defaultWarehouse(engine);
  if (!isWarehouseKind(record.kind)) throw new NotAWarehouseError(record);
  const connector = await engine.sources.get(record);
  if (connector.family !== 'warehouse') throw new NotAWarehouseError(record);
  return { record, connector };
}

async function defaultWarehouse(engine: Engine): Promise<ConnectionRecord> {
  return (await tenantWarehouse(engine.connections, engine.tenantId)) ?? registerLocalLakehouse(engine.connections, engine.tenantId);
}

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

/** Loading into a warehouse writes to it: a production-role warehouse connection is read-only. */
export function assertWarehouseWritable(record: ConnectionRecord, what: string): void {
  if (record.role === 'production') throw new ProductionReadOnlyError(record.id, what);
}
