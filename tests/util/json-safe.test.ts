import { describe, expect, it } from 'vitest';
import { jsonSafeRow } from '../../mcp/util/json-safe.js';

describe('jsonSafeRow', () => {
  it('hands back a row that is already JSON-safe as it is, without copying it', () => {
    const row = { a: 1, b: 'x', c: null, d: true, e: 2.5 };
    expect(jsonSafeRow(row)).toBe(row);
  });

  it('converts bigints, bytes, dates, non-finite numbers and undefined in a copy, leaving the driver row alone', () => {
    const when = new Date('2024-01-02T03:04:05.000Z');
    const row: Record<string, unknown> = { id: 1, big: 2n ** 60n, small: 7n, bytes: Buffer.from('hi'), when, nan: Number.NaN, gone: undefined };
    const safe = jsonSafeRow(row);
    expect(safe).not.toBe(row);
    expect(safe).toEqual({ id: 1, big: '1152921504606846976', small: 7, bytes: 'aGk=', when: '2024-01-02T03:04:05.000Z', nan: 'NaN', gone: null });
    expect(row.big).toBe(2n ** 60n);
  });
});
