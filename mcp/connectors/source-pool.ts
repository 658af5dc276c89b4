import { noteSourceUse } from '../audit/source-use.js';
import { assertConfirmed, type ConnectionRecord } from '../connections/connection-types.js';
import type { SecretStore } from '../credentials/credentials.js';
import type { ConnectorContext } from './connector.js';
import { createConnector, type Connector } from './connector-factory.js';

/**
 * Open connectors by connection id. Each is created on first use and kept; a connector that
 * fails to build is not cached, so the next call tries again, and never affects the others.
 * Each connector handed out is noted for the audit row of the call that asked for it.
 */
export class SourcePool {
  private readonly open = new Map<string, { updatedAt: string; connector: Promise<Connector> }>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly context: ConnectorContext,
  ) {}

  /**
   * The connector of a connection. A connection the model registered and no person confirmed is
   * refused here, before any driver is loaded or any name is looked up: it cannot be used, tested
   * or made to probe the network.
   */
  get(record: ConnectionRecord): Promise<Connector> {
    noteSourceUse(record.id);
    try {
      assertConfirmed(record);
    } catch (err) {
      return Promise.reject(err);
    }
    const cached = this.open.get(record.id);
    if (cached && cached.updatedAt === record.updated_at) return cached.connector;
    if (cached) void this.evict(record.id);
    const connector = createConnector(record, this.secrets, this.context);
    this.open.set(record.id, { updatedAt: record.updated_at, connector });
    connector.catch(() => {
      if (this.open.get(record.id)?.connector === connector) this.open.delete(record.id);
    });
    return connector;
  }

  async evict(id: string): Promise<void> {
    const cached = this.open.get(id);
    this.open.delete(id);
    if (cached) await cached.connector.then((c) => c.close()).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.evict(id)));
  }
}
