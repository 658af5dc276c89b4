import type { WriteTx } from '../../connectors/connector.js';
import { CODING_GROUP_STATUSES } from '../../pacs/layers.js';
import type { ImportKind, RowValues, StagedRow } from '../import-kind.js';
import { ExemptionChecker } from './exemption-checker.js';
import { EX, EXEMPTION_FIELDS, EXEMPTION_REQUIRED_COLUMNS } from './exemption-layout.js';

const str = (v: RowValues[number]) => (v === null ? null : String(v));
const int = (v: RowValues[number]) => (typeof v === 'number' ? v : null);

export const exemptionsKind: ImportKind = {
  name: 'exemptions',
  title: 'mass exemption upload',
  fields: EXEMPTION_FIELDS,
  requiredColumns: EXEMPTION_REQUIRED_COLUMNS,

  checkRow(values, failed, report) {
    const year = int(values[EX.exmpt_tax_yr]);
    const effective = str(values[EX.effective_dt]);
    const termination = str(values[EX.termination_dt]);
    const qualify = int(values[EX.qualify_yr]);
    if (values[EX.prop_id] === null && values[EX.geo_id] === null && !failed.has('prop_id') && !failed.has('geo_id')) {
      report('prop_id', 'parcel_ref_required', 'The row names no parcel: give prop_id or geo_id.');
    }
    if (effective && termination && termination < effective) {
      report('termination_dt', 'date_order', `termination_dt ${termination} is before effective_dt ${effective}.`);
    }
    if (year !== null) {
      if (qualify !== null && qualify > year) report('qualify_yr', 'qualify_after_tax_year', `qualify_yr ${qualify} is after exmpt_tax_yr ${year}: an owner cannot qualify after the year the exemption is for.`);
      if (effective && Number(effective.slice(0, 4)) > year) report('effective_dt', 'effective_after_tax_year', `effective_dt ${effective} is after tax year ${year}, so the exemption would not apply to it.`);
      if (termination && Number(termination.slice(0, 4)) < year) report('termination_dt', 'terminated_before_tax_year', `termination_dt ${termination} ends before tax year ${year}, so the exemption would not apply to it.`);
    }
    // Rules that depend on the code are the state's and the county's: checked at validation.
  },

  filePropId: (values) => int(values[EX.prop_id]),

  rowKey(values, propId) {
    const year = values[EX.exmpt_tax_yr];
    const owner = values[EX.owner_id];
    const code = values[EX.exmpt_type_cd];
    const parcel = propId !== null ? `p${propId}` : values[EX.geo_id] !== null ? `g${values[EX.geo_id]}` : null;
    if (year === null || owner === null || code === null || parcel === null) return null;
    return `${year}|${parcel}|${owner}|${code}`;
  },

  createChecker: (context) => new ExemptionChecker(context),

  push: {
    table: 'import_staging_exemptions',
    columns: ['batch_id', 'line_number', 'prop_id', 'geo_id', 'owner_id', 'exmpt_tax_yr', 'exmpt_type_cd', 'exmpt_subtype_cd', 'effective_dt', 'termination_dt', 'qualify_yr', 'applicant_nm', 'exemption_pct', 'exempt_qualify_cd', 'combined_disp_income', 'action'],
    params(row: StagedRow, batchId: string) {
      const v = row.values;
      return [batchId, row.line, row.propId, v[EX.geo_id], v[EX.owner_id], v[EX.exmpt_tax_yr], v[EX.exmpt_type_cd], v[EX.exmpt_subtype_cd], v[EX.effective_dt], v[EX.termination_dt], v[EX.qualify_yr], v[EX.applicant_nm], v[EX.exemption_pct], v[EX.exempt_qualify_cd], v[EX.combined_disp_income], v[EX.action]];
    },
  },

  promotion: {
    builtinName: 'pacs_mcp_promote_exemptions',
    apply: applyExemption,
  },
};

