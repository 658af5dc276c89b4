import { Engine } from '../../mcp/engine.js';
import { LocalLakehouse } from '../../mcp/lakehouse/local/local-lakehouse.js';
import { makeTempHome } from '../helpers/temp-home.js';
import { warehouseConformance } from './warehouse-conformance.js';

warehouseConformance(
  'local lakehouse (Parquet + DuckDB)',
  async () => {
    const home = makeTempHome('pacs-conf-local-');
    const engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory', PACS_MCP_TENANT: 'conf_a' }, initDemo: false });
    const warehouse = new LocalLakehouse({ dataDir: home.dir, store: engine.store, tenantId: 'conf_a' });
    const otherTenant = new LocalLakehouse({ dataDir: home.dir, store: engine.store, tenantId: 'conf_b' });
    return {
      engine,
      warehouse,
      otherTenant,
      slowQuery: 'SELECT count(*) FROM range(100000000000) a, range(1000) b',
      async cleanup() {
        await warehouse.close();
        await otherTenant.close();
        await engine.close();
        home.cleanup();
      },
    };
  },
  { tablePrefix: 'conf' },
);
