import { describe, expect, it } from 'vitest';
import { MASKING_POLICIES, maskingPolicy, type MaskingPolicyName } from '../../mcp/masking/masking-policy.js';
import { Pseudonymizer } from '../../mcp/masking/pseudonym.js';
import { assertMaskable, createRowMasker, MaskingRefusal } from '../../mcp/masking/row-masker.js';
import { classifyColumn, isTruthyFlag, type SensitiveCategory } from '../../mcp/masking/sensitive-columns.js';

/**
 * Every sensitive class under every masking policy, for ordinary and confidential owners and
 * sales. The expectations are written out from the masking rules (pacs-domain.md, "Fields to
 * mask in QA exports"), not derived from the policy objects they check.
 */

const pseudonyms = new Pseudonymizer(Buffer.alloc(32, 7));

/** A PACS column of each class, and a value it could hold. */
const SAMPLES: Record<SensitiveCategory, { column: string; value: string | number }> = {
  name: { column: 'file_as_name', value: 'GARCIA MARIA' },
  address: { column: 'addr_line1', value: '1200 W KENNEWICK AVE' },
  phone: { column: 'phone_num', value: '5095550142' },
  email: { column: 'email_addr', value: 'maria.garcia@example.org' },
  birth_date: { column: 'birth_dt', value: '1948-03-02' },
  ssn: { column: 'prop_exmpt_ss_num', value: '123456789' },
  licence: { column: 'dl_num', value: 'WDL12345678' },
  income: { column: 'combined_disp_income', value: 41250 },
  sale_price: { column: 'sl_price', value: 312500 },
  free_text: { column: 'comment', value: 'owner called about the hearing' },
  credential: { column: 'password_hash', value: 'c2VjcmV0LWhhc2g=' },
};

type When = 'always' | 'confidential owner' | 'confidential sale';

const EXPECTED: Record<MaskingPolicyName, Record<SensitiveCategory, When>> = {
  qa: {
    name: 'always',
    address: 'always',
    phone: 'always',
    email: 'always',
    birth_date: 'always',
    ssn: 'always',
    licence: 'always',
    income: 'always',
    sale_price: 'always',
    free_text: 'always',
    credential: 'always',
  },
  internal: {
    name: 'confidential owner',
    address: 'confidential owner',
    phone: 'confidential owner',
    email: 'confidential owner',
    birth_date: 'always',
    ssn: 'always',
    licence: 'always',
    income: 'always',
    sale_price: 'confidential sale',
    free_text: 'confidential owner',
    credential: 'always',
  },
};

const ROWS = [
  { owner: false, sale: false },
  { owner: true, sale: false },
  { owner: false, sale: true },
  { owner: true, sale: true },
];

function masked(when: When, row: { owner: boolean; sale: boolean }): boolean {
  if (when === 'always') return true;
  return when === 'confidential owner' ? row.owner : row.sale;
}

describe('every sensitive class under every policy', () => {
  it('covers every policy and every class', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...MASKING_POLICIES].sort());
    for (const [category, { column }] of Object.entries(SAMPLES)) expect(classifyColumn(column), column).toEqual({ kind: 'sensitive', category });
  });

  const cases = MASKING_POLICIES.flatMap((policy) =>
    (Object.keys(SAMPLES) as SensitiveCategory[]).flatMap((category) =>
      ROWS.map((row) => [policy, category, row.owner ? 'confidential' : 'ordinary', row.sale ? 'confidential' : 'ordinary', row] as const),
    ),
  );

  it.each(cases)('%s policy, %s, %s owner, %s sale', (policy, category, _owner, _sale, row) => {
    const { column, value } = SAMPLES[category];
    const columns = ['prop_id', column, 'confidential_flag', 'confidential_sale'];
    const mask = createRowMasker(columns, maskingPolicy(policy), pseudonyms);
    const out = mask([42, value, row.owner ? 'T' : 'F', row.sale ? 'T' : 'F']);
    if (masked(EXPECTED[policy][category], row)) {
      expect(out[1]).toBe(pseudonyms.pseudonym(category, value));
      expect(out[1]).not.toBe(value);
    } else {
      expect(out[1]).toBe(value);
    }
    expect(out[0]).toBe(42);
  });
});

