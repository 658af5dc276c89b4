import type { SourceConnector } from '../../connectors/connector.js';
import { DEFAULT_JURISDICTION, JURISDICTION_NAMES, type Jurisdiction } from '../../pacs/jurisdiction.js';
import type { CheckerContext, ReportIssue, SourceChecker, StagedRow } from '../import-kind.js';
import { certifiedYearNotice, loadCurrentLayers, loadExemptionCodes, loadYears, ParcelLookup, unknownYear, type CurrentLayer, type YearState } from '../pacs-lookups.js';
import { forEachByKeys, num, readAll, text } from '../source-lookups.js';
import { EX } from './exemption-layout.js';
import { LINKED_CODES, RESIDENCE_CODES, STATE_EXEMPTION_RULES, type StateExemptionRules } from './exemption-rules.js';

const NONE: string[] = [];

/** Bit of each linked code in a change mask: ADDs in the low 16 bits, REMOVEs in the high 16. */
const LINKED_LIST = [...LINKED_CODES];
const LINKED_SET = new Set(LINKED_LIST);
const LINKED_BIT = new Map(LINKED_LIST.map((code, i) => [code, 1 << i]));
const REMOVE_SHIFT = 16;
if (LINKED_LIST.length > REMOVE_SHIFT) throw new Error('exemption rules: too many linked codes for the change mask');

function codesOf(mask: number): string[] {
  return LINKED_LIST.filter((_, i) => (mask & (1 << i)) !== 0);
}

const OWNERS_SQL =
  'SELECT o.prop_id, o.owner_id, o.birth_dt FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id';
const EXEMPTIONS_SQL =
  'SELECT pe.prop_id, pe.owner_id, pe.exmpt_type_cd FROM property_exemption pe JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pe.owner_tax_yr AND psa.sup_num = pe.sup_num AND psa.prop_id = pe.prop_id';

interface SubType {
  exemptionCode: string | null;
  disability: boolean;
}

interface Tier {
  min: number | null;
  max: number | null;
}

/** An owner of a parcel's current layer. */
interface Owner {
  id: number;
  birthDt: string | null;
}

/** What the staged file does, gathered row by row while staging (kept with the batch as JSON). */
interface Collected {
  years: number[];
  propIds: number[];
  geoIds: string[];
  ownerIds: number[];
  linked: string[];
  changes: [string, number][];
  /** `year|owner|code` → parcel refs (p<prop_id> / g<geo_id>) the file adds a residence exemption to. */
  residenceAdds: [string, string[]][];
}

/**
 * Validates exemption rows against a PACS source, with the rules of the connection's state:
 * codes, sub-types and income tiers as the county keeps them (exmpt_type, exmpt_sub_type,
 * exmpt_qualify_code), open or supplement-bound years, parcels (not a UDI parent, not deleted),
 * owners of the current layer, existing exemptions, one residence exemption per owner and year,
 * and each state's statutory rules (STATE_EXEMPTION_RULES). Memory grows with the distinct
 * parcels and owners the file names, not with its row count.
 */
export class ExemptionChecker implements SourceChecker {
  private readonly rules: StateExemptionRules;
  private readonly years = new Set<number>();
  private readonly propIds = new Set<number>();
  private readonly geoIds = new Set<string>();
  private readonly ownerIds = new Set<number>();
  /** Linked-code changes of the file per `year|parcel ref|owner`, as bit masks. */
  private readonly changes = new Map<string, number>();
  private readonly residenceAdds = new Map<string, Set<string>>();
  private yearStates = new Map<number, YearState>();
  private codes = new Set<string>();
  private subTypes = new Map<string, SubType>();
  /** `year|code` → tier code → income range. */
  private tiers = new Map<string, Map<string, Tier>>();
  private layers = new Map<string, CurrentLayer>();
  private readonly parcels = new ParcelLookup();
  /** Owners of the current layer: year → prop_id → owners. */
  private readonly owners = new Map<number, Map<number, Owner[]>>();
  /** Exemptions of the current layer: year → prop_id → [owner_id, code] pairs. */
  private readonly existing = new Map<number, Map<number, [number, string][]>>();
  /** Residence exemptions the file's owners hold now: `year|owner|code` → prop_ids. */
  private readonly residencesHeld = new Map<string, number[]>();

  constructor(context: CheckerContext = {}) {
    this.rules = STATE_EXEMPTION_RULES[context.jurisdiction ?? DEFAULT_JURISDICTION];
  }

