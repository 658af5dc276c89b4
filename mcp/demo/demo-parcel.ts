import type { RowValues } from './batch-inserter.js';
import { businessName, makeOrganisation, makePerson, randomMailingAddress, writeAccount, type DemoAccount, type MailingAddress, type RowSink } from './demo-accounts.js';
import { addDays, dateBetween, isoDate, officeTime } from './demo-calendar.js';
import { planProtest, writeProtest } from './demo-protests.js';
import { GEO_PREFIX, PROP_TYPE_WEIGHTS, SUPPLEMENT_REASONS } from './demo-reference-data.js';
import { MINERAL_LEASES, VEHICLES } from './demo-vocabulary.js';
import { BPP_APPRAISERS, PROTEST_RATE, STREAM, type DemoWorld, type Neighborhood } from './demo-world.js';
import { Prng } from './prng.js';

export const FIRST_PROP_ID = 10_001;
const PARCELS_PER_MAP = 24;
const SUPPLEMENT_RATE = 0.1;
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
}

/** A stretch of years with the same owners; a new one starts with each sale. */
interface OwnershipSpell {
  index: number;
  startYear: number;
  endYear: number;
  owners: DemoAccount[];
  pcts: number[];
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
  builtYear: number;
  sqft: number;
  miscDesc: string;
}

