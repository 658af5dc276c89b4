import { demoTable } from '../demo/demo-schema.js';
import { sqlServerDdl } from '../demo/schema-ddl.js';
import { CODING_GROUP_STATUSES } from '../pacs/layers.js';
import { VALUE_COLUMNS } from './kinds/property-value-layout.js';

/**
 * The SQL Server side of a promotion: the stored procedures a DBA installs in pacs_oltp
 * (resources/sql/sqlserver/promotion-procedures.sql, generated from here), one per import kind.
 * Each reads the batch a QA-signed push left in pacs_training's staging tables, through synonyms
 * (the one place that names the training database), applies it to the layers PACS lets change,
 * records it in pacs_oltp's import_promotions ledger and answers with one row:
 *
 *   rows_applied INT, already_promoted BIT
 *
 * SET NOCOUNT ON (as PACS's own procedures) means the caller cannot count rows from the driver:
 * that row is the count. XACT_ABORT ON and a savepoint when called inside the caller's
 * transaction: an error rolls everything back and is thrown again; the caller reads the
 * 266/3902 errors that follow as "the procedure ended the transaction" (sqlserver-errors.ts).
 */

/** The columns of the one row a promotion procedure answers with. */
export const PROCEDURE_RESULT = { rowsApplied: 'rows_applied', alreadyPromoted: 'already_promoted' } as const;
/** The arguments each promotion procedure takes, in order (the call binds them as parameters). */
export const PROCEDURE_ARGUMENTS = ['batch_id', 'review_sha256', 'promoted_by'] as const;
export const PROMOTION_PROCEDURES = { exemptions: 'dbo.pacs_mcp_promote_exemptions', property_values: 'dbo.pacs_mcp_promote_property_values' } as const;
/** The database the synonyms point at, as the script ships; a DBA changes it there when the training database has another name. */
export const TRAINING_DATABASE = 'pacs_training';
/** Synonym in pacs_oltp → staging table in pacs_training. */
export const STAGING_SYNONYMS = {
  pacs_mcp_training_batches: 'import_staging_batches',
  pacs_mcp_training_exemptions: 'import_staging_exemptions',
  pacs_mcp_training_property_values: 'import_staging_property_values',
} as const;

const coding = CODING_GROUP_STATUSES.map((c) => `'${c}'`).join(', ');

/** The layer `psa` may change: its year is not certified, or it is in a supplement group still in coding. */
const writableLayer = (year: string) => `(EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = ${year} AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN (${coding})))`;

/** The body every promotion procedure shares: the ledger, the batch check, the savepoint pattern, the answer row. */
function procedure(name: string, kind: string, work: string): string {
  const [schema, bare] = name.split('.');
  // CREATE OR ALTER needs SQL Server 2016 SP1; a stub then ALTER works on every version PACS runs on.
  return `IF OBJECT_ID(N'${name}', N'P') IS NULL
  EXEC sp_executesql N'CREATE PROCEDURE [${schema}].[${bare}] AS RETURN 0;';
GO
ALTER PROCEDURE [${schema}].[${bare}]
  @batch_id VARCHAR(36),
  @review_sha256 CHAR(64),
  @promoted_by VARCHAR(100)
AS
BEGIN
  SET NOCOUNT ON;
  SET XACT_ABORT ON;
  DECLARE @rows_applied INT = 0;
  DECLARE @already_promoted BIT = 0;
  DECLARE @own_transaction BIT = CASE WHEN @@TRANCOUNT = 0 THEN 1 ELSE 0 END;
  IF @own_transaction = 1
    BEGIN TRANSACTION;
  ELSE
    SAVE TRANSACTION pacs_mcp_promote;
  BEGIN TRY
    IF EXISTS (SELECT 1 FROM dbo.import_promotions WITH (UPDLOCK, HOLDLOCK) WHERE batch_id = @batch_id)
      SET @already_promoted = 1;
    ELSE
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM dbo.pacs_mcp_training_batches b WHERE b.batch_id = @batch_id AND b.kind = '${kind}' AND b.review_sha256 = @review_sha256)
        THROW 50001, 'This batch is not in the training staging tables with this review sha256: push the QA-signed batch to pacs_training first.', 1;
${work}
      INSERT INTO dbo.import_promotions (batch_id, kind, review_sha256, applied_count, promoted_by)
      VALUES (@batch_id, '${kind}', @review_sha256, @rows_applied, @promoted_by);
    END;
    IF @own_transaction = 1
      COMMIT TRANSACTION;
  END TRY
  BEGIN CATCH
    -- A doomed transaction (XACT_ABORT) can only be rolled back whole; otherwise undo back to the savepoint.
    IF XACT_STATE() = -1 OR @own_transaction = 1
    BEGIN
      IF @@TRANCOUNT > 0
        ROLLBACK TRANSACTION;
    END
    ELSE IF XACT_STATE() = 1
      ROLLBACK TRANSACTION pacs_mcp_promote;
    THROW;
  END CATCH;
  SELECT @rows_applied AS ${PROCEDURE_RESULT.rowsApplied}, @already_promoted AS ${PROCEDURE_RESULT.alreadyPromoted};
END;
GO
`;
}

