import type { RowValues } from './batch-inserter.js';
import { businessName, makeOrganisation, makePerson, randomMailingAddress, writeAccount, type DemoAccount, type MailingAddress, type RowSink } from './demo-accounts.js';
import { addDays, dateBetween, dateTime, isoDate, officeTime } from './demo-calendar.js';
import { planProtest, writeProtest } from './demo-protests.js';
import { GEO_PREFIX, incomeTiers, PROP_TYPE_WEIGHTS, SUPPLEMENT_REASONS } from './demo-reference-data.js';
import { MINERAL_LEASES, VEHICLES } from './demo-vocabulary.js';
import { BPP_APPRAISERS, CODING_SUP_NUM, FUTURE_LAYER_YEAR, PROTEST_RATE, STREAM, SYSTEM_USER_ID, type DemoWorld, type Neighborhood } from './demo-world.js';
import { Prng } from './prng.js';

export const FIRST_PROP_ID = 10_001;
const PARCELS_PER_MAP = 24;
const SUPPLEMENT_RATE = 0.1;
/** Parcels with a future-year (year 0) layer, a layer in the coding supplement, a UDI parent, or deleted this year. */
const HAS_FUTURE_LAYER = (propId: number) => propId % 17 === 3;
const IN_CODING_SUPPLEMENT = (propId: number) => propId % 29 === 7;
const UDI_PARENT = (propId: number) => propId % 311 === 0;
const DELETED_THIS_YEAR = (propId: number) => propId % 257 === 5;
/** Value bands [low, high) and their weights: most businesses are small, a few are large. */
const BUSINESS_VALUE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[800, 2_500], 15],
  [[2_500, 25_000], 40],
  [[25_000, 250_000], 35],
  [[250_000, 3_000_000], 10],
];
const MINERAL_VALUE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[150, 2_000], 45],
  [[2_000, 20_000], 40],
  [[20_000, 90_000], 15],
];

/** What a parcel is worth, by part, before rounding. */
interface ValueParts {
  lot: number;
  extraLand: number;
  agMarket: number;
  agUse: number;
  mainImprv: number;
  miscImprv: number;
  /** Personal, mineral and vehicle value (no land or buildings). */
  personal: number;
}

interface ValueLayer {
  parts: ValueParts;
  land_hstd_val: number;
  land_non_hstd_val: number;
  imprv_hstd_val: number;
  imprv_non_hstd_val: number;
  ag_use_val: number;
  ag_market: number;
  market: number;
  appraised_val: number;
  ten_percent_cap: number;
  assessed_val: number;
}

/** The descriptive property_val columns, the same in every layer of a year. */
interface LayerDescription {
  legal_desc: string;
  legal_acreage: number | null;
  abs_subdv_cd: string | null;
  hood_cd: string | null;
  block: string | null;
  tract_or_lot: string | null;
  last_appraiser_id: number | null;
  next_appraiser_id: number | null;
  prop_inactive_dt: string | null;
  udi_parent: 'T' | null;
  udi_parent_prop_id: number | null;
}

interface SupplementInfo {
  sup_cd: string;
  sup_desc: string;
  sup_dt: string;
  prev_sup_num: number;
}

/** A stretch of years with the same owners; a new one starts with each sale. */
interface OwnershipSpell {
  index: number;
  startYear: number;
  endYear: number;
  owners: DemoAccount[];
  pcts: number[];
  /** The owners live there (a residence homestead in Texas, a principal residence in Washington). */
  homestead: boolean;
  hsQualifyYear: number;
  /** The deed that started this spell (none for the first). */
  deedDt: string | null;
}

interface Land {
  acres: number | null;
  rural: boolean;
  ag: boolean;
  vacant: boolean;
  commercial: boolean;
  builtYear: number;
  sqft: number;
  miscDesc: string;
}

/**
 * Writes one parcel: property, situs, owners and their accounts, every year's values, exemptions,
 * protests, supplements, the future-year layer where it has one, and its sales.
 */
export function writeParcel(world: DemoWorld, index: number, sink: RowSink): void {
  new ParcelBuilder(world, index, sink).build();
}

class ParcelBuilder {
  private readonly rng: Prng;
  private readonly propId: number;
  private readonly type: string;
  private readonly hood: Neighborhood;
  private readonly block: number;
  private readonly lotNumber: number;
  private readonly groupRng: Prng;
  private nextAccountSlot = 0;
  private situsAddress: MailingAddress | null = null;
  private stateCd = '';
  private commercial = false;

  constructor(
    private readonly world: DemoWorld,
    index: number,
    private readonly sink: RowSink,
  ) {
    this.propId = FIRST_PROP_ID - 1 + index;
    this.rng = Prng.derive(world.seed, STREAM.parcel, this.propId);
    this.type = this.rng.weighted(PROP_TYPE_WEIGHTS);
    // Neighbours on one map share a neighborhood, subdivision and block.
    const mapGroup = Math.floor((index - 1) / PARCELS_PER_MAP);
    this.groupRng = Prng.derive(world.seed, STREAM.mapGroup, mapGroup);
    this.hood = world.hoods[this.groupRng.int(0, world.hoods.length - 1)];
    this.block = this.groupRng.int(1, 60);
    this.lotNumber = ((index - 1) % PARCELS_PER_MAP) + 1;
  }

