-- The demo PACS schema for PostgreSQL: every table of the demo database, with the real PACS names. Idempotent.
-- Generated from mcp/demo/demo-schema.ts by `npm run sql:generate`: do not edit by hand.
--
-- Run it in an EMPTY database made for the demo (for example pacs_demo), never in pacs_training or pacs_oltp:
--   createdb pacs_demo && psql -v ON_ERROR_STOP=1 -d pacs_demo -f resources/sql/postgres/demo-schema.sql
-- Then load the demo rows with the app: pacs-mcp demo load --into CONNECTION_ID (a training connection to that database).

DO $$
BEGIN
  IF current_database() IN ('pacs_oltp', 'pacs_training') THEN
    RAISE EXCEPTION 'The demo tables have the real PACS names: create them in an empty database such as pacs_demo, not in %.', current_database();
  END IF;
END $$;

CREATE TABLE IF NOT EXISTS "pacs_system" (
  "id" integer NOT NULL,
  "appr_yr" numeric(4,0),
  "tax_yr" numeric(4,0),
  "future_yr" numeric(4,0),
  CONSTRAINT "pacs_system_pkey" PRIMARY KEY ("id")
);
CREATE TABLE IF NOT EXISTS "pacs_year" (
  "tax_yr" numeric(4,0) NOT NULL,
  "certification_dt" date,
  "notice_dt" date,
  CONSTRAINT "pacs_year_pkey" PRIMARY KEY ("tax_yr")
);
CREATE TABLE IF NOT EXISTS "property" (
  "prop_id" integer NOT NULL,
  "prop_type_cd" char(5) NOT NULL,
  "geo_id" varchar(50),
  "simple_geo_id" varchar(50),
  "ref_id1" varchar(50),
  "ref_id2" varchar(50),
  "dba_name" varchar(50),
  "prop_create_dt" date,
  CONSTRAINT "property_pkey" PRIMARY KEY ("prop_id")
);
CREATE TABLE IF NOT EXISTS "property_val" (
  "prop_val_yr" numeric(4,0) NOT NULL,
  "sup_num" integer NOT NULL,
  "prop_id" integer NOT NULL,
  "land_hstd_val" numeric(14,0),
  "land_non_hstd_val" numeric(14,0),
  "imprv_hstd_val" numeric(14,0),
  "imprv_non_hstd_val" numeric(14,0),
  "ag_use_val" numeric(14,0),
  "ag_market" numeric(14,0),
  "market" numeric(14,0),
  "appraised_val" numeric(14,0),
  "ten_percent_cap" numeric(14,0),
  "assessed_val" numeric(14,0),
  "legal_desc" varchar(255),
  "legal_acreage" numeric(14,4),
  "abs_subdv_cd" varchar(10),
  "hood_cd" varchar(10),
  "block" varchar(50),
  "tract_or_lot" varchar(50),
  "prev_sup_num" integer,
  "sup_cd" varchar(10),
  "sup_desc" varchar(500),
  "sup_dt" date,
  "sup_action" char(1),
  "prop_inactive_dt" date,
  "last_appraiser_id" integer,
  "next_appraiser_id" integer,
  CONSTRAINT "property_val_pkey" PRIMARY KEY ("prop_val_yr", "sup_num", "prop_id")
);
CREATE TABLE IF NOT EXISTS "prop_supp_assoc" (
  "owner_tax_yr" numeric(4,0) NOT NULL,
  "sup_num" integer NOT NULL,
  "prop_id" integer NOT NULL,
  CONSTRAINT "prop_supp_assoc_pkey" PRIMARY KEY ("owner_tax_yr", "sup_num", "prop_id")
);
CREATE TABLE IF NOT EXISTS "sup_group" (
  "sup_group_id" integer NOT NULL,
  "sup_group_desc" varchar(50),
  "sup_create_dt" timestamp(3),
  "sup_accept_dt" timestamp(3),
  "sup_accept_by_id" integer,
  "status_cd" varchar(5),
  CONSTRAINT "sup_group_pkey" PRIMARY KEY ("sup_group_id")
);
CREATE TABLE IF NOT EXISTS "supplement" (
  "sup_tax_yr" numeric(4,0) NOT NULL,
  "sup_num" integer NOT NULL,
  "sup_group_id" integer NOT NULL,
  CONSTRAINT "supplement_pkey" PRIMARY KEY ("sup_tax_yr", "sup_num")
);
CREATE TABLE IF NOT EXISTS "account" (
  "acct_id" integer NOT NULL,
  "first_name" varchar(30),
  "last_name" varchar(30),
  "file_as_name" varchar(70),
  "confidential_flag" char(1),
  "confidential_file_as_name" varchar(70),
  "dl_num" varchar(20),
  "dl_state" char(2),
  "email_addr" varchar(128),
  CONSTRAINT "account_pkey" PRIMARY KEY ("acct_id")
);
CREATE TABLE IF NOT EXISTS "owner" (
  "owner_tax_yr" numeric(4,0) NOT NULL,
  "sup_num" integer NOT NULL,
  "prop_id" integer NOT NULL,
  "owner_id" integer NOT NULL,
  "pct_ownership" numeric(13,10),
  "hs_prop" char(1),
  "birth_dt" date,
  CONSTRAINT "owner_pkey" PRIMARY KEY ("owner_tax_yr", "sup_num", "prop_id", "owner_id")
);
CREATE TABLE IF NOT EXISTS "address" (
  "acct_id" integer NOT NULL,
  "addr_type_cd" char(5) NOT NULL,
  "primary_addr" char(1),
  "addr_line1" varchar(60),
  "addr_line2" varchar(60),
  "addr_line3" varchar(60),
  "addr_city" varchar(50),
  "addr_state" varchar(50),
  "zip" varchar(10),
  "country_cd" char(5),
  CONSTRAINT "address_pkey" PRIMARY KEY ("acct_id", "addr_type_cd")
);
CREATE TABLE IF NOT EXISTS "phone" (
  "acct_id" integer NOT NULL,
  "phone_id" integer NOT NULL,
  "phone_type_cd" char(5),
  "phone_num" varchar(20),
  CONSTRAINT "phone_pkey" PRIMARY KEY ("acct_id", "phone_id")
);
CREATE TABLE IF NOT EXISTS "situs" (
  "prop_id" integer NOT NULL,
  "situs_id" integer NOT NULL,
  "primary_situs" char(1),
  "situs_num" varchar(15),
  "situs_street_prefx" varchar(10),
  "situs_street" varchar(50),
  "situs_street_sufix" varchar(10),
  "situs_unit" varchar(5),
  "situs_city" varchar(30),
  "situs_state" char(2),
  "situs_zip" varchar(10),
  CONSTRAINT "situs_pkey" PRIMARY KEY ("prop_id", "situs_id")
);
CREATE TABLE IF NOT EXISTS "property_exemption" (
  "exmpt_tax_yr" numeric(4,0) NOT NULL,
  "owner_tax_yr" numeric(4,0) NOT NULL,
  "sup_num" integer NOT NULL,
  "prop_id" integer NOT NULL,
  "owner_id" integer NOT NULL,
  "exmpt_type_cd" varchar(10) NOT NULL,
  "prop_type_cd" char(5),
  "applicant_nm" varchar(70),
  "birth_dt" date,
  "spouse_birth_dt" date,
  "prop_exmpt_ss_num" varchar(11),
  "prop_exmpt_dl_num" varchar(20),
  "effective_dt" date,
  "termination_dt" date,
  "qualify_yr" numeric(4,0),
  "exmpt_subtype_cd" varchar(10),
  "exemption_pct" numeric(5,2),
  "combined_disp_income" numeric(14,0),
  "exempt_qualify_cd" varchar(10),
  "review_status_cd" varchar(10),
  CONSTRAINT "property_exemption_pkey" PRIMARY KEY ("exmpt_tax_yr", "owner_tax_yr", "sup_num", "prop_id", "owner_id", "exmpt_type_cd")
);
CREATE TABLE IF NOT EXISTS "exmpt_type" (
  "exmpt_type_cd" varchar(10) NOT NULL,
  "exmpt_desc" varchar(50),
  "federal_amt" numeric(14,0),
  "freeze_flag" char(1),
  CONSTRAINT "exmpt_type_pkey" PRIMARY KEY ("exmpt_type_cd")
);
CREATE TABLE IF NOT EXISTS "imprv" (
  "prop_val_yr" numeric(4,0) NOT NULL,
  "sup_num" integer NOT NULL,
  "sale_id" integer NOT NULL,
  "prop_id" integer NOT NULL,
  "imprv_id" integer NOT NULL,
  "imprv_type_cd" char(5),
  "imprv_desc" varchar(50),
  "imprv_val" numeric(14,0),
  "actual_year_built" numeric(4,0),
  CONSTRAINT "imprv_pkey" PRIMARY KEY ("prop_val_yr", "sup_num", "sale_id", "prop_id", "imprv_id")
);
CREATE TABLE IF NOT EXISTS "land_detail" (
  "prop_val_yr" numeric(4,0) NOT NULL,
  "sup_num" integer NOT NULL,
  "sale_id" integer NOT NULL,
  "prop_id" integer NOT NULL,
  "land_seg_id" integer NOT NULL,
  "land_type_cd" varchar(10),
  "size_acres" numeric(18,4),
  "size_square_feet" numeric(18,2),
  "ag_apply" char(1),
  "land_seg_mkt_val" numeric(14,0),
  "ag_val" numeric(14,0),
  CONSTRAINT "land_detail_pkey" PRIMARY KEY ("prop_val_yr", "sup_num", "sale_id", "prop_id", "land_seg_id")
);
CREATE TABLE IF NOT EXISTS "appraiser" (
  "appraiser_id" integer NOT NULL,
  "appraiser_nm" varchar(40),
  "inactive" smallint NOT NULL,
  "pacs_user_id" integer,
  CONSTRAINT "appraiser_pkey" PRIMARY KEY ("appraiser_id")
);
CREATE TABLE IF NOT EXISTS "neighborhood" (
  "hood_cd" varchar(10) NOT NULL,
  "hood_yr" numeric(4,0) NOT NULL,
  "hood_name" varchar(50),
  "appraiser_id" integer,
  CONSTRAINT "neighborhood_pkey" PRIMARY KEY ("hood_cd", "hood_yr")
);
CREATE TABLE IF NOT EXISTS "_arb_protest" (
  "prop_id" integer NOT NULL,
  "prop_val_yr" numeric(4,0) NOT NULL,
  "case_id" integer NOT NULL,
  "prot_type" varchar(10),
  "prot_status" varchar(20),
  "prot_create_dt" timestamp(3),
  "prot_complete_dt" timestamp(3),
  "prot_appraisal_staff" integer,
  "prot_hearing_appraisal_staff" integer,
  "docket_id" integer,
  "prot_assigned_panel" varchar(10),
  "opinion_of_value" numeric(14,0),
  "begin_market" numeric(14,0),
  "begin_appraised_val" numeric(14,0),
  "final_market" numeric(14,0),
  "final_appraised_val" numeric(14,0),
  "decision_reason_cd" varchar(10),
  CONSTRAINT "_arb_protest_pkey" PRIMARY KEY ("prop_id", "prop_val_yr", "case_id")
);
CREATE TABLE IF NOT EXISTS "_arb_protest_status" (
  "status_cd" varchar(20) NOT NULL,
  "status_desc" varchar(50),
  "close_case" smallint NOT NULL,
  "generate_letter" smallint NOT NULL,
  CONSTRAINT "_arb_protest_status_pkey" PRIMARY KEY ("status_cd")
);
CREATE TABLE IF NOT EXISTS "arb_docket" (
  "docket_id" integer NOT NULL,
  "docket_start_dt" timestamp(3) NOT NULL,
  "docket_end_dt" timestamp(3) NOT NULL,
  "max_hearings" integer NOT NULL,
  "prop_type_cds" varchar(50) NOT NULL,
  CONSTRAINT "arb_docket_pkey" PRIMARY KEY ("docket_id")
);
CREATE TABLE IF NOT EXISTS "chg_of_owner" (
  "chg_of_owner_id" integer NOT NULL,
  "deed_type_cd" varchar(10),
  "deed_num" varchar(50),
  "deed_book_id" varchar(20),
  "deed_book_page" varchar(20),
  "deed_dt" date,
  "coo_sl_dt" date,
  "grantor_cv" varchar(70),
  "grantee_cv" varchar(70),
  CONSTRAINT "chg_of_owner_pkey" PRIMARY KEY ("chg_of_owner_id")
);
CREATE TABLE IF NOT EXISTS "chg_of_owner_prop_assoc" (
  "chg_of_owner_id" integer NOT NULL,
  "prop_id" integer NOT NULL,
  "seq_num" integer,
  "sup_tax_yr" numeric(4,0),
  CONSTRAINT "chg_of_owner_prop_assoc_pkey" PRIMARY KEY ("chg_of_owner_id", "prop_id")
);
CREATE TABLE IF NOT EXISTS "seller_assoc" (
  "chg_of_owner_id" integer NOT NULL,
  "seller_id" integer NOT NULL,
  CONSTRAINT "seller_assoc_pkey" PRIMARY KEY ("chg_of_owner_id", "seller_id")
);
CREATE TABLE IF NOT EXISTS "buyer_assoc" (
  "chg_of_owner_id" integer NOT NULL,
  "buyer_id" integer NOT NULL,
  CONSTRAINT "buyer_assoc_pkey" PRIMARY KEY ("chg_of_owner_id", "buyer_id")
);
CREATE TABLE IF NOT EXISTS "sale" (
  "chg_of_owner_id" integer NOT NULL,
  "sl_price" numeric(14,0),
  "sl_dt" date,
  "sl_type_cd" varchar(5),
  "confidential_sale" char(1),
  CONSTRAINT "sale_pkey" PRIMARY KEY ("chg_of_owner_id")
);
CREATE TABLE IF NOT EXISTS "event" (
  "event_id" integer NOT NULL,
  "system_type" char(5),
  "event_type" varchar(20),
  "event_date" timestamp(3),
  "pacs_user" varchar(30),
  "pacs_user_id" integer,
  "event_desc" varchar(2048),
  "ref_evt_type" varchar(20),
  "ref_year" numeric(4,0),
  "ref_num" integer,
  "ref_id1" integer,
  "ref_id2" integer,
  CONSTRAINT "event_pkey" PRIMARY KEY ("event_id")
);
CREATE TABLE IF NOT EXISTS "prop_event_assoc" (
  "prop_id" integer NOT NULL,
  "event_id" integer NOT NULL,
  CONSTRAINT "prop_event_assoc_pkey" PRIMARY KEY ("prop_id", "event_id")
);
CREATE TABLE IF NOT EXISTS "import_staging_property_values" (
  "import_id" integer GENERATED BY DEFAULT AS IDENTITY NOT NULL,
  "parcel_id" varchar(20),
  "value_type" varchar(50),
  "value_amount" numeric(18,2),
  "effective_date" date,
  "source" varchar(255),
  "created_at" timestamp(3) DEFAULT LOCALTIMESTAMP(0),
  "import_batch_id" varchar(36),
  CONSTRAINT "import_staging_property_values_pkey" PRIMARY KEY ("import_id")
);
CREATE TABLE IF NOT EXISTS "import_staging_batches" (
  "batch_id" varchar(36) NOT NULL,
  "kind" varchar(30) NOT NULL,
  "file_name" varchar(255) NOT NULL,
  "file_sha256" char(64) NOT NULL,
  "review_sha256" char(64) NOT NULL,
  "row_count" integer NOT NULL,
  "skipped_count" integer NOT NULL,
  "reviewed_by" varchar(100) NOT NULL,
  "reviewed_at" timestamp(3) NOT NULL,
  "pushed_by" varchar(100) NOT NULL,
  "pushed_at" timestamp(3) DEFAULT LOCALTIMESTAMP(0),
  CONSTRAINT "import_staging_batches_pkey" PRIMARY KEY ("batch_id")
);
CREATE TABLE IF NOT EXISTS "import_staging_exemptions" (
  "batch_id" varchar(36) NOT NULL,
  "line_number" integer NOT NULL,
  "prop_id" integer NOT NULL,
  "geo_id" varchar(50),
  "owner_id" integer NOT NULL,
  "exmpt_tax_yr" numeric(4,0) NOT NULL,
  "exmpt_type_cd" varchar(10) NOT NULL,
  "exmpt_subtype_cd" varchar(10),
  "effective_dt" date,
  "termination_dt" date,
  "qualify_yr" numeric(4,0),
  "applicant_nm" varchar(70),
  "exemption_pct" numeric(5,2),
  "exempt_qualify_cd" varchar(10),
  "combined_disp_income" numeric(14,0),
  "action" varchar(10) NOT NULL,
  "created_at" timestamp(3) DEFAULT LOCALTIMESTAMP(0),
  CONSTRAINT "import_staging_exemptions_pkey" PRIMARY KEY ("batch_id", "line_number")
);
CREATE TABLE IF NOT EXISTS "import_staging_errors" (
  "error_id" integer GENERATED BY DEFAULT AS IDENTITY NOT NULL,
  "batch_id" varchar(36) NOT NULL,
  "line_number" integer NOT NULL,
  "column_name" varchar(128),
  "error_code" varchar(40) NOT NULL,
  "error_text" varchar(1000) NOT NULL,
  CONSTRAINT "import_staging_errors_pkey" PRIMARY KEY ("error_id")
);
CREATE TABLE IF NOT EXISTS "import_promotions" (
  "batch_id" varchar(36) NOT NULL,
  "kind" varchar(30) NOT NULL,
  "review_sha256" char(64) NOT NULL,
  "applied_count" integer NOT NULL,
  "promoted_by" varchar(100) NOT NULL,
  "promoted_at" timestamp(3) DEFAULT LOCALTIMESTAMP(0),
  CONSTRAINT "import_promotions_pkey" PRIMARY KEY ("batch_id")
);
CREATE TABLE IF NOT EXISTS "export_snapshot_parcel_timeline" (
  "snapshot_id" varchar(36),
  "parcel_id" varchar(20),
  "year" integer,
  "value" numeric(18,2),
  "extracted_by" varchar(50),
  "exported_at" timestamp(3) DEFAULT LOCALTIMESTAMP(0)
);
CREATE INDEX IF NOT EXISTS "ix_property_geo_id" ON "property" ("geo_id");
CREATE INDEX IF NOT EXISTS "ix_property_simple_geo_id" ON "property" ("simple_geo_id");
CREATE INDEX IF NOT EXISTS "ix_property_val_prop_id" ON "property_val" ("prop_id");
CREATE INDEX IF NOT EXISTS "ix_property_val_hood_cd" ON "property_val" ("hood_cd");
CREATE UNIQUE INDEX IF NOT EXISTS "ux_prop_supp_assoc_owner_tax_yr_prop_id" ON "prop_supp_assoc" ("owner_tax_yr", "prop_id");
CREATE INDEX IF NOT EXISTS "ix_prop_supp_assoc_prop_id" ON "prop_supp_assoc" ("prop_id");
CREATE INDEX IF NOT EXISTS "ix_supplement_sup_group_id" ON "supplement" ("sup_group_id");
CREATE INDEX IF NOT EXISTS "ix_account_file_as_name" ON "account" ("file_as_name");
CREATE INDEX IF NOT EXISTS "ix_owner_owner_id" ON "owner" ("owner_id");
CREATE INDEX IF NOT EXISTS "ix_owner_prop_id" ON "owner" ("prop_id");
CREATE INDEX IF NOT EXISTS "ix_situs_situs_street_situs_num" ON "situs" ("situs_street", "situs_num");
CREATE INDEX IF NOT EXISTS "ix_property_exemption_prop_id" ON "property_exemption" ("prop_id");
CREATE INDEX IF NOT EXISTS "ix_property_exemption_owner_id" ON "property_exemption" ("owner_id");
CREATE INDEX IF NOT EXISTS "ix_property_exemption_exmpt_type_cd" ON "property_exemption" ("exmpt_type_cd");
CREATE INDEX IF NOT EXISTS "ix_imprv_prop_id" ON "imprv" ("prop_id");
CREATE INDEX IF NOT EXISTS "ix_land_detail_prop_id" ON "land_detail" ("prop_id");
CREATE INDEX IF NOT EXISTS "ix_arb_protest_prot_status" ON "_arb_protest" ("prot_status");
CREATE INDEX IF NOT EXISTS "ix_arb_protest_prop_val_yr_prot_status" ON "_arb_protest" ("prop_val_yr", "prot_status");
CREATE INDEX IF NOT EXISTS "ix_arb_protest_docket_id" ON "_arb_protest" ("docket_id");
CREATE INDEX IF NOT EXISTS "ix_arb_docket_docket_start_dt" ON "arb_docket" ("docket_start_dt");
CREATE INDEX IF NOT EXISTS "ix_chg_of_owner_prop_assoc_prop_id" ON "chg_of_owner_prop_assoc" ("prop_id");
CREATE INDEX IF NOT EXISTS "ix_event_event_type" ON "event" ("event_type");
CREATE INDEX IF NOT EXISTS "ix_prop_event_assoc_event_id" ON "prop_event_assoc" ("event_id");
CREATE INDEX IF NOT EXISTS "ix_import_staging_exemptions_prop_id" ON "import_staging_exemptions" ("prop_id");
CREATE INDEX IF NOT EXISTS "ix_import_staging_errors_batch_id" ON "import_staging_errors" ("batch_id");
CREATE INDEX IF NOT EXISTS "ix_export_snapshot_parcel_timeline_snapshot_id" ON "export_snapshot_parcel_timeline" ("snapshot_id");
CREATE INDEX IF NOT EXISTS "ix_export_snapshot_parcel_timeline_parcel_id" ON "export_snapshot_parcel_timeline" ("parcel_id");