  get jurisdiction(): Jurisdiction {
    return this.rules.jurisdiction;
  }

  collect(row: StagedRow): void {
    const v = row.values;
    const year = v[EX.exmpt_tax_yr];
    if (typeof year === 'number') this.years.add(year);
    if (row.propId !== null) this.propIds.add(row.propId);
    if (typeof v[EX.geo_id] === 'string') this.geoIds.add(v[EX.geo_id] as string);
    const owner = v[EX.owner_id];
    if (typeof owner === 'number') this.ownerIds.add(owner);
    const code = v[EX.exmpt_type_cd];
    if (typeof code !== 'string' || row.hasStageErrors || year === null || owner === null) return;
    const ref = row.propId !== null ? `p${row.propId}` : v[EX.geo_id] !== null ? `g${v[EX.geo_id]}` : null;
    if (!ref) return;
    const removing = v[EX.action] === 'REMOVE';
    if (LINKED_SET.has(code)) {
      const key = `${year}|${ref}|${owner}`;
      const bit = LINKED_BIT.get(code)! << (removing ? REMOVE_SHIFT : 0);
      this.changes.set(key, (this.changes.get(key) ?? 0) | bit);
    }
    if (RESIDENCE_CODES.has(code) && !removing) {
      const key = `${year}|${owner}|${code}`;
      const refs = this.residenceAdds.get(key);
      if (refs) refs.add(ref);
      else this.residenceAdds.set(key, new Set([ref]));
    }
  }

  exportCollected(): Collected {
    return {
      years: [...this.years],
      propIds: [...this.propIds],
      geoIds: [...this.geoIds],
      ownerIds: [...this.ownerIds],
      linked: LINKED_LIST,
      changes: [...this.changes],
      residenceAdds: [...this.residenceAdds].map(([k, refs]) => [k, [...refs]]),
    };
  }

  importCollected(data: unknown): void {
    const d = data as Partial<Collected>;
    d.years?.forEach((y) => this.years.add(y));
    d.propIds?.forEach((p) => this.propIds.add(p));
    d.geoIds?.forEach((g) => this.geoIds.add(g));
    d.ownerIds?.forEach((o) => this.ownerIds.add(o));
    // Masks are positions in the linked-code list of the build that staged the batch.
    const linked = d.linked ?? [];
    const remap = (mask: number) => {
      let out = 0;
      linked.forEach((code, i) => {
        const bit = LINKED_BIT.get(code);
        if (bit === undefined) return;
        if (mask & (1 << i)) out |= bit;
        if (mask & (1 << (i + REMOVE_SHIFT))) out |= bit << REMOVE_SHIFT;
      });
      return out;
    };
    for (const [key, mask] of d.changes ?? []) this.changes.set(key, remap(mask));
    for (const [key, refs] of d.residenceAdds ?? []) this.residenceAdds.set(key, new Set(refs));
  }

  async load(connector: SourceConnector, signal?: AbortSignal): Promise<void> {
    this.yearStates = await loadYears(connector, signal);
    this.codes = await loadExemptionCodes(connector, signal);
    for (const r of await readAll(connector, 'SELECT exmpt_sub_type_cd, exmpt_type_cd, disability FROM exmpt_sub_type', signal)) {
      const cd = text(r.exmpt_sub_type_cd);
      // The flag as 1 or, from a bit or boolean column, true (Number(true) is 1).
      if (cd) this.subTypes.set(cd.toUpperCase(), { exemptionCode: text(r.exmpt_type_cd)?.toUpperCase() ?? null, disability: Number(r.disability) === 1 });
    }
    const years = [...this.years];
    if (years.length > 0) {
      await forEachByKeys(
        connector,
        { select: 'SELECT year, exemption_code, exempt_type_cd, income_min, income_max FROM exmpt_qualify_code', keyColumn: 'year', keyOf: (r) => num(r.year), keys: years, signal },
        (r) => {
          const key = `${num(r.year)}|${text(r.exempt_type_cd)?.toUpperCase()}`;
          const tiers = this.tiers.get(key) ?? new Map<string, Tier>();
          tiers.set(text(r.exemption_code)!.toUpperCase(), { min: num(r.income_min), max: num(r.income_max) });
          this.tiers.set(key, tiers);
        },
      );
    }
    await this.parcels.load(connector, this.propIds, this.geoIds, signal);
  }