  build(): void {
    const { rng, world } = this;
    const mapNumber = Math.floor((this.propId - FIRST_PROP_ID) / PARCELS_PER_MAP) + 1;
    const geoId = `${GEO_PREFIX[this.type]}${String(mapNumber).padStart(6, '0')}-${String(this.lotNumber).padStart(4, '0')}`;
    const dba = this.type === 'P' || (this.type === 'A' && rng.chance(0.5)) ? businessName(rng) : null;
    const land = this.planLand();
    this.stateCd = this.stateCode(land);
    this.commercial = world.stateCodes.rows.find((r) => r.state_cd === this.stateCd)?.commercial_acct_flag === 'T';
    this.sink('property', {
      prop_id: this.propId,
      prop_type_cd: this.type,
      geo_id: geoId,
      simple_geo_id: geoId.replace('-', ''),
      ref_id1: `X${String(this.propId * 7 + 3).padStart(8, '0')}`,
      ref_id2: this.type === 'MN' ? `RRC${rng.digits(6)}` : null,
      dba_name: dba,
      state_cd: this.stateCd,
      prop_create_dt: dateTime(isoDate(rng.int(1998, world.firstYear - 1), rng.int(1, 12), rng.int(1, 28))),
    });
    this.writeSitus();

    const legal = this.legalDescription(land, dba);
    let parts = this.initialValue(land);
    const spells = this.planOwnership(land);
    const marketByYear = new Map<number, number>();
    const baseAppraiser = this.type === 'P' || this.type === 'MN' || this.type === 'A' ? BPP_APPRAISERS[this.propId % 2] : this.hood.appraiserId;
    const texasCap = world.jurisdiction === 'TX';
    const udiParent = this.type === 'R' && UDI_PARENT(this.propId) && !land.commercial;
    const udiChildOf = this.type === 'R' && UDI_PARENT(this.propId - 1) ? this.propId - 1 : null;
    const udiFrom = world.lastYear - 1;
    const deleted = !udiParent && DELETED_THIS_YEAR(this.propId);
    let previousAssessed = 0;
    let previousHomesteadSpell = -1;
    let lastRoll: { parts: ValueParts; description: LayerDescription; spell: OwnershipSpell; exemptions: RowValues[] } | null = null;

    for (const year of world.years) {
      if (year > world.firstYear) parts = this.grow(parts, land, year);
      const spell = spells.find((s) => year >= s.startYear && year <= s.endYear)!;
      const capBase = texasCap && spell.homestead && previousHomesteadSpell === spell.index ? previousAssessed : null;
      const notice = valueLayer(parts, spell.homestead, capBase);
      const lastAppraiserId = this.lastAppraiser(year, baseAppraiser);
      const isUdiParent = udiParent && year >= udiFrom;
      const isDeleted = deleted && year === world.lastYear;

      let roll = notice;
      if (world.protestYears.has(year) && !isDeleted && rng.chance(PROTEST_RATE[this.type])) {
        const plan = planProtest(world, rng, {
          propId: this.propId,
          propType: this.type,
          commercial: this.commercial,
          year,
          ownerId: spell.owners[0].acctId,
          preferredAppraiserId: lastAppraiserId && world.isActive(lastAppraiserId) ? lastAppraiserId : baseAppraiser,
          agParcel: land.ag,
          beginMarket: notice.market,
          beginAppraised: notice.appraised_val,
        });
        if (plan.reduction < 1) roll = valueLayer(scaleParts(parts, plan.reduction), spell.homestead, capBase);
        writeProtest(world, this.sink, plan, { market: roll.market, appraised: roll.appraised_val });
      }

      const description: LayerDescription = {
        legal_desc: legal.desc,
        legal_acreage: land.acres,
        abs_subdv_cd: legal.subdivision,
        hood_cd: this.type === 'MN' || this.type === 'A' ? null : this.hood.code,
        block: legal.block,
        tract_or_lot: legal.tractOrLot,
        last_appraiser_id: lastAppraiserId,
        next_appraiser_id: year === world.lastYear && rng.chance(0.6) ? baseAppraiser : null,
        prop_inactive_dt: isUdiParent ? dateTime(isoDate(udiFrom, 1, 15)) : isDeleted ? dateTime(isoDate(year, 3, 2)) : null,
        udi_parent: isUdiParent ? 'T' : null,
        udi_parent_prop_id: udiChildOf !== null && year >= udiFrom ? udiChildOf : null,
      };
      const exemptions = isUdiParent || isDeleted ? [] : this.exemptions(year, spell, spells, roll);
      this.writeLayer(year, 0, description, null, roll, spell, exemptions, land);
      let currentSupNum = 0;

      if (world.isCertified(year) && rng.chance(SUPPLEMENT_RATE)) {
        const reason = rng.weighted(SUPPLEMENT_REASONS);
        const factor = rng.real(reason.imprvFactor[0], reason.imprvFactor[1]);
        const supplemented = valueLayer(scaleImprovements(roll.parts, factor), spell.homestead, capBase);
        const supDt = dateBetween(rng, addDays(world.certificationDate(year), 8), isoDate(year, 12, 15));
        this.writeLayer(year, 1, description, { sup_cd: reason.sup_cd, sup_desc: reason.sup_desc, sup_dt: supDt, prev_sup_num: 0 }, supplemented, spell, exemptions, land);
        this.supplementEvent(year, 1, reason.sup_cd, roll.market, supplemented.market, supDt, lastAppraiserId ?? baseAppraiser);
        roll = supplemented;
        currentSupNum = 1;
      }
      if (year === world.lastYear - 1 && IN_CODING_SUPPLEMENT(this.propId) && !isUdiParent) {
        // Copied into the supplement group still in coding: current in prop_supp_assoc, not accepted.
        const coded = valueLayer(scaleImprovements(roll.parts, rng.real(0.9, 1.1)), spell.homestead, capBase);
        const supDt = isoDate(year + 1, 1, rng.int(13, 28));
        this.writeLayer(year, CODING_SUP_NUM, description, { sup_cd: 'CE', sup_desc: 'Clerical error corrected', sup_dt: supDt, prev_sup_num: currentSupNum }, coded, spell, exemptions, land);
        this.supplementEvent(year, CODING_SUP_NUM, 'CE', roll.market, coded.market, supDt, lastAppraiserId ?? baseAppraiser);
        currentSupNum = CODING_SUP_NUM;
      }
      this.sink('prop_supp_assoc', { owner_tax_yr: year, sup_num: currentSupNum, prop_id: this.propId });
      if (world.protestYears.has(year)) this.writeProfile(year, currentSupNum, land, roll);

      marketByYear.set(year, roll.market);
      previousAssessed = roll.assessed_val;
      previousHomesteadSpell = spell.homestead ? spell.index : -1;
      lastRoll = { parts: roll.parts, description, spell, exemptions };
    }
    if (lastRoll && HAS_FUTURE_LAYER(this.propId) && !deleted) this.writeFutureLayer(lastRoll, land);
    this.writeSales(spells, marketByYear);
  }