describe('what the masker decides beyond the column classes', () => {
  it('refuses, before any row, a policy that keeps personal data without the confidential-owner flag', () => {
    expect(() => assertMaskable(['prop_id', 'file_as_name'], maskingPolicy('internal'))).toThrow(MaskingRefusal);
    expect(() => assertMaskable(['prop_id', 'file_as_name'], maskingPolicy('internal'))).toThrow(/keeps file_as_name.*confidential_flag/);
    expect(() => assertMaskable(['prop_id', 'file_as_name', 'confidential_flag'], maskingPolicy('internal'))).not.toThrow();
    expect(() => assertMaskable(['prop_id', 'file_as_name', 'OWNER_CONFIDENTIAL'], maskingPolicy('internal'))).not.toThrow();
    expect(() => assertMaskable(['prop_id', 'file_as_name'], maskingPolicy('qa'))).not.toThrow();
    expect(() => assertMaskable(['prop_id', 'birth_dt', 'sl_price'], maskingPolicy('internal'))).not.toThrow();
  });

  it('reads the confidential flags as PACS writes them', () => {
    for (const yes of [true, 1, 'T', 't', 'Y', '1', 'TRUE', 'yes', ' Y ']) expect(isTruthyFlag(yes), String(yes)).toBe(true);
    for (const no of [false, 0, 'F', 'N', '0', 'FALSE', 'no', '', null, undefined, 2, 'X']) expect(isTruthyFlag(no), String(no)).toBe(false);
  });

  it('masks a confidential owner also through owner_confidential, and only that row', () => {
    const mask = createRowMasker(['file_as_name', 'owner_confidential'], maskingPolicy('internal'), pseudonyms);
    expect(mask(['GARCIA MARIA', 1])[0]).toBe(pseudonyms.pseudonym('name', 'GARCIA MARIA'));
    expect(mask(['GARCIA MARIA', 0])[0]).toBe('GARCIA MARIA');
  });

  it('recognises SSNs, e-mails and phones by their look in any column, and masks them as their class', () => {
    for (const policy of MASKING_POLICIES) {
      const mask = createRowMasker(['extra_info', 'confidential_flag'], maskingPolicy(policy), pseudonyms);
      expect(mask(['123-45-6789', 'F'])[0], policy).toBe(pseudonyms.pseudonym('ssn', '123-45-6789'));
      expect(mask([' 123-45-6789 ', 'F'])[0], policy).toBe(pseudonyms.pseudonym('ssn', ' 123-45-6789 '));
      for (const [category, value] of [['email', 'ann@example.org'], ['phone', '(509) 555-0142'], ['phone', '509-555-0142']] as const) {
        expect(mask([value, 'T'])[0], `${policy} ${value}, confidential owner`).toBe(pseudonyms.pseudonym(category, value));
        // Contact details are what the internal policy keeps for ordinary owners.
        expect(mask([value, 'F'])[0], `${policy} ${value}`).toBe(policy === 'qa' ? pseudonyms.pseudonym(category, value) : value);
      }
    }
  });

  it('text in an unknown column: pseudonymised under qa, kept under internal unless the owner is confidential', () => {
    const qa = createRowMasker(['mystery'], maskingPolicy('qa'), pseudonyms);
    expect(qa(['PINE RIDGE RANCH'])[0]).toBe(pseudonyms.pseudonym('text', 'PINE RIDGE RANCH'));
    expect(qa([1234])[0]).toBe(1234);
    const internal = createRowMasker(['mystery', 'confidential_flag'], maskingPolicy('internal'), pseudonyms);
    expect(internal(['PINE RIDGE RANCH', 'F'])[0]).toBe('PINE RIDGE RANCH');
    expect(internal(['PINE RIDGE RANCH', 'T'])[0]).toBe(pseudonyms.pseudonym('text', 'PINE RIDGE RANCH'));
    expect(internal([1234, 'T'])[0]).toBe(1234);
  });

  it('keeps keys, codes, legal descriptions and values under every policy, even for a confidential owner', () => {
    const columns = ['prop_id', 'geo_id', 'legal_desc', 'market', 'exmpt_type_cd', 'hood_name', 'confidential_flag'];
    const row = [42, 'R-0042', 'LOT 4 BLOCK 2 PLAT OF KENNEWICK', 250000, 'HS', 'WEST HIGHLANDS', 'T'];
    for (const policy of MASKING_POLICIES) expect(createRowMasker(columns, maskingPolicy(policy), pseudonyms)(row), policy).toEqual(row);
  });

  it('masks lists element by element, nested values as a whole, and keeps empty values', () => {
    const mask = createRowMasker(['owner_names', 'mystery', 'file_as_name'], maskingPolicy('qa'), pseudonyms);
    const [names, nested, empty] = mask([['GARCIA MARIA', null, 'LEE JOHN'], { note: 'x' }, '']);
    expect(names).toEqual([pseudonyms.pseudonym('name', 'GARCIA MARIA'), null, pseudonyms.pseudonym('name', 'LEE JOHN')]);
    expect(nested).toBe(pseudonyms.pseudonym('text', JSON.stringify({ note: 'x' })));
    expect(empty).toBe('');
    expect(mask([null, undefined, null])).toEqual([null, null, null]);
  });

  it('never changes the row it was given', () => {
    const row = ['GARCIA MARIA', 'F'];
    createRowMasker(['file_as_name', 'confidential_flag'], maskingPolicy('qa'), pseudonyms)(row);
    expect(row).toEqual(['GARCIA MARIA', 'F']);
  });

  it('names the policies there are when asked for another', () => {
    expect(() => maskingPolicy('public')).toThrow(/Unknown masking policy "public". Use one of: qa, internal/);
  });
});

