import { describe, expect, it } from 'vitest';
import { categoryOfValue, classifyColumn, type SensitiveCategory } from '../../mcp/masking/sensitive-columns.js';

/**
 * Column names by class: each pattern's boundaries (a word of its own inside a snake_case name,
 * not a longer word that merely contains it), and the names that look personal but are not.
 */

const SENSITIVE: [SensitiveCategory, string[], string[]][] = [
  ['credential', ['password', 'password_hash', 'passwd', 'pwd', 'user_pwd', 'pwd_hint'], ['xpwd_flag', 'pwdx']],
  ['ssn', ['ssn', 'owner_ssn', 'ss_num', 'ssnum', 'ss_nums', 'social_security'], ['classn']],
  ['licence', ['dl_num', 'dl_nums', 'dl_state', 'owner_dl_expir_dt', 'driver', 'licence', 'license_no'], ['dl_numeral', 'xdl_num']],
  ['birth_date', ['birth_dt', 'dob', 'owner_dob', 'dob_verified', 'over_65_date'], ['adobe', 'dobson']],
  ['phone', ['phone_num', 'fax', 'fax_num', 'owner_fax', 'tel', 'tel_ext', 'home_tel', 'mobile', 'cell', 'cell_num', 'owner_cell'], ['faxed', 'telex', 'cello', 'hotel', 'excel']],
  ['address', ['addr_line1', 'situs_street', 'mailing_city', 'city', 'owner_city', 'zip', 'zip_code', 'zipcode', 'postal_code', 'postalcode', 'owner_zip'], ['velocity', 'zipper', 'capacity']],
  ['free_text', ['comment', 'remarks', 'notes', 'note', 'appeal_notes', 'notes_x', 'memo', 'sup_desc', 'event_desc'], ['notebook', 'keynote', 'sup_desc_cd']],
  ['name', ['first_name', 'lastname', 'middle_name', 'file_as_name', 'name', 'owner_name', 'agent_names', 'owner_nm', 'grantor_nms', 'nm', 'applicant', 'dba', 'dba_title', 'cv'], ['rename', 'namespace', 'nmx', 'xnm', 'cvx']],
];

describe('column names', () => {
  for (const [category, names, others] of SENSITIVE) {
    it(`${category}: ${names.join(', ')}`, () => {
      for (const name of names) expect(classifyColumn(name), name).toEqual({ kind: 'sensitive', category });
      for (const name of names) expect(classifyColumn(name.toUpperCase()), name).toEqual({ kind: 'sensitive', category });
    });
    it(`not ${category}: ${others.join(', ')}`, () => {
      for (const name of others) expect(classifyColumn(name), name).not.toEqual({ kind: 'sensitive', category });
    });
  }

  it.each(['hood_name', 'appraiser_nm', 'last_appraiser_nm', 'hearing_appraiser_nm', 'meeting_appraiser_nm', 'status_desc', 'exmpt_desc', 'imprv_desc', 'sup_group_desc', 'table_name', 'column_name'])(
    '%s looks personal but is not',
    (name) => {
      expect(classifyColumn(name)).toEqual({ kind: 'safe' });
    },
  );

  it.each(['prop_id', 'year', 'geo_id', 'legal_desc', 'legal_acreage', 'exemptions', 'exemption_codes', 'owner_count', 'hood_cd', 'market_val', 'prop_val_yr', 'sup_num', 'sale_dt', 'entity_id', 'bldg_seq', 'id', 'code', 'status', 'exemption', 'entity_name_cd', 'entity_nm_cd'])('%s is safe', (name) => {
    expect(classifyColumn(name)).toEqual({ kind: 'safe' });
  });

  it.each(['widget', 'x_prop_id_y', 'geo_idx', 'legal_descr', 'yearly', 'landvalue', 'sublayer'])('%s is unknown', (name) => {
    expect(classifyColumn(name)).toEqual({ kind: 'unknown' });
  });
});

describe('values that give themselves away', () => {
  it.each<[string, SensitiveCategory | undefined]>([
    ['123-45-6789', 'ssn'],
    [' 123-45-6789 ', 'ssn'],
    ['x123-45-6789', undefined],
    ['123-45-67890', undefined],
    ['maria.garcia@example.org', 'email'],
    ['see maria@example.org', undefined],
    ['maria@example.org today', undefined],
    ['(509) 555-0142', 'phone'],
    ['509-555-0142', 'phone'],
    ['5095550142', undefined],
    ['509 555-0142', 'phone'],
    ['(509)555-0142', 'phone'],
    ['call 509-555-0142', undefined],
    ['509-555-01423', undefined],
    ['LOT 4 BLK 2', undefined],
  ])('%j → %s', (value, category) => {
    expect(categoryOfValue(value)).toBe(category);
  });
});
