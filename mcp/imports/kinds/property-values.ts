import { CODING_GROUP_STATUSES } from '../../pacs/layers.js';
import type { WriteTx } from '../../connectors/connector.js';
import type { ImportKind, StagedRow } from '../import-kind.js';
import { PropertyValueChecker } from './property-value-checker.js';
import { PROPERTY_VALUE_FIELDS, PV, VALUE_COLUMNS, type ValueColumn } from './property-value-layout.js';

export const propertyValuesKind: ImportKind = {
  name: 'property_values',
  title: 'property value import',
  fields: PROPERTY_VALUE_FIELDS,
  requiredColumns: [['parcel_id'], ['value_type'], ['value_amount'], ['effective_date']],
  checkRow() {
    // Every rule of this layout is a field rule or needs the source.
  },
  // parcel_id may be a prop_id or a geo_id: validation decides against the source.
  filePropId: () => null,
  rowKey(values, propId) {
    const parcel = propId !== null ? `p${propId}` : values[PV.parcel_id] !== null ? `r${values[PV.parcel_id]}` : null;
    const type = values[PV.value_type];
    const date = values[PV.effective_date];
    if (parcel === null || type === null || date === null) return null;
    return `${parcel}|${type}|${String(date).slice(0, 4)}`;
  },
  createChecker: () => new PropertyValueChecker(),
  push: {
    table: 'import_staging_property_values',
    columns: ['parcel_id', 'value_type', 'value_amount', 'effective_date', 'source', 'import_batch_id'],
    params: (row: StagedRow, batchId: string) => [row.values[PV.parcel_id], row.values[PV.value_type], row.values[PV.value_amount], row.values[PV.effective_date], row.values[PV.source], batchId],
  },
  promotion: {
    builtinName: 'pacs_mcp_promote_property_values',
    apply: applyValue,
  },
};

/**
 * One UPDATE per value column, the column taken from the fixed list (never from the file): sets the
 * value on the year's current supplement layer when that layer may change (the year is open, or the
 * layer is in a supplement group still in coding) and the value differs.
 */
const UPDATE_SQL = Object.fromEntries(
  VALUE_COLUMNS.map((column) => [
    column,
    `UPDATE property_val SET ${column} = ? WHERE prop_val_yr = ? AND prop_id = ?
       AND sup_num = (SELECT psa.sup_num FROM prop_supp_assoc psa WHERE psa.owner_tax_yr = ? AND psa.prop_id = ?)
       AND (EXISTS (SELECT 1 FROM pacs_year y WHERE y.tax_yr = ? AND y.certification_dt IS NULL)
         OR EXISTS (SELECT 1 FROM supplement s JOIN sup_group sg ON sg.sup_group_id = s.sup_group_id
                     WHERE s.sup_tax_yr = property_val.prop_val_yr AND s.sup_num = property_val.sup_num AND sg.status_cd IN (${CODING_GROUP_STATUSES.map((c) => `'${c}'`).join(', ')})))
       AND (${column} IS NULL OR ${column} <> ?)`,
  ]),
) as Record<ValueColumn, string>;

async function applyValue(tx: WriteTx, row: StagedRow): Promise<number> {
  const column = row.values[PV.value_type] as ValueColumn;
  const sql = UPDATE_SQL[column];
  if (!sql) throw new Error(`value_type ${String(column)} is not an allowlisted value column`);
  const year = Number(String(row.values[PV.effective_date]).slice(0, 4));
  const amount = Number(row.values[PV.value_amount]);
  const { rowsAffected } = await tx.execute(sql, [amount, year, row.propId, year, row.propId, year, amount]);
  return rowsAffected;
}
