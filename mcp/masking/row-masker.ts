import { UserError } from '../util/user-error.js';
import { CONFIDENTIAL_OWNER_CATEGORIES, type MaskingPolicy } from './masking-policy.js';
import { isPseudonym, type Pseudonymizer } from './pseudonym.js';
import {
  categoryOfValue,
  classifyColumn,
  CONFIDENTIAL_OWNER_COLUMNS,
  CONFIDENTIAL_SALE_COLUMNS,
  isTruthyFlag,
  type ColumnClass,
  type SensitiveCategory,
} from './sensitive-columns.js';

export type RowMasker = (values: unknown[]) => unknown[];

export class MaskingRefusal extends UserError {
  constructor(message: string) {
    super('refused', message);
  }
}

/**
 * Checks, before any row is read, that the policy can be applied to these columns: a policy that
 * keeps names needs to know which rows belong to confidential owners.
 */
export function assertMaskable(columns: string[], policy: MaskingPolicy): void {
  const lower = columns.map((c) => c.toLowerCase());
  const keptPersonal = columns.filter((c) => {
    const cls = classifyColumn(c);
    return cls.kind === 'sensitive' && CONFIDENTIAL_OWNER_CATEGORIES.has(cls.category) && !policy.always.has(cls.category);
  });
  if (keptPersonal.length && !CONFIDENTIAL_OWNER_COLUMNS.some((c) => lower.includes(c))) {
    throw new MaskingRefusal(
      `The "${policy.name}" masking policy keeps ${keptPersonal.join(', ')}, but the rows do not say which owners are confidential. ` +
        'Add account.confidential_flag to the SELECT (aliased confidential_flag), or use masking_policy "qa".',
    );
  }
}

/**
 * Masks one row (values in column order) according to the policy; never changes the input array.
 * `classes` (from column lineage) say what each column holds; by default each is judged by its name.
 */
export function createRowMasker(columns: string[], policy: MaskingPolicy, pseudonyms: Pseudonymizer, classes: ColumnClass[] = columns.map(classifyColumn)): RowMasker {
  const lower = columns.map((c) => c.toLowerCase());
  const ownerFlags = lower.flatMap((c, i) => (CONFIDENTIAL_OWNER_COLUMNS.includes(c) ? [i] : []));
  const saleFlags = lower.flatMap((c, i) => (CONFIDENTIAL_SALE_COLUMNS.includes(c) ? [i] : []));

  const shouldMask = (category: SensitiveCategory, confidentialOwner: boolean, confidentialSale: boolean) =>
    policy.always.has(category) ||
    (confidentialOwner && CONFIDENTIAL_OWNER_CATEGORIES.has(category)) ||
    (confidentialSale && category === 'sale_price');

  const maskValue = (value: unknown, cls: ColumnClass, confidentialOwner: boolean, confidentialSale: boolean): unknown => {
    if (value === null || value === undefined || value === '') return value ?? null;
    if (Array.isArray(value)) return value.map((item) => maskValue(item, cls, confidentialOwner, confidentialSale));
    if (typeof value === 'object') return pseudonyms.pseudonym('text', JSON.stringify(value));
    if (typeof value === 'string' && isPseudonym(value)) return value;
    const primitive = value as string | number | boolean;
    if (cls.kind === 'safe') return value;
    if (cls.kind === 'sensitive') {
      return shouldMask(cls.category, confidentialOwner, confidentialSale) ? pseudonyms.pseudonym(cls.category, primitive) : value;
    }
    if (typeof value !== 'string') return value;
    const byValue = categoryOfValue(value);
    if (byValue && (shouldMask(byValue, confidentialOwner, confidentialSale) || policy.unknownText === 'pseudonym')) return pseudonyms.pseudonym(byValue, value);
    if (policy.unknownText === 'pseudonym' || confidentialOwner) return pseudonyms.pseudonym('text', value);
    return value;
  };

  return (values) => {
    const confidentialOwner = ownerFlags.some((i) => isTruthyFlag(values[i]));
    const confidentialSale = saleFlags.some((i) => isTruthyFlag(values[i]));
    return values.map((value, i) => maskValue(value, classes[i], confidentialOwner, confidentialSale));
  };
}
