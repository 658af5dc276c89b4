import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ClaudeConfigError } from '../../mcp/claude/errors.js';
import { assertNoSecrets, type GuardedServerEntry } from '../../mcp/claude/secret-guard.js';

/**
 * Each pattern of the guard that keeps secrets out of the Claude Desktop config, on its own:
 * every case below is caught by exactly one rule, so a rule that stops working fails here.
 */

const base: GuardedServerEntry = { command: '/usr/bin/node', args: ['/opt/pacs/main.js', 'serve'], env: { PACS_MCP_HOME: '/home/ann/.pacs-mcp' } };

function refusedBecause(entry: GuardedServerEntry, knownSecrets: string[] = []): string {
  try {
    assertNoSecrets(entry, knownSecrets);
  } catch (error) {
    expect(error).toBeInstanceOf(ClaudeConfigError);
    expect((error as ClaudeConfigError).code).toBe('secret-in-entry');
    const message = (error as Error).message;
    expect(message).toMatch(/^Refusing to write the Claude Desktop entry: .*\. Secrets stay in the OS keychain/);
    return message;
  }
  throw new Error(`expected the guard to refuse ${JSON.stringify(entry)}`);
}

describe('credentials inside a value', () => {
  it.each([
    ['a bearer token', 'Authorization: Bearer eyJhbGciOi'],
    ['a bearer token in lower case', 'bearer abc123'],
    ['a bearer token after several blanks', 'Bearer    abc123'],
    ['a connection-string password', 'Server=db1;Password=hunter2'],
    ['a connection-string password with spaces', 'Server=db1;password = hunter2'],
    ['a connection-string Pwd', 'Server=db1;Pwd=hunter2'],
    ['a URL with user:password@', 'postgres://ann:hunter2@db1/pacs'],
    ['a URL with user:password@ of another scheme', 'https://ann:hunter2@example.org/x'],
    ['a URL whose scheme is one letter', 'x://ann:hunter2@example.org/x'],
    ['a URL whose scheme ends in a digit', 'h2://ann:hunter2@example.org/x'],
  ])('%s in an argument', (_what, value) => {
    expect(refusedBecause({ ...base, args: [...base.args, value] })).toMatch(/argument 3 contains credentials/);
  });

  it.each([
    ['a bearer token', 'Bearer eyJhbGciOi'],
    ['a connection-string password', 'Server=db1;Password=hunter2'],
    ['a URL with user:password@', 'mssql://sa:hunter2@db1/pacs'],
  ])('%s in an env value', (_what, value) => {
    expect(refusedBecause({ ...base, env: { PACS_EXTRA: value } })).toContain('env variable PACS_EXTRA contains credentials');
  });

  it('lets through values that only resemble credentials', () => {
    for (const value of ['https://example.org/path', 'postgres://db1/pacs', 'user@example.org', 'Bearer', 'bearer-', 'Server=db1;Database=pacs', 'passage=3']) {
      expect(() => assertNoSecrets({ ...base, args: [...base.args, value] }), value).not.toThrow();
      expect(() => assertNoSecrets({ ...base, env: { PACS_EXTRA: value } }), value).not.toThrow();
    }
  });
});

describe('names that look like secrets', () => {
  it.each(['--password', '--password=x', '-passwd', '--pwd=x', '--client-secret', '--token', '--api-key=x', '--credential-file', 'SECRET=x', 'db.password=x', '--private_key'])(
    'the argument %s',
    (arg) => {
      expect(refusedBecause({ ...base, args: [...base.args, arg] })).toMatch(/argument 3 \(.+\) is named like a secret/);
    },
  );

  it.each(['PGPASSWORD', 'API_TOKEN', 'CLIENT_SECRET', 'DATABRICKS_KEY', 'MSSQL_PWD', 'AWS_CREDENTIALS', 'db_passwd'])('the env variable %s', (name) => {
    expect(refusedBecause({ ...base, env: { [name]: 'harmless' } })).toContain(`env variable ${name} is named like a secret`);
  });

  it('does not take a bare word or a path for a named argument', () => {
    for (const arg of ['token', 'keychain', 'use-keychain', '-f/etc/pacs/token', '/home/ann/secret-files/main.js', 'C:\\secrets\\main.js', 'serve']) {
      expect(() => assertNoSecrets({ ...base, args: [...base.args, arg] }), arg).not.toThrow();
    }
    for (const arg of ['--verbose', '--data-dir=/x', 'MODE=fast', '-v']) {
      expect(() => assertNoSecrets({ ...base, args: [...base.args, arg] }), arg).not.toThrow();
    }
  });
});

describe('known secrets', () => {
  const secret = `pw-${crypto.randomBytes(9).toString('base64url')}`;

  it.each([
    ['the command', { ...base, command: `/opt/${secret}/node` }, 'the command contains a known secret'],
    ['an argument', { ...base, args: [...base.args, `--data=/x/${secret}`] }, 'argument 3 contains a known secret'],
    ['an env value', { ...base, env: { PACS_MCP_HOME: `/home/${secret}` } }, 'env variable PACS_MCP_HOME contains a known secret'],
  ])('anywhere in %s, never repeated in the message', (_where, entry, reason) => {
    const message = refusedBecause(entry as GuardedServerEntry, [secret]);
    expect(message).toContain(reason);
    expect(message).not.toContain(secret);
  });

  it('an empty known secret matches nothing', () => {
    expect(() => assertNoSecrets(base, ['', ''])).not.toThrow();
  });

  it('accepts an entry without env', () => {
    expect(() => assertNoSecrets({ command: base.command, args: base.args })).not.toThrow();
  });
});