  /**
   * The future-year layer: PACS copies the property into year 0, sup_num 0 (values, owners,
   * exemptions, buildings, land) and names it in prop_supp_assoc; it stands for pacs_system.future_yr.
   */
  private writeFutureLayer(last: { parts: ValueParts; description: LayerDescription; spell: OwnershipSpell; exemptions: RowValues[] }, land: Land): void {
    const grown = this.grow(last.parts, land, this.world.lastYear);
    const layer = valueLayer(grown, last.spell.homestead, null);
    const tiers = incomeTiers(this.world.futureYear);
    const exemptions = last.exemptions.map((e): RowValues => {
      const copy: RowValues = { ...e, exmpt_tax_yr: FUTURE_LAYER_YEAR, owner_tax_yr: FUTURE_LAYER_YEAR };
      // The income tier of the year the layer stands for.
      if (e.exmpt_type_cd === 'SNR/DSBL') {
        const income = Number(e.combined_disp_income);
        copy.exempt_qualify_cd = tiers.find((t) => income >= t.income_min && income <= t.income_max)?.exemption_code ?? e.exempt_qualify_cd;
      }
      return copy;
    });
    this.writeLayer(FUTURE_LAYER_YEAR, 0, { ...last.description, next_appraiser_id: null }, null, layer, last.spell, exemptions, land);
    this.sink('prop_supp_assoc', { owner_tax_yr: FUTURE_LAYER_YEAR, sup_num: 0, prop_id: this.propId });
  }

  private supplementEvent(year: number, supNum: number, supCd: string, before: number, after: number, supDt: string, appraiserId: number): void {
    this.world.writeEvent(this.sink, this.propId, {
      type: 'SUPLMNT',
      date: officeTime(this.rng, supDt),
      desc: `${supCd}: market ${before} -> ${after}`,
      appraiserId,
      year,
      refNum: supNum,
    });
  }

  /** property_profile: one row per parcel and year, read by PACS's auto-scheduling (state code). */
  private writeProfile(year: number, supNum: number, land: Land, layer: ValueLayer): void {
    this.sink('property_profile', {
      prop_id: this.propId,
      prop_val_yr: year,
      sup_num: supNum,
      state_cd: this.stateCd,
      neighborhood: this.type === 'MN' || this.type === 'A' ? null : this.hood.code,
      land_acres: land.acres,
      yr_blt: land.builtYear > 0 && !land.vacant ? land.builtYear : null,
      living_area: land.sqft > 0 && !land.vacant ? land.sqft : null,
      imprv_type_cd: layer.parts.mainImprv > 0 ? this.mainImprvType() : null,
      appraised_val: layer.appraised_val,
    });
  }

  private stateCode(land: Land): string {
    const codes = this.world.stateCodes;
    switch (this.type) {
      case 'R':
        if (land.commercial) return codes.commercial;
        if (land.ag) return codes.agricultural;
        if (land.vacant) return codes.vacant;
        return land.rural ? codes.rural : codes.residential;
      case 'MH':
        return codes.mobileHome;
      case 'P':
        return codes.personal;
      case 'MN':
        return codes.mineral;
      default:
        return codes.auto;
    }
  }

  private mainImprvType(): string {
    return this.type === 'MH' ? 'MH' : this.commercial ? 'C' : 'R';
  }

