import { createHash } from 'node:crypto';

const SECRET_KEY = /pass(word|wd)?|pwd|secret|token|api[_-]?key|credential|private[_-]?key/i;
const LONG_TEXT = 4_096;
const MAX_ITEMS = 200;
const MAX_DEPTH = 16;

/**
 * A copy of tool arguments safe to store: secret-looking keys are replaced, and long text
 * (a whole uploaded file, say) is kept as its length and sha256 rather than its content.
 * Arrays and objects keep their first 200 entries and 16 levels, so hostile arguments (a
 * million keys, nesting 100,000 deep) still give a small audit row instead of a failed write.
 */
export function redactArgs(value: unknown, key = '', depth = 0): unknown {
  if (SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '') return '[REDACTED]';
  if (typeof value === 'string' && value.length > LONG_TEXT) {
    return `[${value.length} chars, sha256 ${createHash('sha256').update(value).digest('hex')}]`;
  }
  if (value && typeof value === 'object' && depth >= MAX_DEPTH) return `[nested deeper than ${MAX_DEPTH} levels]`;
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => redactArgs(item, '', depth + 1));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const kept = entries.slice(0, MAX_ITEMS).map(([k, v]) => [k, redactArgs(v, k, depth + 1)]);
    if (entries.length > MAX_ITEMS) kept.push(['[more keys]', entries.length - MAX_ITEMS]);
    return Object.fromEntries(kept);
  }
  return value;
}
