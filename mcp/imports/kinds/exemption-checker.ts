import type { SourceConnector } from '../../connectors/connector.js';
import type { ReportIssue, SourceChecker, StagedRow } from '../import-kind.js';
import { loadExemptionCodes, loadYears, ParcelLookup, yearIssue, type YearState } from '../pacs-lookups.js';
import { forEachByKeys, num, text } from '../source-lookups.js';
import { EX, EXEMPTION_CODE_RULES, EXEMPTION_CONFLICTS } from './exemption-layout.js';

/** Codes whose rules look at the owner's other codes: only rows with these are remembered. */
const LINKED_CODES = new Set<string>([
  ...EXEMPTION_CONFLICTS.flatMap((c) => c.codes),
  ...Object.values(EXEMPTION_CODE_RULES).flatMap((r) => (r.requires ? [r.requires] : [])),
  ...Object.entries(EXEMPTION_CODE_RULES).flatMap(([code, r]) => (r.requires ? [code] : [])),
]);

const NONE: string[] = [];
const NONE_OWNERS: number[] = [];

/** Bit of each linked code in a change mask: ADDs in the low 16 bits, REMOVEs in the high 16. */
const LINKED_LIST = [...LINKED_CODES];
const LINKED_BIT = new Map(LINKED_LIST.map((code, i) => [code, 1 << i]));
const REMOVE_SHIFT = 16;
if (LINKED_LIST.length > REMOVE_SHIFT) throw new Error('exemption rules: too many linked codes for the change mask');

function codesOf(mask: number): string[] {
  return LINKED_LIST.filter((_, i) => (mask & (1 << i)) !== 0);
}

const OWNERS_SQL =
  'SELECT o.prop_id, o.owner_id FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id';
const EXEMPTIONS_SQL =
  'SELECT pe.prop_id, pe.owner_id, pe.exmpt_type_cd FROM property_exemption pe JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pe.owner_tax_yr AND psa.sup_num = pe.sup_num AND psa.prop_id = pe.prop_id';

/**
 * Validates exemption rows against a PACS source: codes, years, parcels, owners of the current
 * supplement layer, existing exemptions, and the rules that tie an owner's codes together
 * (OV65 replaces OV65S, one disabled-veteran rating, OV65/DP need a homestead). Memory grows with
 * the distinct parcels the file names, not with its row count.
 */
export class ExemptionChecker implements SourceChecker {
  private readonly years = new Set<number>();
  private readonly propIds = new Set<number>();
  private readonly geoIds = new Set<string>();
  /** Linked-code changes of the file per `year|parcel ref|owner` (parcel ref: p<prop_id> or g<geo_id>), as bit masks. */
  private readonly changes = new Map<string, number>();
  private yearStates = new Map<number, YearState>();
  private codes = new Set<string>();
  private readonly parcels = new ParcelLookup();
  /** Owners of the current layer: year → prop_id → owner ids. */
  private readonly owners = new Map<number, Map<number, number[]>>();
  /** Exemptions of the current layer: year → prop_id → [owner_id, code] pairs. */
  private readonly existing = new Map<number, Map<number, [number, string][]>>();

  collect(row: StagedRow): void {
    const v = row.values;
    const year = v[EX.exmpt_tax_yr];
    if (typeof year === 'number') this.years.add(year);
    if (row.propId !== null) this.propIds.add(row.propId);
    if (typeof v[EX.geo_id] === 'string') this.geoIds.add(v[EX.geo_id] as string);
    const code = v[EX.exmpt_type_cd];
    if (typeof code === 'string' && LINKED_CODES.has(code) && !row.hasStageErrors) {
      const ref = row.propId !== null ? `p${row.propId}` : v[EX.geo_id] !== null ? `g${v[EX.geo_id]}` : null;
      if (ref && year !== null && v[EX.owner_id] !== null) {
        const key = `${year}|${ref}|${v[EX.owner_id]}`;
        const bit = LINKED_BIT.get(code)! << (v[EX.action] === 'REMOVE' ? REMOVE_SHIFT : 0);
        this.changes.set(key, (this.changes.get(key) ?? 0) | bit);
      }
    }
  }

  exportCollected(): unknown {
    return {
      years: [...this.years],
      propIds: [...this.propIds],
      geoIds: [...this.geoIds],
      linked: LINKED_LIST,
      changes: [...this.changes],
    };
  }