  /** One supplement layer of a year: its values, owners, exemptions, buildings and land. */
  private writeLayer(
    year: number,
    supNum: number,
    description: LayerDescription,
    supplement: SupplementInfo | null,
    layer: ValueLayer,
    spell: OwnershipSpell,
    exemptions: RowValues[],
    land: Land,
  ): void {
    // Rows are spelled out rather than spread: spreading was a third of the generation time.
    const parts = layer.parts;
    this.sink('property_val', {
      prop_val_yr: year,
      sup_num: supNum,
      prop_id: this.propId,
      land_hstd_val: layer.land_hstd_val,
      land_non_hstd_val: layer.land_non_hstd_val,
      imprv_hstd_val: layer.imprv_hstd_val,
      imprv_non_hstd_val: layer.imprv_non_hstd_val,
      ag_use_val: layer.ag_use_val,
      ag_market: layer.ag_market,
      market: layer.market,
      appraised_val: layer.appraised_val,
      ten_percent_cap: layer.ten_percent_cap,
      assessed_val: layer.assessed_val,
      legal_desc: description.legal_desc,
      legal_acreage: description.legal_acreage,
      abs_subdv_cd: description.abs_subdv_cd,
      hood_cd: description.hood_cd,
      block: description.block,
      tract_or_lot: description.tract_or_lot,
      prev_sup_num: supplement ? supplement.prev_sup_num : null,
      sup_cd: supplement?.sup_cd ?? null,
      sup_desc: supplement?.sup_desc ?? null,
      sup_dt: supplement ? dateTime(supplement.sup_dt) : null,
      sup_action: supplement ? 'M' : null,
      prop_inactive_dt: description.prop_inactive_dt,
      last_appraiser_id: description.last_appraiser_id,
      next_appraiser_id: description.next_appraiser_id,
      udi_parent: description.udi_parent,
      udi_parent_prop_id: description.udi_parent_prop_id,
    });
    const updated = dateTime(isoDate(year === FUTURE_LAYER_YEAR ? this.world.lastYear : year, 1, 2), '07:00:00');
    spell.owners.forEach((owner, i) => {
      this.sink('owner', {
        owner_id: owner.acctId,
        owner_tax_yr: year,
        prop_id: this.propId,
        updt_dt: updated,
        pct_ownership: spell.pcts[i],
        sup_num: supNum,
        hs_prop: spell.homestead ? 'T' : 'F',
        birth_dt: owner.birthDt,
      });
    });
    for (const exemption of exemptions) {
      // The sink turns the row into SQL at once, so one object serves every layer.
      exemption.sup_num = supNum;
      this.sink('property_exemption', exemption);
      if (exemption.exmpt_type_cd === 'SNR/DSBL') this.writeIncome(exemption);
    }
    const improvement = (imprvId: number, type: string, desc: string, value: number, built: number, primary: boolean) =>
      this.sink('imprv', {
        prop_id: this.propId,
        prop_val_yr: year,
        imprv_id: imprvId,
        sup_num: supNum,
        sale_id: 0,
        imprv_type_cd: type,
        imprv_sl_locked: 'F',
        primary_imprv: primary ? 'T' : 'F',
        imprv_state_cd: this.stateCd,
        imprv_desc: desc,
        imprv_val: value,
        actual_year_built: built,
      });
    if (parts.mainImprv > 0) {
      const type = this.mainImprvType();
      improvement(this.propId * 10 + 1, type, type === 'MH' ? 'MOBILE HOME' : type === 'C' ? `COMMERCIAL BUILDING ${land.sqft * 2} SF` : `RESIDENCE ${land.sqft} SF`, parts.mainImprv, land.builtYear, true);
    }
    if (parts.miscImprv > 0) {
      improvement(this.propId * 10 + 2, 'MISC', land.miscDesc, parts.miscImprv, Math.min(year === FUTURE_LAYER_YEAR ? this.world.futureYear : year, land.builtYear + 3), false);
    }
    const segment = (segId: number, type: string, acres: number, ag: boolean, marketValue: number, agValue: number) =>
      this.sink('land_detail', {
        prop_id: this.propId,
        prop_val_yr: year,
        land_seg_id: segId,
        sup_num: supNum,
        sale_id: 0,
        land_type_cd: type,
        land_seg_sl_lock: 'F',
        state_cd: this.stateCd,
        size_acres: acres,
        size_square_feet: Math.round(acres * 43_560 * 100) / 100,
        land_seg_mkt_val: marketValue,
        ag_apply: ag ? 'T' : 'F',
        ag_val: agValue,
      });
    if (parts.lot > 0) {
      const acres = land.rural ? 1 : land.acres ?? 0;
      segment(this.propId * 10 + 1, land.commercial ? 'COM' : spell.homestead ? 'HS' : land.rural ? 'RUR' : 'RES', acres, false, parts.lot, 0);
    }
    if (parts.extraLand > 0 || parts.agMarket > 0) {
      const acres = Math.round(((land.acres ?? 1) - 1) * 10_000) / 10_000;
      segment(this.propId * 10 + 2, land.ag ? 'AG' : 'RUR', acres, land.ag, land.ag ? parts.agMarket : parts.extraLand, land.ag ? parts.agUse : 0);
    }
  }

  /** The claimant's yearly income record for SNR/DSBL, with its amounts by source. */
  private writeIncome(exemption: RowValues): void {
    const total = Number(exemption.combined_disp_income ?? 0);
    const key = {
      exmpt_tax_yr: exemption.exmpt_tax_yr,
      owner_tax_yr: exemption.owner_tax_yr,
      sup_num: exemption.sup_num,
      prop_id: exemption.prop_id,
      owner_id: exemption.owner_id,
      exmpt_type_cd: exemption.exmpt_type_cd,
      inc_id: 1,
    };
    const year = Number(exemption.exmpt_tax_yr) || this.world.futureYear;
    this.sink('property_exemption_income', { ...key, active: 1, income_year: year - 1, created_date: dateTime(isoDate(year, 2, 1), '09:00:00'), created_by_id: SYSTEM_USER_ID });
    const pension = Math.round(total * 0.35);
    this.sink('property_exemption_income_detail', { ...key, inc_detail_id: 1, code: 'SSA', amount: total - pension });
    this.sink('property_exemption_income_detail', { ...key, inc_detail_id: 2, code: 'PENSION', amount: pension });
  }

