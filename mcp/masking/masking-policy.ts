import { UserError } from '../util/user-error.js';
import type { SensitiveCategory } from './sensitive-columns.js';

export const MASKING_POLICIES = ['qa', 'internal'] as const;
export type MaskingPolicyName = (typeof MASKING_POLICIES)[number];

export interface MaskingPolicy {
  /** A policy a person picks for an export, or `model`: what tool results show the model. */
  name: MaskingPolicyName | 'model';
  /** Categories replaced by a pseudonym in every row. */
  always: ReadonlySet<SensitiveCategory>;
  /** Text in columns that are neither known-safe nor known-sensitive: pseudonymised (fail closed) or kept. */
  unknownText: 'pseudonym' | 'keep';
}

/** Personal categories masked in every row of a confidential owner (TX Tax Code §25.025, §25.026), under every policy. */
export const CONFIDENTIAL_OWNER_CATEGORIES: ReadonlySet<SensitiveCategory> = new Set([
  'name',
  'address',
  'phone',
  'email',
  'birth_date',
  'ssn',
  'licence',
  'income',
  'free_text',
]);

/**
 * Fields that are confidential whatever the export: SSN and licence (TX §11.48), birth dates
 * (§25.027), income (RCW 84.40.020, RCW 42.56.230), and passwords.
 */
const STATUTORY: SensitiveCategory[] = ['ssn', 'licence', 'birth_date', 'income', 'credential'];

/** The policies a person picks for an export. */
export type ExportPolicy = MaskingPolicy & { name: MaskingPolicyName };

export const POLICIES: Record<MaskingPolicyName, ExportPolicy> = {
  // The QA default (pacs-domain.md): every name, address, phone, e-mail, birth date, SSN, licence
  // number, income, sale price and free text is a deterministic pseudonym; prop_id, geo_id, legal
  // descriptions, codes and values are kept; text in unrecognised columns is pseudonymised too.
  qa: {
    name: 'qa',
    always: new Set<SensitiveCategory>(['name', 'address', 'phone', 'email', ...STATUTORY, 'sale_price', 'free_text']),
    unknownText: 'pseudonym',
  },
  // For use inside the office: names, addresses, phones and e-mails are kept, except for
  // confidential owners; SSN, licence numbers, birth dates and income are always pseudonyms, and
  // prices of confidential sales too.
  internal: {
    name: 'internal',
    always: new Set<SensitiveCategory>(STATUTORY),
    unknownText: 'keep',
  },
};

export function maskingPolicy(name: string): ExportPolicy {
  // Own names only: `toString` or `constructor` are not policies.
  const policy = Object.hasOwn(POLICIES, name) ? POLICIES[name as MaskingPolicyName] : undefined;
  if (!policy) throw new UserError('invalid', `Unknown masking policy "${name}". Use one of: ${MASKING_POLICIES.join(', ')}.`);
  return policy;
}

/**
 * What tool results show the model, whose every answer goes to a cloud service: statutory fields
 * and contact data are always pseudonyms, and names, addresses and free text of confidential owners
 * too. Rows that do not say which owners are confidential are treated as confidential (model-view.ts).
 */
export const MODEL_POLICY: MaskingPolicy = {
  name: 'model',
  always: new Set<SensitiveCategory>([...STATUTORY, 'phone', 'email']),
  unknownText: 'keep',
};