  importCollected(data: unknown): void {
    const d = data as { years: number[]; propIds: number[]; geoIds: string[]; linked: string[]; changes: [string, number][] };
    d.years.forEach((y) => this.years.add(y));
    d.propIds.forEach((p) => this.propIds.add(p));
    d.geoIds.forEach((g) => this.geoIds.add(g));
    // Masks are positions in the linked-code list of the build that staged the batch.
    const remap = (mask: number) => {
      let out = 0;
      d.linked.forEach((code, i) => {
        const bit = LINKED_BIT.get(code);
        if (bit === undefined) return;
        if (mask & (1 << i)) out |= bit;
        if (mask & (1 << (i + REMOVE_SHIFT))) out |= bit << REMOVE_SHIFT;
      });
      return out;
    };
    for (const [key, mask] of d.changes) this.changes.set(key, remap(mask));
  }

  async load(connector: SourceConnector, signal?: AbortSignal): Promise<void> {
    this.yearStates = await loadYears(connector, signal);
    this.codes = await loadExemptionCodes(connector, signal);
    await this.parcels.load(connector, this.propIds, this.geoIds, signal);
  }

  resolve(row: StagedRow): number | null {
    if (row.propId !== null) return row.propId;
    const geo = row.values[EX.geo_id];
    if (typeof geo !== 'string') return null;
    const propId = this.parcels.propByGeo.get(geo);
    return propId !== undefined && propId > 0 ? propId : null;
  }

  async loadResolved(connector: SourceConnector, signal?: AbortSignal): Promise<void> {
    // Fold the file's changes named by geo_id into their prop_id.
    for (const [key, mask] of [...this.changes]) {
      const [year, ref, owner] = key.split('|');
      if (!ref.startsWith('g')) continue;
      this.changes.delete(key);
      const propId = this.parcels.propByGeo.get(ref.slice(1));
      if (propId === undefined || propId < 0) continue;
      const target = `${year}|p${propId}|${owner}`;
      this.changes.set(target, (this.changes.get(target) ?? 0) | mask);
    }
    const props = [...this.parcels.typeByProp.keys()];
    for (const year of this.years) {
      if (!this.yearStates.has(year)) continue;
      const owners = new Map<number, number[]>();
      const existing = new Map<number, [number, string][]>();
      this.owners.set(year, owners);
      this.existing.set(year, existing);
      await forEachByKeys(connector, { select: OWNERS_SQL, where: 'o.owner_tax_yr = ?', params: [year], keyColumn: 'o.prop_id', keyOf: (r) => num(r.prop_id), keys: props, signal }, (r) => {
        const propId = num(r.prop_id)!;
        const list = owners.get(propId);
        if (list) list.push(num(r.owner_id)!);
        else owners.set(propId, [num(r.owner_id)!]);
      });
      await forEachByKeys(
        connector,
        { select: EXEMPTIONS_SQL, where: 'pe.exmpt_tax_yr = ? AND pe.owner_tax_yr = ?', params: [year, year], keyColumn: 'pe.prop_id', keyOf: (r) => num(r.prop_id), keys: props, signal },
        (r) => {
          const propId = num(r.prop_id)!;
          const entry: [number, string] = [num(r.owner_id)!, text(r.exmpt_type_cd)!.toUpperCase()];
          const list = existing.get(propId);
          if (list) list.push(entry);
          else existing.set(propId, [entry]);
        },
      );
    }
  }

  /** The codes the owner holds now (current layer) for the year and parcel. */
  private held(year: number, propId: number, owner: number): string[] {
    const list = this.existing.get(year)?.get(propId);
    if (!list) return NONE;
    const codes: string[] = [];
    for (const [o, code] of list) if (o === owner) codes.push(code);
    return codes;
  }

