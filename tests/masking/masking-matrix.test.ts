import { describe, expect, it } from 'vitest';
import { MASKING_POLICIES, maskingPolicy, MODEL_POLICY, type MaskingPolicy, type MaskingPolicyName } from '../../mcp/masking/masking-policy.js';
import { isPseudonym, Pseudonymizer } from '../../mcp/masking/pseudonym.js';
import { assertMaskable, createRowMasker, MaskingRefusal } from '../../mcp/masking/row-masker.js';
import { classifyColumn, isTruthyFlag, type SensitiveCategory } from '../../mcp/masking/sensitive-columns.js';
import { UserError } from '../../mcp/util/user-error.js';

/**
 * Every sensitive class under every masking policy (and what tool results show the model), for
 * ordinary and confidential owners and sales. The expectations are written out from the masking rules (pacs-domain.md, "Fields to
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

const EXPECTED: Record<MaskingPolicyName | 'model', Record<SensitiveCategory, When>> = {
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
  // Every answer goes to a cloud service: contact data too is always a pseudonym.
  model: {
    name: 'confidential owner',
    address: 'confidential owner',
    phone: 'always',
    email: 'always',
    birth_date: 'always',
    ssn: 'always',
    licence: 'always',
    income: 'always',
    sale_price: 'confidential sale',
    free_text: 'confidential owner',
    credential: 'always',
  },
};

const POLICY_NAMES = [...MASKING_POLICIES, 'model'] as const;

function policyNamed(name: MaskingPolicyName | 'model'): MaskingPolicy {
  return name === 'model' ? MODEL_POLICY : maskingPolicy(name);
}

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
    expect(Object.keys(EXPECTED).sort()).toEqual([...POLICY_NAMES].sort());
    for (const [category, { column }] of Object.entries(SAMPLES)) expect(classifyColumn(column), column).toEqual({ kind: 'sensitive', category });
  });

  const cases = POLICY_NAMES.flatMap((policy) =>
    (Object.keys(SAMPLES) as SensitiveCategory[]).flatMap((category) =>
      ROWS.map((row) => [policy, category, row.owner ? 'confidential' : 'ordinary', row.sale ? 'confidential' : 'ordinary', row] as const),
    ),
  );

  it.each(cases)('%s policy, %s, %s owner, %s sale', (policy, category, _owner, _sale, row) => {
    const { column, value } = SAMPLES[category];
    const columns = ['prop_id', column, 'confidential_flag', 'confidential_sale'];
    const mask = createRowMasker(columns, policyNamed(policy), pseudonyms);
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

  it('the refusal is told as a refusal, not as a failure', () => {
    let error: unknown;
    try {
      assertMaskable(['prop_id', 'file_as_name'], maskingPolicy('internal'));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MaskingRefusal);
    expect((error as MaskingRefusal).kind).toBe('refused');
  });

  it('masks a row that any one of its flags marks confidential', () => {
    const owner = createRowMasker(['file_as_name', 'confidential_flag', 'owner_confidential'], maskingPolicy('internal'), pseudonyms);
    for (const flags of [['T', 'F'], ['F', 'T'], ['T', 'T']]) expect(owner(['GARCIA MARIA', ...flags])[0], flags.join()).toBe(pseudonyms.pseudonym('name', 'GARCIA MARIA'));
    expect(owner(['GARCIA MARIA', 'F', 'F'])[0]).toBe('GARCIA MARIA');
    // A query joining two sales can return the flag twice.
    const sale = createRowMasker(['sl_price', 'confidential_sale', 'CONFIDENTIAL_SALE'], maskingPolicy('internal'), pseudonyms);
    for (const flags of [['T', 'F'], ['F', 'T'], ['T', 'T']]) expect(sale([312500, ...flags])[0], flags.join()).toBe(pseudonyms.pseudonym('sale_price', 312500));
    expect(sale([312500, 'F', 'F'])[0]).toBe(312500);
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
    for (const policy of POLICY_NAMES) expect(createRowMasker(columns, policyNamed(policy), pseudonyms)(row), policy).toEqual(row);
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

  it('masks the personal data of a confidential owner even under a policy that keeps every class', () => {
    // Derived policies (the batch QA package's, the model's fail-closed one) start from these sets;
    // the confidential-owner rule must not depend on what a policy happens to list.
    const keepsAll: MaskingPolicy = { name: 'internal', always: new Set(), unknownText: 'keep' };
    const personal: SensitiveCategory[] = ['name', 'address', 'phone', 'email', 'birth_date', 'ssn', 'licence', 'income', 'free_text'];
    for (const category of personal) {
      const { column, value } = SAMPLES[category];
      const mask = createRowMasker([column, 'confidential_flag'], keepsAll, pseudonyms);
      expect(mask([value, 'F'])[0], `${category}, ordinary owner`).toBe(value);
      expect(mask([value, 'T'])[0], `${category}, confidential owner`).toBe(pseudonyms.pseudonym(category, value));
    }
  });
});

describe('the policies by name', () => {
  it('each name gives the policy a snapshot records under that name', () => {
    for (const name of MASKING_POLICIES) expect(maskingPolicy(name).name).toBe(name);
    expect(MODEL_POLICY.name).toBe('model');
    // The names are what differs: qa pseudonymises what internal keeps.
    const row = ['GARCIA MARIA', 'F'];
    expect(createRowMasker(['file_as_name', 'confidential_flag'], maskingPolicy('qa'), pseudonyms)(row)[0]).toBe(pseudonyms.pseudonym('name', 'GARCIA MARIA'));
    expect(createRowMasker(['file_as_name', 'confidential_flag'], maskingPolicy('internal'), pseudonyms)(row)[0]).toBe('GARCIA MARIA');
  });

  it('a refusal names the policy that keeps the data and what to do instead', () => {
    for (const policy of [maskingPolicy('internal'), MODEL_POLICY]) {
      expect(() => assertMaskable(['prop_id', 'file_as_name', 'addr_line1'], policy)).toThrow(
        `The "${policy === MODEL_POLICY ? 'model' : 'internal'}" masking policy keeps file_as_name, addr_line1, but the rows do not say which owners are confidential. ` +
          'Add account.confidential_flag to the SELECT (aliased confidential_flag), or use masking_policy "qa".',
      );
    }
  });

  it('names the policies there are when asked for another, as a mistake in the request', () => {
    for (const name of ['public', '', 'QA', 'model', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      let error: unknown;
      try {
        maskingPolicy(name);
      } catch (err) {
        error = err;
      }
      expect(error, name).toBeInstanceOf(UserError);
      expect((error as UserError).kind, name).toBe('invalid');
      expect((error as UserError).message, name).toBe(`Unknown masking policy "${name}". Use one of: qa, internal.`);
    }
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
    const prefixes = { name: 'NAME', address: 'ADDR', phone: 'PHONE', birth_date: 'DOB', ssn: 'SSN', licence: 'DL', income: 'INCOME', sale_price: 'PRICE', free_text: 'TEXT', credential: 'SECRET', text: 'MASKED' } as const;
    for (const [category, prefix] of Object.entries(prefixes)) expect(pseudonyms.pseudonym(category as SensitiveCategory, 'x')).toMatch(new RegExp(`^${prefix}-[A-Z2-9]{10}$`));
  });

  it('are recognised as pseudonyms, in every class, and are not masked again', () => {
    for (const category of [...(Object.keys(SAMPLES) as SensitiveCategory[]), 'text'] as const) {
      const value = category === 'text' ? 'PINE RIDGE RANCH' : SAMPLES[category].value;
      const pseudonym = pseudonyms.pseudonym(category, value);
      expect(isPseudonym(pseudonym), pseudonym).toBe(true);
    }
    // A value loaded masked already (a lakehouse table, say) keeps its pseudonym, so joins on it still hold.
    const once = pseudonyms.pseudonym('name', 'GARCIA MARIA');
    const mail = pseudonyms.pseudonym('email', 'maria.garcia@example.org');
    expect(createRowMasker(['file_as_name', 'email_addr', 'mystery'], maskingPolicy('qa'), pseudonyms)([once, mail, once])).toEqual([once, mail, once]);
  });

  it('are the only values taken for pseudonyms', () => {
    for (const value of ['GARCIA MARIA', '-ABCDEFGHJK', 'EMAIL-ABCDEFGHJK', 'NAME-ABCDEFGHJ', 'NAME-ABCDEFGHJKL', 'NAME-abcdefghjk', 'NAME-ABCDEFGHJ1', 'NAMEADDR-ABCDEFGHJK', 'NAME', 'ABCDEFGHJK@masked.invalid', 'abcdefghjk@masked.invalidx', ' NAME-ABCDEFGHJK']) {
      expect(isPseudonym(value), value).toBe(false);
    }
    const mask = createRowMasker(['file_as_name'], maskingPolicy('qa'), pseudonyms);
    expect(mask(['-ABCDEFGHJK'])[0]).toBe(pseudonyms.pseudonym('name', '-ABCDEFGHJK'));
  });
});