  resolve(row: StagedRow): number | null {
    if (row.propId !== null) return row.propId;
    const geo = row.values[EX.geo_id];
    if (typeof geo !== 'string') return null;
    const propId = this.parcels.propByGeo.get(geo);
    return propId !== undefined && propId >= 0 ? propId : null;
  }

  async loadResolved(connector: SourceConnector, signal?: AbortSignal): Promise<void> {
    // Fold the file's changes and residence adds named by geo_id into their prop_id.
    const refOf = (ref: string) => {
      if (!ref.startsWith('g')) return ref;
      const propId = this.parcels.propByGeo.get(ref.slice(1));
      return propId === undefined || propId < 0 ? null : `p${propId}`;
    };
    for (const [key, mask] of [...this.changes]) {
      const [year, ref, owner] = key.split('|');
      const resolved = refOf(ref);
      if (resolved === ref) continue;
      this.changes.delete(key);
      if (resolved === null) continue;
      const target = `${year}|${resolved}|${owner}`;
      this.changes.set(target, (this.changes.get(target) ?? 0) | mask);
    }
    for (const [key, refs] of this.residenceAdds) this.residenceAdds.set(key, new Set([...refs].map(refOf).filter((r): r is string => r !== null)));

    const props = [...this.parcels.typeByProp.keys()];
    const years = [...this.years].filter((y) => this.yearStates.has(y));
    this.layers = await loadCurrentLayers(connector, years, props, signal);
    for (const year of years) {
      const owners = new Map<number, Owner[]>();
      const existing = new Map<number, [number, string][]>();
      this.owners.set(year, owners);
      this.existing.set(year, existing);
      await forEachByKeys(connector, { select: OWNERS_SQL, where: 'o.owner_tax_yr = ?', params: [year], keyColumn: 'o.prop_id', keyOf: (r) => num(r.prop_id), keys: props, signal }, (r) => {
        const propId = num(r.prop_id)!;
        const owner = { id: num(r.owner_id)!, birthDt: dateOnly(r.birth_dt) };
        const list = owners.get(propId);
        if (list) list.push(owner);
        else owners.set(propId, [owner]);
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
      // Where the file's owners already have their residence exemption this year.
      const residence = this.rules.residenceCodes;
      await forEachByKeys(
        connector,
        {
          select: EXEMPTIONS_SQL,
          where: `pe.exmpt_tax_yr = ? AND pe.owner_tax_yr = ? AND pe.exmpt_type_cd IN (${residence.map(() => '?').join(', ')})`,
          params: [year, year, ...residence],
          keyColumn: 'pe.owner_id',
          keyOf: (r) => num(r.owner_id),
          keys: this.ownerIds,
          signal,
        },
        (r) => {
          const key = `${year}|${num(r.owner_id)}|${text(r.exmpt_type_cd)!.toUpperCase()}`;
          const list = this.residencesHeld.get(key);
          if (list) list.push(num(r.prop_id)!);
          else this.residencesHeld.set(key, [num(r.prop_id)!]);
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
    const ownerId = v[EX.owner_id] as number | null;
    const geo = v[EX.geo_id] as string | null;
    const filePropId = v[EX.prop_id] as number | null;
    const adding = v[EX.action] !== 'REMOVE';
    const state = JURISDICTION_NAMES[this.rules.jurisdiction];

    const knownCode = code !== null && this.codes.has(code);
    if (code !== null && !knownCode) {
      const examples = [...this.codes].slice(0, 8).join(', ');
      report('exmpt_type_cd', 'unknown_exemption_code', `${code} is not an exemption code of this PACS database (exmpt_type${examples ? `: ${examples}${this.codes.size > 8 ? ', …' : ''}` : ''}). Check the code.`);
    }
    const yearProblem = year !== null ? unknownYear(year, this.yearStates, 'exmpt_tax_yr') : null;
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
    if (propId === null || year === null || ownerId === null || code === null || yearProblem) return;

    const layer = this.layers.get(`${year}|${propId}`);
    const notice = certifiedYearNotice(year, this.yearStates, layer, 'exmpt_tax_yr');
    if (notice) report('exmpt_tax_yr', notice.code, notice.message);
    const owners = this.owners.get(year)?.get(propId) ?? [];
    const owner = owners.find((o) => o.id === ownerId);
    if (!owner) {
      const who = owners.length ? `its owners in ${year} are ${owners.slice(0, 5).map((o) => o.id).join(', ')}${owners.length > 5 ? ', …' : ''}` : `it has no owner rows in ${year}`;
      report('owner_id', 'owner_not_found', `Owner ${ownerId} does not own parcel ${propId} in ${year} (${who}).`);
      return;
    }
    // A parcel that takes no exemption at all: nothing more to say about the row.
    if (adding && layer?.udiParent) {
      report('prop_id', 'udi_parent', `Parcel ${propId} is an undivided-interest (UDI) parent in ${year}; exemptions go on its UDI child parcels (property_val.udi_parent_prop_id = ${propId}).`);
      return;
    }
    if (adding && layer?.inactive) {
      report('prop_id', 'parcel_inactive', `Parcel ${propId} is deleted (inactive) in ${year} (property_val.prop_inactive_dt is set), so it takes no exemption.`);
      return;
    }

    const rule = this.rules.codes[code];
    const propType = this.parcels.typeByProp.get(propId) ?? '';
    if (adding && rule?.propTypes && !rule.propTypes.includes(propType)) {
      report('exmpt_type_cd', 'prop_type_not_allowed', `${code} applies to property types ${rule.propTypes.join(', ')} (${state} rules); parcel ${propId} is type ${propType || 'unknown'}.`);
    }
    if (firstLine !== undefined) {
      report('exmpt_type_cd', 'duplicate_in_file', `This row repeats line ${firstLine} (same year, parcel, owner and exemption code). Keep one of them.`);
    }
    const held = this.held(year, propId, ownerId);
    if (adding && held.includes(code)) report('exmpt_type_cd', 'duplicate_existing', `Owner ${ownerId} already has ${code} on parcel ${propId} for ${year}; PACS allows one per year, parcel, owner and code.`);
    if (!adding && !held.includes(code)) report('exmpt_type_cd', 'remove_not_found', `Owner ${ownerId} has no ${code} on parcel ${propId} for ${year}, so there is nothing to remove.`);
    if (!knownCode) return;

    if (adding) {
      this.checkAmounts(row, code, year, owner, report);
      this.checkResidence(code, year, propId, ownerId, report);
    }
    if (!LINKED_SET.has(code)) return;

    // What the owner will hold once the file is applied: existing + added − removed.
    const mask = this.changes.get(`${year}|p${propId}|${ownerId}`) ?? 0;
    const after = new Set(held);
    for (const c of codesOf(mask & 0xffff)) after.add(c);
    for (const c of codesOf(mask >>> REMOVE_SHIFT)) after.delete(c);
    if (adding) {
      for (const conflict of this.rules.conflicts) {
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
      const orphaned = [...after].filter((c) => this.rules.codes[c]?.requires === code);
      if (orphaned.length) report('exmpt_type_cd', 'requires_homestead', `Removing ${code} would leave ${orphaned.join(', ')} without the ${code} it needs; remove ${orphaned.join(', ')} in this file too.`);
    }
  }

  /** Percentage, sub-type, age and income tier of an ADD: statute and the county's own tables. */
  private checkAmounts(row: StagedRow, code: string, year: number, owner: Owner, report: ReportIssue): void {
    const v = row.values;
    const rule = this.rules.codes[code];
    const state = JURISDICTION_NAMES[this.rules.jurisdiction];
    // A field that failed its own rule at staging is empty here: do not call it missing.
    const missing = (field: keyof typeof EX) => v[EX[field]] === null && !row.hasStageErrors;
    if (rule?.pct === 'required' && missing('exemption_pct')) report('exemption_pct', 'pct_required', `${code} needs exemption_pct (the percentage exempt, 0–100).`);
    if (rule?.pct === 'forbidden' && v[EX.exemption_pct] !== null) report('exemption_pct', 'pct_not_allowed', `${code} has a statutory amount; leave exemption_pct empty.`);

    const subtypeCd = (v[EX.exmpt_subtype_cd] as string | null)?.toUpperCase() ?? null;
    const subtypesOfCode = [...this.subTypes].filter(([, s]) => s.exemptionCode === code).map(([cd]) => cd);
    const subtype = subtypeCd ? this.subTypes.get(subtypeCd) : undefined;
    if (subtypeCd !== null && (!subtype || (subtype.exemptionCode !== null && subtype.exemptionCode !== code))) {
      report('exmpt_subtype_cd', 'invalid_subtype', `${subtypeCd} is not a sub-type of ${code} in this PACS database (exmpt_sub_type${subtypesOfCode.length ? `: ${subtypesOfCode.join(', ')}` : ' has none for it'}).`);
    } else if (subtypeCd === null && subtypesOfCode.length > 0 && missing('exmpt_subtype_cd')) {
      report('exmpt_subtype_cd', 'invalid_subtype', `${code} needs exmpt_subtype_cd, one of the county's sub-types: ${subtypesOfCode.join(', ')}.`);
    }

    if (rule?.minAge !== undefined && (subtypeCd === null || (subtype && !subtype.disability))) {
      // Age on December 31 of the year; the birth date stays out of the message.
      if (!owner.birthDt) {
        report('owner_id', 'age_unknown', `${code} by age needs the owner's birth date, and owner ${owner.id} has none on the parcel (owner.birth_dt); record it in PACS, or use a disability sub-type.`);
      } else if (year - Number(owner.birthDt.slice(0, 4)) < rule.minAge) {
        report('owner_id', 'age_requirement', `${code} by age needs the owner to be ${rule.minAge} or older on December 31, ${year} (${state} rules); owner ${owner.id} is younger by owner.birth_dt. A disabled owner takes a disability sub-type.`);
      }
    }

    const tiers = this.tiers.get(`${year}|${code}`);
    const tierCd = (v[EX.exempt_qualify_cd] as string | null)?.toUpperCase() ?? null;
    const income = v[EX.combined_disp_income] as number | null;
    if (tiers && tiers.size > 0) {
      const tier = tierCd !== null ? tiers.get(tierCd) : undefined;
      const list = [...tiers.keys()].sort().join(', ');
      if (tierCd === null) {
        if (missing('exempt_qualify_cd')) report('exempt_qualify_cd', 'invalid_qualify_cd', `${code} needs exempt_qualify_cd, the income tier: one of ${list} for ${year} (exmpt_qualify_code).`);
      } else if (!tier) {
        report('exempt_qualify_cd', 'invalid_qualify_cd', `${tierCd} is not an income tier of ${code} for ${year} in this PACS database (exmpt_qualify_code: ${list}).`);
      }
      if (income === null) {
        if (missing('combined_disp_income')) report('combined_disp_income', 'income_required', `${code} needs combined_disp_income (whole dollars) to check the income tier.`);
      } else if (tier && ((tier.min !== null && income < tier.min) || (tier.max !== null && income > tier.max))) {
        const fits = [...tiers].find(([, t]) => (t.min === null || income >= t.min) && (t.max === null || income <= t.max));
        report(
          'exempt_qualify_cd',
          'income_tier_mismatch',
          `Income ${income} is outside tier ${tierCd} of ${year} (${tier.min ?? 0}–${tier.max ?? 'no limit'}); ${fits ? `it falls in tier ${fits[0]}` : 'it is above every tier, so the owner does not qualify'}.`,
        );
      }
    } else if (tierCd !== null) {
      report('exempt_qualify_cd', 'invalid_qualify_cd', `This PACS database has no income tiers for ${code} in ${year} (exmpt_qualify_code), so exempt_qualify_cd ${tierCd} cannot apply; leave it empty.`);
    }
  }

  /** One residence exemption per owner and year, counting what the owner holds and what the file adds. */
  private checkResidence(code: string, year: number, propId: number, ownerId: number, report: ReportIssue): void {
    if (!this.rules.residenceCodes.includes(code)) return;
    const key = `${year}|${ownerId}|${code}`;
    const elsewhere = new Set<number>((this.residencesHeld.get(key) ?? []).filter((p) => p !== propId));
    const removed = (p: number) => ((this.changes.get(`${year}|p${p}|${ownerId}`) ?? 0) >>> REMOVE_SHIFT) & (LINKED_BIT.get(code) ?? 0);
    for (const p of [...elsewhere]) if (removed(p)) elsewhere.delete(p);
    // The file's other parcels count where the owner really owns them (other rows are refused anyway).
    for (const ref of this.residenceAdds.get(key) ?? []) {
      const p = Number(ref.slice(1));
      if (ref.startsWith('p') && p !== propId && this.owners.get(year)?.get(p)?.some((o) => o.id === ownerId)) elsewhere.add(p);
    }
    if (elsewhere.size > 0) {
      report(
        'exmpt_type_cd',
        'residence_elsewhere',
        `Owner ${ownerId} would have ${code} on parcel ${propId} and on ${[...elsewhere].sort((a, b) => a - b).join(', ')} in ${year}; an owner has one residence exemption a year (${this.rules.residenceStatute}). Keep the one for the owner's residence.`,
      );
    }
  }
}

function dateOnly(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}
