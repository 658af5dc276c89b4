import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSecretKey, redactArgs, redactInlineSecrets } from '../../mcp/util/redact.js';

const R = '[REDACTED]';

describe('redactInlineSecrets: secret values only, never the rest of a statement', () => {
  it.each([
    // SQL that merely says password= is kept exactly as written: an audit row shows what ran.
    ["SELECT'password='AS/**/pad, name, ssn FROM account", "SELECT'password='AS/**/pad, name, ssn FROM account"],
    ["SELECT'password='AS/**/pad,/**/name,/**/ssn/**/FROM/**/account", "SELECT'password='AS/**/pad,/**/name,/**/ssn/**/FROM/**/account"],
    ['SELECT password=password_hash FROM users', 'SELECT password=password_hash FROM users'],
    ["SELECT * FROM users WHERE pwd = 'x' OR 1=1", "SELECT * FROM users WHERE pwd = 'x' OR 1=1"],
    ["SELECT/*'Password=*/secret_col/*;'*/FROM/**/account", "SELECT/*'Password=*/secret_col/*;'*/FROM/**/account"],
    ["SELECT'x://a:'+password_hash+'@'FROM/**/users", "SELECT'x://a:'+password_hash+'@'FROM/**/users"],
    ["SELECT 1;\nPassword=(SELECT secret FROM t)", "SELECT 1;\nPassword=(SELECT secret FROM t)"],
    // Connection strings: the password value up to its delimiter, nothing after it.
    ['Server=db1;Database=pacs;User Id=app;Password=hunter2;Encrypt=true', `Server=db1;Database=pacs;User Id=app;Password=${R};Encrypt=true`],
    ['Server=db1;Uid=app;Pwd=hunter2', `Server=db1;Uid=app;Pwd=${R}`],
    ['Password=hunter2;Server=db1', `Password=${R};Server=db1`],
    ["Server=db1;Password='hun;ter''2';Database=pacs", `Server=db1;Password=${R};Database=pacs`],
    ['Server=db1;Password="hun;ter""2";Database=pacs', `Server=db1;Password=${R};Database=pacs`],
    ['Driver={ODBC Driver 18};Server=db1;PWD={hun;ter}}2};Database=pacs', `Driver={ODBC Driver 18};Server=db1;PWD=${R};Database=pacs`],
    ['Server = db1 ; password = hunter2 ; Database = pacs', `Server = db1 ; password = ${R}; Database = pacs`],
    ['jdbc:sqlserver://db1:1433;user=app;password=hunter2;databaseName=pacs', `jdbc:sqlserver://db1:1433;user=app;password=${R};databaseName=pacs`],
    ["host=db1 port=5432 user=app password='hun ter2' dbname=pacs", `host=db1 port=5432 user=app password=${R} dbname=pacs`],
    ['host=db1 password=hunter2', `host=db1 password=${R}`],
    ['Server=db1;Password=;Database=pacs', 'Server=db1;Password=;Database=pacs'],
    // URLs: the user info's password only.
    ['postgres://app:hunter2@db1:5432/pacs', `postgres://app:${R}@db1:5432/pacs`],
    ['connect to postgres://app:hunter2@db1/pacs please', `connect to postgres://app:${R}@db1/pacs please`],
    ["SELECT * FROM t WHERE url = 'postgres://app:hunter2@db1/pacs' AND a = 1", `SELECT * FROM t WHERE url = 'postgres://app:${R}@db1/pacs' AND a = 1`],
    ['https://example.org/a:b@c', 'https://example.org/a:b@c'],
    ['plain text, no secret', 'plain text, no secret'],
  ])('%s', (input, expected) => {
    expect(redactInlineSecrets(input)).toBe(expected);
  });
});

describe('redactArgs', () => {
  it('replaces secret-named fields whole and keeps the SQL of the attack intact', () => {
    const sql = "SELECT'password='AS/**/pad, name, ssn FROM account";
    const redacted = redactArgs({ sql, password: 'hunter2', api_key: 'k', nested: { db_password: 'p', connection_string: 'Server=a;Pwd=x;' } });
    expect(redacted).toEqual({ sql, password: R, api_key: R, nested: { db_password: R, connection_string: `Server=a;Pwd=${R};` } });
  });
});