  private writeSitus(): void {
    const { rng, world } = this;
    if (this.type === 'MN' || this.type === 'A' || (this.type === 'P' && rng.chance(0.1))) return;
    const street = rng.pick(this.hood.streets);
    const number = String(rng.int(1, 120) * 10 + (this.lotNumber % 2) * 5 + 100);
    const unit = this.type === 'P' && rng.chance(0.25) ? String(rng.int(1, 30) * 10) : this.type === 'MH' && rng.chance(0.5) ? String(this.lotNumber) : null;
    const city = world.place.cities[this.hood.cityIndex % world.place.cities.length];
    const zip = rng.pick(city.zips);
    const situs = (situsId: number, primary: boolean, num: string) =>
      this.sink('situs', {
        prop_id: this.propId,
        situs_id: situsId,
        primary_situs: primary ? 'Y' : 'N',
        situs_num: num,
        situs_street_prefx: street.prefix,
        situs_street: street.name,
        situs_street_sufix: street.suffix,
        situs_unit: primary ? unit : null,
        situs_city: city.name,
        situs_state: world.place.state,
        situs_zip: zip,
      });
    situs(this.propId * 2, true, number);
    if (this.type === 'R' && rng.chance(0.05)) situs(this.propId * 2 + 1, false, String(Number(number) + 2));
    const line1 = [number, street.prefix, street.name, street.suffix].filter(Boolean).join(' ');
    this.situsAddress = { line1, line2: unit ? `UNIT ${unit}` : null, city: city.name, state: world.place.state, zip };
  }

  private planLand(): Land {
    const { rng, world } = this;
    const land: Land = { acres: null, rural: false, ag: false, vacant: false, commercial: false, builtYear: 0, sqft: 0, miscDesc: '' };
    if (this.type === 'R') {
      land.rural = rng.chance(this.hood.rural ? 0.7 : 0.03);
      land.commercial = !land.rural && this.propId % 13 === 0;
      land.acres = round4(land.rural ? rng.real(3, 80) : rng.real(0.12, 0.45));
      land.ag = land.rural && rng.chance(0.7);
      land.vacant = !land.commercial && rng.chance(0.08);
      land.builtYear = rng.int(1950, world.firstYear - 1);
      land.sqft = rng.int(90, 420) * 10;
      land.miscDesc = rng.pick(['DETACHED GARAGE', 'SWIMMING POOL', 'BARN', 'WORKSHOP', 'CARPORT', 'STORAGE BUILDING']);
    } else if (this.type === 'MH') {
      land.acres = rng.chance(0.65) ? null : round4(rng.real(0.2, 1.5));
      land.builtYear = rng.int(1985, world.firstYear - 1);
    }
    return land;
  }

  private initialValue(land: Land): ValueParts {
    const { rng, hood } = this;
    const parts: ValueParts = { lot: 0, extraLand: 0, agMarket: 0, agUse: 0, mainImprv: 0, miscImprv: 0, personal: 0 };
    switch (this.type) {
      case 'R': {
        const acres = land.acres ?? 0.25;
        parts.lot = land.rural ? hood.lotBase * 0.6 * rng.real(0.8, 1.2) : hood.lotBase * rng.real(0.8, 1.25) * Math.sqrt(acres / 0.25);
        const extraAcres = land.rural ? acres - 1 : 0;
        if (land.ag) {
          parts.agMarket = extraAcres * hood.acreValue * rng.real(0.85, 1.15);
          parts.agUse = extraAcres * hood.agUsePerAcre;
        } else {
          parts.extraLand = extraAcres * hood.acreValue * rng.real(0.85, 1.15);
        }
        if (!land.vacant) {
          const age = this.world.firstYear - land.builtYear;
          parts.mainImprv = land.sqft * (land.commercial ? 2.5 : 1) * hood.imprvRate * rng.real(0.85, 1.15) * Math.max(0.55, 1 - age * 0.007);
          if (rng.chance(0.3)) parts.miscImprv = parts.mainImprv * rng.real(0.04, 0.12);
        }
        break;
      }
      case 'MH':
        parts.lot = land.acres === null ? 0 : hood.lotBase * 0.5 * rng.real(0.8, 1.2);
        parts.mainImprv = rng.real(18_000, 90_000);
        break;
      case 'P': {
        const [low, high] = rng.weighted(BUSINESS_VALUE_BANDS);
        parts.personal = rng.real(low, high);
        break;
      }
      case 'MN': {
        const [low, high] = rng.weighted(MINERAL_VALUE_BANDS);
        parts.personal = rng.real(low, high);
        break;
      }
      default:
        parts.personal = rng.real(8_000, 70_000);
    }
    return parts;
  }

  /** Next year's value: the neighborhood trend with noise; buildings age, minerals deplete, vehicles depreciate. */
  private grow(previous: ValueParts, land: Land, year: number): ValueParts {
    const { rng } = this;
    const trend = (this.hood.growth.get(year) ?? 0.04) + rng.normal(0, 0.012);
    const landFactor = 1 + trend + rng.normal(0, 0.01);
    const parts = { ...previous };
    parts.lot *= landFactor;
    parts.extraLand *= landFactor;
    parts.agMarket *= landFactor;
    parts.agUse *= 1 + rng.normal(0.01, 0.02);
    if (this.type === 'MH') parts.mainImprv *= 1 - 0.03 + 0.4 * trend + rng.normal(0, 0.01);
    else {
      const imprvFactor = 1 + trend - 0.012 + rng.normal(0, 0.012);
      parts.mainImprv *= imprvFactor;
      parts.miscImprv *= imprvFactor;
    }
    if (this.type === 'R' && land.vacant && rng.chance(0.04)) {
      // New construction on a vacant lot.
      land.vacant = false;
      land.builtYear = year - 1;
      parts.mainImprv = land.sqft * this.hood.imprvRate * rng.real(0.95, 1.2);
    }
    if (this.type === 'P') parts.personal *= 1 + rng.normal(0.02, 0.08);
    if (this.type === 'MN') parts.personal *= Math.max(0.3, 1 + rng.normal(-0.04, 0.15));
    if (this.type === 'A') parts.personal *= 1 + rng.normal(-0.12, 0.03);
    return parts;
  }

