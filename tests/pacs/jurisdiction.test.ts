import { describe, expect, it } from 'vitest';
import { connectionsAddCommand } from '../../mcp/connections/cli-command-line.js';
import { parseConnectionConfig } from '../../mcp/connections/connection-config.js';
import { pacsServerConfigs } from '../../mcp/connections/pacs-server-preset.js';
import { jurisdictionOf } from '../../mcp/pacs/jurisdiction.js';

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

  it('keeps the routing settings, checked, and repeats them in the command that re-registers a connection', () => {
    const config = parseConnectionConfig('sqlserver', { server: 'jcharrispacs', database: 'pacs_training', user: 'app', jurisdiction: 'TX', appeal_scheduled_status: 'S', appeal_scheduling_procedure: 'dbo.ARBAutoSchedule' });
    expect(config).toMatchObject({ jurisdiction: 'TX', appeal_scheduled_status: 'S', appeal_scheduling_procedure: 'dbo.ARBAutoSchedule' });
    expect(() => parseConnectionConfig('sqlserver', { server: 's', database: 'd', appeal_scheduling_procedure: 'x; DROP TABLE y' })).toThrow(/procedure name/);
    expect(() => parseConnectionConfig('sqlserver', { server: 's', database: 'd', appeal_scheduled_status: 'HEARING_SCHEDULED' })).toThrow(/appeal_scheduled_status/);
    const line = connectionsAddCommand({ id: 'pacs_training', kind: 'sqlserver', role: 'training', description: '', config, is_default: false });
    expect(line).toContain('--jurisdiction TX --appeal-status S --appeal-procedure dbo.ARBAutoSchedule');
    const wa = connectionsAddCommand({ id: 'p', kind: 'postgres', role: 'training', description: '', config: parseConnectionConfig('postgres', { database: 'd', user: 'u' }), is_default: false });
    expect(wa).not.toContain('--jurisdiction');
  });
});
