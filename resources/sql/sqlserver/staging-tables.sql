-- The county's import staging and snapshot tables in pacs_training (SQL Server). Idempotent: running it again changes nothing.
-- Generated from the PACS catalog (resources/pacs-catalog) by mcp/demo/demo-schema.ts and `npm run sql:generate`: do not edit by hand.
--
--   sqlcmd -S jcharrispacs -E -b -i resources\sql\sqlserver\staging-tables.sql      (or open it in SQL Server Management Studio)
--
--   import_staging_property_values: The county's staging table for value imports.
--   import_staging_batches: One row per import batch pushed from PACS MCP (run header): file hash, QA sign-off, promotion.
--   import_staging_exemptions: Staged mass-exemption rows of a QA-signed batch (the upload layout, prop_id resolved).
--   import_staging_errors: Per-row errors of a pushed batch (PACS import pattern: line number and error text); those rows were not staged.
--   export_snapshot_parcel_timeline: The county's snapshot table for parcel timelines (no key there either).
--
-- snapshot_id holds a UUID as text (VARCHAR(36)) so the same table works in the local app store and on every source;
-- PACS MCP fills it. A table created earlier with UNIQUEIDENTIFIER is left as it is.

USE [pacs_training];
GO
IF OBJECT_ID(N'[dbo].[import_staging_property_values]', N'U') IS NULL
CREATE TABLE [dbo].[import_staging_property_values] (
  [import_id] INT IDENTITY(1,1) NOT NULL,
  [parcel_id] VARCHAR(20) NULL,
  [value_type] VARCHAR(50) NULL,
  [value_amount] NUMERIC(18,2) NULL,
  [effective_date] DATE NULL,
  [source] VARCHAR(255) NULL,
  [created_at] DATETIME NULL DEFAULT GETDATE(),
  [import_batch_id] VARCHAR(36) NULL,
  CONSTRAINT [pk_import_staging_property_values] PRIMARY KEY CLUSTERED ([import_id])
);
GO
IF OBJECT_ID(N'[dbo].[import_staging_batches]', N'U') IS NULL
CREATE TABLE [dbo].[import_staging_batches] (
  [batch_id] VARCHAR(36) NOT NULL,
  [kind] VARCHAR(30) NOT NULL,
  [file_name] VARCHAR(255) NOT NULL,
  [file_sha256] CHAR(64) NOT NULL,
  [review_sha256] CHAR(64) NOT NULL,
  [row_count] INT NOT NULL,
  [skipped_count] INT NOT NULL,
  [reviewed_by] VARCHAR(100) NOT NULL,
  [reviewed_at] DATETIME NOT NULL,
  [pushed_by] VARCHAR(100) NOT NULL,
  [pushed_at] DATETIME NULL DEFAULT GETDATE(),
  CONSTRAINT [pk_import_staging_batches] PRIMARY KEY CLUSTERED ([batch_id])
);
GO
IF OBJECT_ID(N'[dbo].[import_staging_exemptions]', N'U') IS NULL
CREATE TABLE [dbo].[import_staging_exemptions] (
  [batch_id] VARCHAR(36) NOT NULL,
  [line_number] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [geo_id] VARCHAR(50) NULL,
  [owner_id] INT NOT NULL,
  [exmpt_tax_yr] NUMERIC(4,0) NOT NULL,
  [exmpt_type_cd] VARCHAR(10) NOT NULL,
  [exmpt_subtype_cd] VARCHAR(10) NULL,
  [effective_dt] DATE NULL,
  [termination_dt] DATE NULL,
  [qualify_yr] NUMERIC(4,0) NULL,
  [applicant_nm] VARCHAR(70) NULL,
  [exemption_pct] NUMERIC(5,2) NULL,
  [exempt_qualify_cd] VARCHAR(10) NULL,
  [combined_disp_income] NUMERIC(14,0) NULL,
  [action] VARCHAR(10) NOT NULL,
  [created_at] DATETIME NULL DEFAULT GETDATE(),
  CONSTRAINT [pk_import_staging_exemptions] PRIMARY KEY CLUSTERED ([batch_id], [line_number])
);
GO
IF OBJECT_ID(N'[dbo].[import_staging_errors]', N'U') IS NULL
CREATE TABLE [dbo].[import_staging_errors] (
  [error_id] INT IDENTITY(1,1) NOT NULL,
  [batch_id] VARCHAR(36) NOT NULL,
  [line_number] INT NOT NULL,
  [column_name] VARCHAR(128) NULL,
  [error_code] VARCHAR(40) NOT NULL,
  [error_text] VARCHAR(1000) NOT NULL,
  CONSTRAINT [pk_import_staging_errors] PRIMARY KEY CLUSTERED ([error_id])
);
GO
IF OBJECT_ID(N'[dbo].[export_snapshot_parcel_timeline]', N'U') IS NULL
CREATE TABLE [dbo].[export_snapshot_parcel_timeline] (
  [snapshot_id] VARCHAR(36) NULL,
  [parcel_id] VARCHAR(20) NULL,
  [year] INT NULL,
  [value] NUMERIC(18,2) NULL,
  [extracted_by] VARCHAR(50) NULL,
  [exported_at] DATETIME NULL DEFAULT GETDATE()
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_import_staging_exemptions_prop_id' AND object_id = OBJECT_ID(N'[dbo].[import_staging_exemptions]'))
CREATE INDEX [ix_import_staging_exemptions_prop_id] ON [dbo].[import_staging_exemptions] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_import_staging_errors_batch_id' AND object_id = OBJECT_ID(N'[dbo].[import_staging_errors]'))
CREATE INDEX [ix_import_staging_errors_batch_id] ON [dbo].[import_staging_errors] ([batch_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_export_snapshot_parcel_timeline_snapshot_id' AND object_id = OBJECT_ID(N'[dbo].[export_snapshot_parcel_timeline]'))
CREATE INDEX [ix_export_snapshot_parcel_timeline_snapshot_id] ON [dbo].[export_snapshot_parcel_timeline] ([snapshot_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_export_snapshot_parcel_timeline_parcel_id' AND object_id = OBJECT_ID(N'[dbo].[export_snapshot_parcel_timeline]'))
CREATE INDEX [ix_export_snapshot_parcel_timeline_parcel_id] ON [dbo].[export_snapshot_parcel_timeline] ([parcel_id]);
GO