describe('pseudonyms', () => {
  it('are deterministic per key, category and value, ignore trailing padding, and look like their class', () => {
    expect(pseudonyms.pseudonym('name', 'GARCIA MARIA')).toMatch(/^NAME-[A-Z2-9]{10}$/);
    expect(pseudonyms.pseudonym('name', 'GARCIA MARIA  ')).toBe(pseudonyms.pseudonym('name', 'GARCIA MARIA'));
    expect(pseudonyms.pseudonym('address', 'GARCIA MARIA')).not.toBe(pseudonyms.pseudonym('name', 'GARCIA MARIA'));
    expect(pseudonyms.pseudonym('email', 'a@b.org')).toMatch(/^[a-z2-9]{10}@masked\.invalid$/);
    expect(pseudonyms.pseudonym('sale_price', 312500)).toMatch(/^PRICE-/);
    expect(pseudonyms.pseudonym('sale_price', 312500)).toBe(pseudonyms.pseudonym('sale_price', '312500'));
    expect(new Pseudonymizer(Buffer.alloc(32, 8)).pseudonym('name', 'GARCIA MARIA')).not.toBe(pseudonyms.pseudonym('name', 'GARCIA MARIA'));
    const prefixes = { name: 'NAME', address: 'ADDR', phone: 'PHONE', birth_date: 'DOB', ssn: 'SSN', licence: 'DL', income: 'INCOME', sale_price: 'PRICE', free_text: 'TEXT', text: 'MASKED' } as const;
    for (const [category, prefix] of Object.entries(prefixes)) expect(pseudonyms.pseudonym(category as SensitiveCategory, 'x')).toMatch(new RegExp(`^${prefix}-[A-Z2-9]{10}$`));
  });
});
