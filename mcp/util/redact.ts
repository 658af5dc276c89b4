import { createHash } from 'node:crypto';

const SECRET_KEY = /pass(word|wd)?|pwd|secret|token|api[_-]?key|credential|private[_-]?key/i;
const LONG_TEXT = 4_096;
const MAX_ITEMS = 200;
const MAX_DEPTH = 16;
export const REDACTED = '[REDACTED]';

/** Whether an argument or field name looks like it holds a secret (password, token, api key…). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * The password of `scheme://user:PASSWORD@host`. The URL must start a word (text start, after
 * whitespace, a quote, `(`, `=` or `,`) and the password cannot hold whitespace, quotes or `/`:
 * so the match never spans SQL code (a string literal or comment around it would need one).
 */
const URL_PASSWORD = /(?<=^|[\s'"(=,<])([a-z][a-z0-9+.-]*:\/\/[^\s'"`:/?#@]*:)([^\s'"`/?#@[\]]+)(?=@)/gi;

/** Keys whose value is a password, in ADO.NET/ODBC/JDBC connection strings and libpq keyword strings. */
const PASSWORD_KEY = /^(?:password|pwd|passwd)$/i;
/** A connection-string key: "Server", "User Id", "Initial Catalog", "TrustServerCertificate"… */
const CONNECTION_KEY = /^[A-Za-z][A-Za-z0-9 _.-]{0,40}$/;
/** `jdbc:sqlserver://host:1433;` in front of a JDBC URL's properties. */
const JDBC_PREFIX = /^[a-z][a-z0-9+.:-]*:\/\/[^;\s]*;/i;
const LIBPQ_PAIR = /^([a-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|[^\s']*)/i;

/**
 * A whole text in `key=value;key=value` form (ADO.NET, ODBC, JDBC properties), with its password
 * values replaced; values end at their `;` or are quoted ('…' or "…" with doubled quotes, {…}).
 * Anything that is not entirely such pairs (a SQL statement, prose) is not a connection string:
 * undefined, and nothing in it is touched.
 */
function redactSemicolonPairs(text: string): string | undefined {
  const prefix = JDBC_PREFIX.exec(text)?.[0] ?? '';
  let out = prefix;
  let i = prefix.length;
  let redacted = false;
  while (i < text.length) {
    const separators = /^[\s;]*/.exec(text.slice(i))![0];
    out += separators;
    i += separators.length;
    if (i >= text.length) break;
    const eq = text.indexOf('=', i);
    const semi = text.indexOf(';', i);
    if (eq < 0 || (semi >= 0 && semi < eq)) return undefined;
    const key = text.slice(i, eq).trim();
    if (!CONNECTION_KEY.test(key)) return undefined;
    out += text.slice(i, eq + 1);
    i = eq + 1;
    const spaces = /^[ \t]*/.exec(text.slice(i))![0];
    out += spaces;
    i += spaces.length;
    const end = valueEnd(text, i);
    if (end === undefined) return undefined;
    const value = text.slice(i, end);
    if (PASSWORD_KEY.test(key) && value.trim() !== '') {
      out += REDACTED;
      redacted = true;
    } else {
      out += value;
    }
    i = end;
  }
  return redacted ? out : undefined;
}

/** Where a connection-string value starting at `start` ends (at its `;` or the text's end), or undefined when malformed. */
function valueEnd(text: string, start: number): number | undefined {
  const open = text[start];
  const close = open === '{' ? '}' : open === "'" || open === '"' ? open : undefined;
  if (!close) {
    const semi = text.indexOf(';', start);
    return semi < 0 ? text.length : semi;
  }
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] !== close) continue;
    if (text[i + 1] === close) {
      i++;
      continue;
    }
    const rest = /^[ \t]*/.exec(text.slice(i + 1))![0];
    const after = i + 1 + rest.length;
    return after === text.length || text[after] === ';' ? after : undefined;
  }
  return undefined;
}

/** A whole text in libpq's `host=… password=…` form (space-separated, '…' quoting), with its password values replaced. */
function redactLibpqPairs(text: string): string | undefined {
  let out = '';
  let rest = text;
  let redacted = false;
  while (rest.length) {
    const spaces = /^\s*/.exec(rest)![0];
    out += spaces;
    rest = rest.slice(spaces.length);
    if (!rest.length) break;
    const pair = LIBPQ_PAIR.exec(rest);
    if (!pair || (rest.length > pair[0].length && !/^\s/.test(rest.slice(pair[0].length)))) return undefined;
    const [whole, key, value] = pair;
    if (PASSWORD_KEY.test(key) && value !== '' && value !== "''") {
      out += whole.slice(0, whole.length - value.length) + REDACTED;
      redacted = true;
    } else {
      out += whole;
    }
    rest = rest.slice(whole.length);
  }
  return redacted ? out : undefined;
}

/**
 * Text with secret values replaced, and nothing else: the password of a connection URL, and the
 * password values of a text that is wholly a connection string. Any other text (a SQL statement
 * that happens to say `password=`, prose) is kept as written, so an audit row always shows the
 * statement that ran.
 */
export function redactInlineSecrets(text: string): string {
  const withoutUrlPasswords = text.replace(URL_PASSWORD, `$1${REDACTED}`);
  if (/[\r\n]/.test(withoutUrlPasswords) || !withoutUrlPasswords.includes('=')) return withoutUrlPasswords;
  return redactSemicolonPairs(withoutUrlPasswords) ?? redactLibpqPairs(withoutUrlPasswords) ?? withoutUrlPasswords;
}

/**
 * A copy of tool arguments safe to store: secret-looking keys are replaced, passwords inside
 * connection URLs or strings are masked, and long text (a whole uploaded file, say) is kept as
 * its length and sha256 rather than its content.
 * Arrays and objects keep their first 200 entries and 16 levels, so hostile arguments (a
 * million keys, nesting 100,000 deep) still give a small audit row instead of a failed write.
 */
export function redactArgs(value: unknown, key = '', depth = 0): unknown {
  if (SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '') return REDACTED;
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
