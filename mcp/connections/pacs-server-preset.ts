import { secretAccount } from '../credentials/credentials.js';
import type { Engine } from '../engine.js';
import { UserError } from '../util/user-error.js';
import { needsSecret, parseConnectionConfig } from './connection-config.js';
import type { ConnectionRecord, ConnectionRole } from './connection-types.js';

/**
 * The "PACS server" preset: the county's SQL Server with its two PACS databases, registered as
 * two connections that share the login: `pacs_training` (role training, the default for domain
 * tools: the development copy that acts as OLTP) and `pacs_oltp` (role production: read-only,
 * always). Used by `pacs-mcp connections add-preset pacs-server` and the desktop app.
 */
export const PACS_SERVER_PRESET = {
  name: 'pacs-server',
  server: 'jcharrispacs',
  /** Benton County is in Washington: its exemption and appeal rules. */
  jurisdiction: 'WA',
  connections: [
    { id: 'pacs_training', database: 'pacs_training', role: 'training', is_default: true, description: 'PACS training database (development copy; acts as OLTP for dev work)' },
    { id: 'pacs_oltp', database: 'pacs_oltp', role: 'production', is_default: false, description: 'PACS production database (read-only)' },
  ] satisfies { id: string; database: string; role: ConnectionRole; is_default: boolean; description: string }[],
} as const;

export interface PacsServerOptions {
  server?: string;
  instance?: string;
  port?: number;
  authentication?: 'sql' | 'ntlm' | 'windows';
  user?: string;
  domain?: string;
  encrypt?: boolean;
  trust_server_certificate?: boolean;
  connect_timeout_ms?: number;
  request_timeout_ms?: number;
  jurisdiction?: 'WA' | 'TX';
}

/** Windows integrated login on Windows (county PCs are on the domain); a SQL login elsewhere. */
export function defaultPacsAuthentication(platform: NodeJS.Platform = process.platform): 'sql' | 'windows' {
  return platform === 'win32' ? 'windows' : 'sql';
}

/**
 * The two connections as the app's form starts them (the person adds the login): same server,
 * databases, roles and descriptions as the CLI preset.
 */
export function pacsServerPresetDrafts(platform: NodeJS.Platform = process.platform) {
  return PACS_SERVER_PRESET.connections.map((c) => ({
    id: c.id,
    kind: 'sqlserver' as const,
    role: c.role,
    description: c.description,
    is_default: c.is_default,
    config: { server: PACS_SERVER_PRESET.server, database: c.database, authentication: defaultPacsAuthentication(platform), encrypt: true, jurisdiction: PACS_SERVER_PRESET.jurisdiction },
  }));
}

/** The settings both connections get, validated; throws with what to fix. */
export function pacsServerConfigs(options: PacsServerOptions): { id: string; role: ConnectionRole; is_default: boolean; description: string; config: Record<string, unknown> }[] {
  const authentication = options.authentication ?? defaultPacsAuthentication();
  if (authentication !== 'windows' && !options.user) throw new UserError('invalid', `--auth ${authentication} needs --user (the login both PACS connections use).`);
  if (authentication === 'ntlm' && !options.domain && !options.user?.includes('\\')) throw new UserError('invalid', '--auth ntlm needs --domain (e.g. COUNTY), or --user DOMAIN\\name.');
  return PACS_SERVER_PRESET.connections.map((c) => ({
    id: c.id,
    role: c.role,
    is_default: c.is_default,
    description: c.description,
    config: parseConnectionConfig(
      'sqlserver',
      Object.fromEntries(
        Object.entries({ jurisdiction: PACS_SERVER_PRESET.jurisdiction, ...options, server: options.server ?? PACS_SERVER_PRESET.server, database: c.database, authentication }).filter(([, v]) => v !== undefined),
      ),
    ),
  }));
}

/**
 * Registers both PACS connections, and stores the password for each when the login needs one
 * (the secret first, so no connection is left without its password). Both or neither: if the
 * second cannot be saved, the first is removed again.
 */
export async function addPacsServerPreset(engine: Engine, options: PacsServerOptions, secret?: string): Promise<ConnectionRecord[]> {
  const planned = pacsServerConfigs(options);
  const secretNeeded = needsSecret('sqlserver', planned[0].config);
  if (secretNeeded && !secret) throw new UserError('invalid', 'This login needs a password: pipe it with --password-stdin (or type it at the prompt).');
  const previous = await Promise.all(planned.map((p) => engine.connections.find(p.id)));
  const saved: ConnectionRecord[] = [];
  try {
    for (const plan of planned) {
      if (secretNeeded) await engine.secrets.set(secretAccount.connection(plan.id), secret!);
      saved.push(await engine.connections.upsert({ id: plan.id, kind: 'sqlserver', role: plan.role, description: plan.description, config: plan.config, is_default: plan.is_default }));
      await engine.sources.evict(plan.id);
    }
  } catch (err) {
    // Put back what was there before (or remove what this call added).
    for (const [i, plan] of planned.entries()) {
      const before = previous[i];
      if (before) await engine.connections.upsert(before).catch(() => undefined);
      else await engine.connections.remove(plan.id).catch(() => undefined);
    }
    throw err;
  }
  return saved;
}