const EXEMPTION_WORK = `      -- REMOVE: exactly that exemption, on the year's current layer when it may change.
      DELETE pe
        FROM dbo.property_exemption pe
        JOIN dbo.pacs_mcp_training_exemptions s
          ON s.prop_id = pe.prop_id AND s.owner_id = pe.owner_id AND s.exmpt_type_cd = pe.exmpt_type_cd
         AND s.exmpt_tax_yr = pe.exmpt_tax_yr AND s.exmpt_tax_yr = pe.owner_tax_yr
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pe.owner_tax_yr AND psa.prop_id = pe.prop_id AND psa.sup_num = pe.sup_num
       WHERE s.batch_id = @batch_id AND s.action = 'REMOVE'
         AND ${writableLayer('s.exmpt_tax_yr')};
      SET @rows_applied = @rows_applied + @@ROWCOUNT;
      -- ADD: on the year's current layer when it may change, the owner owns the parcel there, and it is not there yet.
      INSERT INTO dbo.property_exemption (exmpt_tax_yr, owner_tax_yr, sup_num, prop_id, owner_id, exmpt_type_cd, prop_type_cd, applicant_nm,
             effective_dt, termination_dt, qualify_yr, exmpt_subtype_cd, exemption_pct, combined_disp_income, exempt_qualify_cd)
      SELECT s.exmpt_tax_yr, s.exmpt_tax_yr, psa.sup_num, s.prop_id, s.owner_id, s.exmpt_type_cd, p.prop_type_cd, s.applicant_nm,
             s.effective_dt, s.termination_dt, s.qualify_yr, s.exmpt_subtype_cd, s.exemption_pct, s.combined_disp_income, s.exempt_qualify_cd
        FROM dbo.pacs_mcp_training_exemptions s
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = s.exmpt_tax_yr AND psa.prop_id = s.prop_id
        JOIN dbo.property p ON p.prop_id = s.prop_id
       WHERE s.batch_id = @batch_id AND s.action = 'ADD'
         AND ${writableLayer('s.exmpt_tax_yr')}
         AND EXISTS (SELECT 1 FROM dbo.owner o WHERE o.owner_tax_yr = psa.owner_tax_yr AND o.sup_num = psa.sup_num AND o.prop_id = psa.prop_id AND o.owner_id = s.owner_id)
         AND NOT EXISTS (SELECT 1 FROM dbo.property_exemption pe
                          WHERE pe.exmpt_tax_yr = s.exmpt_tax_yr AND pe.owner_tax_yr = psa.owner_tax_yr AND pe.sup_num = psa.sup_num
                            AND pe.prop_id = s.prop_id AND pe.owner_id = s.owner_id AND pe.exmpt_type_cd = s.exmpt_type_cd);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;`;

/**
 * The value rows, each with its parcel: parcel_id is a prop_id when such a parcel exists (as
 * validation read it), else the geo_id of exactly one parcel.
 */
const VALUE_ROWS = `SELECT s.value_type, s.value_amount, YEAR(s.effective_date) AS tax_yr,
               COALESCE(by_id.prop_id, by_geo.prop_id) AS prop_id
          FROM dbo.pacs_mcp_training_property_values s
          LEFT JOIN dbo.property by_id ON by_id.prop_id = TRY_CONVERT(INT, s.parcel_id)
          OUTER APPLY (SELECT MIN(g.prop_id) AS prop_id FROM dbo.property g WHERE g.geo_id = s.parcel_id HAVING COUNT(*) = 1) by_geo
         WHERE s.import_batch_id = @batch_id`;

const PROPERTY_VALUE_WORK = VALUE_COLUMNS.map(
  (column) => `      -- ${column}: on the year's current layer when it may change, when the value differs.
      UPDATE pv SET ${column} = v.value_amount
        FROM dbo.property_val pv
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.prop_id = pv.prop_id AND psa.sup_num = pv.sup_num
        JOIN (${VALUE_ROWS}) v
          ON v.prop_id = pv.prop_id AND v.tax_yr = pv.prop_val_yr
       WHERE v.value_type = '${column}'
         AND ${writableLayer('pv.prop_val_yr')}
         AND (pv.${column} IS NULL OR pv.${column} <> v.value_amount);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;`,
).join('\n');

/** The script under resources/sql/sqlserver/: the ledger, the synonyms, both procedures. */
export function promotionProceduresScript(header: string): string {
  const synonyms = Object.entries(STAGING_SYNONYMS)
    .map(
      ([synonym, table]) =>
        `IF OBJECT_ID(N'dbo.${synonym}', N'SN') IS NULL\n  CREATE SYNONYM [dbo].[${synonym}] FOR [${TRAINING_DATABASE}].[dbo].[${table}];\nGO\n`,
    )
    .join('');
  return (
    header +
    '\nUSE [pacs_oltp];\nGO\n' +
    sqlServerDdl('all', [demoTable('import_promotions')]) +
    synonyms +
    procedure(PROMOTION_PROCEDURES.exemptions, 'exemptions', EXEMPTION_WORK) +
    procedure(PROMOTION_PROCEDURES.property_values, 'property_values', PROPERTY_VALUE_WORK)
  );
}