  private lastAppraiser(year: number, base: number): number | null {
    const { rng, world } = this;
    const roll = rng.next();
    const inactiveShare = year <= world.lastYear - 3 ? 0.2 : year === world.lastYear ? 0.04 : 0.02;
    if (roll < 0.12) return null;
    if (roll < 0.12 + inactiveShare) return rng.pick([13, 14]);
    if (roll < 0.22 + inactiveShare) return rng.pick(world.activeAppraiserIds());
    return base;
  }

  private legalDescription(land: Land, dba: string | null): { desc: string; subdivision: string | null; block: string | null; tractOrLot: string | null } {
    const { rng } = this;
    const subdivision = this.groupRng.pick(this.hood.subdivisions);
    switch (this.type) {
      case 'R':
        if (land.rural) {
          const tract = `TR ${this.lotNumber}`;
          return { desc: `ABS ${100 + this.block} ${subdivision.name}, ${tract}, ${(land.acres ?? 0).toFixed(3)} ACRES`, subdivision: subdivision.code, block: null, tractOrLot: tract };
        }
        return { desc: `LOT ${this.lotNumber} BLK ${this.block} ${subdivision.name}`, subdivision: subdivision.code, block: String(this.block), tractOrLot: String(this.lotNumber) };
      case 'MH':
        return {
          desc: `MH ${land.builtYear} SERIAL DEMO${rng.digits(8)}${land.acres === null ? ` IN ${this.hood.name.toUpperCase()} MHP LOT ${this.lotNumber}` : ` ON ${land.acres.toFixed(3)} ACRES`}`,
          subdivision: subdivision.code,
          block: null,
          tractOrLot: String(this.lotNumber),
        };
      case 'P':
        return { desc: `BUSINESS PERSONAL PROPERTY: ${dba ?? 'INVENTORY AND EQUIPMENT'}`, subdivision: null, block: null, tractOrLot: null };
      case 'MN':
        return { desc: `RI ${rng.real(0.0001, 0.02).toFixed(7)} ${rng.pick(MINERAL_LEASES)} #${rng.int(1, 12)} WELL ${rng.int(1, 9)}`, subdivision: null, block: null, tractOrLot: null };
      default:
        return { desc: `VEH ${rng.pick(VEHICLES)} VIN DEMO${rng.digits(13)}`, subdivision: null, block: null, tractOrLot: null };
    }
  }

  /** The owners over the years: a first set, and a new set after each sale. */
  private planOwnership(land: Land): OwnershipSpell[] {
    const { rng, world } = this;
    const publicOwned = this.type === 'R' && rng.chance(0.015);
    const spells: OwnershipSpell[] = [this.newSpell(0, world.firstYear, null, land, publicOwned)];
    const saleRate = this.type === 'R' || this.type === 'MH' ? 0.055 : 0.03;
    for (const year of world.years.slice(1)) {
      if (publicOwned || spells.length >= 4 || !rng.chance(saleRate)) continue;
      spells[spells.length - 1].endYear = year - 1;
      const deedDt = dateBetween(rng, isoDate(year - 1, 2, 1), isoDate(year - 1, 12, 20));
      spells.push(this.newSpell(spells.length, year, deedDt, land, false));
    }
    return spells;
  }

  private newSpell(index: number, startYear: number, deedDt: string | null, land: Land, publicOwned: boolean): OwnershipSpell {
    const { rng, world } = this;
    const spell: OwnershipSpell = { index, startYear, endYear: world.lastYear, owners: [], pcts: [100], homestead: false, hsQualifyYear: startYear, deedDt };
    if (publicOwned) {
      spell.owners = [rng.pick(world.publicOwners)];
      return spell;
    }
    const residential = this.type === 'R' || this.type === 'MH';
    if (this.type === 'R' && rng.chance(index === 0 ? 0.04 : 0.08)) {
      spell.owners = [rng.pick(world.investors)];
      return spell;
    }
    const business = land.commercial || this.type === 'P' || (this.type === 'A' && rng.chance(0.6)) || (this.type === 'MN' && rng.chance(0.3));
    if (business) {
      const account = makeOrganisation(this.nextAccountId(), 'business', businessName(rng));
      writeAccount(this.sink, rng, world.place, account, randomMailingAddress(rng, world.place, 0.25));
      spell.owners = [account];
      return spell;
    }
    const first = this.newPerson(index === 0 ? 1940 : 1945, index === 0 ? 1995 : 2000);
    spell.owners = [first];
    if (residential && rng.chance(0.45)) {
      const spouse = makePerson(rng, this.nextAccountId(), {
        lastName: rng.chance(0.85) ? first.lastName ?? undefined : undefined,
        bornFrom: first.birthYear - 6,
        bornTo: first.birthYear + 6,
      });
      spell.owners.push(spouse);
      spell.pcts = rng.chance(0.9) ? [50, 50] : [60, 40];
    }
    spell.homestead = !land.vacant && ((this.type === 'R' && rng.chance(0.62)) || (this.type === 'MH' && rng.chance(0.5)));
    spell.hsQualifyYear = index === 0 ? rng.int(Math.min(world.firstYear, Math.max(1980, first.birthYear + 22)), world.firstYear) : startYear;
    const mailing = spell.homestead && this.situsAddress ? this.situsAddress : randomMailingAddress(rng, world.place, this.type === 'MN' ? 0.7 : 0.3);
    for (const owner of spell.owners) writeAccount(this.sink, rng, world.place, owner, mailing);
    return spell;
  }

