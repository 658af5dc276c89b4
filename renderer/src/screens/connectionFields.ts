/** The settings form of each connection kind (none holds a secret: the password has its own field). */
export type FieldSpec =
  | { key: string; label: string; type: 'text'; placeholder?: string; required?: boolean; help?: string }
  | { key: string; label: string; type: 'number'; placeholder?: string; required?: boolean }
  | { key: string; label: string; type: 'select'; options: string[]; required?: boolean }
  | { key: string; label: string; type: 'checkbox'; help?: string };

export const CONNECTION_KINDS = ['sqlite', 'postgres', 'sqlserver', 'databricks', 'lakehouse'] as const;
export const CONNECTION_ROLES = ['training', 'production', 'warehouse', 'other'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];
export type ConnectionRole = (typeof CONNECTION_ROLES)[number];

export const KIND_LABELS: Record<ConnectionKind, string> = {
  sqlite: 'SQLite file',
  postgres: 'PostgreSQL',
  sqlserver: 'SQL Server (PACS)',
  databricks: 'Databricks SQL',
  lakehouse: 'Local lakehouse',
};

export const ROLE_HELP: Record<ConnectionRole, string> = {
  training: 'Reads and the named write tools (pacs_training).',
  production: 'Read-only, always (pacs_oltp). Changes arrive only as QA-signed promotions.',
  warehouse: 'Lakehouse or Databricks.',
  other: 'Anything else; read-only for tools.',
};

export const KIND_FIELDS: Record<ConnectionKind, FieldSpec[]> = {
  sqlite: [{ key: 'file', label: 'Database file', type: 'text', required: true, placeholder: '/path/to/file.sqlite' }],
  postgres: [
    { key: 'host', label: 'Host', type: 'text', required: true, placeholder: 'localhost' },
    { key: 'port', label: 'Port', type: 'number', placeholder: '5432' },
    { key: 'database', label: 'Database', type: 'text', required: true },
    { key: 'user', label: 'User', type: 'text', required: true },
    { key: 'ssl', label: 'TLS', type: 'select', options: ['disable', 'require', 'verify-full'] },
  ],
  sqlserver: [
    { key: 'server', label: 'Server', type: 'text', required: true, placeholder: 'jcharrispacs' },
    { key: 'instance', label: 'Instance', type: 'text' },
    { key: 'port', label: 'Port', type: 'number', placeholder: '1433' },
    { key: 'database', label: 'Database', type: 'text', required: true, placeholder: 'pacs_training' },
    { key: 'authentication', label: 'Login', type: 'select', options: ['sql', 'ntlm', 'windows'] },
    { key: 'user', label: 'User', type: 'text' },
    { key: 'domain', label: 'Domain (NTLM)', type: 'text' },
    { key: 'encrypt', label: 'Encrypt the connection', type: 'checkbox' },
    { key: 'trust_server_certificate', label: 'Trust the server certificate', type: 'checkbox', help: 'Only for a server with a self-signed certificate you know.' },
  ],
  databricks: [
    { key: 'host', label: 'Workspace host', type: 'text', required: true, placeholder: 'adb-123.azuredatabricks.net' },
    { key: 'http_path', label: 'HTTP path', type: 'text', required: true, placeholder: '/sql/1.0/warehouses/…' },
    { key: 'catalog', label: 'Catalog', type: 'text' },
    { key: 'tenant_id', label: 'Tenant id', type: 'text' },
  ],
  lakehouse: [{ key: 'tenant_id', label: 'Tenant id', type: 'text', placeholder: 'default' }],
};

/** Whether the kind logs in with a password (the main process decides too). */
export function kindUsesSecret(kind: ConnectionKind, config: Record<string, unknown>): boolean {
  if (kind === 'sqlite' || kind === 'lakehouse') return false;
  return !(kind === 'sqlserver' && config.authentication === 'windows');
}

/** The "PACS server" preset: server jcharrispacs with its training and production databases. */
export const PACS_PRESETS = [
  { id: 'pacs_training', kind: 'sqlserver' as const, role: 'training' as const, description: 'PACS training database (acts as OLTP for dev work)', config: { server: 'jcharrispacs', database: 'pacs_training', authentication: 'sql', encrypt: true } },
  { id: 'pacs_oltp', kind: 'sqlserver' as const, role: 'production' as const, description: 'PACS production (read-only)', config: { server: 'jcharrispacs', database: 'pacs_oltp', authentication: 'sql', encrypt: true } },
];
