import { describe, expect, it } from 'vitest';
import { assertSameTenant, DEFAULT_TENANT, InvalidTenantError, parseTenantId, serverTenant, tenantCatalog, TenantMismatchError } from '../../mcp/lakehouse/tenant.js';
import { UserError } from '../../mcp/util/user-error.js';

describe('tenant ids', () => {
  it.each(['a', '0', 'county_a', 'benton_2026', 'a'.repeat(40), '9_'])('accepts %s', (id) => {
    expect(parseTenantId(id)).toBe(id);
  });

  it('trims blanks around an id', () => {
    expect(parseTenantId('  county_a \n')).toBe('county_a');
  });

  it.each(['', ' ', '_county', 'County_a', 'county-a', 'county a', 'a'.repeat(41), '../b', 'tenant_a;drop', 'ä'])('refuses %j, saying what an id looks like', (id) => {
    expect(() => parseTenantId(id)).toThrow(InvalidTenantError);
    expect(() => parseTenantId(id)).toThrow(`"${id}" is not a valid tenant id: use 1-40 lower-case letters, digits or "_", starting with a letter or digit (e.g. "county_a").`);
  });

  it('refuses what is not text, naming it', () => {
    expect(() => parseTenantId(42)).toThrow('"42" is not a valid tenant id');
    expect(() => parseTenantId(undefined)).toThrow('"" is not a valid tenant id');
    expect(() => parseTenantId(null)).toThrow('"" is not a valid tenant id');
  });

  it('an invalid id is an error the caller can fix', () => {
    const err = (() => {
      try {
        parseTenantId('Bad');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).kind).toBe('invalid');
  });
});

describe('the tenant a server serves', () => {
  it('is PACS_MCP_TENANT, trimmed, or "default" when it is unset or blank', () => {
    expect(DEFAULT_TENANT).toBe('default');
    expect(serverTenant({})).toBe('default');
    expect(serverTenant({ PACS_MCP_TENANT: '' })).toBe('default');
    expect(serverTenant({ PACS_MCP_TENANT: '   ' })).toBe('default');
    expect(serverTenant({ PACS_MCP_TENANT: ' county_b ' })).toBe('county_b');
    expect(() => serverTenant({ PACS_MCP_TENANT: 'County B' })).toThrow(InvalidTenantError);
  });

  it('names its catalog tenant_<id>, and only for a valid id', () => {
    expect(tenantCatalog('county_a')).toBe('tenant_county_a');
    expect(tenantCatalog(' county_a ')).toBe('tenant_county_a');
    expect(() => tenantCatalog('x.y')).toThrow(InvalidTenantError);
  });
});

describe('assertSameTenant', () => {
  it('lets through what names no tenant, or the served one', () => {
    for (const requested of [undefined, null, '', 'county_a']) expect(() => assertSameTenant('county_a', requested, 'the warehouse')).not.toThrow();
  });

  it("refuses another tenant's, saying what to do", () => {
    let caught: unknown;
    try {
      assertSameTenant('county_a', 'county_b', 'warehouse connection "lake_b"');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TenantMismatchError);
    expect((caught as UserError).kind).toBe('refused');
    expect((caught as Error).message).toBe(
      'This PACS MCP server serves tenant "county_a", so warehouse connection "lake_b" of tenant "county_b" is refused. ' +
        'Use a warehouse connection of tenant "county_a", or start a server for tenant "county_b" (PACS_MCP_TENANT=county_b).',
    );
  });

  it('compares ids exactly', () => {
    expect(() => assertSameTenant('county_a', 'county_a ', 'x')).toThrow(TenantMismatchError);
    expect(() => assertSameTenant('county_a', 'COUNTY_A', 'x')).toThrow(TenantMismatchError);
  });
});
