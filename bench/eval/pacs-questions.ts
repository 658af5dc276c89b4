/**
 * Questions a county user asks about PACS data, each with reference SQL that answers it on the
 * demo database (SQLite), the tables that SQL reads, and the keys it joins them on. suggest_query
 * is scored against them: which of the tables it ranks in its top five (recall@5), and whether
 * every join step it proposes between two tables the reference joins uses the reference's key
 * (composite keys in full). Tables and columns are PACS's own (the PACS catalog).
 */

export interface ReferenceJoin {
  /** The two tables, as the reference SQL names them. */
  tables: [string, string];
  /** Column pairs: [column of tables[0], column of tables[1]]. */
  on: [string, string][];
}

export interface EvalQuestion {
  id: string;
  question: string;
  /** Answers the question on the demo database (SQLite). */
  sql: string;
  tables: string[];
  joins: ReferenceJoin[];
}

/** The current layer of a value-layer table `t` for the year in column `year` (prop_supp_assoc psa). */
const CURRENT = (t: string, year = 'prop_val_yr') => `psa.owner_tax_yr = ${t}.${year} AND psa.sup_num = ${t}.sup_num AND psa.prop_id = ${t}.prop_id`;
const YEAR = '(SELECT appr_yr FROM pacs_system)';
const LAYER_TO_PSA: [string, string][] = [
  ['prop_val_yr', 'owner_tax_yr'],
  ['sup_num', 'sup_num'],
  ['prop_id', 'prop_id'],
];
const OWNER_TO_PSA: [string, string][] = [
  ['owner_tax_yr', 'owner_tax_yr'],
  ['sup_num', 'sup_num'],
  ['prop_id', 'prop_id'],
];
const PROTEST_KEY: [string, string][] = [
  ['prop_id', 'prop_id'],
  ['prop_val_yr', 'prop_val_yr'],
  ['case_id', 'case_id'],
];
const EXEMPTION_KEY: [string, string][] = ['exmpt_tax_yr', 'owner_tax_yr', 'sup_num', 'prop_id', 'owner_id', 'exmpt_type_cd'].map((c) => [c, c]);

