import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransactionEndedError, WriteRefusedError } from '../../mcp/connectors/sqlserver/sqlserver-errors.js';
import { secretAccount } from '../../mcp/credentials/credentials.js';
import { actorFor } from '../../mcp/imports/actor.js';
import { ImportStateError } from '../../mcp/imports/import-errors.js';
import { PROMOTION_PROCEDURES } from '../../mcp/imports/promotion-procedures.js';
import { setPromotionProcedure } from '../../mcp/imports/promotion-targets.js';
import { csvText, EXEMPTION_HEADER, exemptionRow, openImportEngine, type ImportTestEngine } from '../helpers/import-fixtures.js';
import { startRecordingTdsServer, type Answer, type RecordedRequest, type RecordingTdsServer } from '../helpers/recording-tds-server.js';

/**
 * A promotion into a SQL Server production connection, as the driver sends it, to a stand-in that
 * speaks TDS: the allowlisted procedure is called inside one transaction with the batch as
 * parameters, and what the procedure answers (its rows_applied row, since PACS procedures run
 * with SET NOCOUNT ON) is what is reported, never the driver's row count. A procedure that fails
 * and rolls back the caller's transaction (its error, then 266) or refuses (THROW) leaves the
 * batch as it was, with the procedure's own words.
 */

let t: ImportTestEngine;
let server: RecordingTdsServer;
let answerExec: () => Answer | undefined = () => undefined;
const cli = actorFor('cli');
const ui = actorFor('ui');

beforeAll(async () => {
  t = await openImportEngine(200);
  server = await startRecordingTdsServer((r: RecordedRequest) => (r.kind === 'rpc' && r.statement.startsWith('EXEC ') ? answerExec() : undefined));
  await t.engine.connections.upsert({
    id: 'oltp',
    kind: 'sqlserver',
    role: 'production',
    description: 'stand-in pacs_oltp',
    config: { server: '127.0.0.1', port: server.port, database: 'pacs_oltp', authentication: 'sql', user: 'pacs_reader', encrypt: false, connect_timeout_ms: 5_000, request_timeout_ms: 10_000 },
  });
  await t.engine.secrets.set(secretAccount.connection('oltp'), 'reader-password');
  await setPromotionProcedure(t.engine, { connectionId: 'oltp', kind: 'exemptions', procedure: PROMOTION_PROCEDURES.exemptions }, ui);
});
afterAll(async () => {
  await t?.close();
  await server?.close();
});

