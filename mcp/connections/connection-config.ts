import { z } from 'zod';
import { UserError } from '../util/user-error.js';
import { PROCEDURE_NAME } from '../dialects/index.js';
import { DEFAULT_JURISDICTION, JURISDICTIONS } from '../pacs/jurisdiction.js';
import type { ConnectionKind } from './connection-types.js';

const timeoutMs = (fallback: number) => z.number().int().min(1_000).max(600_000).default(fallback);
/** Every warehouse name is built from it (see mcp/lakehouse/tenant.ts). */
const tenantId = z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'a tenant id is 1-40 lower-case letters, digits or "_", starting with a letter or digit');

/**
 * How the PACS tools treat a PACS database: whose state rules apply (exemptions, appeals), the
 * status code a case gets when it is put on a hearing docket, PACS's own scheduling procedure
 * when the county wants that to pick dockets, and the day a training copy stands at.
 */
const pacsSettings = {
  jurisdiction: z.enum(JURISDICTIONS).default(DEFAULT_JURISDICTION),
  appeal_scheduled_status: z.string().trim().min(1).max(10).optional(),
  appeal_scheduling_procedure: z.string().regex(PROCEDURE_NAME, 'a procedure name is letters, digits and _, optionally schema.name').optional(),
  /** The day a training copy stands at: route_appeal schedules from it instead of today (a copy's dockets are those of the day it was taken). */
  appeal_calendar_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD').optional(),
};

/** Per-kind connection settings. None holds a secret: the password lives in the keychain. */
export const CONNECTION_CONFIG_SCHEMAS = {
  sqlite: z.object({ file: z.string().min(1), ...pacsSettings }),
  postgres: z.object({
    ...pacsSettings,
    host: z.string().min(1).default('localhost'),
    port: z.number().int().min(1).max(65_535).default(5432),
    database: z.string().min(1),
    user: z.string().min(1),
    ssl: z.enum(['disable', 'require', 'verify-full']).default('disable'),
    connect_timeout_ms: timeoutMs(10_000),
    statement_timeout_ms: timeoutMs(30_000),
  }),
  sqlserver: z.object({
    ...pacsSettings,
    server: z.string().min(1),
    port: z.number().int().min(1).max(65_535).optional(),
    instance: z.string().optional(),
    database: z.string().min(1),
    authentication: z.enum(['sql', 'ntlm', 'windows']).default('sql'),
    user: z.string().optional(),
    domain: z.string().optional(),
    encrypt: z.boolean().default(true),
    trust_server_certificate: z.boolean().default(false),
    connect_timeout_ms: timeoutMs(15_000),
    request_timeout_ms: timeoutMs(30_000),
    /** How long a read waits for a lock a PACS writer holds before it gives up (SET LOCK_TIMEOUT). */
    lock_timeout_ms: timeoutMs(5_000),
    /** How long a streamed read (syncs, exports, large lookups) waits for the server's first rows. */
    stream_timeout_ms: timeoutMs(300_000),
    /** ApplicationIntent=ReadOnly for reads: an availability group listener sends them to a readable secondary. */
    read_only_intent: z.boolean().default(false),
  }),
  databricks: z.object({
    host: z.string().min(1),
    http_path: z.string().min(1),
    catalog: z.string().optional(),
    tenant_id: tenantId.default('default'),
    /** token: a personal access token in the keychain; oauth-m2m: a service principal's secret in the keychain. */
    auth: z.enum(['token', 'oauth-m2m']).default('token'),
    oauth_client_id: z.string().optional(),
    /** Unity Catalog volume (in each layer's schema) that Parquet files are staged in. */
    volume: z.string().regex(/^[A-Za-z0-9_]{1,64}$/).default('pacs_staging'),
    /** Server-side STATEMENT_TIMEOUT (seconds) of the session loads run in. */
    load_timeout_s: z.number().int().min(60).max(172_800).default(3_600),
  }),
  lakehouse: z.object({ tenant_id: tenantId.default('default') }),
} satisfies Record<ConnectionKind, z.ZodObject>;

export type ConnectionConfig<K extends ConnectionKind> = z.output<(typeof CONNECTION_CONFIG_SCHEMAS)[K]>;

export function parseConnectionConfig(kind: ConnectionKind, raw: unknown): Record<string, unknown> {
  const parsed = CONNECTION_CONFIG_SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new UserError('invalid', `The ${kind} connection settings are not valid: ${problems}.`);
  }
  return parsed.data as Record<string, unknown>;
}

/** Whether a kind's login needs a secret in the keychain: always, never, or unless a setting says otherwise. */
export interface SecretRule {
  needed: boolean;
  /** The setting that makes the secret unnecessary (SQL Server's Windows integrated login). */
  unless: { key: string; equals: string } | null;
}

export const SECRET_RULES: Readonly<Record<ConnectionKind, SecretRule>> = {
  sqlite: { needed: false, unless: null },
  postgres: { needed: true, unless: null },
  sqlserver: { needed: true, unless: { key: 'authentication', equals: 'windows' } },
  databricks: { needed: true, unless: null },
  lakehouse: { needed: false, unless: null },
};

export function secretNeeded(rule: SecretRule, config: Record<string, unknown>): boolean {
  return rule.needed && !(rule.unless && config[rule.unless.key] === rule.unless.equals);
}

/** Whether this connection's login needs a secret in the keychain (windows authentication and sqlite do not). */
export function needsSecret(kind: ConnectionKind, config: Record<string, unknown>): boolean {
  return secretNeeded(SECRET_RULES[kind], config);
}
