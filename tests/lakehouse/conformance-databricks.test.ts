import { describe, expect, it } from 'vitest';
import { Engine } from '../../mcp/engine.js';
import { secretAccount } from '../../mcp/credentials/credentials.js';
import { resolveWarehouse } from '../../mcp/lakehouse/warehouse-select.js';
import { suiteGate } from '../helpers/system.js';
import { makeTempHome } from '../helpers/temp-home.js';
import { warehouseConformance } from './warehouse-conformance.js';

/**
 * Databricks cannot be reached from the build machines. With PACS_TEST_DATABRICKS=1 and
 * DATABRICKS_HOST, DATABRICKS_HTTP_PATH, DATABRICKS_TOKEN (a token allowed to create schemas,
 * volumes and tables in catalog tenant_<PACS_TEST_DATABRICKS_TENANT>, default tenant_pacs_ci),
 * the same conformance suite as the local lakehouse runs against it.
 */
const live = process.env.PACS_TEST_DATABRICKS === '1' || process.env.PACS_TEST_DATABRICKS === 'true';
const missing = ['DATABRICKS_HOST', 'DATABRICKS_HTTP_PATH', 'DATABRICKS_TOKEN'].filter((k) => !process.env[k]);

suiteGate('databricks live', live, 'PACS_TEST_DATABRICKS unset; set it to 1 with DATABRICKS_HOST, DATABRICKS_HTTP_PATH and DATABRICKS_TOKEN', { requiredOnCi: false });

describe.runIf(live)('Databricks live settings', () => {
  it('has everything it needs', () => {
    expect(missing, `missing ${missing.join(', ')}`).toEqual([]);
  });
});

if (live && missing.length === 0) {
  const tenant = process.env.PACS_TEST_DATABRICKS_TENANT ?? 'pacs_ci';
  warehouseConformance(
    `Databricks SQL (${process.env.DATABRICKS_HOST})`,
    async () => {
      const home = makeTempHome('pacs-conf-dbx-');
      const engine = await Engine.open({ dataDir: home.dir, env: { PACS_MCP_SECRETS: 'memory', PACS_MCP_TENANT: tenant }, initDemo: false });
      await engine.connections.upsert({
        id: 'dbx',
        kind: 'databricks',
        role: 'warehouse',
        description: 'conformance',
        config: { host: process.env.DATABRICKS_HOST, http_path: process.env.DATABRICKS_HTTP_PATH, tenant_id: tenant, auth: 'token', volume: 'pacs_staging', load_timeout_s: 1800 },
      });
      await engine.secrets.set(secretAccount.connection('dbx'), process.env.DATABRICKS_TOKEN!);
      const { connector } = await resolveWarehouse(engine, 'dbx');
      return {
        engine,
        warehouse: connector,
        slowQuery: 'SELECT count(*) FROM range(1000000000000) a CROSS JOIN range(1000) b',
        async cleanup() {
          await engine.close();
          home.cleanup();
        },
      };
    },
    { tablePrefix: `conf_${Date.now().toString(36)}` },
  );
}
