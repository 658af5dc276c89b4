import { z } from 'zod';
import { CONNECTION_CONFIG_SCHEMAS, SECRET_RULES, type SecretRule } from './connection-config.js';
import { CONNECTION_KINDS, CONNECTION_ROLES, type ConnectionKind, type ConnectionRole } from './connection-types.js';

/**
 * What the app's connection form shows for each kind: its name, its settings fields and when it
 * needs a password. The desktop API serves this to the renderer (`connections.kinds`), so the
 * form never declares a kind of its own. Imports zod only: the API contract reuses the schemas.
 */

export const fieldSpecSchema = z.discriminatedUnion('type', [
  z.object({ key: z.string(), label: z.string(), type: z.literal('text'), placeholder: z.string().optional(), required: z.boolean().optional(), help: z.string().optional() }),
  z.object({ key: z.string(), label: z.string(), type: z.literal('number'), placeholder: z.string().optional(), required: z.boolean().optional() }),
  z.object({ key: z.string(), label: z.string(), type: z.literal('select'), options: z.array(z.string()), required: z.boolean().optional() }),
  z.object({ key: z.string(), label: z.string(), type: z.literal('checkbox'), help: z.string().optional() }),
]);
export type FieldSpec = z.infer<typeof fieldSpecSchema>;

export const secretRuleSchema = z.object({ needed: z.boolean(), unless: z.object({ key: z.string(), equals: z.string() }).nullable() }) satisfies z.ZodType<SecretRule>;

export const connectionKindInfoSchema = z.object({
  kind: z.enum(CONNECTION_KINDS),
  label: z.string(),
  /** A warehouse holds bronze/silver/gold tables (lakehouse, Databricks); the others are PACS databases. */
  warehouse: z.boolean(),
  fields: z.array(fieldSpecSchema),
  secret: secretRuleSchema,
  /**
   * The switch that lets this kind sign in with what the computer already holds (null: the kind
   * has none, or its settings say so, as SQL Server's Windows login does). Off unless turned on.
   */
  ambient: z.object({ label: z.string() }).nullable(),
});
export type ConnectionKindInfo = z.infer<typeof connectionKindInfoSchema>;

export const connectionRoleInfoSchema = z.object({ role: z.enum(CONNECTION_ROLES), help: z.string() });

/** A select's choices are the values its setting's schema accepts. */
function choices(kind: ConnectionKind, key: string): string[] {
  let schema = (CONNECTION_CONFIG_SCHEMAS[kind].shape as Record<string, z.ZodType>)[key];
  while (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  if (!(schema instanceof z.ZodEnum)) throw new Error(`The ${kind} setting "${key}" is not a choice.`);
  return schema.options.map(String);
}

/** How the PACS tools treat a PACS database (sqlite, postgres, sqlserver): whose rules apply, and how appeals are scheduled. */
const pacsFields = (kind: ConnectionKind): FieldSpec[] => [
  { key: 'jurisdiction', label: 'State rules (exemptions, appeals)', type: 'select', options: choices(kind, 'jurisdiction') },
  { key: 'appeal_scheduled_status', label: 'Status of a case put on a hearing docket', type: 'text', placeholder: 'S', help: "One of the county's _arb_protest_status codes that does not close a case; empty: the status stays." },
  { key: 'appeal_scheduling_procedure', label: "PACS's scheduling procedure", type: 'text', placeholder: 'dbo.ARBAutoSchedule', help: 'Empty: route_appeal picks the docket the way PACS auto-scheduling does.' },
  { key: 'appeal_calendar_date', label: 'Day this copy stands at', type: 'text', placeholder: 'YYYY-MM-DD', help: "A training copy's dockets are those of the day it was taken: route_appeal schedules from this day instead of today. Empty: today." },
];

const KINDS: Record<ConnectionKind, Omit<ConnectionKindInfo, 'kind' | 'secret'>> = {
  sqlite: {
    label: 'SQLite file',
    warehouse: false,
    fields: [{ key: 'file', label: 'Database file', type: 'text', required: true, placeholder: '/path/to/file.sqlite' }, ...pacsFields('sqlite')],
    ambient: null,
  },
  postgres: {
    label: 'PostgreSQL',
    warehouse: false,
    fields: [
      { key: 'host', label: 'Host', type: 'text', required: true, placeholder: 'localhost' },
      { key: 'port', label: 'Port', type: 'number', placeholder: '5432' },
      { key: 'database', label: 'Database', type: 'text', required: true },
      { key: 'user', label: 'User', type: 'text', required: true },
      { key: 'ssl', label: 'TLS', type: 'select', options: choices('postgres', 'ssl') },
      ...pacsFields('postgres'),
    ],
    ambient: { label: 'When no password is stored, sign in with this computer’s PostgreSQL credentials (PGPASSWORD, .pgpass)' },
  },
  sqlserver: {
    label: 'SQL Server (PACS)',
    warehouse: false,
    fields: [
      { key: 'server', label: 'Server', type: 'text', required: true, placeholder: 'jcharrispacs' },
      { key: 'instance', label: 'Instance', type: 'text' },
      { key: 'port', label: 'Port', type: 'number', placeholder: '1433' },
      { key: 'database', label: 'Database', type: 'text', required: true, placeholder: 'pacs_training' },
      { key: 'authentication', label: 'Login', type: 'select', options: choices('sqlserver', 'authentication') },
      { key: 'user', label: 'User', type: 'text' },
      { key: 'domain', label: 'Domain (NTLM)', type: 'text' },
      { key: 'encrypt', label: 'Encrypt the connection', type: 'checkbox' },
      { key: 'trust_server_certificate', label: 'Trust the server certificate', type: 'checkbox', help: 'Only for a server with a self-signed certificate you know.' },
      { key: 'read_only_intent', label: 'Read-only intent', type: 'checkbox', help: 'ApplicationIntent=ReadOnly: an availability group sends reads to a readable secondary. For production connections.' },
      ...pacsFields('sqlserver'),
    ],
    ambient: null,
  },
  databricks: {
    label: 'Databricks SQL',
    warehouse: true,
    fields: [
      { key: 'host', label: 'Workspace host', type: 'text', required: true, placeholder: 'adb-123.azuredatabricks.net' },
      { key: 'http_path', label: 'HTTP path', type: 'text', required: true, placeholder: '/sql/1.0/warehouses/…' },
      { key: 'catalog', label: 'Catalog', type: 'text' },
      { key: 'tenant_id', label: 'Tenant id', type: 'text' },
    ],
    ambient: null,
  },
  lakehouse: {
    label: 'Local lakehouse',
    warehouse: true,
    fields: [{ key: 'tenant_id', label: 'Tenant id', type: 'text', placeholder: 'default' }],
    ambient: null,
  },
};

const ROLE_HELP: Record<ConnectionRole, string> = {
  training: 'Reads and the named write tools (pacs_training).',
  production: 'Read-only, always (pacs_oltp). Changes arrive only as QA-signed promotions.',
  warehouse: 'Lakehouse or Databricks.',
  other: 'Anything else; read-only for tools.',
};

/** Every kind, in the order the form lists them. */
export function connectionKinds(): ConnectionKindInfo[] {
  return CONNECTION_KINDS.map((kind) => ({ kind, ...KINDS[kind], secret: SECRET_RULES[kind] }));
}

export function connectionRoles(): z.infer<typeof connectionRoleInfoSchema>[] {
  return CONNECTION_ROLES.map((role) => ({ role, help: ROLE_HELP[role] }));
}

export function isWarehouseKind(kind: ConnectionKind): boolean {
  return KINDS[kind].warehouse;
}