/**
 * A layer PACS lets an exemption change: its year is not certified, or the layer belongs to a
 * supplement group still in coding (C, TO or P). One `?`: the year.
 */
const WRITABLE_LAYER = (supNum: string) =>
  `(EXISTS (SELECT 1 FROM pacs_year y WHERE y.tax_yr = ? AND y.certification_dt IS NULL)
    OR EXISTS (SELECT 1 FROM supplement s JOIN sup_group sg ON sg.sup_group_id = s.sup_group_id
                WHERE s.sup_tax_yr = psa.owner_tax_yr AND s.sup_num = ${supNum} AND sg.status_cd IN (${CODING_GROUP_STATUSES.map((c) => `'${c}'`).join(', ')})))`;

/**
 * The allowlisted statements of the built-in promotion (SQLite/PostgreSQL targets): an ADD goes
 * to the year's current supplement layer when the owner owns the parcel there and that layer may
 * change (an open year, or a supplement in coding); a REMOVE deletes exactly that exemption.
 * Both are no-ops when already so, or when the certified year has no coding supplement yet.
 */
async function applyExemption(tx: WriteTx, row: StagedRow): Promise<number> {
  const v = row.values;
  const year = v[EX.exmpt_tax_yr];
  const owner = v[EX.owner_id];
  const code = v[EX.exmpt_type_cd];
  if (v[EX.action] === 'REMOVE') {
    const { rowsAffected } = await tx.execute(
      `DELETE FROM property_exemption WHERE exmpt_tax_yr = ? AND owner_tax_yr = ? AND prop_id = ? AND owner_id = ? AND exmpt_type_cd = ?
         AND sup_num = (SELECT psa.sup_num FROM prop_supp_assoc psa WHERE psa.owner_tax_yr = ? AND psa.prop_id = ? AND ${WRITABLE_LAYER('psa.sup_num')})`,
      [year, year, row.propId, owner, code, year, row.propId, year],
    );
    return rowsAffected;
  }
  // Where the exemption goes: the year's current layer, if it may change, the owner owns the
  // parcel there and the exemption is not there yet. Then a plain INSERT whose parameters take the
  // column types (PostgreSQL cannot type parameters in an INSERT … SELECT list).
  const [layer] = await tx.query(
    `SELECT psa.sup_num, p.prop_type_cd FROM prop_supp_assoc psa JOIN property p ON p.prop_id = psa.prop_id
      WHERE psa.owner_tax_yr = ? AND psa.prop_id = ? AND ${WRITABLE_LAYER('psa.sup_num')}
        AND EXISTS (SELECT 1 FROM owner o WHERE o.owner_tax_yr = psa.owner_tax_yr AND o.sup_num = psa.sup_num AND o.prop_id = psa.prop_id AND o.owner_id = ?)
        AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.exmpt_tax_yr = ? AND pe.owner_tax_yr = psa.owner_tax_yr AND pe.sup_num = psa.sup_num
                          AND pe.prop_id = psa.prop_id AND pe.owner_id = ? AND pe.exmpt_type_cd = ?)`,
    [year, row.propId, year, owner, year, owner, code],
  );
  if (!layer) return 0;
  const { rowsAffected } = await tx.execute(
    `INSERT INTO property_exemption (exmpt_tax_yr, owner_tax_yr, sup_num, prop_id, owner_id, exmpt_type_cd, prop_type_cd, applicant_nm,
        effective_dt, termination_dt, qualify_yr, exmpt_subtype_cd, exemption_pct, combined_disp_income, exempt_qualify_cd)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [year, year, layer.sup_num, row.propId, owner, code, layer.prop_type_cd, v[EX.applicant_nm], v[EX.effective_dt], v[EX.termination_dt], v[EX.qualify_yr], v[EX.exmpt_subtype_cd], v[EX.exemption_pct], v[EX.combined_disp_income], v[EX.exempt_qualify_cd]],
  );
  return rowsAffected;
}
