import { createHash } from 'node:crypto';

const SECRET_KEY = /pass(word|wd)?|pwd|secret|token|api[_-]?key|credential|private[_-]?key/i;
const LONG_TEXT = 4_096;
const MAX_ITEMS = 200;
const MAX_DEPTH = 16;

/** Whether an argument or field name looks like it holds a secret (password, token, api key…). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** `postgres://user:PASSWORD@host` and `…;Password=PASSWORD;…` inside any text. */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)[^\s@/]+(@)/gi;
const CONNECTION_STRING_PASSWORD = /(\b(?:password|pwd)\s*=\s*)(?:\{[^}]*\}|[^;\s]*)/gi;

/** Text with the password part of a connection URL or connection string replaced. */
export function redactInlineSecrets(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1[REDACTED]$2').replace(CONNECTION_STRING_PASSWORD, '$1[REDACTED]');
}

/**
 * A copy of tool arguments safe to store: secret-looking keys are replaced, passwords inside
 * connection URLs or strings are masked, and long text (a whole uploaded file, say) is kept as
 * its length and sha256 rather than its content.
 * Arrays and objects keep their first 200 entries and 16 levels, so hostile arguments (a
 * million keys, nesting 100,000 deep) still give a small audit row instead of a failed write.
 */
export function redactArgs(value: unknown, key = '', depth = 0): unknown {
  if (SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '') return '[REDACTED]';
  if (typeof value === 'string' && value.length > LONG_TEXT) {
    return `[${value.length} chars, sha256 ${createHash('sha256').update(value).digest('hex')}]`;
  }
  if (typeof value === 'string') return redactInlineSecrets(value);
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