/** A QA-signed exemption batch of `n` valid rows, pushed to the demo (training). */
async function pushedBatch(n: number, offset: number): Promise<string> {
  const owners = await t.demo<{ prop_id: number; owner_id: number }>(
    `SELECT o.prop_id, o.owner_id FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
       JOIN property p ON p.prop_id = o.prop_id
      WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R'
        AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026)
        AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL))
      ORDER BY o.prop_id, o.owner_id LIMIT ${n} OFFSET ${offset}`,
  );
  const staged = await t.engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, owners.map((o) => exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX' }))), file_name: `p${offset}.csv` }, cli);
  const { batch } = await t.engine.imports.validate({ batchId: staged.batch_id }, cli);
  expect(batch.error_row_count).toBe(0);
  await t.engine.imports.signoff({ batchId: batch.batch_id, reviewer: 'Pat QA', reviewedSha256: batch.content_sha256! }, cli);
  await t.engine.imports.push({ batchId: batch.batch_id }, cli);
  return batch.batch_id;
}

const since = (from: number) =>
  server
    .requests()
    .slice(from)
    .flatMap((r) => (r.kind === 'rpc' && r.statement !== 'SELECT 1;' ? [`rpc: ${r.statement}`] : r.kind === 'transaction' ? [`${r.operation}${r.isolation ? ` (${r.isolation})` : ''}`] : []));

describe('promotion on SQL Server', () => {
  it('calls the allowlisted procedure in one transaction and reports the rows it says it applied', async () => {
    const batchId = await pushedBatch(3, 0);
    answerExec = () => ({ rows: [{ rows_applied: 3, already_promoted: 0 }] });
    const from = server.requests().length;
    const result = await t.engine.imports.promote({ batchId, targetConnectionId: 'oltp', confirmTarget: 'oltp' }, ui);
    expect(result).toMatchObject({ appliedRows: 3, alreadyPromoted: false, procedure: 'dbo.pacs_mcp_promote_exemptions' });
    expect(result.batch.status).toBe('promoted');
    expect(since(from)).toEqual(['begin (read committed)', 'rpc: EXEC [dbo].[pacs_mcp_promote_exemptions] @batch_id = @p1, @review_sha256 = @p2, @promoted_by = @p3', 'commit']);
    const call = server.requests().slice(from).find((r) => r.kind === 'rpc' && r.statement.startsWith('EXEC'));
    expect(call).toMatchObject({ values: [batchId, result.batch.signoff_sha256, expect.any(String)] });
    const [event] = (await t.engine.imports.detail({ batchId, errorsOffset: 0, errorsLimit: 1, rowsLimit: 0 })).history.filter((h) => h.action === 'promoted');
    expect(event).toBeDefined();
  });

  it('a batch the target already has is reported as such, with what the procedure says', async () => {
    const batchId = await pushedBatch(1, 5);
    answerExec = () => ({ rows: [{ rows_applied: 0, already_promoted: 1 }] });
    expect(await t.engine.imports.promote({ batchId, targetConnectionId: 'oltp', confirmTarget: 'oltp' }, ui)).toMatchObject({ appliedRows: 0, alreadyPromoted: true });
  });

  it('a procedure that fails and rolls the whole transaction back (its error, then 266) leaves the batch pushed, in its own words', async () => {
    const batchId = await pushedBatch(1, 8);
    answerExec = () => ({
      errors: [
        { number: 547, message: 'The INSERT statement conflicted with the FOREIGN KEY constraint "fk_property_exemption_exmpt_type".' },
        { number: 266, message: 'Transaction count after EXECUTE indicates a mismatching number of BEGIN and COMMIT statements. Previous count = 1, current count = 0.' },
      ],
    });
    const from = server.requests().length;
    const failure = await t.engine.imports.promote({ batchId, targetConnectionId: 'oltp', confirmTarget: 'oltp' }, ui).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(TransactionEndedError);
    expect((failure as Error).message).toMatch(/failed and rolled back the whole transaction: The INSERT statement conflicted .* Nothing was written/);
    expect(since(from)).not.toContain('commit');
    const detail = await t.engine.imports.detail({ batchId, errorsOffset: 0, errorsLimit: 1, rowsLimit: 0 });
    expect(detail.batch.status).toBe('pushed_to_training');

    // Only 266: the procedure committed or rolled back the caller's transaction itself.
    answerExec = () => ({ errors: [{ number: 266, message: 'Transaction count after EXECUTE indicates a mismatching number of BEGIN and COMMIT statements.' }] });
    const unknown = await t.engine.imports.promote({ batchId, targetConnectionId: 'oltp', confirmTarget: 'oltp' }, ui).catch((err: unknown) => err);
    expect(unknown).toBeInstanceOf(TransactionEndedError);
    expect((unknown as Error).message).toMatch(/what it kept is unknown.*import_promotions.*savepoint/);
  });

  it('a procedure that refuses (THROW 50001) is rolled back and quoted', async () => {
    const batchId = await pushedBatch(1, 10);
    answerExec = () => ({ errors: [{ number: 50001, message: 'This batch is not in the training staging tables with this review sha256.' }] });
    const failure = await t.engine.imports.promote({ batchId, targetConnectionId: 'oltp', confirmTarget: 'oltp' }, ui).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(WriteRefusedError);
    expect((failure as Error).message).toMatch(/refused the write: This batch is not in the training staging tables/);
  });

  it('a procedure that answers no rows_applied row is not trusted: rolled back, and the template named', async () => {
    const batchId = await pushedBatch(1, 12);
    answerExec = () => undefined;
    const from = server.requests().length;
    const failure = await t.engine.imports.promote({ batchId, targetConnectionId: 'oltp', confirmTarget: 'oltp' }, ui).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ImportStateError);
    expect((failure as Error).message).toMatch(/did not answer with a row holding rows_applied.*promotion-procedures\.sql/);
    expect(since(from)).toEqual(['begin (read committed)', 'rpc: EXEC [dbo].[pacs_mcp_promote_exemptions] @batch_id = @p1, @review_sha256 = @p2, @promoted_by = @p3', 'rollback']);
  });
});