describe('passwords in every spelling and scheme', () => {
  it.each([
    ['server=db1;PASSWORD = Hunter2!', `server=db1;PASSWORD = ${R}`],
    ['Server=db1;Password={Hun;ter2};Encrypt=true', `Server=db1;Password=${R};Encrypt=true`],
    ['see mssql://sa:Hunter2!@db1/pacs and postgresql://u:p4ss@h/d', `see mssql://sa:${R}@db1/pacs and postgresql://u:${R}@h/d`],
    ['PostgreSQL://User:Hunter2!@db1/pacs', `PostgreSQL://User:${R}@db1/pacs`],
    ['Server=db1;Password=a1;Database=x;Pwd=b2', `Server=db1;Password=${R};Database=x;Pwd=${R}`],
  ])('%s', (text, expected) => {
    expect(redactInlineSecrets(text)).toBe(expected);
  });

  it('leaves text without credentials exactly as it was', () => {
    for (const text of ['Server=db1;Database=pacs;Trusted_Connection=yes', 'https://example.org/a?b=c', 'postgres://db1:5432/pacs', 'user@example.org', 'passage=3', 'no secrets here']) {
      expect(redactInlineSecrets(text)).toBe(text);
    }
  });
});

describe('secret-looking argument names', () => {
  it.each(['password', 'db_password', 'passwd', 'pass', 'PWD', 'client_secret', 'token', 'bearerToken', 'api_key', 'apiKey', 'API-KEY', 'credential', 'credentials', 'private_key', 'privateKey'])(
    '%s is a secret name',
    (key) => {
      expect(isSecretKey(key)).toBe(true);
      expect(redactArgs({ [key]: 'Hunter2!' })).toEqual({ [key]: '[REDACTED]' });
    },
  );

  it.each(['sql', 'prop_id', 'connection_id', 'host', 'user', 'file_name', 'key_columns', 'name'])('%s is not', (key) => {
    expect(isSecretKey(key)).toBe(false);
    expect(redactArgs({ [key]: 'plain value' })).toEqual({ [key]: 'plain value' });
  });

  it('redacts a secret of any type, nested at any level, but keeps an empty or missing one visibly empty', () => {
    expect(redactArgs({ a: { b: [{ token: 12345 }] } })).toEqual({ a: { b: [{ token: '[REDACTED]' }] } });
    expect(redactArgs({ password: { nested: 'x' } })).toEqual({ password: '[REDACTED]' });
    expect(redactArgs({ password: true })).toEqual({ password: '[REDACTED]' });
    expect(redactArgs({ password: '', token: null, secret: undefined })).toEqual({ password: '', token: null, secret: undefined });
  });

  it('masks passwords inside string values whatever the argument is called, also in arrays', () => {
    expect(redactArgs({ connection_string: 'Server=x;Password=Hunter2!' })).toEqual({ connection_string: 'Server=x;Password=[REDACTED]' });
    expect(redactArgs(['postgres://u:Hunter2!@h/d'])).toEqual(['postgres://u:[REDACTED]@h/d']);
    expect(redactArgs('Pwd=Hunter2!')).toBe('Pwd=[REDACTED]');
  });
});