export const PACS_QUESTIONS: EvalQuestion[] = [
  {
    id: 'market-by-neighborhood',
    question: 'Total market value by neighborhood for the current appraisal year',
    sql: `SELECT n.hood_cd, n.hood_name, SUM(pv.market) AS market FROM property_val pv
            JOIN prop_supp_assoc psa ON ${CURRENT('pv')}
            JOIN neighborhood n ON n.hood_cd = pv.hood_cd AND n.hood_yr = pv.prop_val_yr
           WHERE pv.prop_val_yr = ${YEAR} GROUP BY n.hood_cd, n.hood_name`,
    tables: ['property_val', 'prop_supp_assoc', 'neighborhood'],
    joins: [
      { tables: ['property_val', 'prop_supp_assoc'], on: LAYER_TO_PSA },
      { tables: ['property_val', 'neighborhood'], on: [['hood_cd', 'hood_cd'], ['prop_val_yr', 'hood_yr']] },
    ],
  },
  {
    id: 'parcels-by-type',
    question: 'How many properties are there of each property type, with the type description?',
    sql: 'SELECT pt.prop_type_cd, pt.prop_type_desc, COUNT(*) AS parcels FROM property p JOIN property_type pt ON pt.prop_type_cd = p.prop_type_cd GROUP BY pt.prop_type_cd, pt.prop_type_desc',
    tables: ['property', 'property_type'],
    joins: [{ tables: ['property', 'property_type'], on: [['prop_type_cd', 'prop_type_cd']] }],
  },
  {
    id: 'owners-of-parcel',
    question: 'Who owns a given parcel this year, with the owner names and ownership percentage?',
    sql: `SELECT o.prop_id, a.file_as_name, o.pct_ownership FROM owner o
            JOIN prop_supp_assoc psa ON ${CURRENT('o', 'owner_tax_yr')}
            JOIN account a ON a.acct_id = o.owner_id
           WHERE o.owner_tax_yr = ${YEAR} AND o.prop_id = (SELECT MIN(prop_id) FROM owner)`,
    tables: ['owner', 'prop_supp_assoc', 'account'],
    joins: [
      { tables: ['owner', 'prop_supp_assoc'], on: OWNER_TO_PSA },
      { tables: ['owner', 'account'], on: [['owner_id', 'acct_id']] },
    ],
  },
  {
    id: 'situs-with-geo-id',
    question: 'Situs street address of every property with its geo id',
    sql: 'SELECT p.prop_id, p.geo_id, s.situs_display FROM property p JOIN situs s ON s.prop_id = p.prop_id',
    tables: ['property', 'situs'],
    joins: [{ tables: ['property', 'situs'], on: [['prop_id', 'prop_id']] }],
  },
  {
    id: 'exemptions-by-type',
    question: 'Number of exemptions granted this year for each exemption type, with its description',
    sql: `SELECT e.exmpt_type_cd, t.exmpt_desc, COUNT(*) AS granted FROM property_exemption e
            JOIN prop_supp_assoc psa ON ${CURRENT('e', 'owner_tax_yr')}
            JOIN exmpt_type t ON t.exmpt_type_cd = e.exmpt_type_cd
           WHERE e.exmpt_tax_yr = ${YEAR} GROUP BY e.exmpt_type_cd, t.exmpt_desc`,
    tables: ['property_exemption', 'prop_supp_assoc', 'exmpt_type'],
    joins: [
      { tables: ['property_exemption', 'prop_supp_assoc'], on: OWNER_TO_PSA },
      { tables: ['property_exemption', 'exmpt_type'], on: [['exmpt_type_cd', 'exmpt_type_cd']] },
    ],
  },
  {
    id: 'open-protests-by-status',
    question: 'How many open appeals are there in each protest status?',
    sql: 'SELECT s.status_cd, s.status_desc, COUNT(*) AS protests FROM _arb_protest p JOIN _arb_protest_status s ON s.status_cd = p.prot_status WHERE p.prot_complete_dt IS NULL GROUP BY s.status_cd, s.status_desc',
    tables: ['_arb_protest', '_arb_protest_status'],
    joins: [{ tables: ['_arb_protest', '_arb_protest_status'], on: [['prot_status', 'status_cd']] }],
  },
  {
    id: 'protests-per-docket',
    question: 'Protests scheduled on each hearing docket compared with the docket maximum hearing count',
    sql: 'SELECT d.docket_id, d.docket_start_date_time, d.maximum_hearing_count, COUNT(p.case_id) AS scheduled FROM _arb_protest_hearing_docket d LEFT JOIN _arb_protest p ON p.docket_id = d.docket_id GROUP BY d.docket_id, d.docket_start_date_time, d.maximum_hearing_count',
    tables: ['_arb_protest_hearing_docket', '_arb_protest'],
    joins: [{ tables: ['_arb_protest_hearing_docket', '_arb_protest'], on: [['docket_id', 'docket_id']] }],
  },
  {
    id: 'dockets-per-hearing-day',
    question: 'For each ARB hearing day, how many hearing dockets does it have?',
    sql: 'SELECT h.lHearingID, h.dtDay, h.szHearingType, COUNT(d.docket_id) AS dockets FROM _arb_protest_hearing h LEFT JOIN _arb_protest_hearing_docket d ON d.lHearingID = h.lHearingID GROUP BY h.lHearingID, h.dtDay, h.szHearingType',
    tables: ['_arb_protest_hearing', '_arb_protest_hearing_docket'],
    joins: [{ tables: ['_arb_protest_hearing', '_arb_protest_hearing_docket'], on: [['lHearingID', 'lHearingID']] }],
  },
  {
    id: 'protest-with-market-value',
    question: 'Each appeal with the market value of the protested year',
    sql: `SELECT p.prop_id, p.prop_val_yr, p.case_id, pv.market FROM _arb_protest p
            JOIN prop_supp_assoc psa ON psa.prop_id = p.prop_id AND psa.owner_tax_yr = p.prop_val_yr
            JOIN property_val pv ON ${CURRENT('pv')}`,
    tables: ['_arb_protest', 'prop_supp_assoc', 'property_val'],
    joins: [
      { tables: ['_arb_protest', 'prop_supp_assoc'], on: [['prop_id', 'prop_id'], ['prop_val_yr', 'owner_tax_yr']] },
      { tables: ['property_val', 'prop_supp_assoc'], on: LAYER_TO_PSA },
    ],
  },
  {
    id: 'sale-prices-per-parcel',
    question: 'Sale price and deed date of each sale, per parcel',
    sql: 'SELECT cpa.prop_id, c.deed_dt, s.sl_price, s.sl_dt FROM sale s JOIN chg_of_owner c ON c.chg_of_owner_id = s.chg_of_owner_id JOIN chg_of_owner_prop_assoc cpa ON cpa.chg_of_owner_id = c.chg_of_owner_id',
    tables: ['sale', 'chg_of_owner', 'chg_of_owner_prop_assoc'],
    joins: [
      { tables: ['sale', 'chg_of_owner'], on: [['chg_of_owner_id', 'chg_of_owner_id']] },
      { tables: ['chg_of_owner', 'chg_of_owner_prop_assoc'], on: [['chg_of_owner_id', 'chg_of_owner_id']] },
    ],
  },
  {
    id: 'improvement-value-by-type',
    question: 'Total improvement value by improvement type for the current year',
    sql: `SELECT i.imprv_type_cd, t.imprv_type_desc, SUM(i.imprv_val) AS value FROM imprv i
            JOIN prop_supp_assoc psa ON ${CURRENT('i')}
            JOIN imprv_type t ON t.imprv_type_cd = i.imprv_type_cd
           WHERE i.prop_val_yr = ${YEAR} GROUP BY i.imprv_type_cd, t.imprv_type_desc`,
    tables: ['imprv', 'prop_supp_assoc', 'imprv_type'],
    joins: [
      { tables: ['imprv', 'prop_supp_assoc'], on: LAYER_TO_PSA },
      { tables: ['imprv', 'imprv_type'], on: [['imprv_type_cd', 'imprv_type_cd']] },
    ],
  },
  {
    id: 'land-acres-by-type',
    question: 'Total land acres by land type this year',
    sql: `SELECT l.land_type_cd, t.land_type_desc, SUM(l.size_acres) AS acres FROM land_detail l
            JOIN prop_supp_assoc psa ON ${CURRENT('l')}
            JOIN land_type t ON t.land_type_cd = l.land_type_cd
           WHERE l.prop_val_yr = ${YEAR} GROUP BY l.land_type_cd, t.land_type_desc`,
    tables: ['land_detail', 'prop_supp_assoc', 'land_type'],
    joins: [
      { tables: ['land_detail', 'prop_supp_assoc'], on: LAYER_TO_PSA },
      { tables: ['land_detail', 'land_type'], on: [['land_type_cd', 'land_type_cd']] },
    ],
  },
  {
    id: 'owner-mailing-addresses',
    question: 'Mailing address (city and lines) of every account',
    sql: 'SELECT a.acct_id, a.file_as_name, ad.addr_line1, ad.addr_city, ad.addr_state FROM account a JOIN address ad ON ad.acct_id = a.acct_id',
    tables: ['account', 'address'],
    joins: [{ tables: ['account', 'address'], on: [['acct_id', 'acct_id']] }],
  },
  {
    id: 'phones-with-type',
    question: 'Phone numbers of accounts with the phone type description',
    sql: 'SELECT p.acct_id, p.phone_num, t.phone_type_desc FROM phone p JOIN phone_type t ON t.phone_type_cd = p.phone_type_cd',
    tables: ['phone', 'phone_type'],
    joins: [{ tables: ['phone', 'phone_type'], on: [['phone_type_cd', 'phone_type_cd']] }],
  },
  {
    id: 'year-built-and-living-area',
    question: 'Year built and living area of each parcel this year, with its geo id',
    sql: `SELECT p.prop_id, p.geo_id, pp.yr_blt, pp.living_area FROM property_profile pp JOIN property p ON p.prop_id = pp.prop_id WHERE pp.prop_val_yr = ${YEAR}`,
    tables: ['property_profile', 'property'],
    joins: [{ tables: ['property_profile', 'property'], on: [['prop_id', 'prop_id']] }],
  },
  {
    id: 'supplement-groups-status',
    question: 'Supplement groups with their status description',
    sql: 'SELECT g.sup_group_id, g.sup_group_desc, s.status_desc FROM sup_group g JOIN supp_status s ON s.status_cd = g.status_cd',
    tables: ['sup_group', 'supp_status'],
    joins: [{ tables: ['sup_group', 'supp_status'], on: [['status_cd', 'status_cd']] }],
  },
  {
    id: 'supplements-per-group',
    question: 'How many supplements does each supplement group hold?',
    sql: 'SELECT g.sup_group_id, COUNT(s.sup_num) AS supplements FROM sup_group g LEFT JOIN supplement s ON s.sup_group_id = g.sup_group_id GROUP BY g.sup_group_id',
    tables: ['sup_group', 'supplement'],
    joins: [{ tables: ['sup_group', 'supplement'], on: [['sup_group_id', 'sup_group_id']] }],
  },
  {
    id: 'parcel-events',
    question: 'Events recorded on a parcel with the event type description',
    sql: 'SELECT pe.prop_id, e.event_date, t.event_type_desc, e.event_desc FROM prop_event_assoc pe JOIN event e ON e.event_id = pe.event_id JOIN event_type t ON t.event_type_cd = e.event_type WHERE pe.prop_id = (SELECT MIN(prop_id) FROM prop_event_assoc)',
    tables: ['prop_event_assoc', 'event', 'event_type'],
    joins: [
      { tables: ['prop_event_assoc', 'event'], on: [['event_id', 'event_id']] },
      { tables: ['event', 'event_type'], on: [['event_type', 'event_type_cd']] },
    ],
  },
  {
    id: 'senior-income-tiers',
    question: 'Senior and disabled (SNR/DSBL) exemption income tiers for the current year',
    sql: `SELECT exemption_code, income_min, income_max, percentage FROM exmpt_qualify_code WHERE exempt_type_cd = 'SNR/DSBL' AND year = ${YEAR} ORDER BY exemption_code`,
    tables: ['exmpt_qualify_code'],
    joins: [],
  },
  {
    id: 'exemption-income-amounts',
    question: 'Income amounts reported on each exemption income record',
    sql: 'SELECT i.prop_id, i.owner_id, i.income_year, SUM(d.amount) AS income FROM property_exemption_income i JOIN property_exemption_income_detail d ON ' +
      ['exmpt_tax_yr', 'owner_tax_yr', 'sup_num', 'prop_id', 'owner_id', 'exmpt_type_cd', 'inc_id'].map((c) => `d.${c} = i.${c}`).join(' AND ') +
      ' GROUP BY i.prop_id, i.owner_id, i.income_year, i.inc_id',
    tables: ['property_exemption_income', 'property_exemption_income_detail'],
    joins: [{ tables: ['property_exemption_income', 'property_exemption_income_detail'], on: ['exmpt_tax_yr', 'owner_tax_yr', 'sup_num', 'prop_id', 'owner_id', 'exmpt_type_cd', 'inc_id'].map((c) => [c, c]) }],
  },
  {
    id: 'exemption-income-records',
    question: 'Which exemptions have an income record, and for which income year?',
    sql: `SELECT e.prop_id, e.owner_id, e.exmpt_type_cd, i.income_year FROM property_exemption e JOIN property_exemption_income i ON ${EXEMPTION_KEY.map(([c]) => `i.${c} = e.${c}`).join(' AND ')}`,
    tables: ['property_exemption', 'property_exemption_income'],
    joins: [{ tables: ['property_exemption', 'property_exemption_income'], on: EXEMPTION_KEY }],
  },
  {
    id: 'disability-sub-types',
    question: 'Exemption sub types that mark a disability, with their exemption type description',
    sql: 'SELECT s.exmpt_sub_type_cd, s.exmpt_sub_type_desc, t.exmpt_desc FROM exmpt_sub_type s JOIN exmpt_type t ON t.exmpt_type_cd = s.exmpt_type_cd WHERE s.disability = 1',
    tables: ['exmpt_sub_type', 'exmpt_type'],
    joins: [{ tables: ['exmpt_sub_type', 'exmpt_type'], on: [['exmpt_type_cd', 'exmpt_type_cd']] }],
  },
  {
    id: 'parcels-by-state-code',
    question: 'Number of properties per state code, with the state code description',
    sql: 'SELECT s.state_cd, s.state_cd_desc, COUNT(*) AS parcels FROM property p JOIN state_code s ON s.state_cd = p.state_cd GROUP BY s.state_cd, s.state_cd_desc',
    tables: ['property', 'state_code'],
    joins: [{ tables: ['property', 'state_code'], on: [['state_cd', 'state_cd']] }],
  },
  {
    id: 'who-filed-protests',
    question: 'Who filed each protest (protest by type description)?',
    sql: `SELECT p.prop_id, p.case_id, b.protest_by_desc FROM _arb_protest p
            JOIN _arb_protest_protest_by_assoc a ON ${PROTEST_KEY.map(([c]) => `a.${c} = p.${c}`).join(' AND ')}
            JOIN _arb_protest_by b ON b.protest_by_cd = a.prot_by_type`,
    tables: ['_arb_protest', '_arb_protest_protest_by_assoc', '_arb_protest_by'],
    joins: [
      { tables: ['_arb_protest', '_arb_protest_protest_by_assoc'], on: PROTEST_KEY },
      { tables: ['_arb_protest_protest_by_assoc', '_arb_protest_by'], on: [['prot_by_type', 'protest_by_cd']] },
    ],
  },
  {
    id: 'protest-decision-reasons',
    question: 'Protest decision reasons and how many protests each was given for',
    sql: 'SELECT r.decision_reason_cd, r.decision_reason_desc, COUNT(*) AS protests FROM _arb_protest p JOIN _arb_protest_decision_reason r ON r.decision_reason_cd = p.decision_reason_cd GROUP BY r.decision_reason_cd, r.decision_reason_desc',
    tables: ['_arb_protest', '_arb_protest_decision_reason'],
    joins: [{ tables: ['_arb_protest', '_arb_protest_decision_reason'], on: [['decision_reason_cd', 'decision_reason_cd']] }],
  },
  {
    id: 'protests-per-panel',
    question: 'How many protests are assigned to each ARB panel?',
    sql: 'SELECT pn.panel_cd, pn.panel_desc, COUNT(*) AS protests FROM _arb_protest p JOIN _arb_protest_panel pn ON pn.panel_cd = p.prot_assigned_panel GROUP BY pn.panel_cd, pn.panel_desc',
    tables: ['_arb_protest', '_arb_protest_panel'],
    joins: [{ tables: ['_arb_protest', '_arb_protest_panel'], on: [['prot_assigned_panel', 'panel_cd']] }],
  },
  {
    id: 'protests-by-type',
    question: 'Count of protests by protest type description',
    sql: 'SELECT t.protest_type_cd, t.protest_type_desc, COUNT(*) AS protests FROM _arb_protest p JOIN _arb_protest_type t ON t.protest_type_cd = p.prot_type GROUP BY t.protest_type_cd, t.protest_type_desc',
    tables: ['_arb_protest', '_arb_protest_type'],
    joins: [{ tables: ['_arb_protest', '_arb_protest_type'], on: [['prot_type', 'protest_type_cd']] }],
  },
  {
    id: 'hearing-property-types',
    question: 'Which property types does each ARB hearing accept?',
    sql: 'SELECT h.lHearingID, h.dtDay, t.szPropertyType FROM _arb_protest_hearing h JOIN _arb_protest_hearing_property_type t ON t.lHearingID = h.lHearingID',
    tables: ['_arb_protest_hearing', '_arb_protest_hearing_property_type'],
    joins: [{ tables: ['_arb_protest_hearing', '_arb_protest_hearing_property_type'], on: [['lHearingID', 'lHearingID']] }],
  },
  {
    id: 'market-by-subdivision',
    question: 'Market value of parcels in each abstract or subdivision this year',
    sql: `SELECT s.abs_subdv_cd, s.abs_subdv_desc, SUM(pv.market) AS market FROM property_val pv
            JOIN prop_supp_assoc psa ON ${CURRENT('pv')}
            JOIN abs_subdv s ON s.abs_subdv_cd = pv.abs_subdv_cd AND s.abs_subdv_yr = pv.prop_val_yr
           WHERE pv.prop_val_yr = ${YEAR} GROUP BY s.abs_subdv_cd, s.abs_subdv_desc`,
    tables: ['property_val', 'prop_supp_assoc', 'abs_subdv'],
    joins: [
      { tables: ['property_val', 'prop_supp_assoc'], on: LAYER_TO_PSA },
      { tables: ['property_val', 'abs_subdv'], on: [['abs_subdv_cd', 'abs_subdv_cd'], ['prop_val_yr', 'abs_subdv_yr']] },
    ],
  },
  {
    id: 'improvement-value-by-state-code',
    question: 'Improvement value by improvement state code this year',
    sql: `SELECT s.state_cd, s.state_cd_desc, SUM(i.imprv_val) AS value FROM imprv i
            JOIN prop_supp_assoc psa ON ${CURRENT('i')}
            JOIN state_code s ON s.state_cd = i.imprv_state_cd
           WHERE i.prop_val_yr = ${YEAR} GROUP BY s.state_cd, s.state_cd_desc`,
    tables: ['imprv', 'prop_supp_assoc', 'state_code'],
    joins: [
      { tables: ['imprv', 'prop_supp_assoc'], on: LAYER_TO_PSA },
      { tables: ['imprv', 'state_code'], on: [['imprv_state_cd', 'state_cd']] },
    ],
  },
  {
    id: 'land-value-by-state-code',
    question: 'Land segment market value by state code',
    sql: 'SELECT s.state_cd, s.state_cd_desc, SUM(l.land_seg_mkt_val) AS value FROM land_detail l JOIN state_code s ON s.state_cd = l.state_cd GROUP BY s.state_cd, s.state_cd_desc',
    tables: ['land_detail', 'state_code'],
    joins: [{ tables: ['land_detail', 'state_code'], on: [['state_cd', 'state_cd']] }],
  },
  {
    id: 'improvements-per-parcel',
    question: 'Number of improvements and total improvement value of each parcel this year, with its market value',
    sql: `SELECT pv.prop_id, pv.market, COUNT(i.imprv_id) AS improvements, SUM(i.imprv_val) AS imprv_value FROM property_val pv
            JOIN prop_supp_assoc psa ON ${CURRENT('pv')}
            JOIN imprv i ON i.prop_val_yr = pv.prop_val_yr AND i.sup_num = pv.sup_num AND i.prop_id = pv.prop_id
           WHERE pv.prop_val_yr = ${YEAR} GROUP BY pv.prop_id, pv.market`,
    tables: ['property_val', 'prop_supp_assoc', 'imprv'],
    joins: [
      { tables: ['property_val', 'prop_supp_assoc'], on: LAYER_TO_PSA },
      { tables: ['imprv', 'property_val'], on: ['prop_val_yr', 'sup_num', 'prop_id'].map((c) => [c, c]) },
    ],
  },
  {
    id: 'certified-years',
    question: 'Which tax years have been certified, and when?',
    sql: 'SELECT tax_yr, certification_dt FROM pacs_year WHERE certification_dt IS NOT NULL ORDER BY tax_yr',
    tables: ['pacs_year'],
    joins: [],
  },
  {
    id: 'deeds-by-type',
    question: 'Number of deeds recorded by deed type description',
    sql: 'SELECT t.deed_type_cd, t.deed_type_desc, COUNT(*) AS deeds FROM chg_of_owner c JOIN deed_type t ON t.deed_type_cd = c.deed_type_cd GROUP BY t.deed_type_cd, t.deed_type_desc',
    tables: ['chg_of_owner', 'deed_type'],
    joins: [{ tables: ['chg_of_owner', 'deed_type'], on: [['deed_type_cd', 'deed_type_cd']] }],
  },
  {
    id: 'owner-exemptions',
    question: 'Owners this year with their exemption codes and homestead flag',
    sql: `SELECT o.prop_id, o.owner_id, o.hs_prop, e.exmpt_type_cd FROM owner o
            JOIN prop_supp_assoc psa ON ${CURRENT('o', 'owner_tax_yr')}
            JOIN property_exemption e ON e.owner_tax_yr = o.owner_tax_yr AND e.sup_num = o.sup_num AND e.prop_id = o.prop_id AND e.owner_id = o.owner_id
           WHERE o.owner_tax_yr = ${YEAR}`,
    tables: ['owner', 'prop_supp_assoc', 'property_exemption'],
    joins: [
      { tables: ['owner', 'prop_supp_assoc'], on: OWNER_TO_PSA },
      { tables: ['property_exemption', 'owner'], on: ['owner_tax_yr', 'sup_num', 'prop_id', 'owner_id'].map((c) => [c, c]) },
    ],
  },
  {
    id: 'current-appraisal-year',
    question: 'What is the current appraisal year?',
    sql: 'SELECT appr_yr, tax_yr FROM pacs_system',
    tables: ['pacs_system'],
    joins: [],
  },
];
