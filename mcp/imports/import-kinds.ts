import { ImportStateError } from './import-errors.js';
import type { ImportKind, ImportKindName } from './import-kind.js';
import { exemptionsKind } from './kinds/exemptions.js';
import { propertyValuesKind } from './kinds/property-values.js';

export const IMPORT_KINDS: Readonly<Record<ImportKindName, ImportKind>> = {
  exemptions: exemptionsKind,
  property_values: propertyValuesKind,
};

export const IMPORT_KIND_NAMES = Object.keys(IMPORT_KINDS) as [ImportKindName, ...ImportKindName[]];

export function importKind(name: string): ImportKind {
  const kind = IMPORT_KINDS[name as ImportKindName];
  if (!kind) throw new ImportStateError(`There is no import kind "${name}". Kinds: ${IMPORT_KIND_NAMES.join(', ')}.`, 'invalid');
  return kind;
}