describe('size limits keep hostile arguments small', () => {
  it('keeps text up to 4096 characters and replaces longer text by its length and sha256', () => {
    const limit = 'a'.repeat(4096);
    expect(redactArgs({ sql: limit })).toEqual({ sql: limit });
    const long = `Password=Hunter2!${'b'.repeat(5000)}`;
    const digest = createHash('sha256').update(long).digest('hex');
    expect(redactArgs({ file_content: long })).toEqual({ file_content: `[${long.length} chars, sha256 ${digest}]` });
  });

  it('keeps the first 200 entries of an array and of an object, and says how many keys were left out', () => {
    const list = Array.from({ length: 250 }, (_, i) => i);
    expect(redactArgs({ ids: list })).toEqual({ ids: list.slice(0, 200) });
    expect(redactArgs({ ids: list.slice(0, 200) })).toEqual({ ids: list.slice(0, 200) });

    const wide = Object.fromEntries(Array.from({ length: 203 }, (_, i) => [`k${i}`, i]));
    const redacted = redactArgs(wide) as Record<string, unknown>;
    expect(Object.keys(redacted)).toHaveLength(201);
    expect(redacted.k199).toBe(199);
    expect(redacted).not.toHaveProperty('k200');
    expect(redacted['[more keys]']).toBe(3);
    const exactly = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i]));
    expect(redactArgs(exactly)).toEqual(exactly);
  });

  it('cuts nesting at 16 levels', () => {
    let deep: unknown = { leaf: 'x' };
    for (let i = 0; i < 20; i++) deep = { d: deep };
    let node = redactArgs(deep) as Record<string, unknown>;
    let depth = 0;
    while (typeof node === 'object') {
      node = node.d as Record<string, unknown>;
      depth++;
    }
    expect(depth).toBe(16);
    expect(node).toBe('[nested deeper than 16 levels]');

    let fifteen: unknown = 'leaf';
    for (let i = 0; i < 16; i++) fifteen = [fifteen];
    expect(redactArgs(fifteen)).toEqual(fifteen);
  });

  it('cuts nested arrays at 16 levels too, and keeps a number or text found that deep', () => {
    const nest = (leaf: unknown, levels: number) => {
      let value = leaf;
      for (let i = 0; i < levels; i++) value = [value];
      return value;
    };
    expect(redactArgs(nest(7, 16))).toEqual(nest(7, 16));
    expect(redactArgs(nest('x', 16))).toEqual(nest('x', 16));
    expect(redactArgs(nest(7, 20))).toEqual(nest('[nested deeper than 16 levels]', 16));
    expect(redactArgs({ a: nest(true, 15) })).toEqual({ a: nest(true, 15) });
  });

  it('passes numbers, booleans and null through unchanged', () => {
    expect(redactArgs({ n: 5, b: false, z: null })).toEqual({ n: 5, b: false, z: null });
    expect(redactArgs(0)).toBe(0);
    expect(redactArgs(null)).toBeNull();
  });
});

describe('a text is a connection string only when it is wholly one', () => {
  it.each([
    // A password pair followed by something that is not a pair: prose or SQL, kept as written.
    'Password=hunter2;and then some prose',
    'Password=hunter2;Server x',
    'Password=hunter2;b c;d=e',
    'Password=hunter2;(SELECT 1)=1',
    // Quoted values that do not close, or that something other than `;` follows.
    "Server=db1;Password='hunter2",
    "Server=db1;Password='hunter2'x;Database=pacs",
    // Over more than one line: a statement, not a connection string.
    'Server=db1;\nPassword=hunter2',
    // libpq form with a pair that is not one, or an empty password.
    "host=db1 password=hunter2 junk",
    "host=db1 password=abc'def'",
    "host=db1 password=''",
    // A URL's password only where the URL starts a word.
    'path/x://user:hunter2@host',
    // Keys that only begin like a password key.
    'Server=db1;PasswordHint=blue;Database=pacs',
    'host=db1 pwd_hint=blue',
  ])('%s', (text) => {
    expect(redactInlineSecrets(text)).toBe(text);
  });

  it.each([
    ["Server=db1;Password='hun;ter2'", `Server=db1;Password=${R}`],
    ["Password='hun;ter2'  ;Server=db1", `Password=${R};Server=db1`],
    ['Password="a""b";Server=db1', `Password=${R};Server=db1`],
    ["host=db1 password='hun ter2'", `host=db1 password=${R}`],
  ])('quoted values end where their quote closes: %s', (text, expected) => {
    expect(redactInlineSecrets(text)).toBe(expected);
  });
});