/** Writes one parcel: property, situs, owners and their accounts, every year's values, exemptions, protests, supplements and sales. */
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
    this.sink('property', {
      prop_id: this.propId,
      prop_type_cd: this.type,
      geo_id: geoId,
      simple_geo_id: geoId.replace('-', ''),
      ref_id1: `X${String(this.propId * 7 + 3).padStart(8, '0')}`,
      ref_id2: this.type === 'MN' ? `RRC${rng.digits(6)}` : null,
      dba_name: dba,
      prop_create_dt: isoDate(rng.int(1998, world.firstYear - 1), rng.int(1, 12), rng.int(1, 28)),
    });
    this.writeSitus();

    const land = this.planLand();
    const legal = this.legalDescription(land, dba);
    let parts = this.initialValue(land);
    const spells = this.planOwnership(land);
    const agParcel = land.ag;
    const marketByYear = new Map<number, number>();
    const baseAppraiser = this.type === 'P' || this.type === 'MN' || this.type === 'A' ? BPP_APPRAISERS[this.propId % 2] : this.hood.appraiserId;
    let previousAssessed = 0;
    let previousHomesteadSpell = -1;

    for (const year of world.years) {
      if (year > world.firstYear) parts = this.grow(parts, land, year);
      const spell = spells.find((s) => year >= s.startYear && year <= s.endYear)!;
      const capBase = spell.homestead && previousHomesteadSpell === spell.index ? previousAssessed : null;
      const notice = valueLayer(parts, spell.homestead, capBase);
      const lastAppraiserId = this.lastAppraiser(year, baseAppraiser);

      let roll = notice;
      if (world.protestYears.has(year) && rng.chance(PROTEST_RATE[this.type])) {
        const plan = planProtest(world, rng, {
          propId: this.propId,
          propType: this.type,
          year,
          preferredAppraiserId: lastAppraiserId && !world.appraiser(lastAppraiserId).inactive ? lastAppraiserId : baseAppraiser,
          agParcel,
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
      };
      const exemptions = this.exemptions(year, spell, spells, roll);
      this.writeLayer(year, 0, description, null, roll, spell, exemptions, land);
      let currentSupNum = 0;

      if (world.isCertified(year) && rng.chance(SUPPLEMENT_RATE)) {
        const reason = rng.weighted(SUPPLEMENT_REASONS);
        const factor = rng.real(reason.imprvFactor[0], reason.imprvFactor[1]);
        const supplemented = valueLayer(scaleImprovements(roll.parts, factor), spell.homestead, capBase);
        const supDt = dateBetween(rng, addDays(world.certificationDate(year), 8), isoDate(year, 12, 15));
        this.writeLayer(year, 1, description, { sup_cd: reason.sup_cd, sup_desc: reason.sup_desc, sup_dt: supDt }, supplemented, spell, exemptions, land);
        world.writeEvent(this.sink, this.propId, {
          type: 'SUPLMNT',
          date: officeTime(rng, supDt),
          desc: `${reason.sup_cd}: market ${roll.market} -> ${supplemented.market}`,
          appraiserId: lastAppraiserId ?? baseAppraiser,
          year,
          refNum: 1,
        });
        currentSupNum = 1;
      }
      this.sink('prop_supp_assoc', { owner_tax_yr: year, sup_num: currentSupNum, prop_id: this.propId });

      marketByYear.set(year, roll.market);
      previousAssessed = roll.assessed_val;
      previousHomesteadSpell = spell.homestead ? spell.index : -1;
    }
    this.writeSales(spells, marketByYear);
  }

  /** One supplement layer of a year: its values, owners, exemptions, buildings and land. */
  private writeLayer(
    year: number,
    supNum: number,
    description: LayerDescription,
    supplement: { sup_cd: string; sup_desc: string; sup_dt: string } | null,
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
      prev_sup_num: supplement ? 0 : null,
      sup_cd: supplement?.sup_cd ?? null,
      sup_desc: supplement?.sup_desc ?? null,
      sup_dt: supplement?.sup_dt ?? null,
      sup_action: supplement ? 'M' : null,
      prop_inactive_dt: null,
      last_appraiser_id: description.last_appraiser_id,
      next_appraiser_id: description.next_appraiser_id,
    });
    spell.owners.forEach((owner, i) => {
      this.sink('owner', {
        owner_tax_yr: year,
        sup_num: supNum,
        prop_id: this.propId,
        owner_id: owner.acctId,
        pct_ownership: spell.pcts[i],
        hs_prop: spell.homestead ? 'T' : 'F',
        birth_dt: owner.birthDt,
      });
    });
    for (const exemption of exemptions) {
      // The sink turns the row into SQL at once, so one object serves every layer.
      exemption.sup_num = supNum;
      this.sink('property_exemption', exemption);
    }
    if (parts.mainImprv > 0) {
      this.sink('imprv', {
        prop_val_yr: year,
        sup_num: supNum,
        sale_id: 0,
        prop_id: this.propId,
        imprv_id: this.propId * 10 + 1,
        imprv_type_cd: this.type === 'MH' ? 'MH' : 'R',
        imprv_desc: this.type === 'MH' ? 'MOBILE HOME' : `RESIDENCE ${land.sqft} SF`,
        imprv_val: parts.mainImprv,
        actual_year_built: land.builtYear,
      });
    }
    if (parts.miscImprv > 0) {
      this.sink('imprv', {
        prop_val_yr: year,
        sup_num: supNum,
        sale_id: 0,
        prop_id: this.propId,
        imprv_id: this.propId * 10 + 2,
        imprv_type_cd: 'MISC',
        imprv_desc: land.miscDesc,
        imprv_val: parts.miscImprv,
        actual_year_built: Math.min(year, land.builtYear + 3),
      });
    }
    if (parts.lot > 0) {
      const acres = land.rural ? 1 : land.acres ?? 0;
      this.sink('land_detail', {
        prop_val_yr: year,
        sup_num: supNum,
        sale_id: 0,
        prop_id: this.propId,
        land_seg_id: this.propId * 10 + 1,
        land_type_cd: spell.homestead ? 'HS' : land.rural ? 'RUR' : 'RES',
        size_acres: acres,
        size_square_feet: Math.round(acres * 43_560 * 100) / 100,
        ag_apply: 'F',
        land_seg_mkt_val: parts.lot,
        ag_val: 0,
      });
    }
    if (parts.extraLand > 0 || parts.agMarket > 0) {
      const acres = Math.round(((land.acres ?? 1) - 1) * 10_000) / 10_000;
      this.sink('land_detail', {
        prop_val_yr: year,
        sup_num: supNum,
        sale_id: 0,
        prop_id: this.propId,
        land_seg_id: this.propId * 10 + 2,
        land_type_cd: land.ag ? 'AG' : 'RUR',
        size_acres: acres,
        size_square_feet: Math.round(acres * 43_560 * 100) / 100,
        ag_apply: land.ag ? 'T' : 'F',
        land_seg_mkt_val: land.ag ? parts.agMarket : parts.extraLand,
        ag_val: land.ag ? parts.agUse : 0,
      });
    }
  }

  private writeSitus(): void {
    const { rng } = this;
    if (this.type === 'MN' || this.type === 'A' || (this.type === 'P' && rng.chance(0.1))) return;
    const street = rng.pick(this.hood.streets);
    const number = String(rng.int(1, 120) * 10 + (this.lotNumber % 2) * 5 + 100);
    const unit = this.type === 'P' && rng.chance(0.25) ? String(rng.int(1, 30) * 10) : this.type === 'MH' && rng.chance(0.5) ? String(this.lotNumber) : null;
    const zip = rng.pick(this.hood.city.zips);
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
        situs_city: this.hood.city.name,
        situs_state: 'TX',
        situs_zip: zip,
      });
    situs(this.propId * 2, true, number);
    if (this.type === 'R' && rng.chance(0.05)) situs(this.propId * 2 + 1, false, String(Number(number) + 2));
    const line1 = [number, street.prefix, street.name, street.suffix].filter(Boolean).join(' ');
    this.situsAddress = { line1, line2: unit ? `UNIT ${unit}` : null, city: this.hood.city.name, state: 'TX', zip };
  }

  private planLand(): Land {
    const { rng, world } = this;
    const land: Land = { acres: null, rural: false, ag: false, vacant: false, builtYear: 0, sqft: 0, miscDesc: '' };
    if (this.type === 'R') {
      land.rural = rng.chance(this.hood.rural ? 0.7 : 0.03);
      land.acres = round4(land.rural ? rng.real(3, 80) : rng.real(0.12, 0.45));
      land.ag = land.rural && rng.chance(0.7);
      land.vacant = rng.chance(0.08);
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
          parts.mainImprv = land.sqft * hood.imprvRate * rng.real(0.85, 1.15) * Math.max(0.55, 1 - age * 0.007);
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
    const business = this.type === 'P' || (this.type === 'A' && rng.chance(0.6)) || (this.type === 'MN' && rng.chance(0.3));
    if (business) {
      const account = makeOrganisation(this.nextAccountId(), 'business', businessName(rng));
      writeAccount(this.sink, rng, account, randomMailingAddress(rng, 0.25));
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
    const mailing = spell.homestead && this.situsAddress ? this.situsAddress : randomMailingAddress(rng, this.type === 'MN' ? 0.7 : 0.3);
    for (const owner of spell.owners) writeAccount(this.sink, rng, owner, mailing);
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

  /** The year's exemption rows (without sup_num): homestead and personal ones per owner, parcel-level ones on the first owner. */
  private exemptions(year: number, spell: OwnershipSpell, spells: OwnershipSpell[], layer: ValueLayer): RowValues[] {
    const rows: RowValues[] = [];
    const nextSpell = spells[spell.index + 1];
    const termination = nextSpell && year === spell.endYear ? nextSpell.deedDt : null;
    const add = (owner: DemoAccount, code: string, qualifyYear: number, extra: RowValues = {}) => {
      rows.push({
        exmpt_tax_yr: year,
        owner_tax_yr: year,
        prop_id: this.propId,
        owner_id: owner.acctId,
        exmpt_type_cd: code,
        prop_type_cd: this.type,
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
      spell.owners.forEach((owner, i) => {
        const other = spell.owners[1 - i];
        const t = owner.traits;
        const age = year - owner.birthYear;
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
        const waEligible = t.waProgram === 'DSBL' || (t.waProgram === 'SNR' && age >= 61);
        if (waEligible) {
          const income = Math.round(t.waIncome * (1 + 0.02 * (year - this.world.firstYear)));
          add(owner, 'SNR/DSBL', Math.max(spell.hsQualifyYear, t.waProgram === 'SNR' ? owner.birthYear + 61 : spell.hsQualifyYear), {
            ...personal,
            exmpt_subtype_cd: t.waProgram,
            exempt_qualify_cd: income < 30_000 ? 'A' : income < 40_000 ? 'B' : 'C',
            combined_disp_income: income,
          });
        } else if (t.survivingSpouse && age >= 55 && year < turned65) {
          add(owner, 'OV65S', Math.max(spell.hsQualifyYear, owner.birthYear + 55), {
            ...personal,
            spouse_birth_dt: t.deceasedSpouseBirthDt,
            termination_dt: year + 1 === turned65 && spell.endYear > year ? isoDate(year, 12, 31) : termination,
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

    if (first.kind === 'public') add(first, first.acctId % 7 === 0 ? 'DOR' : 'EX', 1990 + (first.acctId % 20), { exemption_pct: 100 });
    if (first.kind === 'charity') add(first, /HISTORICAL/.test(first.fileAsName) ? 'HT' : 'CH', 2000 + (first.acctId % 15), { exemption_pct: 100 });
    if (this.type === 'P') {
      if (layer.appraised_val < 2_500) add(first, 'EX366', year);
      const flags = this.propId % 200;
      if (flags < 6) add(first, 'FR', spell.startYear);
      else if (flags < 9) add(first, 'AB', spell.startYear, { exemption_pct: 50 });
      else if (flags < 11) add(first, 'PC', spell.startYear);
      else if (flags < 12) add(first, 'HOF', spell.startYear);
      else if (flags < 14) add(first, 'FARM', spell.startYear);
    }
    if (this.type === 'R' && first.kind === 'investor' && this.propId % 97 === 0) add(first, 'AB', spell.startYear, { exemption_pct: 40 });
    return rows;
  }

  private writeSales(spells: OwnershipSpell[], marketByYear: Map<number, number>): void {
    const { rng, world } = this;
    for (const spell of spells.slice(1)) {
      const previous = spells[spell.index - 1];
      const id = this.propId * 10 + spell.index;
      const deedDt = spell.deedDt!;
      const deedType = rng.weighted([['WD', 70], ['SWD', 10], ['GWD', 8], ['EXD', 5], ['QCD', 7]] as const);
      const names = (owners: DemoAccount[]) => owners.map((o) => o.fileAsName).join(' & ').slice(0, 70);
      this.sink('chg_of_owner', {
        chg_of_owner_id: id,
        deed_type_cd: deedType,
        deed_num: `${deedDt.slice(0, 4)}${rng.digits(6)}`,
        deed_book_id: String(rng.int(1_000, 9_999)),
        deed_book_page: String(rng.int(1, 999)),
        deed_dt: deedDt,
        coo_sl_dt: deedDt,
        grantor_cv: names(previous.owners),
        grantee_cv: names(spell.owners),
      });
      this.sink('chg_of_owner_prop_assoc', { chg_of_owner_id: id, prop_id: this.propId, seq_num: 0, sup_tax_yr: spell.startYear });
      for (const sellerId of new Set(previous.owners.map((o) => o.acctId))) this.sink('seller_assoc', { chg_of_owner_id: id, seller_id: sellerId });
      for (const buyerId of new Set(spell.owners.map((o) => o.acctId))) this.sink('buyer_assoc', { chg_of_owner_id: id, buyer_id: buyerId });
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
        desc: `Change of ownership ${id}: ${names(previous.owners)} to ${names(spell.owners)}`.slice(0, 2048),
        year: spell.startYear,
        refId2: id,
      });
    }
  }
}

/**
 * Rounds the parts (to $10; productivity value to $1) and derives the roll columns. A
 * homestead's assessed value may rise at most 10% a year while the same owners keep it
 * (TX Tax Code §23.23); ten_percent_cap is what the cap takes off.
 */
function valueLayer(raw: ValueParts, homestead: boolean, capBase: number | null): ValueLayer {
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
    land_hstd_val: homestead ? parts.lot : 0,
    land_non_hstd_val: homestead ? parts.extraLand : land,
    imprv_hstd_val: homestead ? imprv : 0,
    imprv_non_hstd_val: homestead ? parts.personal : imprv + parts.personal,
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
