-- The promotion procedures, for pacs_oltp (SQL Server): what a QA-signed promotion from the PACS MCP desktop app runs. Idempotent.
-- Generated from mcp/imports/promotion-procedures.ts by `npm run sql:generate`: do not edit by hand (change a copy if you must).
--
--   sqlcmd -S jcharrispacs -E -b -i resources\sql\sqlserver\promotion-procedures.sql      (or open it in SQL Server Management Studio)
--
-- It creates in pacs_oltp: the import_promotions ledger; synonyms for the staging tables in pacs_training
-- (pacs_mcp_training_batches, pacs_mcp_training_exemptions, pacs_mcp_training_property_values);
-- and the procedures dbo.pacs_mcp_promote_exemptions and dbo.pacs_mcp_promote_property_values.
-- If the training database has another name, change [pacs_training] in the three CREATE SYNONYM lines.
-- Then grant the production login EXECUTE on both procedures, and SELECT on the three staging tables in the training
-- database (the procedures read them as the caller: docs/sql-server.md, "Promotion"). For example:
--   GRANT EXECUTE ON dbo.pacs_mcp_promote_exemptions TO [pacs_reader];
--   GRANT EXECUTE ON dbo.pacs_mcp_promote_property_values TO [pacs_reader];
-- Allowlist each procedure in the app (Promotion screen) for the pacs_oltp connection.

USE [pacs_oltp];
GO
IF OBJECT_ID(N'[dbo].[import_promotions]', N'U') IS NULL
CREATE TABLE [dbo].[import_promotions] (
  [batch_id] VARCHAR(36) NOT NULL,
  [kind] VARCHAR(30) NOT NULL,
  [review_sha256] CHAR(64) NOT NULL,
  [applied_count] INT NOT NULL,
  [promoted_by] VARCHAR(100) NOT NULL,
  [promoted_at] DATETIME NULL DEFAULT GETDATE(),
  CONSTRAINT [pk_import_promotions] PRIMARY KEY CLUSTERED ([batch_id])
);
GO
IF OBJECT_ID(N'dbo.pacs_mcp_training_batches', N'SN') IS NULL
  CREATE SYNONYM [dbo].[pacs_mcp_training_batches] FOR [pacs_training].[dbo].[import_staging_batches];
GO
IF OBJECT_ID(N'dbo.pacs_mcp_training_exemptions', N'SN') IS NULL
  CREATE SYNONYM [dbo].[pacs_mcp_training_exemptions] FOR [pacs_training].[dbo].[import_staging_exemptions];
GO
IF OBJECT_ID(N'dbo.pacs_mcp_training_property_values', N'SN') IS NULL
  CREATE SYNONYM [dbo].[pacs_mcp_training_property_values] FOR [pacs_training].[dbo].[import_staging_property_values];
GO
IF OBJECT_ID(N'dbo.pacs_mcp_promote_exemptions', N'P') IS NULL
  EXEC sp_executesql N'CREATE PROCEDURE [dbo].[pacs_mcp_promote_exemptions] AS RETURN 0;';
GO
ALTER PROCEDURE [dbo].[pacs_mcp_promote_exemptions]
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
      IF NOT EXISTS (SELECT 1 FROM dbo.pacs_mcp_training_batches b WHERE b.batch_id = @batch_id AND b.kind = 'exemptions' AND b.review_sha256 = @review_sha256)
        THROW 50001, 'This batch is not in the training staging tables with this review sha256: push the QA-signed batch to pacs_training first.', 1;
      -- REMOVE: exactly that exemption, on the year's current layer when it may change.
      DELETE pe
        FROM dbo.property_exemption pe
        JOIN dbo.pacs_mcp_training_exemptions s
          ON s.prop_id = pe.prop_id AND s.owner_id = pe.owner_id AND s.exmpt_type_cd = pe.exmpt_type_cd
         AND s.exmpt_tax_yr = pe.exmpt_tax_yr AND s.exmpt_tax_yr = pe.owner_tax_yr
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pe.owner_tax_yr AND psa.prop_id = pe.prop_id AND psa.sup_num = pe.sup_num
       WHERE s.batch_id = @batch_id AND s.action = 'REMOVE'
         AND (EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = s.exmpt_tax_yr AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN ('C', 'TO', 'P')));
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
         AND (EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = s.exmpt_tax_yr AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN ('C', 'TO', 'P')))
         AND EXISTS (SELECT 1 FROM dbo.owner o WHERE o.owner_tax_yr = psa.owner_tax_yr AND o.sup_num = psa.sup_num AND o.prop_id = psa.prop_id AND o.owner_id = s.owner_id)
         AND NOT EXISTS (SELECT 1 FROM dbo.property_exemption pe
                          WHERE pe.exmpt_tax_yr = s.exmpt_tax_yr AND pe.owner_tax_yr = psa.owner_tax_yr AND pe.sup_num = psa.sup_num
                            AND pe.prop_id = s.prop_id AND pe.owner_id = s.owner_id AND pe.exmpt_type_cd = s.exmpt_type_cd);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;
      INSERT INTO dbo.import_promotions (batch_id, kind, review_sha256, applied_count, promoted_by)
      VALUES (@batch_id, 'exemptions', @review_sha256, @rows_applied, @promoted_by);
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
  SELECT @rows_applied AS rows_applied, @already_promoted AS already_promoted;
