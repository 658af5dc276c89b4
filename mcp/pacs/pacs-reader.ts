import type { ConnectionRecord } from '../connections/connection-types.js';
import type { Row, SourceConnector } from '../connectors/connector.js';
import { dialectOf, type SqlDialect } from '../dialects/index.js';
import { jsonSafeRow } from '../util/json-safe.js';
import { acceptedLayerSql } from './layers.js';

const PACS_TIMEOUT_MS = 30_000;

/**
 * Runs the engine's own PACS queries (written with `?` placeholders) on a connector. A county
 * whose PACS version differs can override one query per name in the connection config under
 * `pacs_query_overrides`, keeping the same placeholders.
 */
export class PacsReader {
  constructor(readonly record: ConnectionRecord, readonly connector: Pick<SourceConnector, 'dialect' | 'query'>) {}

  get dialect(): SqlDialect {
    return this.connector.dialect;
  }

  async rows(name: string, sql: string, params: unknown[], maxRows = 10_000, signal?: AbortSignal): Promise<{ rows: Row[]; truncated: boolean }> {
    const overrides = this.record.config.pacs_query_overrides as Record<string, string> | undefined;
    const text = overrides?.[name] ?? sql;
    const result = await this.connector.query(text, params, { maxRows, timeoutMs: PACS_TIMEOUT_MS, signal });
    return { rows: result.rows.map(unpadded), truncated: result.truncated };
  }

  async currentYear(): Promise<number> {
    const { rows } = await this.rows('current_year', 'SELECT MAX(appr_yr) AS appr_yr FROM pacs_system', []);
    const year = Number(rows[0]?.appr_yr);
    if (!Number.isFinite(year) || year <= 0) throw new Error('pacs_system has no appraisal year (appr_yr). Is this a PACS database?');
    return year;
  }

  /** The calendar year the future-year layer (year 0) stands for; null when there is none. */
  async futureYear(): Promise<number | null> {
    const { rows } = await this.rows('future_year', 'SELECT MAX(future_yr) AS future_yr FROM pacs_system', []);
    const year = Number(rows[0]?.future_yr);
    return Number.isFinite(year) && year > 0 ? year : null;
  }

  /** The dialect's row cap (`TOP (n)` or `LIMIT n`), at least one row; n is always an integer we validated. */
  limit(n: number): { top: string; limit: string } {
    return dialectOf(this.dialect).rowLimit(Math.max(1, Math.floor(n)));
  }
}

/**
 * A row as JSON carries it, text without the trailing blanks SQL Server and PostgreSQL pad
 * char(n) columns with (prop_type_cd 'R    '), so every dialect gives the same answer.
 */
function unpadded(row: Row): Row {
  const out = jsonSafeRow(row);
  for (const key in out) if (typeof out[key] === 'string') out[key] = (out[key] as string).trimEnd();
  return out;
}

/** The owner name as it may be shown: the confidential name when the account is confidential. */
export const OWNER_DISPLAY_NAME = "CASE WHEN a.confidential_flag = 'T' THEN a.confidential_file_as_name ELSE a.file_as_name END";

/** Keeps the property_val row `pv` only when it is the official (accepted) layer of its year. */
export const OFFICIAL_LAYER = acceptedLayerSql('pv');

/** Joins property_val `pv` to the current layer of its year (the one prop_supp_assoc names: where PACS writes). */
export const CURRENT_LAYER_JOIN =
  'JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.sup_num = pv.sup_num AND psa.prop_id = pv.prop_id';

export function situsLine(row: Row): string {
  return [row.situs_num, row.situs_street_prefx, row.situs_street, row.situs_street_sufix, row.situs_unit ? `#${row.situs_unit}` : null, row.situs_city]
    .filter((part) => part !== null && part !== undefined && String(part).trim() !== '')
    .map((part) => String(part).trim())
    .join(' ');
}
