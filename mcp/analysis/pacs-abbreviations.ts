/**
 * The abbreviations PACS table and column names are made of, with the word a person would type:
 * `exmpt_type` is "exemption type", `imprv_val` "improvement value", `yr_blt` "year built".
 * Read from the PACS catalog's names; matching a question against names uses both forms.
 */
export const PACS_ABBREVIATIONS: Readonly<Record<string, string>> = {
  abs: 'abstract',
  acct: 'account',
  addr: 'address',
  appr: 'appraisal',
  blt: 'built',
  chg: 'change',
  cmnt: 'comment',
  det: 'detail',
  desc: 'description',
  dt: 'date',
  exmpt: 'exemption',
  hood: 'neighborhood',
  hstd: 'homestead',
  imprv: 'improvement',
  mkt: 'market',
  nm: 'name',
  pct: 'percent',
  prop: 'property',
  prot: 'protest',
  seg: 'segment',
  sl: 'sale',
  subdv: 'subdivision',
  sup: 'supplement',
  supp: 'supplement',
  val: 'value',
  yr: 'year',
};

/** A name's word as a person types it (the abbreviation itself when it is none). */
export function spelledOut(token: string): string {
  return PACS_ABBREVIATIONS[token] ?? token;
}
