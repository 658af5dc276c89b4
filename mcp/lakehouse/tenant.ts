import { UserError } from '../util/user-error.js';
/**
 * Tenancy. Every warehouse connection belongs to one tenant, and a server process serves one
 * tenant (`PACS_MCP_TENANT`, default "default"). Every warehouse name is built from the tenant
 * id: the local lakehouse keeps each tenant in its own folder, Databricks in catalog `tenant_{id}`.
 */

export const DEFAULT_TENANT = 'default';
const TENANT_ID = /^[a-z0-9][a-z0-9_]{0,39}$/;

export class InvalidTenantError extends UserError {
  constructor(raw: string) {
    super('invalid', `"${raw}" is not a valid tenant id: use 1-40 lower-case letters, digits or "_", starting with a letter or digit (e.g. "county_a").`);
  }
}

export function parseTenantId(raw: unknown): string {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!TENANT_ID.test(value)) throw new InvalidTenantError(String(raw ?? ''));
  return value;
}

/** The tenant this server process serves. */
export function serverTenant(env: NodeJS.ProcessEnv): string {
  return parseTenantId(env.PACS_MCP_TENANT?.trim() || DEFAULT_TENANT);
}

/** Databricks catalog (and local folder) name of a tenant. */
export function tenantCatalog(tenantId: string): string {
  return `tenant_${parseTenantId(tenantId)}`;
}

export class TenantMismatchError extends UserError {
  constructor(serving: string, requested: string, what: string) {
    super(
      'refused',
      `This PACS MCP server serves tenant "${serving}", so ${what} of tenant "${requested}" is refused. ` +
        `Use a warehouse connection of tenant "${serving}", or start a server for tenant "${requested}" (PACS_MCP_TENANT=${requested}).`,
    );
  }
}

export function assertSameTenant(serving: string, requested: string | undefined | null, what: string): void {
  if (requested === undefined || requested === null || requested === '') return;
  if (requested !== serving) throw new TenantMismatchError(serving, requested, what);
}