END;
GO
IF OBJECT_ID(N'dbo.pacs_mcp_promote_property_values', N'P') IS NULL
  EXEC sp_executesql N'CREATE PROCEDURE [dbo].[pacs_mcp_promote_property_values] AS RETURN 0;';
GO
ALTER PROCEDURE [dbo].[pacs_mcp_promote_property_values]
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
      IF NOT EXISTS (SELECT 1 FROM dbo.pacs_mcp_training_batches b WHERE b.batch_id = @batch_id AND b.kind = 'property_values' AND b.review_sha256 = @review_sha256)
        THROW 50001, 'This batch is not in the training staging tables with this review sha256: push the QA-signed batch to pacs_training first.', 1;
      -- land_hstd_val: on the year's current layer when it may change, when the value differs.
      UPDATE pv SET land_hstd_val = v.value_amount
        FROM dbo.property_val pv
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.prop_id = pv.prop_id AND psa.sup_num = pv.sup_num
        JOIN (SELECT s.value_type, s.value_amount, YEAR(s.effective_date) AS tax_yr,
               COALESCE(by_id.prop_id, by_geo.prop_id) AS prop_id
          FROM dbo.pacs_mcp_training_property_values s
          LEFT JOIN dbo.property by_id ON by_id.prop_id = TRY_CONVERT(INT, s.parcel_id)
          OUTER APPLY (SELECT MIN(g.prop_id) AS prop_id FROM dbo.property g WHERE g.geo_id = s.parcel_id HAVING COUNT(*) = 1) by_geo
         WHERE s.import_batch_id = @batch_id) v
          ON v.prop_id = pv.prop_id AND v.tax_yr = pv.prop_val_yr
       WHERE v.value_type = 'land_hstd_val'
         AND (EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = pv.prop_val_yr AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN ('C', 'TO', 'P')))
         AND (pv.land_hstd_val IS NULL OR pv.land_hstd_val <> v.value_amount);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;
      -- land_non_hstd_val: on the year's current layer when it may change, when the value differs.
      UPDATE pv SET land_non_hstd_val = v.value_amount
        FROM dbo.property_val pv
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.prop_id = pv.prop_id AND psa.sup_num = pv.sup_num
        JOIN (SELECT s.value_type, s.value_amount, YEAR(s.effective_date) AS tax_yr,
               COALESCE(by_id.prop_id, by_geo.prop_id) AS prop_id
          FROM dbo.pacs_mcp_training_property_values s
          LEFT JOIN dbo.property by_id ON by_id.prop_id = TRY_CONVERT(INT, s.parcel_id)
          OUTER APPLY (SELECT MIN(g.prop_id) AS prop_id FROM dbo.property g WHERE g.geo_id = s.parcel_id HAVING COUNT(*) = 1) by_geo
         WHERE s.import_batch_id = @batch_id) v
          ON v.prop_id = pv.prop_id AND v.tax_yr = pv.prop_val_yr
       WHERE v.value_type = 'land_non_hstd_val'
         AND (EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = pv.prop_val_yr AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN ('C', 'TO', 'P')))
         AND (pv.land_non_hstd_val IS NULL OR pv.land_non_hstd_val <> v.value_amount);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;
      -- imprv_hstd_val: on the year's current layer when it may change, when the value differs.
      UPDATE pv SET imprv_hstd_val = v.value_amount
        FROM dbo.property_val pv
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.prop_id = pv.prop_id AND psa.sup_num = pv.sup_num
        JOIN (SELECT s.value_type, s.value_amount, YEAR(s.effective_date) AS tax_yr,
               COALESCE(by_id.prop_id, by_geo.prop_id) AS prop_id
          FROM dbo.pacs_mcp_training_property_values s
          LEFT JOIN dbo.property by_id ON by_id.prop_id = TRY_CONVERT(INT, s.parcel_id)
          OUTER APPLY (SELECT MIN(g.prop_id) AS prop_id FROM dbo.property g WHERE g.geo_id = s.parcel_id HAVING COUNT(*) = 1) by_geo
         WHERE s.import_batch_id = @batch_id) v
          ON v.prop_id = pv.prop_id AND v.tax_yr = pv.prop_val_yr
       WHERE v.value_type = 'imprv_hstd_val'
         AND (EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = pv.prop_val_yr AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN ('C', 'TO', 'P')))
         AND (pv.imprv_hstd_val IS NULL OR pv.imprv_hstd_val <> v.value_amount);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;
      -- imprv_non_hstd_val: on the year's current layer when it may change, when the value differs.
      UPDATE pv SET imprv_non_hstd_val = v.value_amount
        FROM dbo.property_val pv
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.prop_id = pv.prop_id AND psa.sup_num = pv.sup_num
        JOIN (SELECT s.value_type, s.value_amount, YEAR(s.effective_date) AS tax_yr,
               COALESCE(by_id.prop_id, by_geo.prop_id) AS prop_id
          FROM dbo.pacs_mcp_training_property_values s
          LEFT JOIN dbo.property by_id ON by_id.prop_id = TRY_CONVERT(INT, s.parcel_id)
          OUTER APPLY (SELECT MIN(g.prop_id) AS prop_id FROM dbo.property g WHERE g.geo_id = s.parcel_id HAVING COUNT(*) = 1) by_geo
         WHERE s.import_batch_id = @batch_id) v
          ON v.prop_id = pv.prop_id AND v.tax_yr = pv.prop_val_yr
       WHERE v.value_type = 'imprv_non_hstd_val'
         AND (EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = pv.prop_val_yr AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN ('C', 'TO', 'P')))
         AND (pv.imprv_non_hstd_val IS NULL OR pv.imprv_non_hstd_val <> v.value_amount);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;
      -- ag_use_val: on the year's current layer when it may change, when the value differs.
      UPDATE pv SET ag_use_val = v.value_amount
        FROM dbo.property_val pv
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.prop_id = pv.prop_id AND psa.sup_num = pv.sup_num
        JOIN (SELECT s.value_type, s.value_amount, YEAR(s.effective_date) AS tax_yr,
               COALESCE(by_id.prop_id, by_geo.prop_id) AS prop_id
          FROM dbo.pacs_mcp_training_property_values s
          LEFT JOIN dbo.property by_id ON by_id.prop_id = TRY_CONVERT(INT, s.parcel_id)
          OUTER APPLY (SELECT MIN(g.prop_id) AS prop_id FROM dbo.property g WHERE g.geo_id = s.parcel_id HAVING COUNT(*) = 1) by_geo
         WHERE s.import_batch_id = @batch_id) v
          ON v.prop_id = pv.prop_id AND v.tax_yr = pv.prop_val_yr
       WHERE v.value_type = 'ag_use_val'
         AND (EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = pv.prop_val_yr AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN ('C', 'TO', 'P')))
         AND (pv.ag_use_val IS NULL OR pv.ag_use_val <> v.value_amount);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;
      -- ag_market: on the year's current layer when it may change, when the value differs.
      UPDATE pv SET ag_market = v.value_amount
        FROM dbo.property_val pv
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.prop_id = pv.prop_id AND psa.sup_num = pv.sup_num
        JOIN (SELECT s.value_type, s.value_amount, YEAR(s.effective_date) AS tax_yr,
               COALESCE(by_id.prop_id, by_geo.prop_id) AS prop_id
          FROM dbo.pacs_mcp_training_property_values s
          LEFT JOIN dbo.property by_id ON by_id.prop_id = TRY_CONVERT(INT, s.parcel_id)
          OUTER APPLY (SELECT MIN(g.prop_id) AS prop_id FROM dbo.property g WHERE g.geo_id = s.parcel_id HAVING COUNT(*) = 1) by_geo
         WHERE s.import_batch_id = @batch_id) v
          ON v.prop_id = pv.prop_id AND v.tax_yr = pv.prop_val_yr
       WHERE v.value_type = 'ag_market'
         AND (EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = pv.prop_val_yr AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN ('C', 'TO', 'P')))
         AND (pv.ag_market IS NULL OR pv.ag_market <> v.value_amount);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;
      -- market: on the year's current layer when it may change, when the value differs.
      UPDATE pv SET market = v.value_amount
        FROM dbo.property_val pv
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.prop_id = pv.prop_id AND psa.sup_num = pv.sup_num
        JOIN (SELECT s.value_type, s.value_amount, YEAR(s.effective_date) AS tax_yr,
               COALESCE(by_id.prop_id, by_geo.prop_id) AS prop_id
          FROM dbo.pacs_mcp_training_property_values s
          LEFT JOIN dbo.property by_id ON by_id.prop_id = TRY_CONVERT(INT, s.parcel_id)
          OUTER APPLY (SELECT MIN(g.prop_id) AS prop_id FROM dbo.property g WHERE g.geo_id = s.parcel_id HAVING COUNT(*) = 1) by_geo
         WHERE s.import_batch_id = @batch_id) v
          ON v.prop_id = pv.prop_id AND v.tax_yr = pv.prop_val_yr
       WHERE v.value_type = 'market'
         AND (EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = pv.prop_val_yr AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN ('C', 'TO', 'P')))
         AND (pv.market IS NULL OR pv.market <> v.value_amount);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;
      -- appraised_val: on the year's current layer when it may change, when the value differs.
      UPDATE pv SET appraised_val = v.value_amount
        FROM dbo.property_val pv
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.prop_id = pv.prop_id AND psa.sup_num = pv.sup_num
        JOIN (SELECT s.value_type, s.value_amount, YEAR(s.effective_date) AS tax_yr,
               COALESCE(by_id.prop_id, by_geo.prop_id) AS prop_id
          FROM dbo.pacs_mcp_training_property_values s
          LEFT JOIN dbo.property by_id ON by_id.prop_id = TRY_CONVERT(INT, s.parcel_id)
          OUTER APPLY (SELECT MIN(g.prop_id) AS prop_id FROM dbo.property g WHERE g.geo_id = s.parcel_id HAVING COUNT(*) = 1) by_geo
         WHERE s.import_batch_id = @batch_id) v
          ON v.prop_id = pv.prop_id AND v.tax_yr = pv.prop_val_yr
       WHERE v.value_type = 'appraised_val'
         AND (EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = pv.prop_val_yr AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN ('C', 'TO', 'P')))
         AND (pv.appraised_val IS NULL OR pv.appraised_val <> v.value_amount);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;
      -- assessed_val: on the year's current layer when it may change, when the value differs.
      UPDATE pv SET assessed_val = v.value_amount
        FROM dbo.property_val pv
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.prop_id = pv.prop_id AND psa.sup_num = pv.sup_num
        JOIN (SELECT s.value_type, s.value_amount, YEAR(s.effective_date) AS tax_yr,
               COALESCE(by_id.prop_id, by_geo.prop_id) AS prop_id
          FROM dbo.pacs_mcp_training_property_values s
          LEFT JOIN dbo.property by_id ON by_id.prop_id = TRY_CONVERT(INT, s.parcel_id)
          OUTER APPLY (SELECT MIN(g.prop_id) AS prop_id FROM dbo.property g WHERE g.geo_id = s.parcel_id HAVING COUNT(*) = 1) by_geo
         WHERE s.import_batch_id = @batch_id) v
          ON v.prop_id = pv.prop_id AND v.tax_yr = pv.prop_val_yr
       WHERE v.value_type = 'assessed_val'
         AND (EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = pv.prop_val_yr AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN ('C', 'TO', 'P')))
         AND (pv.assessed_val IS NULL OR pv.assessed_val <> v.value_amount);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;
      -- ten_percent_cap: on the year's current layer when it may change, when the value differs.
      UPDATE pv SET ten_percent_cap = v.value_amount
        FROM dbo.property_val pv
        JOIN dbo.prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.prop_id = pv.prop_id AND psa.sup_num = pv.sup_num
        JOIN (SELECT s.value_type, s.value_amount, YEAR(s.effective_date) AS tax_yr,
               COALESCE(by_id.prop_id, by_geo.prop_id) AS prop_id
          FROM dbo.pacs_mcp_training_property_values s
          LEFT JOIN dbo.property by_id ON by_id.prop_id = TRY_CONVERT(INT, s.parcel_id)
          OUTER APPLY (SELECT MIN(g.prop_id) AS prop_id FROM dbo.property g WHERE g.geo_id = s.parcel_id HAVING COUNT(*) = 1) by_geo
         WHERE s.import_batch_id = @batch_id) v
          ON v.prop_id = pv.prop_id AND v.tax_yr = pv.prop_val_yr
       WHERE v.value_type = 'ten_percent_cap'
         AND (EXISTS (SELECT 1 FROM dbo.pacs_year y WHERE y.tax_yr = pv.prop_val_yr AND y.certification_dt IS NULL)
        OR EXISTS (SELECT 1 FROM dbo.supplement sp JOIN dbo.sup_group sg ON sg.sup_group_id = sp.sup_group_id
                    WHERE sp.sup_tax_yr = psa.owner_tax_yr AND sp.sup_num = psa.sup_num AND sg.status_cd IN ('C', 'TO', 'P')))
         AND (pv.ten_percent_cap IS NULL OR pv.ten_percent_cap <> v.value_amount);
      SET @rows_applied = @rows_applied + @@ROWCOUNT;
      INSERT INTO dbo.import_promotions (batch_id, kind, review_sha256, applied_count, promoted_by)
      VALUES (@batch_id, 'property_values', @review_sha256, @rows_applied, @promoted_by);
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
  SELECT @rows_applied AS rows_applied, @already_promoted AS already_promoted;
END;
GO
