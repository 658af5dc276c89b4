import { createHash } from 'node:crypto';

const SECRET_KEY = /pass(word|wd)?|pwd|secret|token|api[_-]?key|credential|private[_-]?key/i;
const LONG_TEXT = 4_096;

/**
 * A copy of tool arguments safe to store: secret-looking keys are replaced, and long text
 * (a whole uploaded file, say) is kept as its length and sha256 rather than its content.
 */
export function redactArgs(value: unknown, key = ''): unknown {
  if (SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '') return '[REDACTED]';
  if (typeof value === 'string' && value.length > LONG_TEXT) {
    return `[${value.length} chars, sha256 ${createHash('sha256').update(value).digest('hex')}]`;
  }
  if (Array.isArray(value)) return value.slice(0, 200).map((item) => redactArgs(item));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactArgs(v, k)]));
  }
  return value;
}
