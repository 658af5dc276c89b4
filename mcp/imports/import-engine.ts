import type { AuditLog } from '../audit/audit-log.js';
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import type { ConnectionRecord } from '../connections/connection-types.js';
import type { Connector } from '../connectors/connector-factory.js';
import type { SqliteDb } from '../store/sqlite-db.js';

/** What imports need from the engine that owns them (the engine itself satisfies it). */
export interface ImportEngine {
  readonly audit: AuditLog;
  readonly connections: ConnectionRegistry;
  readonly store: SqliteDb;
  source(connectionId?: string | null): Promise<{ record: ConnectionRecord; connector: Connector }>;
}
