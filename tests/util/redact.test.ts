import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSecretKey, redactArgs, redactInlineSecrets } from '../../mcp/util/redact.js';

describe('passwords inside connection strings and URLs', () => {
  it.each([
    ['Server=db1;Database=pacs;User Id=sa;Password=Hunter2!;Encrypt=true', 'Server=db1;Database=pacs;User Id=sa;Password=[REDACTED];Encrypt=true'],
    ['Server=db1;Pwd=Hunter2!', 'Server=db1;Pwd=[REDACTED]'],
    ['server=db1;PASSWORD = Hunter2!', 'server=db1;PASSWORD = [REDACTED]'],
    ['Server=db1;Password={Hun;ter2};Encrypt=true', 'Server=db1;Password=[REDACTED];Encrypt=true'],
    ['Server=db1;password=Hunter2! Encrypt=true', 'Server=db1;password=[REDACTED] Encrypt=true'],
    ['postgres://appraiser:Hunter2!@db1:5432/pacs', 'postgres://appraiser:[REDACTED]@db1:5432/pacs'],
    ['see mssql://sa:Hunter2!@db1/pacs and postgresql://u:p4ss@h/d', 'see mssql://sa:[REDACTED]@db1/pacs and postgresql://u:[REDACTED]@h/d'],
    ['PostgreSQL://User:Hunter2!@db1/pacs', 'PostgreSQL://User:[REDACTED]@db1/pacs'],
  ])('%s', (text, expected) => {
    expect(redactInlineSecrets(text)).toBe(expected);
  });

  it('leaves text without credentials exactly as it was', () => {
    for (const text of ['Server=db1;Database=pacs;Trusted_Connection=yes', 'https://example.org/a?b=c', 'postgres://db1:5432/pacs', 'user@example.org', 'passage=3', 'no secrets here']) {
      expect(redactInlineSecrets(text)).toBe(text);
    }
  });

  it('redacts every occurrence, not only the first', () => {
    const text = 'Password=a1;x;Password=b2;postgres://u:c3@h/d;postgres://v:d4@h/d';
    const redacted = redactInlineSecrets(text);
    for (const secret of ['a1', 'b2', 'c3', 'd4']) expect(redacted).not.toContain(secret);
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
