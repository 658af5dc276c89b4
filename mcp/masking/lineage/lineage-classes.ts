import type { MaskingPolicy } from '../masking-policy.js';
import { CONFIDENTIAL_OWNER_CATEGORIES } from '../masking-policy.js';
import { classifyColumn, classifyPacsColumn, type ColumnClass, type SensitiveCategory } from '../sensitive-columns.js';
import type { Sources } from './resolve-lineage.js';

/**
 * How to mask each result column, judged by its name and by every base column it comes from:
 * sensitive when either is (the category the policy masks first, so a value computed from a
 * name and a birth date is masked as a birth date under `internal` too); otherwise unknown when a
 * source is neither known-safe nor sensitive, safe when every source is safe (`pv.market AS m`),
 * and judged by its name alone when it reads no column (a constant).
 */
export function columnClassesFromLineage(columns: readonly string[], sources: readonly Sources[], policy: MaskingPolicy): ColumnClass[] {
  return columns.map((column, i) => {
    const own = classifyColumn(column);
    const fromSources = [...sources[i]].filter((source) => !source.endsWith('.*')).map(sourceClass);
    const categories = [own, ...fromSources].flatMap((c) => (c.kind === 'sensitive' ? [c.category] : []));
    if (categories.length) return { kind: 'sensitive', category: strongest(categories, policy) };
    if (fromSources.length === 0) return own;
    return fromSources.some((c) => c.kind === 'unknown') ? { kind: 'unknown' } : { kind: 'safe' };
  });
}

/** A base column `table.column` as the PACS catalog lists it (an income detail's `amount`), else by its name (`?.column`: table unknown). */
function sourceClass(source: string): ColumnClass {
  const dot = source.lastIndexOf('.');
  const table = source.slice(0, dot).split('.').pop()!;
  const column = source.slice(dot + 1);
  return table === '?' ? classifyColumn(column) : classifyPacsColumn(table, column);
}

function strongest(categories: SensitiveCategory[], policy: MaskingPolicy): SensitiveCategory {
  return categories.find((c) => policy.always.has(c)) ?? categories.find((c) => CONFIDENTIAL_OWNER_CATEGORIES.has(c)) ?? categories[0];
}
