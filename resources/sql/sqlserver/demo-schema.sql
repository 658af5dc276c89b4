-- The demo PACS schema for SQL Server: every table of the demo database, with the real PACS names. Idempotent.
-- Generated from mcp/demo/demo-schema.ts by `npm run sql:generate`: do not edit by hand.
--
-- Run it in an EMPTY database made for the demo (for example pacs_demo), never in pacs_training or pacs_oltp:
--   sqlcmd -S SERVER -E -b -Q "CREATE DATABASE pacs_demo" && sqlcmd -S SERVER -E -b -d pacs_demo -i resources\sql\sqlserver\demo-schema.sql
-- Then load the demo rows with the app: pacs-mcp demo load --into CONNECTION_ID (a training connection to that database).

IF DB_NAME() IN (N'pacs_oltp', N'pacs_training')
BEGIN
  RAISERROR(N'The demo tables have the real PACS names: create them in an empty database such as pacs_demo, not in pacs_training or pacs_oltp.', 16, 1);
  SET NOEXEC ON;
END
GO
IF OBJECT_ID(N'[dbo].[pacs_system]', N'U') IS NULL
CREATE TABLE [dbo].[pacs_system] (
  [id] INT NOT NULL,
  [appr_yr] NUMERIC(4,0) NULL,
  [tax_yr] NUMERIC(4,0) NULL,
  [future_yr] NUMERIC(4,0) NULL,
  CONSTRAINT [pk_pacs_system] PRIMARY KEY ([id])
);
GO
IF OBJECT_ID(N'[dbo].[pacs_year]', N'U') IS NULL
CREATE TABLE [dbo].[pacs_year] (
  [tax_yr] NUMERIC(4,0) NOT NULL,
  [certification_dt] DATE NULL,
  [notice_dt] DATE NULL,
  CONSTRAINT [pk_pacs_year] PRIMARY KEY ([tax_yr])
);
GO
IF OBJECT_ID(N'[dbo].[property]', N'U') IS NULL
CREATE TABLE [dbo].[property] (
  [prop_id] INT NOT NULL,
  [prop_type_cd] CHAR(5) NOT NULL,
  [geo_id] VARCHAR(50) NULL,
  [simple_geo_id] VARCHAR(50) NULL,
  [ref_id1] VARCHAR(50) NULL,
  [ref_id2] VARCHAR(50) NULL,
  [dba_name] VARCHAR(50) NULL,
  [prop_create_dt] DATE NULL,
  CONSTRAINT [pk_property] PRIMARY KEY ([prop_id])
);
GO
IF OBJECT_ID(N'[dbo].[property_val]', N'U') IS NULL
CREATE TABLE [dbo].[property_val] (
  [prop_val_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [land_hstd_val] NUMERIC(14,0) NULL,
  [land_non_hstd_val] NUMERIC(14,0) NULL,
  [imprv_hstd_val] NUMERIC(14,0) NULL,
  [imprv_non_hstd_val] NUMERIC(14,0) NULL,
  [ag_use_val] NUMERIC(14,0) NULL,
  [ag_market] NUMERIC(14,0) NULL,
  [market] NUMERIC(14,0) NULL,
  [appraised_val] NUMERIC(14,0) NULL,
  [ten_percent_cap] NUMERIC(14,0) NULL,
  [assessed_val] NUMERIC(14,0) NULL,
  [legal_desc] VARCHAR(255) NULL,
  [legal_acreage] NUMERIC(14,4) NULL,
  [abs_subdv_cd] VARCHAR(10) NULL,
  [hood_cd] VARCHAR(10) NULL,
  [block] VARCHAR(50) NULL,
  [tract_or_lot] VARCHAR(50) NULL,
  [prev_sup_num] INT NULL,
  [sup_cd] VARCHAR(10) NULL,
  [sup_desc] VARCHAR(500) NULL,
  [sup_dt] DATE NULL,
  [sup_action] CHAR(1) NULL,
  [prop_inactive_dt] DATE NULL,
  [last_appraiser_id] INT NULL,
  [next_appraiser_id] INT NULL,
  CONSTRAINT [pk_property_val] PRIMARY KEY ([prop_val_yr], [sup_num], [prop_id])
);
GO
IF OBJECT_ID(N'[dbo].[prop_supp_assoc]', N'U') IS NULL
CREATE TABLE [dbo].[prop_supp_assoc] (
  [owner_tax_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [prop_id] INT NOT NULL,
  CONSTRAINT [pk_prop_supp_assoc] PRIMARY KEY ([owner_tax_yr], [sup_num], [prop_id])
);
GO
IF OBJECT_ID(N'[dbo].[sup_group]', N'U') IS NULL
CREATE TABLE [dbo].[sup_group] (
  [sup_group_id] INT NOT NULL,
  [sup_group_desc] VARCHAR(50) NULL,
  [sup_create_dt] DATETIME NULL,
  [sup_accept_dt] DATETIME NULL,
  [sup_accept_by_id] INT NULL,
  [status_cd] VARCHAR(5) NULL,
  CONSTRAINT [pk_sup_group] PRIMARY KEY ([sup_group_id])
);
GO
IF OBJECT_ID(N'[dbo].[supplement]', N'U') IS NULL
CREATE TABLE [dbo].[supplement] (
  [sup_tax_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [sup_group_id] INT NOT NULL,
  CONSTRAINT [pk_supplement] PRIMARY KEY ([sup_tax_yr], [sup_num])
);
GO
IF OBJECT_ID(N'[dbo].[account]', N'U') IS NULL
CREATE TABLE [dbo].[account] (
  [acct_id] INT NOT NULL,
  [first_name] VARCHAR(30) NULL,
  [last_name] VARCHAR(30) NULL,
  [file_as_name] VARCHAR(70) NULL,
  [confidential_flag] CHAR(1) NULL,
  [confidential_file_as_name] VARCHAR(70) NULL,
  [dl_num] VARCHAR(20) NULL,
  [dl_state] CHAR(2) NULL,
  [email_addr] VARCHAR(128) NULL,
  CONSTRAINT [pk_account] PRIMARY KEY ([acct_id])
);
GO
IF OBJECT_ID(N'[dbo].[owner]', N'U') IS NULL
CREATE TABLE [dbo].[owner] (
  [owner_tax_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [owner_id] INT NOT NULL,
  [pct_ownership] NUMERIC(13,10) NULL,
  [hs_prop] CHAR(1) NULL,
  [birth_dt] DATE NULL,
  CONSTRAINT [pk_owner] PRIMARY KEY ([owner_tax_yr], [sup_num], [prop_id], [owner_id])
);
GO
IF OBJECT_ID(N'[dbo].[address]', N'U') IS NULL
CREATE TABLE [dbo].[address] (
  [acct_id] INT NOT NULL,
  [addr_type_cd] CHAR(5) NOT NULL,
  [primary_addr] CHAR(1) NULL,
  [addr_line1] VARCHAR(60) NULL,
  [addr_line2] VARCHAR(60) NULL,
  [addr_line3] VARCHAR(60) NULL,
  [addr_city] VARCHAR(50) NULL,
  [addr_state] VARCHAR(50) NULL,
  [zip] VARCHAR(10) NULL,
  [country_cd] CHAR(5) NULL,
  CONSTRAINT [pk_address] PRIMARY KEY ([acct_id], [addr_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[phone]', N'U') IS NULL
CREATE TABLE [dbo].[phone] (
  [acct_id] INT NOT NULL,
  [phone_id] INT NOT NULL,
  [phone_type_cd] CHAR(5) NULL,
  [phone_num] VARCHAR(20) NULL,
  CONSTRAINT [pk_phone] PRIMARY KEY ([acct_id], [phone_id])
);
GO
IF OBJECT_ID(N'[dbo].[situs]', N'U') IS NULL
CREATE TABLE [dbo].[situs] (
  [prop_id] INT NOT NULL,
  [situs_id] INT NOT NULL,
  [primary_situs] CHAR(1) NULL,
  [situs_num] VARCHAR(15) NULL,
  [situs_street_prefx] VARCHAR(10) NULL,
  [situs_street] VARCHAR(50) NULL,
  [situs_street_sufix] VARCHAR(10) NULL,
  [situs_unit] VARCHAR(5) NULL,
  [situs_city] VARCHAR(30) NULL,
  [situs_state] CHAR(2) NULL,
  [situs_zip] VARCHAR(10) NULL,
  CONSTRAINT [pk_situs] PRIMARY KEY ([prop_id], [situs_id])
);
GO
IF OBJECT_ID(N'[dbo].[property_exemption]', N'U') IS NULL
CREATE TABLE [dbo].[property_exemption] (
  [exmpt_tax_yr] NUMERIC(4,0) NOT NULL,
  [owner_tax_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [owner_id] INT NOT NULL,
  [exmpt_type_cd] VARCHAR(10) NOT NULL,
  [prop_type_cd] CHAR(5) NULL,
  [applicant_nm] VARCHAR(70) NULL,
  [birth_dt] DATE NULL,
  [spouse_birth_dt] DATE NULL,
  [prop_exmpt_ss_num] VARCHAR(11) NULL,
  [prop_exmpt_dl_num] VARCHAR(20) NULL,
  [effective_dt] DATE NULL,
  [termination_dt] DATE NULL,
  [qualify_yr] NUMERIC(4,0) NULL,
  [exmpt_subtype_cd] VARCHAR(10) NULL,
  [exemption_pct] NUMERIC(5,2) NULL,
  [combined_disp_income] NUMERIC(14,0) NULL,
  [exempt_qualify_cd] VARCHAR(10) NULL,
  [review_status_cd] VARCHAR(10) NULL,
  CONSTRAINT [pk_property_exemption] PRIMARY KEY ([exmpt_tax_yr], [owner_tax_yr], [sup_num], [prop_id], [owner_id], [exmpt_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[exmpt_type]', N'U') IS NULL
CREATE TABLE [dbo].[exmpt_type] (
  [exmpt_type_cd] VARCHAR(10) NOT NULL,
  [exmpt_desc] VARCHAR(50) NULL,
  [federal_amt] NUMERIC(14,0) NULL,
  [freeze_flag] CHAR(1) NULL,
  CONSTRAINT [pk_exmpt_type] PRIMARY KEY ([exmpt_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[imprv]', N'U') IS NULL
CREATE TABLE [dbo].[imprv] (
  [prop_val_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [sale_id] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [imprv_id] INT NOT NULL,
  [imprv_type_cd] CHAR(5) NULL,
  [imprv_desc] VARCHAR(50) NULL,
  [imprv_val] NUMERIC(14,0) NULL,
  [actual_year_built] NUMERIC(4,0) NULL,
  CONSTRAINT [pk_imprv] PRIMARY KEY ([prop_val_yr], [sup_num], [sale_id], [prop_id], [imprv_id])
);
GO
IF OBJECT_ID(N'[dbo].[land_detail]', N'U') IS NULL
CREATE TABLE [dbo].[land_detail] (
  [prop_val_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [sale_id] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [land_seg_id] INT NOT NULL,
  [land_type_cd] VARCHAR(10) NULL,
  [size_acres] NUMERIC(18,4) NULL,
  [size_square_feet] NUMERIC(18,2) NULL,
  [ag_apply] CHAR(1) NULL,
  [land_seg_mkt_val] NUMERIC(14,0) NULL,
  [ag_val] NUMERIC(14,0) NULL,
  CONSTRAINT [pk_land_detail] PRIMARY KEY ([prop_val_yr], [sup_num], [sale_id], [prop_id], [land_seg_id])
);
GO
IF OBJECT_ID(N'[dbo].[appraiser]', N'U') IS NULL
CREATE TABLE [dbo].[appraiser] (
  [appraiser_id] INT NOT NULL,
  [appraiser_nm] VARCHAR(40) NULL,
  [inactive] BIT NOT NULL,
  [pacs_user_id] INT NULL,
  CONSTRAINT [pk_appraiser] PRIMARY KEY ([appraiser_id])
);
GO
IF OBJECT_ID(N'[dbo].[neighborhood]', N'U') IS NULL
CREATE TABLE [dbo].[neighborhood] (
  [hood_cd] VARCHAR(10) NOT NULL,
  [hood_yr] NUMERIC(4,0) NOT NULL,
  [hood_name] VARCHAR(50) NULL,
  [appraiser_id] INT NULL,
  CONSTRAINT [pk_neighborhood] PRIMARY KEY ([hood_cd], [hood_yr])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest] (
  [prop_id] INT NOT NULL,
  [prop_val_yr] NUMERIC(4,0) NOT NULL,
  [case_id] INT NOT NULL,
  [prot_type] VARCHAR(10) NULL,
  [prot_status] VARCHAR(20) NULL,
  [prot_create_dt] DATETIME NULL,
  [prot_complete_dt] DATETIME NULL,
  [prot_appraisal_staff] INT NULL,
  [prot_hearing_appraisal_staff] INT NULL,
  [docket_id] INT NULL,
  [prot_assigned_panel] VARCHAR(10) NULL,
  [opinion_of_value] NUMERIC(14,0) NULL,
  [begin_market] NUMERIC(14,0) NULL,
  [begin_appraised_val] NUMERIC(14,0) NULL,
  [final_market] NUMERIC(14,0) NULL,
  [final_appraised_val] NUMERIC(14,0) NULL,
  [decision_reason_cd] VARCHAR(10) NULL,
  CONSTRAINT [pk_arb_protest] PRIMARY KEY ([prop_id], [prop_val_yr], [case_id])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest_status]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest_status] (
  [status_cd] VARCHAR(20) NOT NULL,
  [status_desc] VARCHAR(50) NULL,
  [close_case] BIT NOT NULL,
  [generate_letter] BIT NOT NULL,
  CONSTRAINT [pk_arb_protest_status] PRIMARY KEY ([status_cd])
);
GO
IF OBJECT_ID(N'[dbo].[arb_docket]', N'U') IS NULL
CREATE TABLE [dbo].[arb_docket] (
  [docket_id] INT NOT NULL,
  [docket_start_dt] DATETIME NOT NULL,
  [docket_end_dt] DATETIME NOT NULL,
  [max_hearings] INT NOT NULL,
  [prop_type_cds] VARCHAR(50) NOT NULL,
  CONSTRAINT [pk_arb_docket] PRIMARY KEY ([docket_id])
);
GO
IF OBJECT_ID(N'[dbo].[chg_of_owner]', N'U') IS NULL
CREATE TABLE [dbo].[chg_of_owner] (
  [chg_of_owner_id] INT NOT NULL,
  [deed_type_cd] VARCHAR(10) NULL,
  [deed_num] VARCHAR(50) NULL,
  [deed_book_id] VARCHAR(20) NULL,
  [deed_book_page] VARCHAR(20) NULL,
  [deed_dt] DATE NULL,
  [coo_sl_dt] DATE NULL,
  [grantor_cv] VARCHAR(70) NULL,
  [grantee_cv] VARCHAR(70) NULL,
  CONSTRAINT [pk_chg_of_owner] PRIMARY KEY ([chg_of_owner_id])
);
GO
IF OBJECT_ID(N'[dbo].[chg_of_owner_prop_assoc]', N'U') IS NULL
CREATE TABLE [dbo].[chg_of_owner_prop_assoc] (
  [chg_of_owner_id] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [seq_num] INT NULL,
  [sup_tax_yr] NUMERIC(4,0) NULL,
  CONSTRAINT [pk_chg_of_owner_prop_assoc] PRIMARY KEY ([chg_of_owner_id], [prop_id])
);
GO
IF OBJECT_ID(N'[dbo].[seller_assoc]', N'U') IS NULL
CREATE TABLE [dbo].[seller_assoc] (
  [chg_of_owner_id] INT NOT NULL,
  [seller_id] INT NOT NULL,
  CONSTRAINT [pk_seller_assoc] PRIMARY KEY ([chg_of_owner_id], [seller_id])
);
GO
IF OBJECT_ID(N'[dbo].[buyer_assoc]', N'U') IS NULL
CREATE TABLE [dbo].[buyer_assoc] (
  [chg_of_owner_id] INT NOT NULL,
  [buyer_id] INT NOT NULL,
  CONSTRAINT [pk_buyer_assoc] PRIMARY KEY ([chg_of_owner_id], [buyer_id])
);
GO
IF OBJECT_ID(N'[dbo].[sale]', N'U') IS NULL
CREATE TABLE [dbo].[sale] (
  [chg_of_owner_id] INT NOT NULL,
  [sl_price] NUMERIC(14,0) NULL,
  [sl_dt] DATE NULL,
  [sl_type_cd] VARCHAR(5) NULL,
  [confidential_sale] CHAR(1) NULL,
  CONSTRAINT [pk_sale] PRIMARY KEY ([chg_of_owner_id])
);
GO
IF OBJECT_ID(N'[dbo].[event]', N'U') IS NULL
CREATE TABLE [dbo].[event] (
  [event_id] INT NOT NULL,
  [system_type] CHAR(5) NULL,
  [event_type] VARCHAR(20) NULL,
  [event_date] DATETIME NULL,
  [pacs_user] VARCHAR(30) NULL,
  [pacs_user_id] INT NULL,
  [event_desc] VARCHAR(2048) NULL,
  [ref_evt_type] VARCHAR(20) NULL,
  [ref_year] NUMERIC(4,0) NULL,
  [ref_num] INT NULL,
  [ref_id1] INT NULL,
  [ref_id2] INT NULL,
  CONSTRAINT [pk_event] PRIMARY KEY ([event_id])
);
GO
IF OBJECT_ID(N'[dbo].[prop_event_assoc]', N'U') IS NULL
CREATE TABLE [dbo].[prop_event_assoc] (
  [prop_id] INT NOT NULL,
  [event_id] INT NOT NULL,
  CONSTRAINT [pk_prop_event_assoc] PRIMARY KEY ([prop_id], [event_id])
);
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
  CONSTRAINT [pk_import_staging_property_values] PRIMARY KEY ([import_id])
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
  CONSTRAINT [pk_import_staging_batches] PRIMARY KEY ([batch_id])
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
  CONSTRAINT [pk_import_staging_exemptions] PRIMARY KEY ([batch_id], [line_number])
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
  CONSTRAINT [pk_import_staging_errors] PRIMARY KEY ([error_id])
);
GO
IF OBJECT_ID(N'[dbo].[import_promotions]', N'U') IS NULL
CREATE TABLE [dbo].[import_promotions] (
  [batch_id] VARCHAR(36) NOT NULL,
  [kind] VARCHAR(30) NOT NULL,
  [review_sha256] CHAR(64) NOT NULL,
  [applied_count] INT NOT NULL,
  [promoted_by] VARCHAR(100) NOT NULL,
  [promoted_at] DATETIME NULL DEFAULT GETDATE(),
  CONSTRAINT [pk_import_promotions] PRIMARY KEY ([batch_id])
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
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_geo_id' AND object_id = OBJECT_ID(N'[dbo].[property]'))
CREATE INDEX [ix_property_geo_id] ON [dbo].[property] ([geo_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_simple_geo_id' AND object_id = OBJECT_ID(N'[dbo].[property]'))
CREATE INDEX [ix_property_simple_geo_id] ON [dbo].[property] ([simple_geo_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_prop_id' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_prop_id] ON [dbo].[property_val] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_hood_cd' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_hood_cd] ON [dbo].[property_val] ([hood_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ux_prop_supp_assoc_owner_tax_yr_prop_id' AND object_id = OBJECT_ID(N'[dbo].[prop_supp_assoc]'))
CREATE UNIQUE INDEX [ux_prop_supp_assoc_owner_tax_yr_prop_id] ON [dbo].[prop_supp_assoc] ([owner_tax_yr], [prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_prop_supp_assoc_prop_id' AND object_id = OBJECT_ID(N'[dbo].[prop_supp_assoc]'))
CREATE INDEX [ix_prop_supp_assoc_prop_id] ON [dbo].[prop_supp_assoc] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_supplement_sup_group_id' AND object_id = OBJECT_ID(N'[dbo].[supplement]'))
CREATE INDEX [ix_supplement_sup_group_id] ON [dbo].[supplement] ([sup_group_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_account_file_as_name' AND object_id = OBJECT_ID(N'[dbo].[account]'))
CREATE INDEX [ix_account_file_as_name] ON [dbo].[account] ([file_as_name]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_owner_owner_id' AND object_id = OBJECT_ID(N'[dbo].[owner]'))
CREATE INDEX [ix_owner_owner_id] ON [dbo].[owner] ([owner_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_owner_prop_id' AND object_id = OBJECT_ID(N'[dbo].[owner]'))
CREATE INDEX [ix_owner_prop_id] ON [dbo].[owner] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_situs_situs_street_situs_num' AND object_id = OBJECT_ID(N'[dbo].[situs]'))
CREATE INDEX [ix_situs_situs_street_situs_num] ON [dbo].[situs] ([situs_street], [situs_num]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_exemption_prop_id' AND object_id = OBJECT_ID(N'[dbo].[property_exemption]'))
CREATE INDEX [ix_property_exemption_prop_id] ON [dbo].[property_exemption] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_exemption_owner_id' AND object_id = OBJECT_ID(N'[dbo].[property_exemption]'))
CREATE INDEX [ix_property_exemption_owner_id] ON [dbo].[property_exemption] ([owner_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_exemption_exmpt_type_cd' AND object_id = OBJECT_ID(N'[dbo].[property_exemption]'))
CREATE INDEX [ix_property_exemption_exmpt_type_cd] ON [dbo].[property_exemption] ([exmpt_type_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_imprv_prop_id' AND object_id = OBJECT_ID(N'[dbo].[imprv]'))
CREATE INDEX [ix_imprv_prop_id] ON [dbo].[imprv] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_land_detail_prop_id' AND object_id = OBJECT_ID(N'[dbo].[land_detail]'))
CREATE INDEX [ix_land_detail_prop_id] ON [dbo].[land_detail] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_arb_protest_prot_status' AND object_id = OBJECT_ID(N'[dbo].[_arb_protest]'))
CREATE INDEX [ix_arb_protest_prot_status] ON [dbo].[_arb_protest] ([prot_status]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_arb_protest_prop_val_yr_prot_status' AND object_id = OBJECT_ID(N'[dbo].[_arb_protest]'))
CREATE INDEX [ix_arb_protest_prop_val_yr_prot_status] ON [dbo].[_arb_protest] ([prop_val_yr], [prot_status]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_arb_protest_docket_id' AND object_id = OBJECT_ID(N'[dbo].[_arb_protest]'))
CREATE INDEX [ix_arb_protest_docket_id] ON [dbo].[_arb_protest] ([docket_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_arb_docket_docket_start_dt' AND object_id = OBJECT_ID(N'[dbo].[arb_docket]'))
CREATE INDEX [ix_arb_docket_docket_start_dt] ON [dbo].[arb_docket] ([docket_start_dt]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_chg_of_owner_prop_assoc_prop_id' AND object_id = OBJECT_ID(N'[dbo].[chg_of_owner_prop_assoc]'))
CREATE INDEX [ix_chg_of_owner_prop_assoc_prop_id] ON [dbo].[chg_of_owner_prop_assoc] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_event_event_type' AND object_id = OBJECT_ID(N'[dbo].[event]'))
CREATE INDEX [ix_event_event_type] ON [dbo].[event] ([event_type]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_prop_event_assoc_event_id' AND object_id = OBJECT_ID(N'[dbo].[prop_event_assoc]'))
CREATE INDEX [ix_prop_event_assoc_event_id] ON [dbo].[prop_event_assoc] ([event_id]);
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
SET NOEXEC OFF;
GO