  private newPerson(bornFrom: number, bornTo: number): DemoAccount {
    return makePerson(this.rng, this.nextAccountId(), { bornFrom, bornTo });
  }

  /** Account ids derive from the prop_id (prop_id * 10 + n), so no counter runs across parcels. */
  private nextAccountId(): number {
    if (this.nextAccountSlot > 9) throw new Error(`demo generator: parcel ${this.propId} ran out of account ids`);
    return this.propId * 10 + this.nextAccountSlot++;
  }

  /** The year's exemption rows (without sup_num), by the state's rules. */
  private exemptions(year: number, spell: OwnershipSpell, spells: OwnershipSpell[], layer: ValueLayer): RowValues[] {
    const rows: RowValues[] = [];
    const nextSpell = spells[spell.index + 1];
    const termination = nextSpell && year === spell.endYear ? nextSpell.deedDt : null;
    const add = (owner: DemoAccount, code: string, qualifyYear: number, extra: RowValues = {}) => {
      rows.push({
        prop_id: this.propId,
        owner_id: owner.acctId,
        exmpt_tax_yr: year,
        owner_tax_yr: year,
        prop_type_cd: this.type,
        exmpt_type_cd: code,
        applicant_nm: owner.applicantName,
        effective_dt: isoDate(qualifyYear, 1, 1),
        termination_dt: termination,
        qualify_yr: qualifyYear,
        review_status_cd: year === this.world.lastYear && owner.acctId % 37 === 0 ? 'P' : null,
        ...extra,
      });
    };
    const first = spell.owners[0];
    if (spell.homestead) {
      if (this.world.jurisdiction === 'WA') this.seniorExemption(year, spell, add);
      else this.texasHomestead(year, spell, add);
    }
    const wa = this.world.jurisdiction === 'WA';
    if (first.kind === 'public') add(first, 'EX', 1990 + (first.acctId % 20), { exemption_pct: 100 });
    if (first.kind === 'charity') add(first, wa ? 'DOR' : /HISTORICAL/.test(first.fileAsName) ? 'HT' : 'CH', 2000 + (first.acctId % 15), { exemption_pct: 100 });
    if (this.type === 'P') {
      const flags = this.propId % 200;
      if (wa) {
        if (flags < 8) add(first, 'HOF', spell.startYear);
        else if (flags < 12) add(first, 'FARM', spell.startYear);
      } else {
        if (layer.appraised_val < 2_500) add(first, 'EX366', year);
        if (flags < 6) add(first, 'FR', spell.startYear);
        else if (flags < 9) add(first, 'AB', spell.startYear, { exemption_pct: 50 });
        else if (flags < 11) add(first, 'PC', spell.startYear);
      }
    }
    if (!wa && this.type === 'R' && first.kind === 'investor' && this.propId % 97 === 0) add(first, 'AB', spell.startYear, { exemption_pct: 40 });
    return rows;
  }

  /**
   * Washington's senior citizen / disabled person exemption (RCW 84.36.381) on the principal
   * residence: one claimant, 61 or older by December 31 of the year or qualifying by disability,
   * whose combined disposable income falls in one of the county's tiers for the year.
   */
  private seniorExemption(year: number, spell: OwnershipSpell, add: (owner: DemoAccount, code: string, qualifyYear: number, extra?: RowValues) => void): void {
    for (const [i, owner] of spell.owners.entries()) {
      const t = owner.traits;
      if (!t.waApplies || owner.kind !== 'person') continue;
      const byDisability = t.waDisability !== null;
      if (!byDisability && year - owner.birthYear < 61) continue;
      const income = Math.round(t.waIncome * (1 + 0.02 * (year - this.world.firstYear)));
      const tier = incomeTiers(year).find((r) => income >= r.income_min && income <= r.income_max);
      if (!tier) continue;
      const other = spell.owners[1 - i];
      add(owner, 'SNR/DSBL', Math.max(spell.hsQualifyYear, byDisability ? spell.hsQualifyYear : owner.birthYear + 61), {
        birth_dt: owner.birthDt,
        spouse_birth_dt: other?.birthDt ?? null,
        prop_exmpt_ss_num: owner.ssn,
        prop_exmpt_dl_num: owner.dlNum,
        exmpt_subtype_cd: t.waDisability ?? 'SNR',
        exempt_qualify_cd: tier.exemption_code,
        combined_disp_income: income,
      });
      return;
    }
  }

  /** Texas: the residence homestead and the personal exemptions that go with it, per owner. */
  private texasHomestead(year: number, spell: OwnershipSpell, add: (owner: DemoAccount, code: string, qualifyYear: number, extra?: RowValues) => void): void {
    spell.owners.forEach((owner, i) => {
      const other = spell.owners[1 - i];
      const t = owner.traits;
      const personal: RowValues = {
        birth_dt: owner.birthDt,
        spouse_birth_dt: other?.birthDt ?? null,
        prop_exmpt_ss_num: owner.ssn,
        prop_exmpt_dl_num: owner.dlNum,
      };
      add(owner, 'HS', spell.hsQualifyYear, {
        birth_dt: owner.acctId % 10 < 7 ? owner.birthDt : null,
        spouse_birth_dt: other && owner.acctId % 10 < 5 ? other.birthDt : null,
        prop_exmpt_ss_num: owner.acctId % 5 < 2 ? owner.ssn : null,
        prop_exmpt_dl_num: owner.dlNum,
      });
      const turned65 = owner.birthYear + 65;
      const age = year - owner.birthYear;
      if (t.survivingSpouse && age >= 55 && year < turned65) {
        add(owner, 'OV65S', Math.max(spell.hsQualifyYear, owner.birthYear + 55), {
          ...personal,
          spouse_birth_dt: t.deceasedSpouseBirthDt,
          termination_dt: year + 1 === turned65 && spell.endYear > year ? isoDate(year, 12, 31) : null,
        });
      } else if ((t.claimsOv65 || t.survivingSpouse) && year >= turned65) {
        add(owner, 'OV65', Math.max(spell.hsQualifyYear, turned65), personal);
      } else if (t.disabled) {
        add(owner, 'DP', spell.hsQualifyYear, personal);
      }
      if (t.dvRating > 0) {
        if (t.dvTotal) add(owner, 'DVHS', spell.hsQualifyYear, { ...personal, exemption_pct: 100 });
        else add(owner, `DV${t.dvRating}${t.dvSurvivor ? 'S' : ''}`, spell.hsQualifyYear, personal);
      }
      if (i === 0 && t.solar) add(owner, 'SO', spell.hsQualifyYear);
    });
  }

