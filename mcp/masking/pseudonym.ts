import crypto from 'node:crypto';
import type { SensitiveCategory } from './sensitive-columns.js';

/** E-mail pseudonyms are addresses (…@masked.invalid), so the class has no prefix. */
const PREFIX: Record<Exclude<SensitiveCategory, 'email'> | 'text', string> = {
  name: 'NAME',
  address: 'ADDR',
  phone: 'PHONE',
  birth_date: 'DOB',
  ssn: 'SSN',
  licence: 'DL',
  income: 'INCOME',
  sale_price: 'PRICE',
  free_text: 'TEXT',
  credential: 'SECRET',
  text: 'MASKED',
};

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const PSEUDONYM = new RegExp(`^(?:(?:${[...new Set(Object.values(PREFIX))].join('|')})-[${BASE32}]{10}|[${BASE32.toLowerCase()}]{10}@masked\\.invalid)$`);

/** A value this masking produced (in a lakehouse table loaded masked, say): masking it again would break joins on it. */
export function isPseudonym(value: string): boolean {
  return PSEUDONYM.test(value);
}
const CACHE_LIMIT = 100_000;

/**
 * Deterministic pseudonyms: HMAC-SHA256 of (category, value) under the install's masking key.
 * The same value always gets the same pseudonym on this install, so snapshots taken at different
 * times still line up in a diff; without the key (kept in the OS keychain) a pseudonym cannot be
 * reversed, not even for short values such as birth dates, by trying candidates.
 */
export class Pseudonymizer {
  private readonly cache = new Map<string, string>();

  constructor(private readonly key: Buffer) {}

  pseudonym(category: SensitiveCategory | 'text', value: string | number | boolean): string {
    // Trailing blanks are padding (SQL Server CHAR columns), not part of the value.
    const text = typeof value === 'string' ? value.trim() : String(value);
    const cacheKey = `${category}\u0000${text}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const digest = crypto.createHmac('sha256', this.key).update(cacheKey).digest();
    let code = '';
    for (let i = 0; i < 10; i++) code += BASE32[digest[i] & 31];
    const result = category === 'email' ? `${code.toLowerCase()}@masked.invalid` : `${PREFIX[category]}-${code}`;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(cacheKey, result);
    return result;
  }
}
