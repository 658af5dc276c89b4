import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertNoSecrets, buildServerEntry, ClaudeConfigError, isMcpStdioLaunch, MCP_STDIO_SWITCH } from '../../mcp/claude/index.js';

const APP_EXE = 'C:\\Program Files\\PACS MCP Desktop\\PACS MCP Desktop.exe';
const SCRIPT_IN_ASAR = 'C:\\Program Files\\PACS MCP Desktop\\resources\\app.asar\\dist\\mcp\\cli\\main.js';
const DATA_DIR = 'C:\\Users\\ann\\AppData\\Roaming\\PACS MCP Desktop';

describe('buildServerEntry', () => {
  it('packaged: runs the app executable itself as the stdio server, never as plain Node', () => {
    expect(buildServerEntry({ packaged: true, execPath: APP_EXE, serverScript: SCRIPT_IN_ASAR, dataDir: DATA_DIR })).toEqual({
      command: APP_EXE,
      args: [MCP_STDIO_SWITCH],
      env: { PACS_MCP_HOME: DATA_DIR },
    });
  });

  it('packaged without a data dir has no env at all (no ELECTRON_RUN_AS_NODE)', () => {
    const entry = buildServerEntry({ packaged: true, execPath: APP_EXE, serverScript: SCRIPT_IN_ASAR });
    expect(entry).toEqual({ command: APP_EXE, args: ['--mcp-stdio'] });
  });

  it('the app recognises that launch, and only that one', () => {
    expect(isMcpStdioLaunch([APP_EXE, MCP_STDIO_SWITCH])).toBe(true);
    expect(isMcpStdioLaunch([APP_EXE])).toBe(false);
    expect(isMcpStdioLaunch([APP_EXE, '--mcp-stdio-x'])).toBe(false);
    expect(isMcpStdioLaunch([MCP_STDIO_SWITCH])).toBe(false);
  });

  it('development: runs Node on the built CLI', () => {
    const entry = buildServerEntry({
      packaged: false,
      execPath: '/usr/local/bin/node',
      serverScript: '/work/main/dist/mcp/cli/main.js',
      dataDir: '/tmp/pacs-home',
    });
    expect(entry).toEqual({
      command: '/usr/local/bin/node',
      args: ['/work/main/dist/mcp/cli/main.js', 'serve'],
      env: { PACS_MCP_HOME: '/tmp/pacs-home' },
    });
  });

  it('development: has no env without a data dir, and uses `node` when not running under Node', () => {
    const entry = buildServerEntry({
      packaged: false,
      execPath: '/work/main/node_modules/electron/dist/electron',
      serverScript: '/work/main/dist/mcp/cli/main.js',
    });
    expect(entry).toEqual({ command: 'node', args: ['/work/main/dist/mcp/cli/main.js', 'serve'] });
  });

  it('accepts the running Node as the development command', () => {
    const entry = buildServerEntry({ packaged: false, execPath: process.execPath, serverScript: '/x/dist/mcp/cli/main.js' });
    expect(entry.command).toBe(process.execPath);
  });

  it('refuses relative paths, since Claude Desktop picks the working directory', () => {
    expect(() => buildServerEntry({ packaged: false, execPath: process.execPath, serverScript: 'dist/mcp/cli/main.js' })).toThrow(
      /serverScript must be an absolute path/,
    );
    expect(() =>
      buildServerEntry({ packaged: true, execPath: APP_EXE, serverScript: SCRIPT_IN_ASAR, dataDir: 'data' }),
    ).toThrow(ClaudeConfigError);
  });
});

describe('toolsets in the entry', () => {
  const base = { packaged: false, execPath: process.execPath, serverScript: '/x/dist/mcp/cli/main.js' };

  it('writes the chosen toolsets as PACS_MCP_TOOLSETS, core implied, in a fixed order', () => {
    expect(buildServerEntry({ ...base, toolsets: ['Lakehouse', ' imports', 'core'] }).env).toEqual({ PACS_MCP_TOOLSETS: 'imports,lakehouse' });
    expect(buildServerEntry({ ...base, toolsets: ['imports', 'snapshots', 'lakehouse', 'admin'] }).env).toEqual({ PACS_MCP_TOOLSETS: 'all' });
    expect(buildServerEntry({ ...base, toolsets: ['all'] }).env).toEqual({ PACS_MCP_TOOLSETS: 'all' });
  });

  it('writes nothing for core alone, and refuses a set that does not exist', () => {
    expect(buildServerEntry({ ...base, toolsets: ['core'] }).env).toBeUndefined();
    expect(buildServerEntry({ ...base, toolsets: [] }).env).toBeUndefined();
    expect(() => buildServerEntry({ ...base, toolsets: ['imports', 'everything'] })).toThrow(/Unknown toolset "everything". Toolsets: core, imports, snapshots, lakehouse, admin \(or all\)/);
  });
});

describe('secret guard', () => {
  const base = { command: '/usr/bin/node', args: ['/x/main.js', 'serve'] };

  function refusal(run: () => unknown): ClaudeConfigError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ClaudeConfigError);
      expect((error as ClaudeConfigError).code).toBe('secret-in-entry');
      return error as ClaudeConfigError;
    }
    throw new Error('expected the guard to refuse');
  }

  it.each(['PGPASSWORD', 'API_TOKEN', 'CLIENT_SECRET', 'DATABRICKS_KEY', 'PACS_MCP_SECRETS', 'db_password'])(
    'refuses an env variable named %s',
    (name) => {
      const error = refusal(() => assertNoSecrets({ ...base, env: { [name]: 'value' } }));
      expect(error.message).toContain(name);
    },
  );

  it.each(['--password=hunter2', '--token', '-api-key=x', 'SECRET=x', '--client-secret'])('refuses the argument %s', (arg) => {
    refusal(() => assertNoSecrets({ ...base, args: [...base.args, arg] }));
  });

  it('refuses credentials inside a value', () => {
    refusal(() => assertNoSecrets({ ...base, env: { DATABASE_URL: 'postgres://ann:pw@db/pacs' } }));
    refusal(() => assertNoSecrets({ ...base, args: [...base.args, 'Server=x;User Id=sa;Password=pw'] }));
  });

  it('refuses a known secret anywhere, without repeating it in the message', () => {
    const secret = `pw-${crypto.randomBytes(9).toString('base64url')}`;
    const error = refusal(() =>
      buildServerEntry({
        packaged: false,
        execPath: process.execPath,
        serverScript: '/x/main.js',
        dataDir: `/home/ann/${secret}`,
        knownSecrets: [secret],
      }),
    );
    expect(error.message).toContain('PACS_MCP_HOME');
    expect(error.message).not.toContain(secret);
    refusal(() => assertNoSecrets({ ...base, args: ['/x/main.js', secret] }, [secret]));
  });

  it('accepts the real entries', () => {
    expect(() =>
      assertNoSecrets({ command: APP_EXE, args: [MCP_STDIO_SWITCH], env: { PACS_MCP_HOME: DATA_DIR } }, ['']),
    ).not.toThrow();
  });
});
