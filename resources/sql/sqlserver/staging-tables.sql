-- Seed 000's staging and snapshot tables in pacs_training (SQL Server). Idempotent: running it again changes nothing.
-- Generated from mcp/demo/demo-schema.ts by `npm run sql:generate`: do not edit by hand.
--
--   sqlcmd -S jcharrispacs -E -b -i resources\sql\sqlserver\staging-tables.sql      (or open it in SQL Server Management Studio)
--
--   import_staging_property_values: The user's staging table for value imports (seed 000).
--   export_snapshot_parcel_timeline: The user's snapshot table for parcel timelines (seed 000; no key there either).
--
-- snapshot_id holds a UUID as text (VARCHAR(36)) so the same table works in the local app store and on every source;
-- PACS MCP fills it. A table created earlier from the seed with UNIQUEIDENTIFIER is left as it is.

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
  CONSTRAINT [pk_import_staging_property_values] PRIMARY KEY ([import_id])
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
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_export_snapshot_parcel_timeline_snapshot_id' AND object_id = OBJECT_ID(N'[dbo].[export_snapshot_parcel_timeline]'))
CREATE INDEX [ix_export_snapshot_parcel_timeline_snapshot_id] ON [dbo].[export_snapshot_parcel_timeline] ([snapshot_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_export_snapshot_parcel_timeline_parcel_id' AND object_id = OBJECT_ID(N'[dbo].[export_snapshot_parcel_timeline]'))
CREATE INDEX [ix_export_snapshot_parcel_timeline_parcel_id] ON [dbo].[export_snapshot_parcel_timeline] ([parcel_id]);
GO
