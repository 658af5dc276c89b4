import { describe, expect, it } from 'vitest';
import { parseConnectionConfig } from '../../mcp/connections/connection-config.js';
import { pacsServerConfigs } from '../../mcp/connections/pacs-server-preset.js';
import { registerSourceForModel } from '../../mcp/connections/register-source.js';
import { createSecretStore } from '../../mcp/credentials/credentials.js';
import { Engine } from '../../mcp/engine.js';
import { jurisdictionOf } from '../../mcp/pacs/jurisdiction.js';
import { makeTempHome } from '../helpers/temp-home.js';

describe('the jurisdiction setting', () => {
  it('is Washington for the PACS server preset (Benton County) and by default', () => {
    for (const c of pacsServerConfigs({ authentication: 'sql', user: 'pacs_app' })) expect(c.config.jurisdiction, c.id).toBe('WA');
    expect(parseConnectionConfig('sqlite', { file: 'x.sqlite' }).jurisdiction).toBe('WA');
    expect(jurisdictionOf({ config: {} })).toBe('WA');
    expect(jurisdictionOf({ config: { jurisdiction: 'nonsense' } })).toBe('WA');
  });

  it('takes Texas on any PACS connection, and refuses a state it has no rules for', () => {
    for (const [kind, raw] of [
      ['sqlite', { file: 'x.sqlite' }],
      ['postgres', { database: 'pacs', user: 'u' }],
      ['sqlserver', { server: 's', database: 'pacs_training' }],
    ] as const) {
      const config = parseConnectionConfig(kind, { ...raw, jurisdiction: 'TX' });
      expect(jurisdictionOf({ config }), kind).toBe('TX');
      expect(() => parseConnectionConfig(kind, { ...raw, jurisdiction: 'CA' }), kind).toThrow(/jurisdiction/);
    }
  });

  it('keeps the routing settings, checked, through a chat registration and its confirmation; the command a person is told to run names only the id', async () => {
    const config = parseConnectionConfig('sqlserver', { server: 'jcharrispacs', database: 'pacs_training', user: 'app', jurisdiction: 'TX', appeal_scheduled_status: 'S', appeal_scheduling_procedure: 'dbo.ARBAutoSchedule' });
    expect(config).toMatchObject({ jurisdiction: 'TX', appeal_scheduled_status: 'S', appeal_scheduling_procedure: 'dbo.ARBAutoSchedule' });
    expect(() => parseConnectionConfig('sqlserver', { server: 's', database: 'd', appeal_scheduling_procedure: 'x; DROP TABLE y' })).toThrow(/procedure name/);
    expect(() => parseConnectionConfig('sqlserver', { server: 's', database: 'd', appeal_scheduled_status: 'HEARING_SCHEDULED' })).toThrow(/appeal_scheduled_status/);

    const home = makeTempHome('pacs-jurisdiction-');
    const engine = await Engine.open({ dataDir: home.dir, secrets: createSecretStore({ PACS_MCP_SECRETS: 'memory' }), initDemo: false });
    try {
      const registered = await registerSourceForModel(engine, { id: 'pacs_tx', kind: 'sqlserver', role: 'production', config });
      expect(registered.confirm_command).toBe('pacs-mcp connections confirm pacs_tx');
      const confirmed = await engine.connections.confirm('pacs_tx');
      expect(confirmed.confirmed_at).not.toBeNull();
      expect(confirmed.config).toMatchObject({ jurisdiction: 'TX', appeal_scheduled_status: 'S', appeal_scheduling_procedure: 'dbo.ARBAutoSchedule' });
      expect(jurisdictionOf(confirmed)).toBe('TX');
    } finally {
      await engine.close();
      home.cleanup();
    }
  });
});
