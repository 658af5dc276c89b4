import type { ConnectionRecord } from '../connections/connection-types.js';

/**
 * The state whose property-tax rules apply to a PACS database: exemption rules and the appeal
 * board. Washington (the county this is built for) unless a connection says otherwise.
 */
export const JURISDICTIONS = ['WA', 'TX'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
export const DEFAULT_JURISDICTION: Jurisdiction = 'WA';

export const JURISDICTION_NAMES: Readonly<Record<Jurisdiction, string>> = { WA: 'Washington', TX: 'Texas' };

/** The connection's `jurisdiction` setting, else Washington. */
export function jurisdictionOf(record: Pick<ConnectionRecord, 'config'>): Jurisdiction {
  const value = record.config.jurisdiction;
  return typeof value === 'string' && (JURISDICTIONS as readonly string[]).includes(value) ? (value as Jurisdiction) : DEFAULT_JURISDICTION;
}
