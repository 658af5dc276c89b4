import type { SourceConnector } from '../../connectors/connector.js';
import type { ReportIssue, SourceChecker, StagedRow } from '../import-kind.js';
import { certifiedYearNotice, loadCurrentLayers, loadYears, ParcelLookup, unknownYear, type CurrentLayer, type YearState } from '../pacs-lookups.js';
import { PV } from './property-value-layout.js';

/** A parcel_id of digits may be a prop_id (tried first) or a numeric geo_id. */
const PROP_ID = /^\d{1,10}$/;

/** Validates value rows: the parcel (prop_id or geo_id, never both meanings), an open year with a value layer. */
export class PropertyValueChecker implements SourceChecker {
  private readonly years = new Set<number>();
  private readonly propIds = new Set<number>();
  private readonly refs = new Set<string>();
  private yearStates = new Map<number, YearState>();
  private readonly parcels = new ParcelLookup();
  /** The current layer of each `year|prop_id`. */
  private layers = new Map<string, CurrentLayer>();

  collect(row: StagedRow): void {
    const ref = row.values[PV.parcel_id];
    if (typeof ref === 'string') {
      this.refs.add(ref);
      if (PROP_ID.test(ref)) this.propIds.add(Number(ref));
    }
    const year = yearOf(row);
    if (year !== null) this.years.add(year);
  }

  exportCollected(): unknown {
    return { years: [...this.years], propIds: [...this.propIds], refs: [...this.refs] };
  }

  importCollected(data: unknown): void {
    const d = data as { years: number[]; propIds: number[]; refs: string[] };
    d.years.forEach((y) => this.years.add(y));
    d.propIds.forEach((p) => this.propIds.add(p));
    d.refs.forEach((r) => this.refs.add(r));
  }

  async load(connector: SourceConnector, signal?: AbortSignal): Promise<void> {
    this.yearStates = await loadYears(connector, signal);
    await this.parcels.load(connector, this.propIds, this.refs, signal);
  }

  private candidates(ref: string): { byProp: number | null; byGeo: number | null } {
    const byProp = PROP_ID.test(ref) && this.parcels.typeByProp.has(Number(ref)) ? Number(ref) : null;
    const geo = this.parcels.propByGeo.get(ref);
    return { byProp, byGeo: geo === undefined ? null : geo };
  }

  resolve(row: StagedRow): number | null {
    const ref = row.values[PV.parcel_id];
    if (typeof ref !== 'string') return null;
    const { byProp, byGeo } = this.candidates(ref);
    if (byProp !== null && byGeo !== null && byGeo !== byProp) return null;
    if (byGeo !== null && byGeo < 0) return byProp;
    return byProp ?? byGeo;
  }

  async loadResolved(connector: SourceConnector, signal?: AbortSignal): Promise<void> {
    const years = [...this.years].filter((y) => this.yearStates.has(y));
    this.layers = await loadCurrentLayers(connector, years, [...this.parcels.typeByProp.keys()], signal);
  }

  check(row: StagedRow, firstLine: number | undefined, report: ReportIssue): void {
    const ref = row.values[PV.parcel_id];
    const year = yearOf(row);
    const yearProblem = year !== null ? unknownYear(year, this.yearStates, 'effective_date year') : null;
    if (yearProblem) report('effective_date', yearProblem.code, yearProblem.message);
    if (typeof ref !== 'string') return;
    const { byProp, byGeo } = this.candidates(ref);
    if (byProp !== null && byGeo !== null && byGeo !== byProp) {
      report('parcel_id', 'parcel_ambiguous', `parcel_id ${ref} is prop_id ${byProp} but also the geo_id of parcel ${byGeo}; use the prop_id of the parcel you mean.`);
      return;
    }
    if (byGeo !== null && byGeo < 0 && byProp === null) {
      report('parcel_id', 'parcel_ambiguous', `geo_id ${ref} names more than one parcel; use the prop_id instead.`);
      return;
    }
    if (row.propId === null) {
      report('parcel_id', 'parcel_not_found', `There is no parcel with prop_id or geo_id ${JSON.stringify(ref)} in this PACS database.`);
      return;
    }
    if (year !== null && this.yearStates.has(year)) {
      const layer = this.layers.get(`${year}|${row.propId}`);
      if (!layer) report('parcel_id', 'no_value_layer', `Parcel ${row.propId} has no ${year} values (no prop_supp_assoc row), so there is no value to set.`);
      else if (layer.inactive) report('parcel_id', 'parcel_inactive', `Parcel ${row.propId} is deleted (inactive) in ${year} (property_val.prop_inactive_dt is set), so it takes no value.`);
      const notice = certifiedYearNotice(year, this.yearStates, layer, 'effective_date year');
      if (notice) report('effective_date', notice.code, notice.message);
    }
    if (firstLine !== undefined) report('value_type', 'duplicate_in_file', `This row repeats line ${firstLine} (same parcel, value type and year). Keep one of them.`);
  }
}

function yearOf(row: StagedRow): number | null {
  const date = row.values[PV.effective_date];
  return typeof date === 'string' ? Number(date.slice(0, 4)) : null;
}
