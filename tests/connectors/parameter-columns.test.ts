import { describe, expect, it } from 'vitest';
import { parameterColumns } from '../../mcp/connectors/sqlserver/parameter-columns.js';
import { normalizeSqlServerValue } from '../../mcp/connectors/sqlserver/sqlserver-catalog.js';

/** `table.column type` of each `?`, or null. */
const of = (sql: string) =>
  parameterColumns(sql).map((c) => (c ? `${c.table}.${c.column} ${c.type.kind}${'length' in c.type ? `(${c.type.length ?? 'max'})` : ''}` : null));

describe('the column each ? of an engine statement meets', () => {
  it('comparisons on either side, through aliases and bare names', () => {
    expect(of('SELECT 1 FROM property p JOIN property_val pv ON pv.prop_id = p.prop_id WHERE pv.hood_cd = ? AND ? = p.geo_id AND prop_type_cd <> ? AND pv.prop_val_yr >= ?')).toEqual([
      'property_val.hood_cd varchar(10)',
      'property.geo_id varchar(50)',
      'property.prop_type_cd char(5)',
      'property_val.prop_val_yr numeric',
    ]);
    expect(of('SELECT 1 FROM [dbo].[property] AS [p] WHERE [p].[geo_id] LIKE ? OR p.geo_id NOT LIKE ?')).toEqual(['property.geo_id varchar(50)', 'property.geo_id varchar(50)']);
  });

  it('IN lists, NOT IN, BETWEEN', () => {
    expect(of('SELECT 1 FROM _arb_protest ap WHERE ap.prot_status IN (?, ?, ?) AND ap.prot_type NOT IN (?) AND ap.prop_val_yr BETWEEN ? AND ?')).toEqual([
      '_arb_protest.prot_status varchar(10)',
      '_arb_protest.prot_status varchar(10)',
      '_arb_protest.prot_status varchar(10)',
      '_arb_protest.prot_type varchar(10)',
      '_arb_protest.prop_val_yr numeric',
      '_arb_protest.prop_val_yr numeric',
    ]);
  });

  it('UPDATE … SET and INSERT … VALUES tuples, the county staging tables included', () => {
    expect(of('UPDATE _arb_protest SET docket_id = ?, prot_status = ? WHERE prop_id = ?')).toEqual(['_arb_protest.docket_id int', '_arb_protest.prot_status varchar(10)', '_arb_protest.prop_id int']);
    expect(of('INSERT INTO import_staging_errors (batch_id, line_number, column_name, error_code, error_text) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)')).toEqual([
      'import_staging_errors.batch_id varchar(36)',
      'import_staging_errors.line_number int',
      'import_staging_errors.column_name varchar(128)',
      'import_staging_errors.error_code varchar(40)',
      'import_staging_errors.error_text varchar(1000)',
      'import_staging_errors.batch_id varchar(36)',
      'import_staging_errors.line_number int',
      'import_staging_errors.column_name varchar(128)',
      'import_staging_errors.error_code varchar(40)',
      'import_staging_errors.error_text varchar(1000)',
    ]);
  });

  it('leaves untyped what it cannot tie to one known column', () => {
    expect(of("SELECT 1 FROM _arb_protest_hearing h WHERE (h.cAccountType = ? OR ? <> 'R') AND COALESCE(h.cAccountType, '') = ?")).toEqual(['_arb_protest_hearing.cAccountType char(1)', null, null]);
    expect(of('SELECT 1 FROM somewhere_else s WHERE s.name = ? AND UPPER(s.x) = ?')).toEqual([null, null]);
    expect(of("SELECT '?' AS q, [a?] FROM property WHERE geo_id = ? -- ?")).toEqual(['property.geo_id varchar(50)']);
    expect(of('EXEC [dbo].[ARBAutoSchedule] @lYear = ?, @lCaseID = ?')).toEqual([null, null]);
  });
});

describe('values read from SQL Server', () => {
  it('char and nchar come without their padding blanks; varchar keeps what it holds', () => {
    expect(normalizeSqlServerValue('R    ', 'char')).toBe('R');
    expect(normalizeSqlServerValue('T ', 'nchar')).toBe('T');
    expect(normalizeSqlServerValue('   ', 'char')).toBe('');
    expect(normalizeSqlServerValue('MAIN  ', 'varchar')).toBe('MAIN  ');
    expect(normalizeSqlServerValue(null, 'char')).toBeNull();
  });
});
