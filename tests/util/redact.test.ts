import { describe, expect, it } from 'vitest';
import { redactArgs, redactInlineSecrets } from '../../mcp/util/redact.js';

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
