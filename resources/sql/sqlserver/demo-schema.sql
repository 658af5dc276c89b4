-- The demo PACS schema for SQL Server: every table of the demo database with the real PACS names and types, keys, indexes and foreign keys. Idempotent.
-- Generated from the PACS catalog (resources/pacs-catalog) by mcp/demo/demo-schema.ts and `npm run sql:generate`: do not edit by hand.
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
  [tax_yr] NUMERIC(4,0) NOT NULL,
  [appr_yr] NUMERIC(4,0) NULL,
  [system_type] CHAR(1) NULL,
  [rounding_factor] NUMERIC(4,0) NULL,
  [rounding_income_factor] NUMERIC(4,0) NULL,
  [receipt_copies] INT NULL,
  [first_yr_to_supp] NUMERIC(4,0) NULL,
  [validator_line_one] VARCHAR(50) NULL,
  [validator_line_two] VARCHAR(50) NULL,
  [validator_line_three] VARCHAR(50) NULL,
  [validator_line_four] VARCHAR(50) NULL,
  [validator_line_seven] VARCHAR(50) NULL,
  [validator_line_eight] VARCHAR(50) NULL,
  [validator_line_nine] VARCHAR(50) NULL,
  [geo_id_display_option] CHAR(1) NULL,
  [phone_num] VARCHAR(20) NULL,
  [fax_num] VARCHAR(20) NULL,
  [version] VARCHAR(20) NULL,
  [oil_well_adj_acres] NUMERIC(14,4) NULL,
  [apply_land_mass_factor] CHAR(1) NULL,
  [apply_imprv_mass_factor] CHAR(1) NULL,
  [distribution_path] VARCHAR(100) NULL,
  [pacsappr_version] VARCHAR(100) NULL,
  [pacscol_version] VARCHAR(100) NULL,
  [confidential_file_as_name] VARCHAR(70) NULL,
  [confidential_first_name] VARCHAR(30) NULL,
  [confidential_last_name] VARCHAR(30) NULL,
  [begin_close_dt] DATETIME NULL,
  [starting_check_num] INT NULL,
  [gis_viewer] CHAR(1) NULL,
  [gis_viewer_display_labels] CHAR(1) NULL,
  [appr_card_type] VARCHAR(15) NULL,
  [letter_path] VARCHAR(255) NULL,
  [label_printer_name] VARCHAR(255) NULL,
  [face_map_path] VARCHAR(255) NULL,
  [face_map_field] VARCHAR(50) NOT NULL DEFAULT 'ref_id1',
  [cold_location] VARCHAR(255) NULL,
  [sl_type] CHAR(5) NULL,
  [sl_ratio_type] CHAR(5) NULL,
  [sl_finance_type] CHAR(5) NULL,
  [sl_conf_source] VARCHAR(30) NULL,
  [lease_flag] BIT NOT NULL,
  [factor_flag] CHAR(1) NULL,
  [client_name] VARCHAR(20) NULL,
  [inq_print_letter_id] INT NULL,
  [heat_ac_code_attribute_id] INT NOT NULL DEFAULT 9,
  [penpad_password] VARCHAR(32) NULL,
  [export_path] VARCHAR(255) NULL,
  [future_yr] NUMERIC(4,0) NULL,
  [shared_cad_valuation] CHAR(1) NULL,
  [street_default] CHAR(1) NULL DEFAULT '0',
  [pp_waive_penalty_percent] NUMERIC(5,2) NULL,
  [pp_waive_amount_threshold] NUMERIC(14,2) NULL,
  [so_type] CHAR(10) NULL,
  [so_method] CHAR(5) NULL,
  [so_class] CHAR(10) NULL,
  [sales_ratio_report_ui_mode] INT NULL,
  [pro_notice_hearing_letter_single] INT NULL,
  [pro_notice_hearing_letter_multi] INT NULL,
  [pro_arb_certified_mailer_agent] INT NULL,
  [pro_arb_certified_mailer_owner] INT NULL,
  [pro_warn_more_protests_opened] CHAR(1) NULL DEFAULT 'F',
  [arb_mass_prop_entry_def_search] INT NULL DEFAULT 0,
  [sketch_default_font] INT NULL,
  [sketch_separator_type] CHAR(1) NULL,
  [sketch_center_label] CHAR(1) NULL,
  [sketch_show_area] CHAR(1) NULL,
  [duplicate_col_warn] VARCHAR(100) NULL,
  [print_appr_card_barcode] CHAR(1) NULL,
  [print_appr_card_sketch] CHAR(1) NULL,
  [sketch_font_name] VARCHAR(50) NULL,
  [sketch_auto_pointer] CHAR(1) NULL,
  [set_actual_taxes] CHAR(5) NULL,
  [pp_rendition_penalty_cad_fee_pct] NUMERIC(5,2) NOT NULL,
  [pp_rendition_penalty_letter] VARCHAR(100) NULL,
  [use_app_role] BIT NULL,
  [show_pc_good_field] CHAR(1) NULL,
  [cert_roll_rpt_print_refId2] CHAR(1) NULL,
  [bpp_default_segment] CHAR(2) NULL,
  [display_location_id] CHAR(2) NULL,
  [hswiz_set_homesite] BIT NULL,
  [hswiz_sup_cd] VARCHAR(10) NULL,
  [hswiz_sup_desc] VARCHAR(500) NULL,
  [use_penpad_sketch] CHAR(1) NULL,
  [pp_rendition_wizard_delete_prev_yr] CHAR(1) NULL,
  [pp_rend_format] CHAR(1) NULL,
  [store_adj_detail_area] BIT NULL,
  [hswiz_update_app_name_enabled] VARCHAR(1) NULL,
  [hswiz_update_app_name_setting] VARCHAR(1) NULL,
  [bpp_assetmgr_sort] VARCHAR(1) NULL,
  [warn_arb_prot_save] CHAR(1) NULL,
  [display_agent_warning] CHAR(1) NULL,
  [print_inactive_building_permits] CHAR(1) NULL,
  [use_timber_78_values] BIT NULL,
  [arb_warn_more_open_protests_on_open] CHAR(1) NULL,
  [default_appr_notice_form] VARCHAR(25) NULL,
  [heat_only_code_attribute_id] INT NULL,
  [cool_only_code_attribute_id] INT NULL,
  [ptd_sale_submission_export_map_number_as] VARCHAR(25) NULL,
  [num_bathrooms_code_attribute_id] INT NULL,
  [num_bedrooms_code_attribute_id] INT NULL,
  [mineral_import_format_file_path] VARCHAR(255) NULL,
  [default_tax_statement_form] VARCHAR(15) NULL,
  [default_inquiry_create_year] NUMERIC(4,0) NULL,
  [default_inquiry_search_year] NUMERIC(4,0) NULL,
  [default_protest_create_year] NUMERIC(4,0) NULL,
  [default_protest_search_year] NUMERIC(4,0) NULL,
  [default_arb_system_override] BIT NOT NULL DEFAULT 0,
  [override_ownership_wiz_reset_exemption] BIT NULL,
  [auto_add_ov65] CHAR(1) NULL,
  [auto_add_ov65_ignore_reset_exemptions] BIT NULL,
  [default_arb_system_inquiry_override] BIT NOT NULL DEFAULT 0,
  [default_arb_system_protest_override] BIT NOT NULL DEFAULT 0,
  [nbhd_cost_calibration_default_target_ratio] NUMERIC(14,4) NOT NULL DEFAULT 100,
  [pp_rendition_print_column_format] BIT NOT NULL DEFAULT 0,
  [owner_transfer_do_reset_exemptions_logic] BIT NOT NULL DEFAULT 0,
  [owner_transfer_set_inactivate_agent] BIT NOT NULL DEFAULT 0,
  [supplement_reason_required] BIT NOT NULL DEFAULT 0,
  [postpone_duedate] BIT NOT NULL DEFAULT 0,
  CONSTRAINT [pk_pacs_system] PRIMARY KEY CLUSTERED ([id])
);
GO
IF OBJECT_ID(N'[dbo].[pacs_year]', N'U') IS NULL
CREATE TABLE [dbo].[pacs_year] (
  [tax_yr] NUMERIC(4,0) NOT NULL,
  [certification_dt] DATETIME NULL,
  [notice_dt] DATETIME NULL,
  [prev_reappraised_yr] NUMERIC(4,0) NULL,
  [assessment_certification_date] DATETIME NULL,
  CONSTRAINT [pk_pacs_year] PRIMARY KEY CLUSTERED ([tax_yr])
);
GO
IF OBJECT_ID(N'[dbo].[property]', N'U') IS NULL
CREATE TABLE [dbo].[property] (
  [prop_id] INT NOT NULL,
  [prop_type_cd] CHAR(5) NOT NULL,
  [prop_create_dt] DATETIME NULL,
  [ref_id1] VARCHAR(50) NULL,
  [ref_id2] VARCHAR(50) NULL,
  [geo_id] VARCHAR(50) NULL,
  [ams_load_dt] DATETIME NULL,
  [prop_cmnt] VARCHAR(3000) NULL,
  [prop_sic_cd] VARCHAR(10) NULL,
  [dba_name] VARCHAR(50) NULL,
  [alt_dba_name] VARCHAR(50) NULL,
  [exmpt_reset] CHAR(1) NULL,
  [gpm_irrig] INT NULL,
  [utilities] VARCHAR(50) NULL,
  [topography] VARCHAR(50) NULL,
  [road_access] VARCHAR(50) NULL,
  [other] VARCHAR(50) NULL,
  [zoning] VARCHAR(50) NULL,
  [remarks] VARCHAR(3000) NULL,
  [state_cd] CHAR(5) NULL,
  [mass_created_from] INT NULL,
  [simple_geo_id] VARCHAR(50) NULL,
  [reference_flag] CHAR(1) NULL,
  [penpad_run_id] INT NULL,
  [reference_desc] VARCHAR(64) NULL,
  [col_owner_id] INT NULL,
  [col_agent_id] INT NULL,
  [col_owner_yr] INT NULL,
  [col_owner_override] BIT NOT NULL DEFAULT 0,
  [col_agent_override] BIT NOT NULL DEFAULT 0,
  [col_owner_update_dt] DATETIME NULL,
  [col_agent_update_dt] DATETIME NULL,
  [mass_create_run_id] INT NULL,
  [col_autopay_id] INT NULL DEFAULT 0,
  CONSTRAINT [pk_property] PRIMARY KEY CLUSTERED ([prop_id])
);
GO
IF OBJECT_ID(N'[dbo].[property_val]', N'U') IS NULL
CREATE TABLE [dbo].[property_val] (
  [prop_id] INT NOT NULL,
  [prop_val_yr] NUMERIC(4,0) NOT NULL,
  [prop_val] NUMERIC(14,0) NULL,
  [chg_dt] DATETIME NULL,
  [notice_mail_dt] DATETIME NULL,
  [land_hstd_val] NUMERIC(14,0) NULL,
  [land_non_hstd_val] NUMERIC(14,0) NULL,
  [imprv_hstd_val] NUMERIC(14,0) NULL,
  [imprv_non_hstd_val] NUMERIC(14,0) NULL,
  [appraised_val] NUMERIC(14,0) NULL,
  [assessed_val] NUMERIC(14,0) NULL,
  [market] NUMERIC(14,0) NULL,
  [ag_use_val] NUMERIC(14,0) NULL,
  [ag_market] NUMERIC(14,0) NULL,
  [freeze_ceiling] NUMERIC(14,2) NULL,
  [freeze_yr] NUMERIC(4,0) NULL,
  [ag_loss] NUMERIC(14,0) NULL,
  [ag_late_loss] NUMERIC(14,0) NULL,
  [timber_78] NUMERIC(14,0) NULL,
  [timber_market] NUMERIC(14,0) NULL,
  [timber_use] NUMERIC(14,0) NULL,
  [timber_loss] NUMERIC(14,0) NULL,
  [timber_late_loss] NUMERIC(14,0) NULL,
  [rendered_val] NUMERIC(14,0) NULL,
  [rendered_yr] NUMERIC(4,0) NULL,
  [new_val] NUMERIC(14,0) NULL,
  [new_yr] NUMERIC(4,0) NULL,
  [mineral_int_pct] NUMERIC(13,10) NULL,
  [orig_appraised_val] NUMERIC(14,0) NULL,
  [ten_percent_cap] NUMERIC(14,0) NULL,
  [sup_num] INT NOT NULL,
  [legal_desc] VARCHAR(255) NULL,
  [legal_desc_2] VARCHAR(255) NULL,
  [abated_pct] NUMERIC(8,0) NULL,
  [abated_amt] NUMERIC(14,0) NULL,
  [abated_yr] NUMERIC(5,0) NULL,
  [eff_size_acres] NUMERIC(14,4) NULL,
  [shared_prop_val] NUMERIC(14,0) NULL,
  [shared_prop_cad_code] VARCHAR(5) NULL,
  [legal_acreage] NUMERIC(14,4) NULL,
  [vit_flag] CHAR(1) NULL,
  [recalc_flag] CHAR(1) NULL,
  [vit_declaration_filed_dt] DATETIME NULL,
  [prev_sup_num] INT NULL,
  [sup_cd] CHAR(10) NULL,
  [sup_desc] VARCHAR(500) NULL,
  [sup_dt] DATETIME NULL,
  [sup_action] CHAR(1) NULL,
  [appr_company_id] INT NULL,
  [prop_inactive_dt] DATETIME NULL,
  [hscap_qualify_yr] NUMERIC(4,0) NULL,
  [hscap_override_prevhsval_flag] CHAR(1) NULL,
  [hscap_prevhsval] NUMERIC(14,0) NULL,
  [hscap_prevhsval_pacsuser] NUMERIC(14,0) NULL,
  [hscap_prevhsval_comment] VARCHAR(255) NULL,
  [hscap_prevhsval_date] DATETIME NULL,
  [hscap_override_newhsval_flag] CHAR(1) NULL,
  [hscap_newhsval] NUMERIC(14,0) NULL,
  [hscap_newhsval_pacsuser] NUMERIC(14,0) NULL,
  [hscap_newhsval_comment] VARCHAR(255) NULL,
  [hscap_newhsval_date] DATETIME NULL,
  [last_appraisal_yr] NUMERIC(4,0) NULL,
  [oil_wells] NUMERIC(14,0) NULL,
  [irr_wells] NUMERIC(14,0) NULL,
  [irr_acres] NUMERIC(14,4) NULL,
  [irr_capacity] NUMERIC(14,0) NULL,
  [oil_well_apply_adjust] CHAR(1) NULL,
  [oil_wells_apply_adjust] CHAR(1) NULL,
  [tif_imprv_val] NUMERIC(14,0) NULL,
  [tif_land_val] NUMERIC(14,0) NULL,
  [tif_flag] CHAR(1) NULL,
  [accept_create_id] INT NULL,
  [accept_create_dt] DATETIME NULL,
  [abs_subdv_cd] VARCHAR(10) NULL,
  [hood_cd] VARCHAR(10) NULL,
  [block] VARCHAR(50) NULL,
  [tract_or_lot] VARCHAR(50) NULL,
  [mbl_hm_park] VARCHAR(50) NULL,
  [mbl_hm_space] VARCHAR(50) NULL,
  [rgn_cd] VARCHAR(5) NULL,
  [subset_cd] VARCHAR(5) NULL,
  [map_id] VARCHAR(20) NULL,
  [auto_build_legal] VARCHAR(1) NULL,
  [image_path] VARCHAR(255) NULL,
  [hscap_prev_reappr_yr] NUMERIC(4,0) NULL,
  [hscap_base_yr] NUMERIC(4,0) NULL,
  [hscap_base_yr_override] CHAR(1) NULL,
  [hscap_base_yr_pacsuser] NUMERIC(14,0) NULL,
  [hscap_base_yr_comment] VARCHAR(255) NULL,
  [hscap_base_yr_date] DATETIME NULL,
  [mapsco] VARCHAR(20) NULL,
  [cost_value] NUMERIC(14,0) NULL,
  [income_value] NUMERIC(14,0) NULL,
  [shared_value] NUMERIC(14,0) NULL,
  [appr_method] CHAR(5) NULL,
  [cost_land_hstd_val] NUMERIC(14,0) NULL,
  [cost_land_non_hstd_val] NUMERIC(14,0) NULL,
  [cost_imprv_hstd_val] NUMERIC(14,0) NULL,
  [cost_imprv_non_hstd_val] NUMERIC(14,0) NULL,
  [cost_market] NUMERIC(14,0) NULL,
  [cost_ag_use_val] NUMERIC(14,0) NULL,
  [cost_ag_market] NUMERIC(14,0) NULL,
  [cost_ag_loss] NUMERIC(14,0) NULL,
  [cost_timber_market] NUMERIC(14,0) NULL,
  [cost_timber_use] NUMERIC(14,0) NULL,
  [cost_timber_loss] NUMERIC(14,0) NULL,
  [income_land_hstd_val] NUMERIC(14,0) NULL,
  [income_land_non_hstd_val] NUMERIC(14,0) NULL,
  [income_imprv_hstd_val] NUMERIC(14,0) NULL,
  [income_imprv_non_hstd_val] NUMERIC(14,0) NULL,
  [income_market] NUMERIC(14,0) NULL,
  [income_ag_use_val] NUMERIC(14,0) NULL,
  [income_ag_market] NUMERIC(14,0) NULL,
  [income_ag_loss] NUMERIC(14,0) NULL,
  [income_timber_market] NUMERIC(14,0) NULL,
  [income_timber_use] NUMERIC(14,0) NULL,
  [income_timber_loss] NUMERIC(14,0) NULL,
  [shared_land_hstd_val] NUMERIC(14,0) NULL,
  [shared_land_non_hstd_val] NUMERIC(14,0) NULL,
  [shared_imprv_hstd_val] NUMERIC(14,0) NULL,
  [shared_imprv_non_hstd_val] NUMERIC(14,0) NULL,
  [shared_market] NUMERIC(14,0) NULL,
  [shared_ag_use_val] NUMERIC(14,0) NULL,
  [shared_ag_market] NUMERIC(14,0) NULL,
  [shared_ag_loss] NUMERIC(14,0) NULL,
  [shared_timber_market] NUMERIC(14,0) NULL,
  [shared_timber_use] NUMERIC(14,0) NULL,
  [shared_timber_loss] NUMERIC(14,0) NULL,
  [last_appraiser_id] INT NULL,
  [next_appraiser_id] INT NULL,
  [last_appraisal_dt] DATETIME NULL,
  [next_appraisal_dt] DATETIME NULL,
  [next_appraisal_rsn] VARCHAR(500) NULL,
  [value_appraiser_id] INT NULL,
  [land_appraiser_id] INT NULL,
  [sub_market_cd] VARCHAR(10) NULL,
  [property_use_cd] VARCHAR(10) NULL,
  [visibility_access_cd] VARCHAR(10) NULL,
  [last_pacs_user_id] INT NULL,
  [recalc_dt] DATETIME NULL,
  [new_val_hs] NUMERIC(14,0) NULL,
  [new_val_nhs] NUMERIC(14,0) NULL,
  [new_val_p] NUMERIC(14,0) NULL,
  [owner_update_dt] DATETIME NULL,
  [agent_update_dt] DATETIME NULL,
  [penpad_comments] VARCHAR(256) NULL,
  [last_actual_appraisal_dt] DATETIME NULL,
  [last_owner_id] INT NULL,
  [cad_value_option] VARCHAR(5) NULL,
  [condo_pct] NUMERIC(13,10) NULL,
  [reviewed_dt] SMALLDATETIME NULL,
  [reviewed_appraiser] INT NULL,
  [arb_land_hstd_val] NUMERIC(14,0) NULL,
  [arb_land_non_hstd_val] NUMERIC(14,0) NULL,
  [arb_imprv_hstd_val] NUMERIC(14,0) NULL,
  [arb_imprv_non_hstd_val] NUMERIC(14,0) NULL,
  [arb_market] NUMERIC(14,0) NULL,
  [arb_ag_use_val] NUMERIC(14,0) NULL,
  [arb_ag_market] NUMERIC(14,0) NULL,
  [arb_timber_market] NUMERIC(14,0) NULL,
  [arb_timber_use] NUMERIC(14,0) NULL,
  [arb_timber_loss] NUMERIC(14,0) NULL,
  [shared_other_val] NUMERIC(14,2) NULL,
  [udi_parent] CHAR(1) NULL,
  [udi_parent_prop_id] INT NULL,
  [udi_status] VARCHAR(5) NULL,
  [udi_child_legal_desc] BIT NULL,
  [image_id] INT NULL,
  [dist_land_hstd_val] NUMERIC(14,0) NULL,
  [dist_land_non_hstd_val] NUMERIC(14,0) NULL,
  [dist_imprv_hstd_val] NUMERIC(14,0) NULL,
  [dist_imprv_non_hstd_val] NUMERIC(14,0) NULL,
  [dist_market] NUMERIC(14,0) NULL,
  [dist_ag_use_val] NUMERIC(14,0) NULL,
  [dist_ag_market] NUMERIC(14,0) NULL,
  [dist_timber_market] NUMERIC(14,0) NULL,
  [dist_timber_use] NUMERIC(14,0) NULL,
  [dist_timber_loss] NUMERIC(14,0) NULL,
  [tsRowVersion] ROWVERSION NOT NULL,
  [last_arb_appr_method] CHAR(5) NULL,
  [udi_original_property_id] INT NULL,
  [pp_sq_ft] NUMERIC(14,4) NULL,
  [pp_rentable_sq_ft_rate] NUMERIC(14,4) NULL,
  [dist_vit_val] NUMERIC(18,0) NULL,
  [secondary_use_cd] VARCHAR(10) NULL,
  [assessment_use_cd] VARCHAR(10) NULL,
  [state_district_cd] VARCHAR(25) NULL,
  [tax_area_mileage] NUMERIC(9,2) NULL,
  [total_mileage] NUMERIC(9,2) NULL,
  [dor_value] NUMERIC(15,2) NULL,
  [apply_miscellaneous_codes] BIT NULL,
  [book_page] VARCHAR(10) NULL,
  [sup_comment] VARCHAR(3000) NULL,
  [change_of_value_form] BIT NULL,
  [sub_type] VARCHAR(5) NULL,
  [urban_growth_cd] VARCHAR(10) NULL,
  [cycle] INT NULL,
  [cycle_override] BIT NULL,
  [pp_farm] NUMERIC(14,0) NULL,
  [pp_non_farm] NUMERIC(14,0) NULL,
  [ag_hs_use_val] NUMERIC(14,0) NULL,
  [ag_hs_mkt_val] NUMERIC(14,0) NULL,
  [ag_hs_loss] NUMERIC(14,0) NULL,
  [timber_hs_use_val] NUMERIC(14,0) NULL,
  [timber_hs_mkt_val] NUMERIC(14,0) NULL,
  [timber_hs_loss] NUMERIC(14,0) NULL,
  [cost_ag_hs_use_val] NUMERIC(14,0) NULL,
  [cost_ag_hs_mkt_val] NUMERIC(14,0) NULL,
  [cost_ag_hs_loss] NUMERIC(14,0) NULL,
  [cost_timber_hs_use_val] NUMERIC(14,0) NULL,
  [cost_timber_hs_mkt_val] NUMERIC(14,0) NULL,
  [cost_timber_hs_loss] NUMERIC(14,0) NULL,
  [shared_ag_hs_use_val] NUMERIC(14,0) NULL,
  [shared_ag_hs_mkt_val] NUMERIC(14,0) NULL,
  [shared_ag_hs_loss] NUMERIC(14,0) NULL,
  [shared_timber_hs_use_val] NUMERIC(14,0) NULL,
  [shared_timber_hs_mkt_val] NUMERIC(14,0) NULL,
  [shared_timber_hs_loss] NUMERIC(14,0) NULL,
  [arb_ag_hs_use_val] NUMERIC(14,0) NULL,
  [arb_ag_hs_mkt_val] NUMERIC(14,0) NULL,
  [arb_ag_hs_loss] NUMERIC(14,0) NULL,
  [arb_timber_hs_use_val] NUMERIC(14,0) NULL,
  [arb_timber_hs_mkt_val] NUMERIC(14,0) NULL,
  [arb_timber_hs_loss] NUMERIC(14,0) NULL,
  [dist_ag_hs_use_val] NUMERIC(14,0) NULL,
  [dist_ag_hs_mkt_val] NUMERIC(14,0) NULL,
  [dist_ag_hs_loss] NUMERIC(14,0) NULL,
  [dist_timber_hs_use_val] NUMERIC(14,0) NULL,
  [dist_timber_hs_mkt_val] NUMERIC(14,0) NULL,
  [dist_timber_hs_loss] NUMERIC(14,0) NULL,
  [sup_verified_user] INT NULL,
  [new_val_imprv_hs] NUMERIC(14,0) NULL,
  [new_val_imprv_nhs] NUMERIC(14,0) NULL,
  [new_val_land_hs] NUMERIC(14,0) NULL,
  [new_val_land_nhs] NUMERIC(14,0) NULL,
  [sup_verified_date] DATETIME NULL,
  [change_form_printed] BIT NULL,
  [exclude_change_of_value_form] BIT NULL,
  [gis_real_coord_x] NUMERIC(17,9) NULL,
  [gis_real_coord_y] NUMERIC(17,9) NULL,
  [late_filing_penalty_pct] NUMERIC(5,2) NULL,
  [fraud_penalty_pct] NUMERIC(5,2) NULL,
  [prop_state] CHAR(1) NULL,
  [imprv_val] AS (ISNULL([imprv_hstd_val], 0) + ISNULL([imprv_non_hstd_val], 0)),
  [remodel_val_curr_yr] NUMERIC(14,0) NULL,
  [collections_only] BIT NOT NULL DEFAULT 0,
  [suppress_notice_prior_year_values] BIT NOT NULL DEFAULT 0,
  [retain_notice_prior_year_value_setting] BIT NOT NULL DEFAULT 0,
  [township_code] VARCHAR(20) NULL,
  [township_section] VARCHAR(50) NULL,
  [township_q_section] VARCHAR(50) NULL,
  [range_code] VARCHAR(20) NULL,
  [non_taxed_mkt_val] NUMERIC(14,0) NULL DEFAULT 0,
  [mktappr_market] NUMERIC(14,0) NULL,
  [mktappr_imprv_hstd_val] NUMERIC(14,0) NULL,
  [mktappr_imprv_non_hstd_val] NUMERIC(14,0) NULL,
  [mktappr_land_hstd_val] NUMERIC(14,0) NULL,
  [mktappr_land_non_hstd_val] NUMERIC(14,0) NULL,
  [mktappr_ag_use_val] NUMERIC(14,0) NULL,
  [mktappr_ag_market] NUMERIC(14,0) NULL,
  [mktappr_ag_loss] NUMERIC(14,0) NULL,
  [mktappr_timber_use] NUMERIC(14,0) NULL,
  [mktappr_timber_market] NUMERIC(14,0) NULL,
  [mktappr_timber_loss] NUMERIC(14,0) NULL,
  [mktappr_ag_hs_use_val] NUMERIC(14,0) NULL,
  [mktappr_ag_hs_mkt_val] NUMERIC(14,0) NULL,
  [mktappr_ag_hs_loss] NUMERIC(14,0) NULL,
  [mktappr_timber_hs_use_val] NUMERIC(14,0) NULL,
  [mktappr_timber_hs_mkt_val] NUMERIC(14,0) NULL,
  [mktappr_timber_hs_loss] NUMERIC(14,0) NULL,
  [prepared_by_id] INT NULL,
  [ubi_number] VARCHAR(50) NULL,
  [tax_registration] VARCHAR(50) NULL,
  [business_start_dt] DATETIME NULL,
  [business_close_dt] DATETIME NULL,
  [business_sold_dt] DATETIME NULL,
  [has_locked_values] BIT NOT NULL DEFAULT 0,
  CONSTRAINT [pk_property_val] PRIMARY KEY CLUSTERED ([prop_val_yr], [sup_num], [prop_id]),
  CONSTRAINT [ck_property_val_prev_sup_num] CHECK ([prev_sup_num] IS NULL OR [prev_sup_num] BETWEEN 0 AND 32767)
);
GO
IF OBJECT_ID(N'[dbo].[prop_supp_assoc]', N'U') IS NULL
CREATE TABLE [dbo].[prop_supp_assoc] (
  [prop_id] INT NOT NULL,
  [owner_tax_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  CONSTRAINT [pk_prop_supp_assoc] PRIMARY KEY CLUSTERED ([owner_tax_yr], [sup_num], [prop_id]),
  UNIQUE NONCLUSTERED ([owner_tax_yr], [prop_id])
);
GO
IF OBJECT_ID(N'[dbo].[supplement]', N'U') IS NULL
CREATE TABLE [dbo].[supplement] (
  [sup_tax_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [sup_group_id] INT NOT NULL,
  [levy_cert_run_id] INT NULL,
  CONSTRAINT [pk_supplement] PRIMARY KEY CLUSTERED ([sup_tax_yr], [sup_num], [sup_group_id])
);
GO
IF OBJECT_ID(N'[dbo].[sup_group]', N'U') IS NULL
CREATE TABLE [dbo].[sup_group] (
  [sup_group_id] INT NOT NULL,
  [sup_group_desc] VARCHAR(50) NULL,
  [sup_create_dt] DATETIME NULL,
  [sup_arb_ready_dt] DATETIME NULL,
  [sup_accept_dt] DATETIME NULL,
  [sup_bill_create_dt] DATETIME NULL,
  [status_cd] CHAR(5) NULL,
  [sup_accept_by_id] INT NULL,
  [sup_bills_created_by_id] INT NULL,
  [sup_group_comment] VARCHAR(255) NULL,
  [sup_bill_status] VARCHAR(5) NULL,
  [sup_bills_batch_id] INT NULL,
  CONSTRAINT [pk_sup_group] PRIMARY KEY CLUSTERED ([sup_group_id])
);
GO
IF OBJECT_ID(N'[dbo].[account]', N'U') IS NULL
CREATE TABLE [dbo].[account] (
  [acct_id] INT NOT NULL,
  [first_name] VARCHAR(30) NULL,
  [last_name] VARCHAR(30) NULL,
  [file_as_name] VARCHAR(70) NULL,
  [dl_num] VARCHAR(10) NULL,
  [dl_state] CHAR(2) NULL,
  [dl_expir_dt] DATETIME NULL,
  [merged_acct_id] CHAR(5) NULL,
  [acct_create_dt] DATETIME NULL,
  [opening_balance] MONEY NULL,
  [comment] VARCHAR(2048) NULL,
  [misc_code] VARCHAR(50) NULL,
  [ref_id1] VARCHAR(50) NULL,
  [source] VARCHAR(30) NULL,
  [ref_acct_id] INT NULL,
  [confidential_flag] CHAR(1) NULL,
  [confidential_file_as_name] VARCHAR(70) NULL,
  [confidential_first_name] VARCHAR(30) NULL,
  [confidential_last_name] VARCHAR(30) NULL,
  [dist_m_n_o] INT NULL,
  [dist_i_n_s] INT NULL,
  [dist_pi] INT NULL,
  [dist_atty_fees] INT NULL,
  [dist_overages] INT NULL,
  [dist_tax_cert_fees] INT NULL,
  [dist_misc_fees] INT NULL,
  [dist_vit] INT NULL,
  [email_addr] VARCHAR(50) NULL,
  [web_addr] VARCHAR(50) NULL,
  [ftp_addr] VARCHAR(50) NULL,
  [update_dt] DATETIME NULL,
  [web_suppression] CHAR(1) NULL,
  [appr_company_id] INT NULL,
  CONSTRAINT [pk_account] PRIMARY KEY CLUSTERED ([acct_id])
);
GO
IF OBJECT_ID(N'[dbo].[owner]', N'U') IS NULL
CREATE TABLE [dbo].[owner] (
  [owner_id] INT NOT NULL,
  [owner_tax_yr] NUMERIC(4,0) NOT NULL,
  [prop_id] INT NOT NULL,
  [updt_dt] DATETIME NOT NULL,
  [pct_ownership] NUMERIC(13,10) NULL,
  [owner_cmnt] VARCHAR(255) NULL,
  [over_65_defer] CHAR(1) NULL,
  [over_65_date] DATETIME NULL,
  [ag_app_filed] CHAR(1) NULL,
  [apply_pct_exemptions] CHAR(1) NULL,
  [sup_num] INT NOT NULL,
  [type_of_int] CHAR(5) NULL,
  [hs_prop] CHAR(1) NULL,
  [birth_dt] DATETIME NULL,
  [roll_exemption] VARCHAR(500) NULL,
  [roll_state_code] VARCHAR(500) NULL,
  [roll_entity] VARCHAR(500) NULL,
  [pct_imprv_hs] NUMERIC(13,10) NULL,
  [pct_imprv_nhs] NUMERIC(13,10) NULL,
  [pct_land_hs] NUMERIC(13,10) NULL,
  [pct_land_nhs] NUMERIC(13,10) NULL,
  [pct_ag_use] NUMERIC(13,10) NULL,
  [pct_ag_mkt] NUMERIC(13,10) NULL,
  [pct_tim_use] NUMERIC(13,10) NULL,
  [pct_tim_mkt] NUMERIC(13,10) NULL,
  [pct_pers_prop] NUMERIC(13,10) NULL,
  [udi_child_prop_id] INT NULL,
  [percent_type] VARCHAR(5) NULL,
  [pct_ag_use_hs] NUMERIC(13,10) NULL,
  [pct_ag_mkt_hs] NUMERIC(13,10) NULL,
  [pct_tim_use_hs] NUMERIC(13,10) NULL,
  [pct_tim_mkt_hs] NUMERIC(13,10) NULL,
  [linked_cd] VARCHAR(10) NULL,
  CONSTRAINT [pk_owner] PRIMARY KEY CLUSTERED ([owner_tax_yr], [sup_num], [prop_id], [owner_id])
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
  [country_cd] CHAR(5) NULL,
  [ml_returned_dt] DATETIME NULL,
  [ml_type_cd] CHAR(5) NULL,
  [ml_deliverable] CHAR(1) NULL,
  [ml_return_type_cd] CHAR(5) NULL,
  [ml_returned_reason] VARCHAR(50) NULL,
  [cass_dt] DATETIME NULL,
  [delivery_point] VARCHAR(2) NULL,
  [carrier_route] VARCHAR(5) NULL,
  [check_digit] VARCHAR(2) NULL,
  [update_flag] CHAR(1) NULL,
  [chg_reason_cd] CHAR(5) NULL,
  [last_change_dt] DATETIME NULL,
  [zip] VARCHAR(5) NULL,
  [cass] VARCHAR(4) NULL,
  [route] VARCHAR(2) NULL,
  [addr_zip] AS (CASE WHEN LEN([cass]) = 4 THEN [zip] + '-' + [cass] ELSE [zip] END),
  [is_international] BIT NOT NULL DEFAULT 0,
  CONSTRAINT [pk_address] PRIMARY KEY CLUSTERED ([acct_id], [addr_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[phone]', N'U') IS NULL
CREATE TABLE [dbo].[phone] (
  [acct_id] INT NOT NULL,
  [phone_id] INT NOT NULL,
  [phone_type_cd] CHAR(5) NOT NULL,
  [phone_num] VARCHAR(20) NULL,
  [is_primary] BIT NULL,
  CONSTRAINT [pk_phone] PRIMARY KEY CLUSTERED ([phone_id], [phone_type_cd], [acct_id])
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
  [situs_display] AS (LTRIM(RTRIM(ISNULL([situs_num] + ' ', '') + ISNULL([sub_num] + ' ', '') + ISNULL([situs_street_prefx] + ' ', '') + ISNULL([situs_street] + ' ', '') + ISNULL([situs_street_sufix] + ' ', '') + ISNULL([building_num] + ' ', '') + ISNULL([situs_unit] + ' ', ''))) + CHAR(10) + ISNULL([situs_city], '') + ', ' + ISNULL([situs_state], '') + ' ' + ISNULL([situs_zip], '')),
  [building_num] VARCHAR(15) NULL,
  [sub_num] VARCHAR(15) NULL,
  CONSTRAINT [pk_situs] PRIMARY KEY CLUSTERED ([prop_id], [situs_id])
);
GO
IF OBJECT_ID(N'[dbo].[property_exemption]', N'U') IS NULL
CREATE TABLE [dbo].[property_exemption] (
  [prop_id] INT NOT NULL,
  [owner_id] INT NOT NULL,
  [exmpt_tax_yr] NUMERIC(4,0) NOT NULL,
  [owner_tax_yr] NUMERIC(4,0) NOT NULL,
  [prop_type_cd] CHAR(5) NOT NULL,
  [exmpt_type_cd] VARCHAR(10) NOT NULL,
  [applicant_nm] VARCHAR(70) NULL,
  [birth_dt] DATETIME NULL,
  [spouse_birth_dt] DATETIME NULL,
  [prop_exmpt_dl_num] VARCHAR(20) NULL,
  [prop_exmpt_ss_num] VARCHAR(11) NULL,
  [effective_dt] DATETIME NULL,
  [termination_dt] DATETIME NULL,
  [apply_pct_owner] NUMERIC(5,2) NULL,
  [sup_num] INT NOT NULL,
  [effective_tax_yr] NUMERIC(4,0) NULL,
  [qualify_yr] NUMERIC(4,0) NULL,
  [sp_date_approved] DATETIME NULL,
  [sp_expiration_date] DATETIME NULL,
  [sp_comment] VARCHAR(5000) NULL,
  [sp_value_type] CHAR(1) NULL,
  [sp_value_option] CHAR(1) NULL,
  [absent_flag] BIT NULL DEFAULT 0,
  [absent_expiration_date] DATETIME NULL,
  [absent_comment] VARCHAR(255) NULL,
  [deferral_date] DATETIME NULL,
  [apply_local_option_pct_only] CHAR(1) NULL DEFAULT 'F',
  [apply_no_exemption_amount] BIT NULL,
  [exmpt_subtype_cd] VARCHAR(10) NULL,
  [exemption_pct] NUMERIC(5,2) NULL,
  [combined_disp_income] NUMERIC(14,0) NULL,
  [exempt_qualify_cd] VARCHAR(10) NULL,
  [review_request_date] DATETIME NULL,
  [review_status_cd] VARCHAR(10) NULL,
  [review_last_year] NUMERIC(4,0) NULL,
  [dor_value_type] CHAR(1) NULL,
  [dor_exmpt_amount] NUMERIC(12,0) NULL,
  [dor_exmpt_percent] NUMERIC(9,6) NULL,
  CONSTRAINT [pk_property_exemption] PRIMARY KEY CLUSTERED ([exmpt_tax_yr], [owner_tax_yr], [sup_num], [prop_id], [owner_id], [exmpt_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[exmpt_type]', N'U') IS NULL
CREATE TABLE [dbo].[exmpt_type] (
  [exmpt_type_cd] VARCHAR(10) NOT NULL,
  [exmpt_desc] VARCHAR(50) NULL,
  [federal_amt] NUMERIC(14,2) NULL,
  [plus_oa65_amt] NUMERIC(14,2) NULL,
  [spl_exmpt] CHAR(1) NOT NULL,
  [freeze_flag] BIT NOT NULL,
  CONSTRAINT [pk_exmpt_type] PRIMARY KEY CLUSTERED ([exmpt_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[exmpt_sub_type]', N'U') IS NULL
CREATE TABLE [dbo].[exmpt_sub_type] (
  [exmpt_sub_type_cd] VARCHAR(10) NOT NULL,
  [exmpt_sub_type_desc] VARCHAR(30) NOT NULL,
  [exmpt_type_cd] VARCHAR(10) NULL,
  [disability] BIT NOT NULL DEFAULT 0,
  CONSTRAINT [pk_exmpt_sub_type] PRIMARY KEY CLUSTERED ([exmpt_sub_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[exmpt_qualify_code]', N'U') IS NULL
CREATE TABLE [dbo].[exmpt_qualify_code] (
  [year] NUMERIC(4,0) NOT NULL,
  [exemption_code] VARCHAR(10) NOT NULL,
  [exempt_type_cd] VARCHAR(10) NOT NULL,
  [exemption_desc] VARCHAR(25) NOT NULL,
  [income_min] INT NULL,
  [income_max] INT NULL,
  [percentage] NUMERIC(5,4) NULL,
  [exempt_min] INT NULL,
  [exempt_max] INT NULL,
  [excess_levy] VARCHAR(5) NULL,
  CONSTRAINT [pk_exmpt_qualify_code] PRIMARY KEY CLUSTERED ([year], [exemption_code], [exempt_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[property_exemption_income]', N'U') IS NULL
CREATE TABLE [dbo].[property_exemption_income] (
  [exmpt_tax_yr] NUMERIC(4,0) NOT NULL,
  [owner_tax_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [owner_id] INT NOT NULL,
  [exmpt_type_cd] VARCHAR(10) NOT NULL,
  [inc_id] INT NOT NULL,
  [active] BIT NOT NULL DEFAULT 0,
  [income_year] NUMERIC(4,0) NOT NULL,
  [created_date] DATETIME NOT NULL,
  [created_by_id] INT NOT NULL,
  [tax_return] BIT NOT NULL DEFAULT 0,
  [deny_exemption] BIT NOT NULL DEFAULT 0,
  [comment] VARCHAR(5000) NULL,
  CONSTRAINT [pk_property_exemption_income] PRIMARY KEY CLUSTERED ([exmpt_tax_yr], [owner_tax_yr], [sup_num], [prop_id], [owner_id], [exmpt_type_cd], [inc_id]),
  CONSTRAINT [ck_property_exemption_income_exmpt_type_cd] CHECK ([exmpt_type_cd] = 'SNR/DSBL')
);
GO
IF OBJECT_ID(N'[dbo].[imprv]', N'U') IS NULL
CREATE TABLE [dbo].[imprv] (
  [prop_id] INT NOT NULL,
  [prop_val_yr] NUMERIC(4,0) NOT NULL,
  [imprv_id] INT NOT NULL,
  [sup_num] INT NOT NULL,
  [sale_id] INT NOT NULL,
  [imprv_type_cd] CHAR(5) NOT NULL,
  [imprv_sl_locked] CHAR(1) NOT NULL,
  [primary_imprv] CHAR(1) NULL,
  [imprv_state_cd] CHAR(5) NOT NULL,
  [imprv_homesite] CHAR(1) NULL,
  [imprv_desc] VARCHAR(255) NULL,
  [imprv_val] NUMERIC(14,0) NULL,
  [misc_cd] CHAR(5) NULL,
  [imp_new_yr] NUMERIC(4,0) NULL,
  [imp_new_val] NUMERIC(14,0) NULL,
  [imp_new_val_override] CHAR(1) NULL,
  [original_val] NUMERIC(14,0) NULL,
  [base_val] NUMERIC(14,0) NULL,
  [calc_val] NUMERIC(14,0) NULL,
  [adjusted_val] NUMERIC(14,0) NULL,
  [living_area_up] NUMERIC(14,2) NULL,
  [err_flag] CHAR(1) NULL,
  [imprv_image_url] VARCHAR(50) NULL,
  [imprv_cmnt] VARCHAR(1000) NULL,
  [mbl_hm_make] VARCHAR(100) NULL,
  [mbl_hm_model] VARCHAR(100) NULL,
  [mbl_hm_sn] VARCHAR(100) NULL,
  [mbl_hm_hud_num] VARCHAR(100) NULL,
  [mbl_hm_title_num] VARCHAR(100) NULL,
  [imp_new_pc] NUMERIC(14,0) NULL,
  [flat_val] NUMERIC(14,0) NULL,
  [value_type] CHAR(1) NULL,
  [imprv_adj_amt] NUMERIC(14,0) NULL,
  [imprv_adj_factor] NUMERIC(8,6) NULL,
  [imprv_mass_adj_factor] NUMERIC(8,6) NULL,
  [imprv_val_source] CHAR(1) NULL,
  [economic_pct] NUMERIC(5,2) NULL,
  [physical_pct] NUMERIC(5,2) NULL,
  [functional_pct] NUMERIC(5,2) NULL,
  [economic_cmnt] VARCHAR(255) NULL,
  [physical_cmnt] VARCHAR(255) NULL,
  [functional_cmnt] VARCHAR(255) NULL,
  [effective_yr_blt] NUMERIC(4,0) NULL,
  [percent_complete] NUMERIC(5,2) NULL,
  [percent_complete_cmnt] VARCHAR(255) NULL,
  [ref_id1] VARCHAR(50) NULL,
  [num_imprv] INT NULL,
  [mbl_hm_sn_2] VARCHAR(100) NULL,
  [mbl_hm_sn_3] VARCHAR(100) NULL,
  [mbl_hm_hud_num_2] VARCHAR(100) NULL,
  [mbl_hm_hud_num_3] VARCHAR(100) NULL,
  [stories] VARCHAR(5) NOT NULL DEFAULT '1',
  [arb_val] NUMERIC(14,0) NULL,
  [dep_pct] NUMERIC(5,2) NULL,
  [dep_cmnt] VARCHAR(255) NULL,
  [dist_val] NUMERIC(14,0) NOT NULL DEFAULT 0,
  [tsRowVersion] ROWVERSION NOT NULL,
  [hs_pct] NUMERIC(13,10) NULL,
  [hs_pct_override] BIT NOT NULL DEFAULT 0,
  [primary_use_cd] VARCHAR(10) NULL,
  [primary_use_override] BIT NOT NULL DEFAULT 0,
  [secondary_use_cd] VARCHAR(10) NULL,
  [secondary_use_override] BIT NOT NULL DEFAULT 0,
  [actual_year_built] NUMERIC(4,0) NULL,
  [building_number] VARCHAR(6) NULL,
  [building_name] VARCHAR(50) NULL,
  [flat_value_comment] VARCHAR(3000) NULL,
  [flat_value_user_id] INT NULL,
  [flat_value_date] DATETIME NULL,
  [building_id] INT NULL,
  [permanent_crop_land_acres] NUMERIC(14,4) NULL,
  [permanent_crop_land_acres_override] BIT NOT NULL DEFAULT 0,
  [permanent_crop_planted_acres] NUMERIC(14,4) NULL,
  [permanent_crop_planted_acres_override] BIT NOT NULL DEFAULT 0,
  [recalc_error_validate_flag] BIT NULL DEFAULT 0,
  [recalc_error_validate_date] DATETIME NULL,
  [recalc_error_validate_user_id] INT NULL,
  [income_val] NUMERIC(14,0) NULL,
  [income_id] INT NULL,
  [mktappr_val] NUMERIC(14,0) NULL,
  [locked_val] NUMERIC(14,0) NULL,
  [mbl_hm_year] NUMERIC(4,0) NULL,
  [mbl_hm_tip_out] NUMERIC(10,0) NULL,
  CONSTRAINT [pk_imprv] PRIMARY KEY CLUSTERED ([prop_val_yr], [sup_num], [sale_id], [prop_id], [imprv_id])
);
GO
IF OBJECT_ID(N'[dbo].[imprv_detail]', N'U') IS NULL
CREATE TABLE [dbo].[imprv_detail] (
  [prop_id] INT NOT NULL,
  [prop_val_yr] NUMERIC(4,0) NOT NULL,
  [imprv_id] INT NOT NULL,
  [imprv_det_id] INT NOT NULL,
  [sup_num] INT NOT NULL,
  [sale_id] INT NOT NULL,
  [imprv_det_class_cd] CHAR(10) NOT NULL,
  [imprv_det_meth_cd] CHAR(5) NOT NULL,
  [imprv_det_type_cd] CHAR(10) NOT NULL,
  [seq_num] INT NULL,
  [imprv_det_val] NUMERIC(18,0) NULL,
  [imprv_det_val_source] CHAR(1) NULL,
  [imprv_det_desc] VARCHAR(100) NULL,
  [imprv_det_area] NUMERIC(18,1) NULL,
  [imprv_det_area_type] CHAR(1) NULL,
  [condition_cd] CHAR(5) NULL,
  [cubic_area] NUMERIC(18,1) NULL,
  [calc_area] NUMERIC(18,1) NULL,
  [sketch_area] NUMERIC(18,1) NULL,
  [override_area] CHAR(1) NULL,
  [override_cubic_area] CHAR(1) NULL,
  [override_perimeter] CHAR(1) NULL,
  [perimeter] NUMERIC(18,1) NULL,
  [length] NUMERIC(18,1) NULL,
  [width] NUMERIC(18,1) NULL,
  [height] NUMERIC(18,1) NULL,
  [unit_price] NUMERIC(14,2) NULL,
  [yr_new] NUMERIC(4,0) NULL,
  [yr_built] NUMERIC(4,0) NULL,
  [depreciation_yr] NUMERIC(4,0) NULL,
  [depreciation_yr_override] CHAR(1) NULL,
  [imprv_det_orig_val] NUMERIC(14,0) NULL,
  [imprv_det_orig_up] NUMERIC(14,2) NULL,
  [effective_tax_yr] NUMERIC(4,0) NULL,
  [imprv_det_adj_factor] NUMERIC(8,6) NULL,
  [imprv_det_adj_amt] NUMERIC(14,0) NULL,
  [imprv_det_calc_val] NUMERIC(14,0) NULL,
  [imprv_det_adj_val] NUMERIC(14,0) NULL,
  [imprv_det_flat_val] NUMERIC(14,0) NULL,
  [economic_pct] NUMERIC(5,2) NULL,
  [physical_pct] NUMERIC(5,2) NULL,
  [physical_pct_source] CHAR(1) NULL,
  [functional_pct] NUMERIC(5,2) NULL,
  [economic_pct_override] CHAR(1) NULL,
  [physical_pct_override] CHAR(1) NULL,
  [functional_pct_override] CHAR(1) NULL,
  [economic_cmnt] VARCHAR(255) NULL,
  [physical_cmnt] VARCHAR(255) NULL,
  [functional_cmnt] VARCHAR(255) NULL,
  [percent_complete] NUMERIC(5,2) NULL,
  [percent_complete_override] CHAR(1) NULL,
  [percent_complete_cmnt] VARCHAR(255) NULL,
  [new_value_flag] CHAR(1) NULL,
  [new_value] NUMERIC(14,0) NULL,
  [new_value_override] CHAR(1) NULL,
  [sketch_cmds] VARCHAR(1800) NULL,
  [use_up_for_pct_base] CHAR(1) NULL,
  [ref_id1] VARCHAR(50) NULL,
  [reserved1] NUMERIC(14,0) NULL,
  [can_close_sketch] CHAR(1) NULL,
  [dep_pct] NUMERIC(5,2) NULL,
  [add_factor] NUMERIC(5,2) NULL,
  [add_factor_override] CHAR(1) NULL,
  [size_adj_pct] NUMERIC(5,2) NULL,
  [dep_pct_override] CHAR(1) NULL,
  [size_adj_pct_override] CHAR(1) NULL,
  [imprv_det_sub_class_cd] VARCHAR(10) NULL,
  [num_units] INT NULL,
  [num_stories] INT NULL,
  [stories_multiplier] BIT NULL,
  [tsRowVersion] ROWVERSION NOT NULL,
  [lease_class] VARCHAR(10) NULL,
  [actual_year_built_override] BIT NOT NULL DEFAULT 0,
  [flat_value_comment] VARCHAR(3000) NULL,
  [flat_value_user_id] INT NULL,
  [flat_value_date] DATETIME NULL,
  [depreciated_replacement_cost_new] NUMERIC(14,0) NULL,
  [floor_number] NUMERIC(4,0) NULL,
  [load_factor] NUMERIC(3,0) NULL,
  [actual_age] NUMERIC(4,0) NULL,
  [net_rentable_area] NUMERIC(18,0) NULL,
  [building_id] INT NULL,
  [permanent_crop_acres] NUMERIC(14,4) NULL,
  [permanent_crop_irrigation_acres] NUMERIC(14,4) NULL,
  [permanent_crop_age_group] VARCHAR(15) NULL,
  [permanent_crop_trellis] VARCHAR(15) NULL,
  [permanent_crop_irrigation_system_type] VARCHAR(15) NULL,
  [permanent_crop_irrigation_sub_class] VARCHAR(15) NULL,
  [permanent_crop_density] VARCHAR(15) NULL,
  [imprv_det_cost_unit_price] NUMERIC(14,2) NULL,
  [imprv_det_ms_val] NUMERIC(14,0) NULL,
  [imprv_det_ms_unit_price] NUMERIC(14,2) NULL,
  [recalc_error_validate_flag] BIT NULL DEFAULT 0,
  [recalc_error_validate_date] DATETIME NULL,
  [recalc_error_validate_user_id] INT NULL,
  [ms_building_json] NVARCHAR(MAX) NULL,
  CONSTRAINT [pk_imprv_detail] PRIMARY KEY CLUSTERED ([prop_val_yr], [sup_num], [sale_id], [prop_id], [imprv_id], [imprv_det_id])
);
GO
IF OBJECT_ID(N'[dbo].[land_detail]', N'U') IS NULL
CREATE TABLE [dbo].[land_detail] (
  [prop_id] INT NOT NULL,
  [prop_val_yr] NUMERIC(4,0) NOT NULL,
  [land_seg_id] INT NOT NULL,
  [sup_num] INT NOT NULL,
  [sale_id] INT NOT NULL,
  [ls_mkt_id] INT NULL,
  [ls_ag_id] INT NULL,
  [land_type_cd] CHAR(10) NOT NULL,
  [land_seg_desc] VARCHAR(50) NULL,
  [land_seg_sl_lock] CHAR(1) NOT NULL,
  [state_cd] CHAR(5) NOT NULL,
  [land_seg_homesite] CHAR(1) NULL,
  [size_acres] NUMERIC(18,4) NULL,
  [size_square_feet] NUMERIC(18,2) NULL,
  [effective_front] NUMERIC(18,2) NULL,
  [effective_depth] NUMERIC(18,2) NULL,
  [mkt_unit_price] NUMERIC(14,2) NULL,
  [land_seg_mkt_val] NUMERIC(14,0) NULL,
  [mkt_calc_val] NUMERIC(14,0) NULL,
  [mkt_adj_val] NUMERIC(14,0) NULL,
  [mkt_flat_val] NUMERIC(14,0) NULL,
  [ag_loss] NUMERIC(14,0) NULL,
  [mkt_val_source] VARCHAR(1) NULL,
  [ag_use_cd] CHAR(5) NULL,
  [ag_unit_price] NUMERIC(14,2) NULL,
  [ag_apply] CHAR(1) NULL,
  [ag_val] NUMERIC(14,0) NULL,
  [ag_calc_val] NUMERIC(14,0) NULL,
  [ag_adj_val] NUMERIC(14,0) NULL,
  [ag_flat_val] NUMERIC(14,0) NULL,
  [ag_val_type] VARCHAR(5) NULL,
  [ag_timb_conv_dt] DATETIME NULL,
  [ag_val_source] VARCHAR(1) NULL,
  [ag_eff_tax_year] NUMERIC(4,0) NULL,
  [land_seg_comment] VARCHAR(500) NULL,
  [ag_apply_yr] NUMERIC(4,0) NULL,
  [land_seg_orig_val] NUMERIC(14,0) NULL,
  [land_seg_up] NUMERIC(14,2) NULL,
  [land_adj_type_cd] CHAR(5) NULL,
  [width_front] NUMERIC(18,2) NULL,
  [width_back] NUMERIC(18,2) NULL,
  [depth_right] NUMERIC(18,2) NULL,
  [depth_left] NUMERIC(18,2) NULL,
  [eff_size_acres] NUMERIC(18,4) NULL,
  [land_adj_amt] NUMERIC(14,0) NULL,
  [land_adj_factor] NUMERIC(8,6) NULL,
  [land_mass_adj_factor] NUMERIC(8,6) NULL,
  [effective_tax_year] NUMERIC(4,0) NULL,
  [land_new_val] NUMERIC(14,0) NULL,
  [late_ag_apply] CHAR(1) NULL,
  [ref_id1] VARCHAR(30) NULL,
  [oa_mkt_val] NUMERIC(14,0) NULL,
  [oa_ag_val] NUMERIC(14,0) NULL,
  [eff_size_acres_override] CHAR(1) NULL,
  [num_lots] NUMERIC(9,2) NULL,
  [new_ag] VARCHAR(1) NULL,
  [new_ag_prev_val] NUMERIC(14,0) NULL,
  [new_ag_prev_val_override] VARCHAR(1) NULL,
  [appraisal_cd] VARCHAR(15) NULL,
  [arb_val] NUMERIC(14,0) NULL,
  [land_class_code] CHAR(3) NULL,
  [land_influence_code] VARCHAR(10) NULL,
  [size_useable_acres] NUMERIC(18,4) NULL,
  [size_useable_square_feet] NUMERIC(18,2) NULL,
  [dist_val] NUMERIC(14,0) NOT NULL DEFAULT 0,
  [tsRowVersion] ROWVERSION NOT NULL,
  [timber_78_val] NUMERIC(14,0) NULL,
  [timber_78_val_pct] NUMERIC(13,0) NULL,
  [hs_pct] NUMERIC(13,10) NULL,
  [hs_pct_override] BIT NOT NULL DEFAULT 0,
  [land_soil_code] CHAR(10) NULL,
  [ag_land_type_cd] CHAR(10) NULL,
  [prev_st_land_type_cd] VARCHAR(10) NULL,
  [flat_value_comment] VARCHAR(3000) NULL,
  [flat_value_user_id] INT NULL,
  [flat_value_dt] DATETIME NULL,
  [misc_value] NUMERIC(14,0) NULL,
  [new_construction_flag] BIT NULL,
  [new_construction_value] NUMERIC(14,0) NULL,
  [new_construction_value_override] BIT NULL,
  [last_import_date] DATETIME NULL,
  [last_import_user_id] INT NULL,
  [assessment_yr_qualified] NUMERIC(4,0) NULL,
  [current_use_effective_acres] NUMERIC(18,4) NULL,
  [primary_use_cd] VARCHAR(10) NULL,
  [primary_use_override] BIT NULL,
  [sub_use_cd] VARCHAR(10) NULL,
  [use_type_schedule] BIT NULL,
  [type_schedule] VARCHAR(5) NULL,
  [application_number] VARCHAR(16) NULL,
  [recording_number] VARCHAR(23) NULL,
  [recalc_error_validate_flag] BIT NULL DEFAULT 0,
  [recalc_error_validate_date] DATETIME NULL,
  [recalc_error_validate_user_id] INT NULL,
  [waterfront_footage] NUMERIC(14,0) NOT NULL DEFAULT 0,
  [non_taxed_mkt_val] NUMERIC(14,0) NULL DEFAULT 0,
  [mktappr_val] NUMERIC(14,0) NULL,
  [ag_pbrs_pct] NUMERIC(5,2) NOT NULL DEFAULT 100,
  [locked_val] NUMERIC(14,0) NULL,
  [locked_ag_val] NUMERIC(14,0) NULL,
  [locked_ag_use_cd] CHAR(5) NULL,
  CONSTRAINT [pk_land_detail] PRIMARY KEY CLUSTERED ([prop_val_yr], [sup_num], [sale_id], [prop_id], [land_seg_id])
);
GO
IF OBJECT_ID(N'[dbo].[appraiser]', N'U') IS NULL
CREATE TABLE [dbo].[appraiser] (
  [appraiser_id] INT NOT NULL,
  [appraiser_nm] VARCHAR(40) NOT NULL,
  [appraiser_full_name] VARCHAR(75) NULL,
  [inactive] VARCHAR(1) NULL,
  [sys_flag] BIT NOT NULL DEFAULT 0,
  [pacs_user_id] INT NULL,
  CONSTRAINT [pk_appraiser] PRIMARY KEY CLUSTERED ([appraiser_id])
);
GO
IF OBJECT_ID(N'[dbo].[pacs_user]', N'U') IS NULL
CREATE TABLE [dbo].[pacs_user] (
  [pacs_user_id] INT NOT NULL,
  [pacs_user_name] VARCHAR(30) NOT NULL,
  [full_name] VARCHAR(30) NULL,
  [description] VARCHAR(50) NULL,
  [mru_prop_id1] INT NULL,
  [mru_prop_id2] INT NULL,
  [mru_prop_id3] INT NULL,
  [mru_prop_id4] INT NULL,
  [mru_prop_id5] INT NULL,
  [mru_prop_id6] INT NULL,
  [mru_prop_id7] INT NULL,
  [mru_prop_id8] INT NULL,
  [mru_acct_id1] INT NULL,
  [mru_acct_id2] INT NULL,
  [mru_acct_id3] INT NULL,
  [mru_acct_id4] INT NULL,
  [mru_acct_id5] INT NULL,
  [mru_acct_id6] INT NULL,
  [mru_acct_id7] INT NULL,
  [mru_acct_id8] INT NULL,
  [mru_bill_id1] INT NULL,
  [mru_bill_id2] INT NULL,
  [mru_bill_id3] INT NULL,
  [mru_bill_id4] INT NULL,
  [mru_bill_id5] INT NULL,
  [mru_bill_id6] INT NULL,
  [mru_bill_id7] INT NULL,
  [mru_bill_id8] INT NULL,
  [logon_start] DATETIME NULL,
  [logon_end] DATETIME NULL,
  [weeknd_logon_start] DATETIME NULL,
  [weeknd_logon_end] DATETIME NULL,
  [acct_exp_end] DATETIME NULL,
  [psw_exp_end] DATETIME NULL,
  [must_chg_psw] VARCHAR(1) NULL,
  [remote_user] VARCHAR(1) NULL,
  [daily_batch_id] INT NULL,
  [tnt_user_name] VARCHAR(50) NULL,
  [tnt_password] VARCHAR(50) NULL,
  [search_row_count] NUMERIC(14,0) NULL,
  [last_password_chg_dt] DATETIME NULL,
  [password_hash] BINARY(20) NULL,
  CONSTRAINT [pk_pacs_user] PRIMARY KEY CLUSTERED ([pacs_user_id]),
  UNIQUE NONCLUSTERED ([pacs_user_name])
);
GO
IF OBJECT_ID(N'[dbo].[neighborhood]', N'U') IS NULL
CREATE TABLE [dbo].[neighborhood] (
  [hood_cd] VARCHAR(10) NOT NULL,
  [hood_yr] NUMERIC(4,0) NOT NULL,
  [hood_name] VARCHAR(100) NULL,
  [hood_land_pct] NUMERIC(5,2) NOT NULL,
  [hood_imprv_pct] NUMERIC(5,2) NOT NULL,
  [sys_flag] CHAR(1) NULL,
  [changed_flag] CHAR(1) NULL,
  [reappraisal_status] VARCHAR(20) NULL,
  [life_cycle] VARCHAR(20) NULL,
  [phys_comment] VARCHAR(500) NULL,
  [eco_comment] VARCHAR(500) NULL,
  [gov_comment] VARCHAR(500) NULL,
  [soc_comment] VARCHAR(500) NULL,
  [inactive] BIT NOT NULL DEFAULT 0,
  [inactive_date] DATETIME NULL,
  [created_date] DATETIME NULL,
  [cycle] INT NULL,
  [nbhd_descr] VARCHAR(5000) NULL,
  [nbhd_comment] VARCHAR(5000) NULL,
  [ls_id] INT NULL,
  [appraiser_id] INT NOT NULL DEFAULT 0,
  [comments] VARCHAR(500) NULL,
  CONSTRAINT [pk_neighborhood] PRIMARY KEY CLUSTERED ([hood_cd], [hood_yr])
);
GO
IF OBJECT_ID(N'[dbo].[abs_subdv]', N'U') IS NULL
CREATE TABLE [dbo].[abs_subdv] (
  [abs_subdv_cd] VARCHAR(10) NOT NULL,
  [abs_subdv_yr] NUMERIC(4,0) NOT NULL,
  [abs_subdv_desc] VARCHAR(60) NULL,
  [abs_land_pct] NUMERIC(5,2) NOT NULL,
  [abs_imprv_pct] NUMERIC(5,2) NOT NULL,
  [abs_subdv_ind] CHAR(1) NULL,
  [sys_flag] CHAR(1) NULL,
  [changed_flag] CHAR(1) NULL,
  [cInCounty] CHAR(1) NOT NULL DEFAULT 'T',
  [bActive] BIT NULL,
  [ls_id] INT NULL,
  [active_year] NUMERIC(4,0) NULL,
  [create_date] DATETIME NULL,
  [comments] VARCHAR(500) NULL,
  CONSTRAINT [pk_abs_subdv] PRIMARY KEY CLUSTERED ([abs_subdv_cd], [abs_subdv_yr])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest] (
  [prop_id] INT NOT NULL,
  [prop_val_yr] NUMERIC(4,0) NOT NULL,
  [case_id] INT NOT NULL,
  [prot_create_dt] DATETIME NULL,
  [prot_complete_dt] DATETIME NULL,
  [prot_type] VARCHAR(10) NULL,
  [prot_status] VARCHAR(10) NULL,
  [prot_taxpayer_doc_requested] CHAR(1) NULL,
  [prot_taxpayer_doc_recorded_dt] DATETIME NULL,
  [prot_taxpayer_evidence_requested] CHAR(1) NULL,
  [prot_taxpayer_evidence_requested_dt] DATETIME NULL,
  [prot_taxpayer_evidence_delivered_dt] DATETIME NULL,
  [prot_taxpayer_evidence_staff] INT NULL,
  [prot_taxpayer_additional_evidence] CHAR(1) NULL,
  [prot_taxpayer_evidence_waiver] CHAR(1) NULL,
  [prot_taxes_paid] CHAR(1) NULL,
  [prot_taxes_paid_verified_staff_id] INT NULL,
  [prot_taxes_paid_verified_dt] DATETIME NULL,
  [prot_appraisal_staff] INT NULL,
  [prot_comments] VARCHAR(1024) NULL,
  [prot_affidavit_testimony_dt] DATETIME NULL,
  [prot_affidavit_testimony_by] VARCHAR(10) NULL,
  [prot_affidavit_testimony_received] VARCHAR(10) NULL,
  [docket_id] INT NULL,
  [prot_assigned_panel] VARCHAR(10) NULL,
  [prot_arrived_dt] DATETIME NULL,
  [prot_hearing_rescheduled] CHAR(1) NULL,
  [prot_packet_printed_dt] DATETIME NULL,
  [prot_full_board_hearing] CHAR(1) NULL,
  [prot_hearing_appraisal_staff] INT NULL,
  [prot_hearing_start_dt] DATETIME NULL,
  [prot_hearing_finished_dt] DATETIME NULL,
  [prot_hearing_recorder_id] INT NULL,
  [prot_taxpayer_comments] VARCHAR(1024) NULL,
  [prot_district_comments] VARCHAR(1024) NULL,
  [prot_first_motion] VARCHAR(500) NULL,
  [prot_sustain_district_val] CHAR(1) NULL,
  [prot_first_motion_by] VARCHAR(10) NULL,
  [prot_first_motion_seconded_by] VARCHAR(10) NULL,
  [prot_first_motion_pass] CHAR(1) NULL,
  [prot_first_motion_decision_cd] VARCHAR(10) NULL,
  [prot_first_motion_decision_dt] DATETIME NULL,
  [prot_appraiser_assigned_val] NUMERIC(14,0) NULL,
  [prot_arb_assigned_val] NUMERIC(14,0) NULL,
  [prot_val_type] CHAR(1) NULL,
  [prot_arb_instructions] VARCHAR(500) NULL,
  [prot_second_motion] VARCHAR(500) NULL,
  [prot_second_motion_by] VARCHAR(10) NULL,
  [prot_second_motion_seconded_by] VARCHAR(10) NULL,
  [prot_second_motion_pass] CHAR(1) NULL,
  [prot_second_motion_decision_cd] VARCHAR(10) NULL,
  [prot_second_motion_decision_dt] DATETIME NULL,
  [prot_other_motion] VARCHAR(500) NULL,
  [prot_full_ratification_dt] DATETIME NULL,
  [begin_land_hstd_val] NUMERIC(14,0) NULL,
  [begin_land_non_hstd_val] NUMERIC(14,0) NULL,
  [begin_imprv_hstd_val] NUMERIC(14,0) NULL,
  [begin_imprv_non_hstd_val] NUMERIC(14,0) NULL,
  [begin_ag_use_val] NUMERIC(14,0) NULL,
  [begin_ag_market] NUMERIC(14,0) NULL,
  [begin_timber_use] NUMERIC(14,0) NULL,
  [begin_timber_market] NUMERIC(14,0) NULL,
  [begin_market] NUMERIC(14,0) NULL,
  [begin_appraised_val] NUMERIC(14,0) NULL,
  [begin_ten_percent_cap] NUMERIC(14,0) NULL,
  [begin_assessed_val] NUMERIC(14,0) NULL,
  [begin_rendered_val] NUMERIC(14,0) NULL,
  [begin_exemptions] VARCHAR(50) NULL,
  [begin_entities] VARCHAR(50) NULL,
  [begin_recalc_dt] DATETIME NULL,
  [final_land_hstd_val] NUMERIC(14,0) NULL,
  [final_land_non_hstd_val] NUMERIC(14,0) NULL,
  [final_imprv_hstd_val] NUMERIC(14,0) NULL,
  [final_imprv_non_hstd_val] NUMERIC(14,0) NULL,
  [final_ag_use_val] NUMERIC(14,0) NULL,
  [final_ag_market] NUMERIC(14,0) NULL,
  [final_timber_use] NUMERIC(14,0) NULL,
  [final_timber_market] NUMERIC(14,0) NULL,
  [final_market] NUMERIC(14,0) NULL,
  [final_appraised_val] NUMERIC(14,0) NULL,
  [final_ten_percent_cap] NUMERIC(14,0) NULL,
  [final_assessed_val] NUMERIC(14,0) NULL,
  [final_rendered_val] NUMERIC(14,0) NULL,
  [final_exemptions] VARCHAR(50) NULL,
  [final_entities] VARCHAR(50) NULL,
  [final_recalc_dt] DATETIME NULL,
  [bGridComplete] BIT NOT NULL DEFAULT 0,
  [closed_pacs_user_id] INT NULL,
  [bGenerateCompGrid] BIT NOT NULL DEFAULT 1,
  [status_date_changed] DATETIME NULL,
  [status_changed_user_id] INT NULL,
  [associated_inquiry] INT NULL,
  [appraiser_meeting_id] INT NULL,
  [appraiser_meeting_appraiser_id] INT NULL,
  [appraiser_meeting_date_time] DATETIME NULL,
  [appraiser_meeting_appraiser_comments] VARCHAR(1024) NULL,
  [appraiser_meeting_taxpayer_comments] VARCHAR(1024) NULL,
  [prot_appr_meeting_arrived_dt] DATETIME NULL,
  [prot_appr_docket_id] INT NULL,
  [case_prepared] BIT NOT NULL,
  [opinion_of_value] NUMERIC(14,0) NULL,
  [decision_reason_cd] VARCHAR(10) NULL,
  [prot_appraiser_assigned_land_val] NUMERIC(14,0) NULL DEFAULT 0,
  [prot_appraiser_assigned_imprv_val] NUMERIC(14,0) NULL DEFAULT 0,
  [prot_boe_assigned_land_val] NUMERIC(14,0) NULL DEFAULT 0,
  [prot_boe_assigned_imprv_val] NUMERIC(14,0) NULL DEFAULT 0,
  [highly_disputed_property] CHAR(1) NULL,
  [begin_ag_hs_use_val] NUMERIC(14,0) NULL,
  [begin_ag_hs_mkt_val] NUMERIC(14,0) NULL,
  [begin_timber_hs_use_val] NUMERIC(14,0) NULL,
  [begin_timber_hs_mkt_val] NUMERIC(14,0) NULL,
  [begin_appraised_Classified] NUMERIC(14,0) NULL,
  [begin_appraised_NonClassified] NUMERIC(14,0) NULL,
  [final_ag_hs_use_val] NUMERIC(14,0) NULL,
  [final_ag_hs_mkt_val] NUMERIC(14,0) NULL,
  [final_timber_hs_use_val] NUMERIC(14,0) NULL,
  [final_timber_hs_mkt_val] NUMERIC(14,0) NULL,
  [final_appraised_Classified] NUMERIC(14,0) NULL,
  [final_appraised_NonClassified] NUMERIC(14,0) NULL,
  CONSTRAINT [pk_arb_protest] PRIMARY KEY CLUSTERED ([prop_id], [prop_val_yr], [case_id])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest_status]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest_status] (
  [status_cd] VARCHAR(10) NOT NULL,
  [status_desc] VARCHAR(50) NULL,
  [generate_letter] CHAR(1) NULL,
  [letter_type] INT NULL,
  [close_case] CHAR(1) NULL,
  [sys_flag] CHAR(1) NULL DEFAULT 'F',
  [arbitration_letter_id] INT NULL,
  [inquiry_only] BIT NULL,
  CONSTRAINT [pk_arb_protest_status] PRIMARY KEY CLUSTERED ([status_cd])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest_hearing_docket]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest_hearing_docket] (
  [lHearingID] INT NOT NULL,
  [docket_id] INT NOT NULL,
  [docket_start_date_time] DATETIME NOT NULL,
  [docket_end_date_time] DATETIME NOT NULL,
  [maximum_hearing_count] INT NULL,
  [scheduled_protest_count] INT NOT NULL DEFAULT 0,
  [scheduled_agent_count] INT NOT NULL DEFAULT 0,
  [assigned_agent_count] INT NOT NULL DEFAULT 0,
  [offsite] BIT NOT NULL DEFAULT 0,
  CONSTRAINT [pk_arb_protest_hearing_docket] PRIMARY KEY CLUSTERED ([docket_id]),
  CONSTRAINT [ck_arb_protest_hearing_docket_maximum_hearing_count_schedule] CHECK ([maximum_hearing_count] IS NULL OR [scheduled_protest_count] <= [maximum_hearing_count])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest_hearing]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest_hearing] (
  [dtDay] DATETIME NOT NULL,
  [cAccountType] CHAR(1) NULL,
  [szHearingType] VARCHAR(10) NULL,
  [lHearingID] INT NOT NULL,
  CONSTRAINT [pk_arb_protest_hearing] PRIMARY KEY CLUSTERED ([lHearingID])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest_hearing_property_type]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest_hearing_property_type] (
  [lHearingID] INT NOT NULL,
  [szPropertyType] VARCHAR(5) NOT NULL,
  CONSTRAINT [pk_arb_protest_hearing_property_type] PRIMARY KEY CLUSTERED ([lHearingID], [szPropertyType])
);
GO
IF OBJECT_ID(N'[dbo].[chg_of_owner]', N'U') IS NULL
CREATE TABLE [dbo].[chg_of_owner] (
  [chg_of_owner_id] INT NOT NULL,
  [deed_type_cd] CHAR(10) NULL,
  [deed_num] VARCHAR(50) NULL,
  [deed_book_id] CHAR(20) NULL,
  [deed_book_page] CHAR(20) NULL,
  [deed_dt] DATETIME NULL,
  [coo_sl_dt] DATETIME NULL,
  [consideration] CHAR(20) NULL,
  [buyer_lttr_url] VARCHAR(50) NULL,
  [seller_lttr_url] VARCHAR(50) NULL,
  [buyer_lttr_prt_dt] DATETIME NULL,
  [seller_lttr_prt_dt] DATETIME NULL,
  [comment] VARCHAR(500) NULL,
  [ref_id1] VARCHAR(20) NULL,
  [grantor_cv] VARCHAR(30) NULL,
  [grantee_cv] VARCHAR(30) NULL,
  [recorded_dt] DATETIME NULL,
  [coo_exported_flag] CHAR(1) NULL,
  [lttr_id] INT NULL,
  [print_buyer_letter] BIT NULL,
  [print_seller_letter] BIT NULL,
  [excise_number] INT NULL,
  [override_excise] BIT NOT NULL DEFAULT 0,
  CONSTRAINT [pk_chg_of_owner] PRIMARY KEY CLUSTERED ([chg_of_owner_id])
);
GO
IF OBJECT_ID(N'[dbo].[chg_of_owner_prop_assoc]', N'U') IS NULL
CREATE TABLE [dbo].[chg_of_owner_prop_assoc] (
  [chg_of_owner_id] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [seq_num] INT NOT NULL,
  [sup_tax_yr] NUMERIC(4,0) NOT NULL,
  [imprv_hstd_val] NUMERIC(14,0) NULL,
  [imprv_non_hstd_val] NUMERIC(14,0) NULL,
  [land_hstd_val] NUMERIC(14,0) NULL,
  [land_non_hstd_val] NUMERIC(14,0) NULL,
  [ag_use_val] NUMERIC(14,0) NULL,
  [ag_market] NUMERIC(14,0) NULL,
  [ag_loss] NUMERIC(14,0) NULL,
  [timber_use] NUMERIC(14,0) NULL,
  [timber_market] NUMERIC(14,0) NULL,
  [timber_loss] NUMERIC(14,0) NULL,
  [appraised_val] NUMERIC(14,0) NULL,
  [assessed_val] NUMERIC(14,0) NULL,
  [market] NUMERIC(14,0) NULL,
  [bPrimary] BIT NULL,
  [continue_current_use] BIT NULL,
  CONSTRAINT [pk_chg_of_owner_prop_assoc] PRIMARY KEY NONCLUSTERED ([chg_of_owner_id], [prop_id])
);
GO
IF OBJECT_ID(N'[dbo].[sale]', N'U') IS NULL
CREATE TABLE [dbo].[sale] (
  [chg_of_owner_id] INT NOT NULL,
  [sl_ratio] NUMERIC(5,2) NULL,
  [sl_financing_cd] CHAR(5) NULL,
  [sl_ratio_type_cd] CHAR(5) NULL,
  [sl_adj_cd] CHAR(5) NULL,
  [sl_type_cd] CHAR(5) NULL,
  [sl_state_cd] CHAR(5) NULL,
  [sl_class_cd] CHAR(10) NULL,
  [sl_land_type_cd] CHAR(10) NULL,
  [sl_price] NUMERIC(14,0) NULL,
  [sl_dt] DATETIME NULL,
  [adjusted_sl_price] NUMERIC(14,0) NULL,
  [realtor] VARCHAR(30) NULL,
  [finance_comment] VARCHAR(50) NULL,
  [amt_down] NUMERIC(18,0) NULL,
  [amt_financed] NUMERIC(18,0) NULL,
  [interest_rate] NUMERIC(14,3) NULL,
  [finance_yrs] NUMERIC(4,1) NULL,
  [suppress_on_ratio_rpt_cd] CHAR(5) NULL,
  [suppress_on_ratio_rsn] VARCHAR(30) NULL,
  [sl_adj_sl_pct] NUMERIC(8,4) NULL,
  [sl_adj_sl_amt] NUMERIC(14,0) NULL,
  [sl_adj_rsn] VARCHAR(50) NULL,
  [sl_comment] VARCHAR(500) NULL,
  [sl_yr_blt] NUMERIC(4,0) NULL,
  [sl_living_area] NUMERIC(14,0) NULL,
  [sl_imprv_unit_price] NUMERIC(14,2) NULL,
  [sl_land_sqft] NUMERIC(18,2) NULL,
  [sl_land_acres] NUMERIC(18,4) NULL,
  [sl_land_front_feet] NUMERIC(18,2) NULL,
  [sl_land_depth] NUMERIC(18,2) NULL,
  [sl_land_unit_price] NUMERIC(14,2) NULL,
  [sl_school_id] INT NULL,
  [sl_city_id] INT NULL,
  [sl_qualifier] VARCHAR(10) NULL,
  [include_no_calc] CHAR(1) NULL,
  [sl_ratio_cd] CHAR(5) NULL,
  [import_dt] DATETIME NULL,
  [include_reason] VARCHAR(30) NULL,
  [sales_exclude_calc_cd] VARCHAR(10) NULL,
  [amt_financed_2] NUMERIC(18,0) NULL,
  [interest_rate_2] NUMERIC(14,2) NULL,
  [finance_yrs_2] NUMERIC(4,1) NULL,
  [sl_sub_class_cd] VARCHAR(10) NULL,
  [sl_imprv_type_cd] VARCHAR(5) NULL,
  [confidential_sale] CHAR(1) NULL,
  [frozen_characteristics] CHAR(1) NULL,
  [num_days_on_market] NUMERIC(4,0) NULL,
  [sl_exported_flag] CHAR(1) NULL,
  [land_only_sale] BIT NULL,
  [monthly_income] NUMERIC(14,0) NULL,
  [annual_income] NUMERIC(14,0) NULL,
  [sl_ratio_cd_reason] VARCHAR(100) NULL,
  [continue_current_use] BIT NULL,
  [sl_county_ratio_cd] VARCHAR(10) NULL,
  [primary_use_cd] VARCHAR(10) NULL,
  [secondary_use_cd] VARCHAR(10) NULL,
  [listing_price] NUMERIC(14,0) NULL,
  [listing_dt] DATETIME NULL,
  [pers_prop_val] NUMERIC(14,0) NULL,
  [exemption_amount] NUMERIC(14,0) NULL,
  [wac_cd] VARCHAR(32) NULL,
  CONSTRAINT [pk_sale] PRIMARY KEY CLUSTERED ([chg_of_owner_id])
);
GO
IF OBJECT_ID(N'[dbo].[event]', N'U') IS NULL
CREATE TABLE [dbo].[event] (
  [event_id] INT NOT NULL,
  [system_type] CHAR(5) NULL,
  [event_type] CHAR(20) NOT NULL,
  [event_date] DATETIME NOT NULL,
  [pacs_user] VARCHAR(30) NOT NULL,
  [event_desc] VARCHAR(2048) NULL,
  [ref_evt_type] VARCHAR(20) NULL,
  [ref_year] NUMERIC(4,0) NULL,
  [ref_num] INT NULL,
  [ref_id1] INT NULL,
  [ref_id2] INT NULL,
  [ref_id3] INT NULL,
  [ref_id4] INT NULL,
  [ref_id5] INT NULL,
  [ref_id6] INT NULL,
  [pacs_user_id] INT NULL,
  [litigation_recheck_date] DATETIME NULL,
  [litigation_recheck_complete] BIT NULL DEFAULT 0,
  [attachment] BIT NULL DEFAULT 0,
  CONSTRAINT [pk_event] PRIMARY KEY CLUSTERED ([event_id])
);
GO
IF OBJECT_ID(N'[dbo].[prop_event_assoc]', N'U') IS NULL
CREATE TABLE [dbo].[prop_event_assoc] (
  [prop_id] INT NOT NULL,
  [event_id] INT NOT NULL,
  [delete] VARCHAR(1) NULL,
  CONSTRAINT [pk_prop_event_assoc] PRIMARY KEY CLUSTERED ([prop_id], [event_id])
);
GO
IF OBJECT_ID(N'[dbo].[wash_prop_owner_val]', N'U') IS NULL
CREATE TABLE [dbo].[wash_prop_owner_val] (
  [year] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [owner_id] INT NOT NULL,
  [land_hstd_val] NUMERIC(14,0) NOT NULL,
  [land_non_hstd_val] NUMERIC(14,0) NOT NULL,
  [imprv_hstd_val] NUMERIC(14,0) NOT NULL,
  [imprv_non_hstd_val] NUMERIC(14,0) NOT NULL,
  [ag_use_val] NUMERIC(14,0) NOT NULL,
  [ag_market] NUMERIC(14,0) NOT NULL,
  [ag_loss] NUMERIC(14,0) NOT NULL,
  [ag_hs_use_val] NUMERIC(14,0) NOT NULL,
  [ag_hs_market] NUMERIC(14,0) NOT NULL,
  [ag_hs_loss] NUMERIC(14,0) NOT NULL,
  [timber_use_val] NUMERIC(14,0) NOT NULL,
  [timber_market] NUMERIC(14,0) NOT NULL,
  [timber_loss] NUMERIC(14,0) NOT NULL,
  [timber_hs_use_val] NUMERIC(14,0) NOT NULL,
  [timber_hs_market] NUMERIC(14,0) NOT NULL,
  [timber_hs_loss] NUMERIC(14,0) NOT NULL,
  [new_val_hs] NUMERIC(14,0) NOT NULL,
  [new_val_nhs] NUMERIC(14,0) NOT NULL,
  [new_val_p] NUMERIC(14,0) NOT NULL,
  [appraised] NUMERIC(14,0) NOT NULL,
  [market] NUMERIC(14,0) NOT NULL,
  [snr_frz_imprv_hs] NUMERIC(14,0) NOT NULL,
  [snr_frz_land_hs] NUMERIC(14,0) NOT NULL,
  [appraised_classified] NUMERIC(14,0) NOT NULL,
  [appraised_non_classified] NUMERIC(14,0) NOT NULL,
  [taxable_classified] NUMERIC(14,0) NOT NULL,
  [taxable_non_classified] NUMERIC(14,0) NOT NULL,
  [state_assessed] NUMERIC(14,0) NOT NULL,
  [destroyed_prop] BIT NOT NULL,
  [destroyed_jan1_value] NUMERIC(14,0) NOT NULL,
  [destroyed_prorate_pct] NUMERIC(20,19) NULL,
  [prorate_type] VARCHAR(5) NULL,
  [prorate_begin] DATETIME NULL,
  [prorate_end] DATETIME NULL,
  [boe_status] BIT NOT NULL,
  [destroyed_jan1_classified_value] NUMERIC(14,0) NOT NULL DEFAULT 0,
  [destroyed_jan1_non_classified_value] NUMERIC(14,0) NOT NULL DEFAULT 0,
  [non_taxed_mkt_val] NUMERIC(14,0) NULL DEFAULT 0,
  CONSTRAINT [pk_wash_prop_owner_val] PRIMARY KEY CLUSTERED ([year], [sup_num], [prop_id], [owner_id])
);
GO
IF OBJECT_ID(N'[dbo].[wash_prop_owner_exemption]', N'U') IS NULL
CREATE TABLE [dbo].[wash_prop_owner_exemption] (
  [year] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [owner_id] INT NOT NULL,
  [exmpt_type_cd] VARCHAR(10) NOT NULL,
  [exempt_value] NUMERIC(14,0) NOT NULL,
  [exempt_sub_type_cd] VARCHAR(10) NULL,
  [exempt_qualify_cd] VARCHAR(10) NULL,
  CONSTRAINT [pk_wash_prop_owner_exemption] PRIMARY KEY CLUSTERED ([year], [sup_num], [prop_id], [owner_id], [exmpt_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[property_type]', N'U') IS NULL
CREATE TABLE [dbo].[property_type] (
  [prop_type_cd] CHAR(5) NOT NULL,
  [prop_type_desc] VARCHAR(50) NULL,
  CONSTRAINT [pk_property_type] PRIMARY KEY CLUSTERED ([prop_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[supp_status]', N'U') IS NULL
CREATE TABLE [dbo].[supp_status] (
  [status_cd] CHAR(5) NOT NULL,
  [status_desc] VARCHAR(50) NULL,
  CONSTRAINT [pk_supp_status] PRIMARY KEY CLUSTERED ([status_cd])
);
GO
IF OBJECT_ID(N'[dbo].[supplement_type]', N'U') IS NULL
CREATE TABLE [dbo].[supplement_type] (
  [sup_type_cd] CHAR(10) NOT NULL,
  [sup_type_desc] VARCHAR(50) NULL,
  [sys_flag] VARCHAR(1) NULL,
  [supp_attribute] INT NULL,
  CONSTRAINT [pk_supplement_type] PRIMARY KEY CLUSTERED ([sup_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[state_code]', N'U') IS NULL
CREATE TABLE [dbo].[state_code] (
  [state_cd] CHAR(5) NOT NULL,
  [state_cd_desc] VARCHAR(50) NULL,
  [sys_flag] CHAR(1) NULL,
  [ptd_state_cd] VARCHAR(5) NULL,
  [ptd_state_code] VARCHAR(5) NULL,
  [commercial_acct_flag] CHAR(1) NOT NULL DEFAULT 'F',
  [allow_website_images] BIT NOT NULL DEFAULT 0,
  [sl_ratio_type_cd] CHAR(5) NULL,
  CONSTRAINT [pk_state_code] PRIMARY KEY CLUSTERED ([state_cd])
);
GO
IF OBJECT_ID(N'[dbo].[property_use]', N'U') IS NULL
CREATE TABLE [dbo].[property_use] (
  [property_use_cd] VARCHAR(10) NOT NULL,
  [property_use_desc] VARCHAR(50) NOT NULL,
  [dor_use_code] VARCHAR(10) NULL,
  CONSTRAINT [pk_property_use] PRIMARY KEY CLUSTERED ([property_use_cd])
);
GO
IF OBJECT_ID(N'[dbo].[imprv_type]', N'U') IS NULL
CREATE TABLE [dbo].[imprv_type] (
  [imprv_type_cd] CHAR(5) NOT NULL,
  [imprv_type_desc] VARCHAR(50) NULL,
  [sys_flag] CHAR(1) NULL,
  [mobile_home] CHAR(1) NULL,
  [bAllowDetailUseBase] BIT NOT NULL DEFAULT 0,
  [bMultiplyStoriesSQFT] BIT NULL,
  [bMultiSalePrimary] BIT NOT NULL DEFAULT 0,
  [is_permanent_crop] BIT NOT NULL DEFAULT 0,
  [ms_type] CHAR(1) NOT NULL DEFAULT 'N',
  [rc_type] CHAR(1) NULL,
  CONSTRAINT [pk_imprv_type] PRIMARY KEY CLUSTERED ([imprv_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[land_type]', N'U') IS NULL
CREATE TABLE [dbo].[land_type] (
  [land_type_cd] CHAR(10) NOT NULL,
  [land_type_desc] VARCHAR(50) NULL,
  [sys_flag] CHAR(1) NULL,
  [ag_or_wild_or_timber] CHAR(1) NULL,
  [state_land_type_desc] VARCHAR(30) NULL,
  [is_permanent_crop] BIT NOT NULL DEFAULT 0,
  [rc_type] CHAR(1) NULL,
  CONSTRAINT [pk_land_type] PRIMARY KEY CLUSTERED ([land_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[address_type]', N'U') IS NULL
CREATE TABLE [dbo].[address_type] (
  [addr_type_cd] CHAR(5) NOT NULL,
  [addr_type_desc] VARCHAR(50) NULL,
  [sys_flag] CHAR(1) NULL,
  CONSTRAINT [pk_address_type] PRIMARY KEY CLUSTERED ([addr_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[phone_type]', N'U') IS NULL
CREATE TABLE [dbo].[phone_type] (
  [phone_type_cd] CHAR(5) NOT NULL,
  [phone_type_desc] VARCHAR(50) NULL,
  [sys_flag] CHAR(1) NULL,
  CONSTRAINT [pk_phone_type] PRIMARY KEY CLUSTERED ([phone_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[event_type]', N'U') IS NULL
CREATE TABLE [dbo].[event_type] (
  [event_type_cd] CHAR(20) NOT NULL,
  [event_type_desc] VARCHAR(50) NULL,
  [sys_flag] CHAR(1) NULL,
  [event_type_flag] CHAR(1) NULL,
  [system_type] CHAR(5) NULL,
  [event_user_right] CHAR(1) NULL,
  [acct_type_cd] VARCHAR(5) NULL,
  [boe_indicator] BIT NOT NULL DEFAULT 0,
  [event_source_cd] VARCHAR(20) NOT NULL DEFAULT 'NONE',
  [inactive] BIT NOT NULL DEFAULT 0,
  [default_recheck_days] INT NULL,
  CONSTRAINT [pk_event_type] PRIMARY KEY CLUSTERED ([event_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[deed_type]', N'U') IS NULL
CREATE TABLE [dbo].[deed_type] (
  [deed_type_cd] CHAR(10) NOT NULL,
  [deed_type_desc] VARCHAR(50) NULL,
  [sys_flag] CHAR(1) NULL,
  [county_cd] VARCHAR(10) NULL,
  [sales_ratio_type_cd] VARCHAR(5) NULL,
  CONSTRAINT [pk_deed_type] PRIMARY KEY CLUSTERED ([deed_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest_type]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest_type] (
  [protest_type_cd] VARCHAR(10) NOT NULL,
  [protest_type_desc] VARCHAR(50) NULL,
  [sys_flag] CHAR(1) NULL DEFAULT 'F',
  CONSTRAINT [pk_arb_protest_type] PRIMARY KEY CLUSTERED ([protest_type_cd])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest_decision]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest_decision] (
  [decision_cd] VARCHAR(10) NOT NULL,
  [decision_desc] VARCHAR(50) NULL,
  [sys_flag] CHAR(1) NULL DEFAULT 'F',
  CONSTRAINT [pk_arb_protest_decision] PRIMARY KEY CLUSTERED ([decision_cd])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest_decision_reason]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest_decision_reason] (
  [decision_reason_cd] VARCHAR(10) NOT NULL,
  [decision_reason_desc] VARCHAR(50) NULL,
  [qualify_for_arbitration] BIT NOT NULL,
  [sys_flag] BIT NOT NULL,
  CONSTRAINT [pk_arb_protest_decision_reason] PRIMARY KEY CLUSTERED ([decision_reason_cd])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest_panel]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest_panel] (
  [panel_cd] VARCHAR(10) NOT NULL,
  [panel_desc] VARCHAR(50) NULL,
  [panel_printer_name] VARCHAR(256) NULL,
  [panel_computer_name] VARCHAR(50) NULL,
  CONSTRAINT [pk_arb_protest_panel] PRIMARY KEY CLUSTERED ([panel_cd])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_appraiser_meeting_schedule]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_appraiser_meeting_schedule] (
  [appraiser_id] INT NOT NULL,
  [meeting_id] INT IDENTITY(1,1) NOT NULL,
  [meeting_start_time] DATETIME NOT NULL,
  [meeting_end_time] DATETIME NOT NULL,
  [meeting_description] VARCHAR(500) NULL,
  CONSTRAINT [pk_arb_appraiser_meeting_schedule] PRIMARY KEY CLUSTERED ([meeting_id])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest_by]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest_by] (
  [protest_by_cd] VARCHAR(10) NOT NULL,
  [protest_by_desc] VARCHAR(50) NULL,
  [sys_flag] CHAR(1) NULL DEFAULT 'F',
  CONSTRAINT [pk_arb_protest_by] PRIMARY KEY CLUSTERED ([protest_by_cd])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest_protest_by_assoc]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest_protest_by_assoc] (
  [case_id] INT NOT NULL,
  [prop_val_yr] NUMERIC(4,0) NOT NULL,
  [prop_id] INT NOT NULL,
  [prot_by_id] INT NOT NULL,
  [prot_by_id_type] INT NULL,
  [prot_by_type] VARCHAR(10) NULL,
  [primary_protester] BIT NULL,
  [withdrew] BIT NULL,
  [at_hearing] BIT NULL,
  [prot_by_create_dt] DATETIME NOT NULL,
  CONSTRAINT [pk_arb_protest_protest_by_assoc] PRIMARY KEY CLUSTERED ([case_id], [prop_val_yr], [prop_id], [prot_by_id])
);
GO
IF OBJECT_ID(N'[dbo].[property_exemption_income_detail]', N'U') IS NULL
CREATE TABLE [dbo].[property_exemption_income_detail] (
  [exmpt_tax_yr] NUMERIC(4,0) NOT NULL,
  [owner_tax_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [owner_id] INT NOT NULL,
  [exmpt_type_cd] VARCHAR(10) NOT NULL,
  [inc_id] INT NOT NULL,
  [inc_detail_id] INT NOT NULL,
  [id_flag] BIT NOT NULL DEFAULT 0,
  [code] VARCHAR(10) NOT NULL,
  [amount] NUMERIC(14,2) NOT NULL DEFAULT 0,
  CONSTRAINT [pk_property_exemption_income_detail] PRIMARY KEY CLUSTERED ([exmpt_tax_yr], [owner_tax_yr], [sup_num], [prop_id], [owner_id], [exmpt_type_cd], [inc_id], [inc_detail_id]),
  CONSTRAINT [ck_property_exemption_income_detail_exmpt_type_cd] CHECK ([exmpt_type_cd] = 'SNR/DSBL')
);
GO
IF OBJECT_ID(N'[dbo].[property_profile]', N'U') IS NULL
CREATE TABLE [dbo].[property_profile] (
  [prop_id] INT NOT NULL,
  [prop_val_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [update_dt] DATETIME NULL,
  [school_id] INT NULL,
  [city_id] INT NULL,
  [state_cd] VARCHAR(10) NULL,
  [class_cd] VARCHAR(10) NULL,
  [land_type_cd] VARCHAR(10) NULL,
  [yr_blt] NUMERIC(4,0) NULL,
  [living_area] NUMERIC(14,0) NULL,
  [imprv_unit_price] NUMERIC(14,2) NULL,
  [imprv_add_val] NUMERIC(14,0) NULL,
  [land_sqft] NUMERIC(18,2) NULL,
  [land_acres] NUMERIC(18,4) NULL,
  [land_front_feet] NUMERIC(18,2) NULL,
  [land_depth] NUMERIC(18,2) NULL,
  [land_lot] VARCHAR(1) NULL,
  [land_unit_price] NUMERIC(14,2) NULL,
  [region] VARCHAR(5) NULL,
  [abs_subdv] VARCHAR(10) NULL,
  [neighborhood] VARCHAR(10) NULL,
  [subset] VARCHAR(5) NULL,
  [map_id] VARCHAR(20) NULL,
  [appraised_val] NUMERIC(14,0) NULL,
  [land_num_lots] NUMERIC(9,2) NULL,
  [land_appr_method] VARCHAR(5) NULL,
  [land_total_sqft] NUMERIC(18,2) NULL,
  [eff_yr_blt] NUMERIC(4,0) NULL,
  [condition_cd] CHAR(5) NULL,
  [percent_complete] NUMERIC(5,2) NULL,
  [ls_table] CHAR(25) NULL,
  [main_land_unit_price] NUMERIC(14,2) NULL,
  [main_land_total_adj] NUMERIC(8,6) NULL,
  [size_adj_pct] NUMERIC(5,2) NULL,
  [heat_ac_code] VARCHAR(75) NULL,
  [land_total_acres] NUMERIC(18,4) NULL,
  [zoning] VARCHAR(50) NULL,
  [visibility_access_cd] VARCHAR(10) NULL,
  [sub_market_cd] VARCHAR(10) NULL,
  [road_access] VARCHAR(50) NULL,
  [land_useable_acres] NUMERIC(18,4) NULL,
  [land_useable_sqft] NUMERIC(18,2) NULL,
  [property_use_cd] VARCHAR(10) NULL,
  [last_appraisal_dt] DATETIME NULL,
  [utilities] VARCHAR(50) NULL,
  [topography] VARCHAR(50) NULL,
  [num_imprv] INT NULL,
  [imprv_type_cd] CHAR(5) NULL,
  [imprv_det_sub_class_cd] VARCHAR(10) NULL,
  [class_cd_highvalueimprov] VARCHAR(10) NULL,
  [imprv_det_sub_class_cd_highvalueimprov] VARCHAR(10) NULL,
  [living_area_highvalueimprov] NUMERIC(14,0) NULL,
  [actual_year_built] NUMERIC(4,0) NULL,
  [characteristic_zoning1] VARCHAR(20) NULL,
  [characteristic_zoning2] VARCHAR(20) NULL,
  [characteristic_view] VARCHAR(20) NULL,
  [actual_age] INT NULL,
  [mbl_hm_make] VARCHAR(100) NULL,
  [mbl_hm_model] VARCHAR(100) NULL,
  [mbl_hm_sn] VARCHAR(100) NULL,
  [mbl_hm_hud_num] VARCHAR(100) NULL,
  [mbl_hm_title_num] VARCHAR(100) NULL,
  [imprv_det_meth_cd_highvalueimprov] CHAR(5) NULL,
  [imprv_building_name_highvalueimprov] VARCHAR(50) NULL,
  [imprv_det_lease_class_highvalueimprov] VARCHAR(10) NULL,
  CONSTRAINT [pk_property_profile] PRIMARY KEY CLUSTERED ([prop_val_yr], [prop_id])
);
GO
IF OBJECT_ID(N'[dbo].[_arb_protest_options]', N'U') IS NULL
CREATE TABLE [dbo].[_arb_protest_options] (
  [machine_name] VARCHAR(25) NOT NULL,
  [pro_auto_sch] INT NOT NULL,
  [pro_gen_comp_grid] INT NOT NULL,
  [pro_type] VARCHAR(10) NOT NULL,
  [pro_status] VARCHAR(10) NOT NULL,
  [pro_by_type] VARCHAR(50) NOT NULL,
  [pro_bAssignAgentDocket] CHAR(1) NULL,
  [pro_lNumDaysAutoSchedule] INT NULL,
  [pro_reopen_status] VARCHAR(10) NULL,
  [pro_autoclose] INT NULL,
  [pro_auto_record] INT NULL,
  [ignore_default_arb_protest_year_fields] BIT NOT NULL,
  [default_protest_create_year] NUMERIC(4,0) NULL,
  [default_protest_search_year] NUMERIC(4,0) NULL,
  [tax_presentation_image_type] CHAR(10) NULL,
  [tax_presentation_rec_type] CHAR(10) NULL,
  [tax_presentation_sub_type] CHAR(10) NULL,
  [tax_presentation_arb_type] NCHAR(10) NULL,
  CONSTRAINT [pk_arb_protest_options] PRIMARY KEY CLUSTERED ([machine_name])
);
GO
IF OBJECT_ID(N'[dbo].[wash_property_val]', N'U') IS NULL
CREATE TABLE [dbo].[wash_property_val] (
  [prop_val_yr] NUMERIC(4,0) NOT NULL,
  [sup_num] INT NOT NULL,
  [prop_id] INT NOT NULL,
  [appraised_classified] NUMERIC(14,0) NOT NULL,
  [appraised_non_classified] NUMERIC(14,0) NOT NULL,
  [snr_imprv] NUMERIC(14,0) NOT NULL,
  [snr_land] NUMERIC(14,0) NOT NULL,
  [snr_new_val] NUMERIC(14,0) NOT NULL,
  [snr_qualify_yr] NUMERIC(14,0) NOT NULL,
  [snr_qualify_yr_override] BIT NOT NULL,
  [snr_frz_imprv_hs] NUMERIC(14,0) NOT NULL,
  [snr_frz_land_hs] NUMERIC(14,0) NOT NULL,
  [snr_frz_imprv_hs_override] BIT NOT NULL,
  [snr_frz_land_hs_override] BIT NOT NULL,
  [snr_taxable_portion] NUMERIC(14,0) NOT NULL,
  [snr_exempt_loss] NUMERIC(14,0) NOT NULL,
  [snr_portion_applied] NUMERIC(14,0) NOT NULL,
  [snr_new_val_override] BIT NULL,
  [comment_update_date] DATETIME NULL,
  [comment_update_user] VARCHAR(35) NULL,
  [snr_comment] VARCHAR(5000) NULL,
  [tsRowVersion] ROWVERSION NOT NULL,
  [snr_imprv_lesser] NUMERIC(14,0) NULL,
  [snr_land_lesser] NUMERIC(14,0) NULL,
  [snr_frz_loss_land] AS ([snr_land] - [snr_land_lesser]),
  [snr_frz_loss_imprv] AS ([snr_imprv] - [snr_imprv_lesser]),
  [recalc_error_validate_flag] BIT NULL DEFAULT 0,
  [recalc_error_validate_date] DATETIME NULL,
  [recalc_error_validate_user_id] INT NULL,
  [dist_val_reason_cd] VARCHAR(5) NULL,
  [snr_imprv_hs] NUMERIC(14,0) NULL,
  [snr_land_hs] NUMERIC(14,0) NULL,
  [snr_ag_hs] NUMERIC(14,0) NULL,
  [snr_timber_hs] NUMERIC(14,0) NULL,
  [snr_imprv_hs_override] BIT NOT NULL DEFAULT 0,
  [snr_land_hs_override] BIT NOT NULL DEFAULT 0,
  [snr_ag_hs_override] BIT NOT NULL DEFAULT 0,
  [snr_timber_hs_override] BIT NOT NULL DEFAULT 0,
  CONSTRAINT [pk_wash_property_val] PRIMARY KEY CLUSTERED ([prop_val_yr], [sup_num], [prop_id])
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
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_reference_flag' AND object_id = OBJECT_ID(N'[dbo].[property]'))
CREATE INDEX [ix_property_reference_flag] ON [dbo].[property] ([reference_flag]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_prop_type_cd' AND object_id = OBJECT_ID(N'[dbo].[property]'))
CREATE INDEX [ix_property_prop_type_cd] ON [dbo].[property] ([prop_type_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_penpad_run_id' AND object_id = OBJECT_ID(N'[dbo].[property]'))
CREATE INDEX [ix_property_penpad_run_id] ON [dbo].[property] ([penpad_run_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_hood_cd' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_hood_cd] ON [dbo].[property_val] ([hood_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_last_appraiser_id' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_last_appraiser_id] ON [dbo].[property_val] ([last_appraiser_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_property_use_cd' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_property_use_cd] ON [dbo].[property_val] ([property_use_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_imprv_val' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_imprv_val] ON [dbo].[property_val] ([imprv_val]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_udi_parent' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_udi_parent] ON [dbo].[property_val] ([udi_parent]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_map_id' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_map_id] ON [dbo].[property_val] ([map_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_visibility_access_cd' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_visibility_access_cd] ON [dbo].[property_val] ([visibility_access_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_prop_id' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_prop_id] ON [dbo].[property_val] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_prev_sup_num' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_prev_sup_num] ON [dbo].[property_val] ([prev_sup_num]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_appr_method' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_appr_method] ON [dbo].[property_val] ([appr_method]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_subset_cd' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_subset_cd] ON [dbo].[property_val] ([subset_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_next_appraisal_dt' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_next_appraisal_dt] ON [dbo].[property_val] ([next_appraisal_dt]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_prop_id_2' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_prop_id_2] ON [dbo].[property_val] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_abs_subdv_cd' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_abs_subdv_cd] ON [dbo].[property_val] ([abs_subdv_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_mbl_hm_park' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_mbl_hm_park] ON [dbo].[property_val] ([mbl_hm_park]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_rgn_cd' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_rgn_cd] ON [dbo].[property_val] ([rgn_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_sub_market_cd' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_sub_market_cd] ON [dbo].[property_val] ([sub_market_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_val_udi_parent_prop_id' AND object_id = OBJECT_ID(N'[dbo].[property_val]'))
CREATE INDEX [ix_property_val_udi_parent_prop_id] ON [dbo].[property_val] ([udi_parent_prop_id]);
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
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_account_file_as_name_ref_id1' AND object_id = OBJECT_ID(N'[dbo].[account]'))
CREATE INDEX [ix_account_file_as_name_ref_id1] ON [dbo].[account] ([file_as_name], [ref_id1]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_account_file_as_name_acct_id_confidential_file_as_name' AND object_id = OBJECT_ID(N'[dbo].[account]'))
CREATE INDEX [ix_account_file_as_name_acct_id_confidential_file_as_name] ON [dbo].[account] ([file_as_name], [acct_id], [confidential_file_as_name]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_account_ref_id1' AND object_id = OBJECT_ID(N'[dbo].[account]'))
CREATE INDEX [ix_account_ref_id1] ON [dbo].[account] ([ref_id1]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_account_confidential_file_as_name' AND object_id = OBJECT_ID(N'[dbo].[account]'))
CREATE INDEX [ix_account_confidential_file_as_name] ON [dbo].[account] ([confidential_file_as_name]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_owner_owner_id' AND object_id = OBJECT_ID(N'[dbo].[owner]'))
CREATE INDEX [ix_owner_owner_id] ON [dbo].[owner] ([owner_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_owner_prop_id' AND object_id = OBJECT_ID(N'[dbo].[owner]'))
CREATE INDEX [ix_owner_prop_id] ON [dbo].[owner] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_address_acct_id_primary_addr' AND object_id = OBJECT_ID(N'[dbo].[address]'))
CREATE INDEX [ix_address_acct_id_primary_addr] ON [dbo].[address] ([acct_id], [primary_addr]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_phone_phone_type_cd' AND object_id = OBJECT_ID(N'[dbo].[phone]'))
CREATE INDEX [ix_phone_phone_type_cd] ON [dbo].[phone] ([phone_type_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_phone_acct_id_phone_type_cd_phone_num' AND object_id = OBJECT_ID(N'[dbo].[phone]'))
CREATE INDEX [ix_phone_acct_id_phone_type_cd_phone_num] ON [dbo].[phone] ([acct_id], [phone_type_cd], [phone_num]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_situs_situs_num' AND object_id = OBJECT_ID(N'[dbo].[situs]'))
CREATE INDEX [ix_situs_situs_num] ON [dbo].[situs] ([situs_num]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_situs_situs_city' AND object_id = OBJECT_ID(N'[dbo].[situs]'))
CREATE INDEX [ix_situs_situs_city] ON [dbo].[situs] ([situs_city]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_situs_situs_street' AND object_id = OBJECT_ID(N'[dbo].[situs]'))
CREATE INDEX [ix_situs_situs_street] ON [dbo].[situs] ([situs_street]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_exemption_exmpt_type_cd' AND object_id = OBJECT_ID(N'[dbo].[property_exemption]'))
CREATE INDEX [ix_property_exemption_exmpt_type_cd] ON [dbo].[property_exemption] ([exmpt_type_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_exemption_prop_id' AND object_id = OBJECT_ID(N'[dbo].[property_exemption]'))
CREATE INDEX [ix_property_exemption_prop_id] ON [dbo].[property_exemption] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_exemption_prop_type_cd' AND object_id = OBJECT_ID(N'[dbo].[property_exemption]'))
CREATE INDEX [ix_property_exemption_prop_type_cd] ON [dbo].[property_exemption] ([prop_type_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_imprv_sale_id' AND object_id = OBJECT_ID(N'[dbo].[imprv]'))
CREATE INDEX [ix_imprv_sale_id] ON [dbo].[imprv] ([sale_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_imprv_prop_id' AND object_id = OBJECT_ID(N'[dbo].[imprv]'))
CREATE INDEX [ix_imprv_prop_id] ON [dbo].[imprv] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_imprv_imprv_type_cd' AND object_id = OBJECT_ID(N'[dbo].[imprv]'))
CREATE INDEX [ix_imprv_imprv_type_cd] ON [dbo].[imprv] ([imprv_type_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_imprv_ref_id1' AND object_id = OBJECT_ID(N'[dbo].[imprv]'))
CREATE INDEX [ix_imprv_ref_id1] ON [dbo].[imprv] ([ref_id1]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_imprv_detail_imprv_det_class_cd' AND object_id = OBJECT_ID(N'[dbo].[imprv_detail]'))
CREATE INDEX [ix_imprv_detail_imprv_det_class_cd] ON [dbo].[imprv_detail] ([imprv_det_class_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_imprv_detail_ref_id1' AND object_id = OBJECT_ID(N'[dbo].[imprv_detail]'))
CREATE INDEX [ix_imprv_detail_ref_id1] ON [dbo].[imprv_detail] ([ref_id1]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_imprv_detail_imprv_det_meth_cd' AND object_id = OBJECT_ID(N'[dbo].[imprv_detail]'))
CREATE INDEX [ix_imprv_detail_imprv_det_meth_cd] ON [dbo].[imprv_detail] ([imprv_det_meth_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_imprv_detail_prop_id' AND object_id = OBJECT_ID(N'[dbo].[imprv_detail]'))
CREATE INDEX [ix_imprv_detail_prop_id] ON [dbo].[imprv_detail] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_imprv_detail_sale_id' AND object_id = OBJECT_ID(N'[dbo].[imprv_detail]'))
CREATE INDEX [ix_imprv_detail_sale_id] ON [dbo].[imprv_detail] ([sale_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_imprv_detail_imprv_det_type_cd' AND object_id = OBJECT_ID(N'[dbo].[imprv_detail]'))
CREATE INDEX [ix_imprv_detail_imprv_det_type_cd] ON [dbo].[imprv_detail] ([imprv_det_type_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_imprv_detail_condition_cd' AND object_id = OBJECT_ID(N'[dbo].[imprv_detail]'))
CREATE INDEX [ix_imprv_detail_condition_cd] ON [dbo].[imprv_detail] ([condition_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_land_detail_prop_id' AND object_id = OBJECT_ID(N'[dbo].[land_detail]'))
CREATE INDEX [ix_land_detail_prop_id] ON [dbo].[land_detail] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_land_detail_ls_ag_id' AND object_id = OBJECT_ID(N'[dbo].[land_detail]'))
CREATE INDEX [ix_land_detail_ls_ag_id] ON [dbo].[land_detail] ([ls_ag_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_land_detail_ag_use_cd' AND object_id = OBJECT_ID(N'[dbo].[land_detail]'))
CREATE INDEX [ix_land_detail_ag_use_cd] ON [dbo].[land_detail] ([ag_use_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_land_detail_ls_mkt_id' AND object_id = OBJECT_ID(N'[dbo].[land_detail]'))
CREATE INDEX [ix_land_detail_ls_mkt_id] ON [dbo].[land_detail] ([ls_mkt_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_land_detail_land_type_cd' AND object_id = OBJECT_ID(N'[dbo].[land_detail]'))
CREATE INDEX [ix_land_detail_land_type_cd] ON [dbo].[land_detail] ([land_type_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_land_detail_state_cd' AND object_id = OBJECT_ID(N'[dbo].[land_detail]'))
CREATE INDEX [ix_land_detail_state_cd] ON [dbo].[land_detail] ([state_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_land_detail_sale_id' AND object_id = OBJECT_ID(N'[dbo].[land_detail]'))
CREATE INDEX [ix_land_detail_sale_id] ON [dbo].[land_detail] ([sale_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_appraiser_appraiser_nm' AND object_id = OBJECT_ID(N'[dbo].[appraiser]'))
CREATE INDEX [ix_appraiser_appraiser_nm] ON [dbo].[appraiser] ([appraiser_nm]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_abs_subdv_abs_subdv_desc_abs_subdv_yr' AND object_id = OBJECT_ID(N'[dbo].[abs_subdv]'))
CREATE INDEX [ix_abs_subdv_abs_subdv_desc_abs_subdv_yr] ON [dbo].[abs_subdv] ([abs_subdv_desc], [abs_subdv_yr]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_arb_protest_case_id_prop_val_yr' AND object_id = OBJECT_ID(N'[dbo].[_arb_protest]'))
CREATE INDEX [ix_arb_protest_case_id_prop_val_yr] ON [dbo].[_arb_protest] ([case_id], [prop_val_yr]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_arb_protest_prot_appr_docket_id' AND object_id = OBJECT_ID(N'[dbo].[_arb_protest]'))
CREATE INDEX [ix_arb_protest_prot_appr_docket_id] ON [dbo].[_arb_protest] ([prot_appr_docket_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_arb_protest_docket_id' AND object_id = OBJECT_ID(N'[dbo].[_arb_protest]'))
CREATE INDEX [ix_arb_protest_docket_id] ON [dbo].[_arb_protest] ([docket_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_arb_protest_hearing_docket_docket_start_date_time' AND object_id = OBJECT_ID(N'[dbo].[_arb_protest_hearing_docket]'))
CREATE INDEX [ix_arb_protest_hearing_docket_docket_start_date_time] ON [dbo].[_arb_protest_hearing_docket] ([docket_start_date_time]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_chg_of_owner_excise_number' AND object_id = OBJECT_ID(N'[dbo].[chg_of_owner]'))
CREATE INDEX [ix_chg_of_owner_excise_number] ON [dbo].[chg_of_owner] ([excise_number]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_chg_of_owner_ref_id1' AND object_id = OBJECT_ID(N'[dbo].[chg_of_owner]'))
CREATE INDEX [ix_chg_of_owner_ref_id1] ON [dbo].[chg_of_owner] ([ref_id1]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_chg_of_owner_deed_type_cd' AND object_id = OBJECT_ID(N'[dbo].[chg_of_owner]'))
CREATE INDEX [ix_chg_of_owner_deed_type_cd] ON [dbo].[chg_of_owner] ([deed_type_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_chg_of_owner_prop_assoc_seq_num' AND object_id = OBJECT_ID(N'[dbo].[chg_of_owner_prop_assoc]'))
CREATE INDEX [ix_chg_of_owner_prop_assoc_seq_num] ON [dbo].[chg_of_owner_prop_assoc] ([seq_num]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_chg_of_owner_prop_assoc_prop_id' AND object_id = OBJECT_ID(N'[dbo].[chg_of_owner_prop_assoc]'))
CREATE CLUSTERED INDEX [ix_chg_of_owner_prop_assoc_prop_id] ON [dbo].[chg_of_owner_prop_assoc] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_sale_sl_adj_cd' AND object_id = OBJECT_ID(N'[dbo].[sale]'))
CREATE INDEX [ix_sale_sl_adj_cd] ON [dbo].[sale] ([sl_adj_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_sale_sl_dt' AND object_id = OBJECT_ID(N'[dbo].[sale]'))
CREATE INDEX [ix_sale_sl_dt] ON [dbo].[sale] ([sl_dt]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_sale_sl_financing_cd' AND object_id = OBJECT_ID(N'[dbo].[sale]'))
CREATE INDEX [ix_sale_sl_financing_cd] ON [dbo].[sale] ([sl_financing_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_sale_sl_type_cd' AND object_id = OBJECT_ID(N'[dbo].[sale]'))
CREATE INDEX [ix_sale_sl_type_cd] ON [dbo].[sale] ([sl_type_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_sale_sl_ratio_type_cd' AND object_id = OBJECT_ID(N'[dbo].[sale]'))
CREATE INDEX [ix_sale_sl_ratio_type_cd] ON [dbo].[sale] ([sl_ratio_type_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_event_ref_id3_event_type_system_type' AND object_id = OBJECT_ID(N'[dbo].[event]'))
CREATE INDEX [ix_event_ref_id3_event_type_system_type] ON [dbo].[event] ([ref_id3], [event_type], [system_type]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_event_ref_evt_type' AND object_id = OBJECT_ID(N'[dbo].[event]'))
CREATE INDEX [ix_event_ref_evt_type] ON [dbo].[event] ([ref_evt_type]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_event_ref_id1_ref_year_ref_num' AND object_id = OBJECT_ID(N'[dbo].[event]'))
CREATE INDEX [ix_event_ref_id1_ref_year_ref_num] ON [dbo].[event] ([ref_id1], [ref_year], [ref_num]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_prop_event_assoc_event_id' AND object_id = OBJECT_ID(N'[dbo].[prop_event_assoc]'))
CREATE INDEX [ix_prop_event_assoc_event_id] ON [dbo].[prop_event_assoc] ([event_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_wash_prop_owner_val_prop_id' AND object_id = OBJECT_ID(N'[dbo].[wash_prop_owner_val]'))
CREATE INDEX [ix_wash_prop_owner_val_prop_id] ON [dbo].[wash_prop_owner_val] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_neighborhood' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_neighborhood] ON [dbo].[property_profile] ([neighborhood]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_living_area' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_living_area] ON [dbo].[property_profile] ([living_area]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_city_id' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_city_id] ON [dbo].[property_profile] ([city_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_condition_cd' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_condition_cd] ON [dbo].[property_profile] ([condition_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_class_cd_highvalueimprov' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_class_cd_highvalueimprov] ON [dbo].[property_profile] ([class_cd_highvalueimprov]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_state_cd' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_state_cd] ON [dbo].[property_profile] ([state_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_prop_id' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_prop_id] ON [dbo].[property_profile] ([prop_id]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_imprv_det_sub_class_cd_highvalueimprov' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_imprv_det_sub_class_cd_highvalueimprov] ON [dbo].[property_profile] ([imprv_det_sub_class_cd_highvalueimprov]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_imprv_det_sub_class_cd' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_imprv_det_sub_class_cd] ON [dbo].[property_profile] ([imprv_det_sub_class_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_yr_blt' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_yr_blt] ON [dbo].[property_profile] ([yr_blt]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_living_area_highvalueimprov' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_living_area_highvalueimprov] ON [dbo].[property_profile] ([living_area_highvalueimprov]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_imprv_type_cd' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_imprv_type_cd] ON [dbo].[property_profile] ([imprv_type_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_abs_subdv' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_abs_subdv] ON [dbo].[property_profile] ([abs_subdv]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_class_cd' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_class_cd] ON [dbo].[property_profile] ([class_cd]);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_property_profile_school_id' AND object_id = OBJECT_ID(N'[dbo].[property_profile]'))
CREATE INDEX [ix_property_profile_school_id] ON [dbo].[property_profile] ([school_id]);
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
IF OBJECT_ID(N'[dbo].[fk_property_prop_type_cd]', N'F') IS NULL
ALTER TABLE [dbo].[property] ADD CONSTRAINT [fk_property_prop_type_cd] FOREIGN KEY ([prop_type_cd]) REFERENCES [dbo].[property_type] ([prop_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_state_cd]', N'F') IS NULL
ALTER TABLE [dbo].[property] ADD CONSTRAINT [fk_property_state_cd] FOREIGN KEY ([state_cd]) REFERENCES [dbo].[state_code] ([state_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_val_abs_subdv_cd_prop_val_yr]', N'F') IS NULL
ALTER TABLE [dbo].[property_val] ADD CONSTRAINT [fk_property_val_abs_subdv_cd_prop_val_yr] FOREIGN KEY ([abs_subdv_cd], [prop_val_yr]) REFERENCES [dbo].[abs_subdv] ([abs_subdv_cd], [abs_subdv_yr]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_val_hood_cd_prop_val_yr]', N'F') IS NULL
ALTER TABLE [dbo].[property_val] ADD CONSTRAINT [fk_property_val_hood_cd_prop_val_yr] FOREIGN KEY ([hood_cd], [prop_val_yr]) REFERENCES [dbo].[neighborhood] ([hood_cd], [hood_yr]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_val_land_appraiser_id]', N'F') IS NULL
ALTER TABLE [dbo].[property_val] ADD CONSTRAINT [fk_property_val_land_appraiser_id] FOREIGN KEY ([land_appraiser_id]) REFERENCES [dbo].[appraiser] ([appraiser_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_val_last_appraiser_id]', N'F') IS NULL
ALTER TABLE [dbo].[property_val] ADD CONSTRAINT [fk_property_val_last_appraiser_id] FOREIGN KEY ([last_appraiser_id]) REFERENCES [dbo].[appraiser] ([appraiser_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_val_next_appraiser_id]', N'F') IS NULL
ALTER TABLE [dbo].[property_val] ADD CONSTRAINT [fk_property_val_next_appraiser_id] FOREIGN KEY ([next_appraiser_id]) REFERENCES [dbo].[appraiser] ([appraiser_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_val_prop_id]', N'F') IS NULL
ALTER TABLE [dbo].[property_val] ADD CONSTRAINT [fk_property_val_prop_id] FOREIGN KEY ([prop_id]) REFERENCES [dbo].[property] ([prop_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_val_property_use_cd]', N'F') IS NULL
ALTER TABLE [dbo].[property_val] ADD CONSTRAINT [fk_property_val_property_use_cd] FOREIGN KEY ([property_use_cd]) REFERENCES [dbo].[property_use] ([property_use_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_val_reviewed_appraiser]', N'F') IS NULL
ALTER TABLE [dbo].[property_val] ADD CONSTRAINT [fk_property_val_reviewed_appraiser] FOREIGN KEY ([reviewed_appraiser]) REFERENCES [dbo].[appraiser] ([appraiser_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_val_sup_cd]', N'F') IS NULL
ALTER TABLE [dbo].[property_val] ADD CONSTRAINT [fk_property_val_sup_cd] FOREIGN KEY ([sup_cd]) REFERENCES [dbo].[supplement_type] ([sup_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_val_udi_parent_prop_id]', N'F') IS NULL
ALTER TABLE [dbo].[property_val] ADD CONSTRAINT [fk_property_val_udi_parent_prop_id] FOREIGN KEY ([udi_parent_prop_id]) REFERENCES [dbo].[property] ([prop_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_val_value_appraiser_id]', N'F') IS NULL
ALTER TABLE [dbo].[property_val] ADD CONSTRAINT [fk_property_val_value_appraiser_id] FOREIGN KEY ([value_appraiser_id]) REFERENCES [dbo].[appraiser] ([appraiser_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_prop_supp_assoc_prop_id]', N'F') IS NULL
ALTER TABLE [dbo].[prop_supp_assoc] ADD CONSTRAINT [fk_prop_supp_assoc_prop_id] FOREIGN KEY ([prop_id]) REFERENCES [dbo].[property] ([prop_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_supplement_sup_group_id]', N'F') IS NULL
ALTER TABLE [dbo].[supplement] ADD CONSTRAINT [fk_supplement_sup_group_id] FOREIGN KEY ([sup_group_id]) REFERENCES [dbo].[sup_group] ([sup_group_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_sup_group_status_cd]', N'F') IS NULL
ALTER TABLE [dbo].[sup_group] ADD CONSTRAINT [fk_sup_group_status_cd] FOREIGN KEY ([status_cd]) REFERENCES [dbo].[supp_status] ([status_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_owner_owner_id]', N'F') IS NULL
ALTER TABLE [dbo].[owner] ADD CONSTRAINT [fk_owner_owner_id] FOREIGN KEY ([owner_id]) REFERENCES [dbo].[account] ([acct_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_owner_prop_id]', N'F') IS NULL
ALTER TABLE [dbo].[owner] ADD CONSTRAINT [fk_owner_prop_id] FOREIGN KEY ([prop_id]) REFERENCES [dbo].[property] ([prop_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_address_acct_id]', N'F') IS NULL
ALTER TABLE [dbo].[address] ADD CONSTRAINT [fk_address_acct_id] FOREIGN KEY ([acct_id]) REFERENCES [dbo].[account] ([acct_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_address_addr_type_cd]', N'F') IS NULL
ALTER TABLE [dbo].[address] ADD CONSTRAINT [fk_address_addr_type_cd] FOREIGN KEY ([addr_type_cd]) REFERENCES [dbo].[address_type] ([addr_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_phone_acct_id]', N'F') IS NULL
ALTER TABLE [dbo].[phone] ADD CONSTRAINT [fk_phone_acct_id] FOREIGN KEY ([acct_id]) REFERENCES [dbo].[account] ([acct_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_phone_phone_type_cd]', N'F') IS NULL
ALTER TABLE [dbo].[phone] ADD CONSTRAINT [fk_phone_phone_type_cd] FOREIGN KEY ([phone_type_cd]) REFERENCES [dbo].[phone_type] ([phone_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_situs_prop_id]', N'F') IS NULL
ALTER TABLE [dbo].[situs] ADD CONSTRAINT [fk_situs_prop_id] FOREIGN KEY ([prop_id]) REFERENCES [dbo].[property] ([prop_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_exemption_exmpt_subtype_cd]', N'F') IS NULL
ALTER TABLE [dbo].[property_exemption] ADD CONSTRAINT [fk_property_exemption_exmpt_subtype_cd] FOREIGN KEY ([exmpt_subtype_cd]) REFERENCES [dbo].[exmpt_sub_type] ([exmpt_sub_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_exemption_exmpt_type_cd]', N'F') IS NULL
ALTER TABLE [dbo].[property_exemption] ADD CONSTRAINT [fk_property_exemption_exmpt_type_cd] FOREIGN KEY ([exmpt_type_cd]) REFERENCES [dbo].[exmpt_type] ([exmpt_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_exemption_prop_type_cd]', N'F') IS NULL
ALTER TABLE [dbo].[property_exemption] ADD CONSTRAINT [fk_property_exemption_prop_type_cd] FOREIGN KEY ([prop_type_cd]) REFERENCES [dbo].[property_type] ([prop_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_exmpt_sub_type_exmpt_type_cd]', N'F') IS NULL
ALTER TABLE [dbo].[exmpt_sub_type] ADD CONSTRAINT [fk_exmpt_sub_type_exmpt_type_cd] FOREIGN KEY ([exmpt_type_cd]) REFERENCES [dbo].[exmpt_type] ([exmpt_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_exemption_income_exmpt_tax_yr_owner_tax_yr_sup_n]', N'F') IS NULL
ALTER TABLE [dbo].[property_exemption_income] ADD CONSTRAINT [fk_property_exemption_income_exmpt_tax_yr_owner_tax_yr_sup_n] FOREIGN KEY ([exmpt_tax_yr], [owner_tax_yr], [sup_num], [prop_id], [owner_id], [exmpt_type_cd]) REFERENCES [dbo].[property_exemption] ([exmpt_tax_yr], [owner_tax_yr], [sup_num], [prop_id], [owner_id], [exmpt_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_imprv_imprv_state_cd]', N'F') IS NULL
ALTER TABLE [dbo].[imprv] ADD CONSTRAINT [fk_imprv_imprv_state_cd] FOREIGN KEY ([imprv_state_cd]) REFERENCES [dbo].[state_code] ([state_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_imprv_imprv_type_cd]', N'F') IS NULL
ALTER TABLE [dbo].[imprv] ADD CONSTRAINT [fk_imprv_imprv_type_cd] FOREIGN KEY ([imprv_type_cd]) REFERENCES [dbo].[imprv_type] ([imprv_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_imprv_prop_val_yr_sup_num_prop_id]', N'F') IS NULL
ALTER TABLE [dbo].[imprv] ADD CONSTRAINT [fk_imprv_prop_val_yr_sup_num_prop_id] FOREIGN KEY ([prop_val_yr], [sup_num], [prop_id]) REFERENCES [dbo].[property_val] ([prop_val_yr], [sup_num], [prop_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_imprv_detail_prop_val_yr_sup_num_sale_id_prop_id_imprv_id]', N'F') IS NULL
ALTER TABLE [dbo].[imprv_detail] ADD CONSTRAINT [fk_imprv_detail_prop_val_yr_sup_num_sale_id_prop_id_imprv_id] FOREIGN KEY ([prop_val_yr], [sup_num], [sale_id], [prop_id], [imprv_id]) REFERENCES [dbo].[imprv] ([prop_val_yr], [sup_num], [sale_id], [prop_id], [imprv_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_land_detail_ag_land_type_cd]', N'F') IS NULL
ALTER TABLE [dbo].[land_detail] ADD CONSTRAINT [fk_land_detail_ag_land_type_cd] FOREIGN KEY ([ag_land_type_cd]) REFERENCES [dbo].[land_type] ([land_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_land_detail_land_type_cd]', N'F') IS NULL
ALTER TABLE [dbo].[land_detail] ADD CONSTRAINT [fk_land_detail_land_type_cd] FOREIGN KEY ([land_type_cd]) REFERENCES [dbo].[land_type] ([land_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_land_detail_prop_val_yr_sup_num_prop_id]', N'F') IS NULL
ALTER TABLE [dbo].[land_detail] ADD CONSTRAINT [fk_land_detail_prop_val_yr_sup_num_prop_id] FOREIGN KEY ([prop_val_yr], [sup_num], [prop_id]) REFERENCES [dbo].[property_val] ([prop_val_yr], [sup_num], [prop_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_land_detail_state_cd]', N'F') IS NULL
ALTER TABLE [dbo].[land_detail] ADD CONSTRAINT [fk_land_detail_state_cd] FOREIGN KEY ([state_cd]) REFERENCES [dbo].[state_code] ([state_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_protest_appraiser_meeting_appraiser_id]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_protest] ADD CONSTRAINT [fk_arb_protest_appraiser_meeting_appraiser_id] FOREIGN KEY ([appraiser_meeting_appraiser_id]) REFERENCES [dbo].[appraiser] ([appraiser_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_protest_appraiser_meeting_id]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_protest] ADD CONSTRAINT [fk_arb_protest_appraiser_meeting_id] FOREIGN KEY ([appraiser_meeting_id]) REFERENCES [dbo].[_arb_appraiser_meeting_schedule] ([meeting_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_protest_decision_reason_cd]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_protest] ADD CONSTRAINT [fk_arb_protest_decision_reason_cd] FOREIGN KEY ([decision_reason_cd]) REFERENCES [dbo].[_arb_protest_decision_reason] ([decision_reason_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_protest_docket_id]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_protest] ADD CONSTRAINT [fk_arb_protest_docket_id] FOREIGN KEY ([docket_id]) REFERENCES [dbo].[_arb_protest_hearing_docket] ([docket_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_protest_prot_assigned_panel]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_protest] ADD CONSTRAINT [fk_arb_protest_prot_assigned_panel] FOREIGN KEY ([prot_assigned_panel]) REFERENCES [dbo].[_arb_protest_panel] ([panel_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_protest_prot_first_motion_decision_cd]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_protest] ADD CONSTRAINT [fk_arb_protest_prot_first_motion_decision_cd] FOREIGN KEY ([prot_first_motion_decision_cd]) REFERENCES [dbo].[_arb_protest_decision] ([decision_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_protest_prot_second_motion_decision_cd]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_protest] ADD CONSTRAINT [fk_arb_protest_prot_second_motion_decision_cd] FOREIGN KEY ([prot_second_motion_decision_cd]) REFERENCES [dbo].[_arb_protest_decision] ([decision_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_protest_prot_status]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_protest] ADD CONSTRAINT [fk_arb_protest_prot_status] FOREIGN KEY ([prot_status]) REFERENCES [dbo].[_arb_protest_status] ([status_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_protest_prot_type]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_protest] ADD CONSTRAINT [fk_arb_protest_prot_type] FOREIGN KEY ([prot_type]) REFERENCES [dbo].[_arb_protest_type] ([protest_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_protest_hearing_docket_lhearingid]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_protest_hearing_docket] ADD CONSTRAINT [fk_arb_protest_hearing_docket_lhearingid] FOREIGN KEY ([lHearingID]) REFERENCES [dbo].[_arb_protest_hearing] ([lHearingID]);
GO
IF OBJECT_ID(N'[dbo].[fk_chg_of_owner_deed_type_cd]', N'F') IS NULL
ALTER TABLE [dbo].[chg_of_owner] ADD CONSTRAINT [fk_chg_of_owner_deed_type_cd] FOREIGN KEY ([deed_type_cd]) REFERENCES [dbo].[deed_type] ([deed_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_chg_of_owner_prop_assoc_chg_of_owner_id]', N'F') IS NULL
ALTER TABLE [dbo].[chg_of_owner_prop_assoc] ADD CONSTRAINT [fk_chg_of_owner_prop_assoc_chg_of_owner_id] FOREIGN KEY ([chg_of_owner_id]) REFERENCES [dbo].[chg_of_owner] ([chg_of_owner_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_chg_of_owner_prop_assoc_prop_id]', N'F') IS NULL
ALTER TABLE [dbo].[chg_of_owner_prop_assoc] ADD CONSTRAINT [fk_chg_of_owner_prop_assoc_prop_id] FOREIGN KEY ([prop_id]) REFERENCES [dbo].[property] ([prop_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_event_event_type]', N'F') IS NULL
ALTER TABLE [dbo].[event] ADD CONSTRAINT [fk_event_event_type] FOREIGN KEY ([event_type]) REFERENCES [dbo].[event_type] ([event_type_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_prop_event_assoc_event_id]', N'F') IS NULL
ALTER TABLE [dbo].[prop_event_assoc] ADD CONSTRAINT [fk_prop_event_assoc_event_id] FOREIGN KEY ([event_id]) REFERENCES [dbo].[event] ([event_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_prop_event_assoc_prop_id]', N'F') IS NULL
ALTER TABLE [dbo].[prop_event_assoc] ADD CONSTRAINT [fk_prop_event_assoc_prop_id] FOREIGN KEY ([prop_id]) REFERENCES [dbo].[property] ([prop_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_appraiser_meeting_schedule_appraiser_id]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_appraiser_meeting_schedule] ADD CONSTRAINT [fk_arb_appraiser_meeting_schedule_appraiser_id] FOREIGN KEY ([appraiser_id]) REFERENCES [dbo].[appraiser] ([appraiser_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_protest_protest_by_assoc_prop_id_prop_val_yr_case_id]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_protest_protest_by_assoc] ADD CONSTRAINT [fk_arb_protest_protest_by_assoc_prop_id_prop_val_yr_case_id] FOREIGN KEY ([prop_id], [prop_val_yr], [case_id]) REFERENCES [dbo].[_arb_protest] ([prop_id], [prop_val_yr], [case_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_arb_protest_protest_by_assoc_prot_by_type]', N'F') IS NULL
ALTER TABLE [dbo].[_arb_protest_protest_by_assoc] ADD CONSTRAINT [fk_arb_protest_protest_by_assoc_prot_by_type] FOREIGN KEY ([prot_by_type]) REFERENCES [dbo].[_arb_protest_by] ([protest_by_cd]);
GO
IF OBJECT_ID(N'[dbo].[fk_property_exemption_income_detail_exmpt_tax_yr_owner_tax_y]', N'F') IS NULL
ALTER TABLE [dbo].[property_exemption_income_detail] ADD CONSTRAINT [fk_property_exemption_income_detail_exmpt_tax_yr_owner_tax_y] FOREIGN KEY ([exmpt_tax_yr], [owner_tax_yr], [sup_num], [prop_id], [owner_id], [exmpt_type_cd], [inc_id]) REFERENCES [dbo].[property_exemption_income] ([exmpt_tax_yr], [owner_tax_yr], [sup_num], [prop_id], [owner_id], [exmpt_type_cd], [inc_id]);
GO
IF OBJECT_ID(N'[dbo].[fk_wash_property_val_prop_val_yr_sup_num_prop_id]', N'F') IS NULL
ALTER TABLE [dbo].[wash_property_val] ADD CONSTRAINT [fk_wash_property_val_prop_val_yr_sup_num_prop_id] FOREIGN KEY ([prop_val_yr], [sup_num], [prop_id]) REFERENCES [dbo].[property_val] ([prop_val_yr], [sup_num], [prop_id]);
GO
SET NOEXEC OFF;
GO
