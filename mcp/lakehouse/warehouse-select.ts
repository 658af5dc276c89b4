import { isWarehouseKind } from '../connections/connection-kinds.js';
import type { ConnectionRecord } from '../connections/connection-types.js';
import { ProductionReadOnlyError } from '../connections/connection-types.js';
import type { Engine } from '../engine.js';
import { UserError } from '../util/user-error.js';
import { assertSameTenant } from './tenant.js';
import { ensureLocalLakehouse } from './tenant-warehouse.js';
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
  return ensureLocalLakehouse(engine.connections, engine.tenantId);
}

/** Loading into a warehouse writes to it: a production-role warehouse connection is read-only. */
export function assertWarehouseWritable(record: ConnectionRecord, what: string): void {
  if (record.role === 'production') throw new ProductionReadOnlyError(record.id, what);
}
