/** Database values as JSON can carry them: bigints as numbers when exact, else strings; bytes as base64. */
export function jsonSafeValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

/** The row with every value JSON-safe: the same object when it already is (most rows), else a converted copy. */
export function jsonSafeRow(row: Record<string, unknown>): Record<string, unknown> {
  let safe = true;
  for (const key in row) {
    const value = row[key];
    if (value !== null && typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) {
      safe = false;
      break;
    }
  }
  if (safe) return row;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(row)) out[key] = jsonSafeValue(row[key]);
  return out;
}
