import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretAccount } from '../../mcp/credentials/credentials.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { setPromotionProcedure } from '../../mcp/imports/promotion-targets.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { addProductionTarget, freeOwners, openImportEngine, signedBatch, type ImportTestEngine } from '../helpers/import-fixtures.js';
import { startRecordingTdsServer, type RecordedRequest } from '../helpers/recording-tds-server.js';

/**
 * What a promotion that goes through does and answers: on SQL Server it calls the procedure the
 * administrator allowlisted (any procedure name, not only the built-in statement sets of the demo
 * targets), and a batch promoted before is answered from the record without running anything.
 */

const cli = actorFor('cli');
const ui = actorFor('ui');

async function withEngine(test: (t: ImportTestEngine) => Promise<void>): Promise<void> {
  const t = await openImportEngine(300);
  try {
    await test(t);
  } finally {
    await t.close();
  }
}

describe('a promotion that goes through', () => {
  it('on SQL Server, executes the allowlisted procedure with the batch id, the review sha256 and the promoter as parameters, in a committed transaction', () =>
    withEngine(async (t) => {
      // The county's procedure ends with one row saying what it applied (SET NOCOUNT ON hides row counts).
      const server = await startRecordingTdsServer((request) => (request.kind === 'rpc' && request.statement.startsWith('EXEC') ? { rows: [{ rows_applied: 2, already_promoted: 0 }] } : undefined));
      try {
        await t.engine.connections.upsert({
          id: 'mssql_prod',
          kind: 'sqlserver',
          role: 'production',
          description: 'PACS production',
          config: { server: '127.0.0.1', port: server.port, database: 'pacs_oltp', authentication: 'sql', user: 'promoter', encrypt: false, trust_server_certificate: false, connect_timeout_ms: 5_000, request_timeout_ms: 10_000 },
        });
        await t.engine.secrets.set(secretAccount.connection('mssql_prod'), 'promoter-password');
        await setPromotionProcedure(t.engine, { connectionId: 'mssql_prod', kind: 'exemptions', procedure: 'dbo.county_promote_exemptions' }, ui);
        const batch = await signedBatch(t, await freeOwners(t, 2), 'to-sql-server.csv');
        await t.engine.imports.push({ batchId: batch.batch_id }, cli);

        const result = await t.engine.imports.promote({ batchId: batch.batch_id, targetConnectionId: 'mssql_prod', confirmTarget: 'mssql_prod' }, ui);
        expect(result).toMatchObject({ targetConnectionId: 'mssql_prod', procedure: 'dbo.county_promote_exemptions', appliedRows: 2, alreadyPromoted: false });
        expect(result.batch.status).toBe('promoted');
        const shape = (r: RecordedRequest) => (r.kind === 'rpc' ? `rpc: ${r.statement}` : r.kind === 'transaction' ? r.operation : null);
        const calls = server.requests().map(shape).filter((r) => r && r !== 'rpc: SELECT 1;');
        expect(calls).toEqual(['begin', 'rpc: EXEC [dbo].[county_promote_exemptions] @batch_id = @p1, @review_sha256 = @p2, @promoted_by = @p3', 'commit']);
        const exec = server.requests().find((r) => r.kind === 'rpc' && r.statement.startsWith('EXEC'));
        expect(exec && exec.kind === 'rpc' ? exec.text : '').toContain(batch.batch_id);
      } finally {
        await server.close();
      }
    }));

  it('promoting a promoted batch again to the same target runs nothing and names the procedure that promoted it', () =>
    withEngine(async (t) => {
      const prod = await addProductionTarget(t, { allowlisted: true });
      const batch = await signedBatch(t, await freeOwners(t, 2), 'promoted-again.csv');
      await t.engine.imports.push({ batchId: batch.batch_id }, cli);
      const confirm = { batchId: batch.batch_id, targetConnectionId: 'prod', confirmTarget: 'prod' };
      await t.engine.imports.promote(confirm, ui);
      const after = await prod('SELECT COUNT(*) AS n FROM property_exemption');
      const again = await t.engine.imports.promote(confirm, ui);
      expect(again).toMatchObject({ targetConnectionId: 'prod', procedure: 'pacs_mcp_promote_exemptions', appliedRows: 0, alreadyPromoted: true });
      expect(again.batch.status).toBe('promoted');
      expect(await prod('SELECT COUNT(*) AS n FROM property_exemption')).toEqual(after);

      // Its allowlist entry gone since (the app store edited outside the app): still answered from
      // the record, naming no procedure.
      const store = await SqliteDb.open(path.join(t.dir, 'app.sqlite'), { wal: true });
      try {
        await store.run("DELETE FROM promotion_targets WHERE connection_id = 'prod'");
      } finally {
        await store.close();
      }
      expect(await t.engine.imports.promote(confirm, ui)).toMatchObject({ procedure: '', appliedRows: 0, alreadyPromoted: true });
      expect(await prod('SELECT COUNT(*) AS n FROM property_exemption')).toEqual(after);
    }));
});