  private writeSales(spells: OwnershipSpell[], marketByYear: Map<number, number>): void {
    const { rng, world } = this;
    for (const spell of spells.slice(1)) {
      const previous = spells[spell.index - 1];
      const id = this.propId * 10 + spell.index;
      const deedDt = spell.deedDt!;
      const deedType = rng.weighted([['WD', 70], ['SWD', 10], ['GWD', 8], ['EXD', 5], ['QCD', 7]] as const);
      const names = (owners: DemoAccount[], length: number) => owners.map((o) => o.fileAsName).join(' & ').slice(0, length);
      this.sink('chg_of_owner', {
        chg_of_owner_id: id,
        deed_type_cd: deedType,
        deed_num: `${deedDt.slice(0, 4)}${rng.digits(6)}`,
        deed_book_id: String(rng.int(1_000, 9_999)),
        deed_book_page: String(rng.int(1, 999)),
        deed_dt: deedDt,
        coo_sl_dt: deedDt,
        grantor_cv: names(previous.owners, 30),
        grantee_cv: names(spell.owners, 30),
      });
      this.sink('chg_of_owner_prop_assoc', { chg_of_owner_id: id, prop_id: this.propId, seq_num: 0, sup_tax_yr: spell.startYear });
      const market = marketByYear.get(spell.startYear - 1) ?? marketByYear.get(spell.startYear) ?? 0;
      if (deedType !== 'GWD' && rng.chance(0.85)) {
        this.sink('sale', {
          chg_of_owner_id: id,
          sl_price: Math.round((market * rng.real(0.92, 1.18)) / 500) * 500,
          sl_dt: deedDt,
          sl_type_cd: rng.weighted([['Q', 80], ['U', 20]] as const),
          confidential_sale: rng.chance(0.25) ? 'T' : 'F',
        });
      }
      world.writeEvent(this.sink, this.propId, {
        type: 'COO',
        date: officeTime(rng, deedDt),
        desc: `Change of ownership ${id}: ${names(previous.owners, 500)} to ${names(spell.owners, 500)}`.slice(0, 2048),
        year: spell.startYear,
        refId2: id,
      });
    }
  }
}

/**
 * Rounds the parts (to $10; productivity value to $1) and derives the roll columns. In Texas a
 * homestead's assessed value may rise at most 10% a year while the same owners keep it
 * (Tax Code §23.23; `capBase` is last year's assessed value then); ten_percent_cap is what the
 * cap takes off. `hstd` splits land and buildings into the homestead (owner-occupied) columns.
 */
function valueLayer(raw: ValueParts, hstd: boolean, capBase: number | null): ValueLayer {
  const parts: ValueParts = {
    lot: round10(raw.lot),
    extraLand: round10(raw.extraLand),
    agMarket: round10(raw.agMarket),
    agUse: Math.round(raw.agUse),
    mainImprv: round10(raw.mainImprv),
    miscImprv: round10(raw.miscImprv),
    personal: round10(raw.personal),
  };
  const imprv = parts.mainImprv + parts.miscImprv;
  const land = parts.lot + parts.extraLand;
  const market = land + imprv + parts.personal + parts.agMarket;
  const appraised = market - parts.agMarket + parts.agUse;
  const assessed = capBase !== null ? Math.min(appraised, Math.round(capBase * 1.1)) : appraised;
  return {
    parts,
    land_hstd_val: hstd ? parts.lot : 0,
    land_non_hstd_val: hstd ? parts.extraLand : land,
    imprv_hstd_val: hstd ? imprv : 0,
    imprv_non_hstd_val: hstd ? parts.personal : imprv + parts.personal,
    ag_use_val: parts.agUse,
    ag_market: parts.agMarket,
    market,
    appraised_val: appraised,
    ten_percent_cap: appraised - assessed,
    assessed_val: assessed,
  };
}

/** A protest reduction: buildings first, else land, else the personal value. */
function scaleParts(parts: ValueParts, factor: number): ValueParts {
  if (parts.mainImprv > 0) return scaleImprovements(parts, factor);
  if (parts.personal > 0) return { ...parts, personal: parts.personal * factor };
  return { ...parts, lot: parts.lot * factor, extraLand: parts.extraLand * factor, agMarket: parts.agMarket * factor };
}

function scaleImprovements(parts: ValueParts, factor: number): ValueParts {
  if (parts.mainImprv === 0) return scaleParts(parts, factor);
  return { ...parts, mainImprv: parts.mainImprv * factor, miscImprv: parts.miscImprv * factor };
}

function round10(value: number): number {
  return Math.round(value / 10) * 10;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