  check(row: StagedRow, firstLine: number | undefined, report: ReportIssue): void {
    const v = row.values;
    const year = v[EX.exmpt_tax_yr] as number | null;
    const code = v[EX.exmpt_type_cd] as string | null;
    const owner = v[EX.owner_id] as number | null;
    const geo = v[EX.geo_id] as string | null;
    const filePropId = v[EX.prop_id] as number | null;
    const adding = v[EX.action] !== 'REMOVE';

    const knownCode = code !== null && this.codes.has(code);
    if (code !== null && !knownCode) report('exmpt_type_cd', 'unknown_exemption_code', `${code} is not an exemption code of this PACS database (exmpt_type). Check the code, e.g. HS, OV65, DV3.`);
    const yearProblem = year !== null ? yearIssue(year, this.yearStates, 'exmpt_tax_yr') : null;
    if (yearProblem) report('exmpt_tax_yr', yearProblem.code, yearProblem.message);

    // The parcel: by prop_id, by geo_id, and the two must agree when both are given.
    const geoProp = geo !== null ? this.parcels.propByGeo.get(geo) : undefined;
    if (filePropId !== null && !this.parcels.typeByProp.has(filePropId)) {
      report('prop_id', 'parcel_not_found', `There is no parcel with prop_id ${filePropId} in this PACS database.`);
      return;
    }
    if (filePropId === null && geo !== null) {
      if (geoProp === undefined) {
        report('geo_id', 'parcel_not_found', `There is no parcel with geo_id ${JSON.stringify(geo)} in this PACS database.`);
        return;
      }
      if (geoProp < 0) {
        report('geo_id', 'parcel_ambiguous', `geo_id ${JSON.stringify(geo)} names more than one parcel; give prop_id instead.`);
        return;
      }
    }
    if (filePropId !== null && geo !== null && geoProp !== filePropId) {
      report('geo_id', 'parcel_mismatch', geoProp === undefined || geoProp < 0 ? `geo_id ${JSON.stringify(geo)} is not the geo_id of prop_id ${filePropId}.` : `geo_id ${JSON.stringify(geo)} is parcel ${geoProp}, not prop_id ${filePropId}; fix one of them.`);
    }
    const propId = row.propId;
    if (propId === null || year === null || owner === null || code === null) return;

    if (!yearProblem || yearProblem.code === 'year_not_open') {
      const owners = this.owners.get(year)?.get(propId) ?? NONE_OWNERS;
      if (!owners.includes(owner)) {
        const who = owners.length ? `its owners in ${year} are ${owners.slice(0, 5).join(', ')}${owners.length > 5 ? ', …' : ''}` : `it has no owner rows in ${year}`;
        report('owner_id', 'owner_not_found', `Owner ${owner} does not own parcel ${propId} in ${year} (${who}).`);
        return;
      }
    }
    const rule = EXEMPTION_CODE_RULES[code];
    const propType = this.parcels.typeByProp.get(propId) ?? '';
    if (adding && rule?.propTypes && !rule.propTypes.includes(propType)) {
      report('exmpt_type_cd', 'prop_type_not_allowed', `${code} applies to property types ${rule.propTypes.join(', ')}; parcel ${propId} is type ${propType || 'unknown'}.`);
    }
    if (firstLine !== undefined) {
      report('exmpt_type_cd', 'duplicate_in_file', `This row repeats line ${firstLine} (same year, parcel, owner and exemption code). Keep one of them.`);
    }
    const held = this.held(year, propId, owner);
    if (adding && held.includes(code)) report('exmpt_type_cd', 'duplicate_existing', `Owner ${owner} already has ${code} on parcel ${propId} for ${year}; PACS allows one per year, parcel, owner and code.`);
    if (!adding && !held.includes(code)) report('exmpt_type_cd', 'remove_not_found', `Owner ${owner} has no ${code} on parcel ${propId} for ${year}, so there is nothing to remove.`);
    if (!knownCode || !LINKED_CODES.has(code)) return;

    // What the owner will hold once the file is applied: existing + added − removed.
    const mask = this.changes.get(`${year}|p${propId}|${owner}`) ?? 0;
    const after = new Set(held);
    for (const c of codesOf(mask & 0xffff)) after.add(c);
    for (const c of codesOf(mask >>> REMOVE_SHIFT)) after.delete(c);
    if (adding) {
      for (const conflict of EXEMPTION_CONFLICTS) {
        if (!conflict.codes.includes(code)) continue;
        const other = conflict.codes.find((c) => c !== code && after.has(c));
        if (other) {
          report('exmpt_type_cd', conflict.code, conflict.message(other, code));
          break;
        }
      }
      if (rule?.requires && !after.has(rule.requires)) {
        report('exmpt_type_cd', 'requires_homestead', `${code} needs ${rule.requires} for the same owner, parcel and year; the owner has none and the file adds none.`);
      }
    } else {
      const orphaned = [...after].filter((c) => EXEMPTION_CODE_RULES[c]?.requires === code);
      if (orphaned.length) report('exmpt_type_cd', 'requires_homestead', `Removing ${code} would leave ${orphaned.join(', ')} without the ${code} it needs; remove ${orphaned.join(', ')} in this file too.`);
    }
  }
}
