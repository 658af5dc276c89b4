import { z } from 'zod';
import { connectionKindInfoSchema, connectionRoleInfoSchema } from '../../../mcp/connections/connection-kinds.js';
import { CONNECTION_KINDS, CONNECTION_ROLES } from '../../../mcp/connections/connection-types.js';
import { testConnectionOutput } from '../../../mcp/tools/connection-schemas.js';
import { connectionId, noInput } from './common.js';

// Keys that must never appear in a connection's settings: secrets go to the keychain only.
const SECRET_LIKE_KEY = /pass(word|wd)?|pwd|secret|token|api[_-]?key|credential|private[_-]?key/i;

const configValue = z.union([z.string().max(4_096), z.number(), z.boolean()]);
const connectionConfig = z
  .record(z.string().max(64), configValue)
  .refine((config) => Object.keys(config).every((key) => !SECRET_LIKE_KEY.test(key)), {
    message: 'Settings cannot hold a password or token: use the password field, which goes to the OS keychain.',
  });

export const connectionView = z.object({
  id: z.string(),
  kind: z.enum(CONNECTION_KINDS),
  role: z.enum(CONNECTION_ROLES),
  description: z.string(),
  is_default: z.boolean(),
  target: z.string(),
  read_only: z.boolean(),
  /** The non-secret settings, for the edit form. */
  config: z.record(z.string(), configValue),
  needs_secret: z.boolean(),
  /** Whether the keychain holds a password for it. The password itself never leaves the main process. */
  has_secret: z.boolean(),
  /** user: added by a person; model: registered through the chat. */
  origin: z.enum(['user', 'model']),
  /** False while a model-registered connection waits for a person to confirm it: it cannot be used or tested. */
  confirmed: z.boolean(),
  /** The person let it sign in with this computer's own credentials (.pgpass, PGPASSWORD, the Windows account). */
  ambient_credentials: z.boolean(),
  updated_at: z.string(),
});

/**
 * What the connection form offers, from the engine's own definitions: each kind with its label,
 * settings fields and when it needs a password, the roles, and the PACS server preset.
 */
export const connectionsKinds = {
  input: noInput,
  output: z.object({
    kinds: z.array(connectionKindInfoSchema),
    roles: z.array(connectionRoleInfoSchema),
    presets: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(CONNECTION_KINDS),
        role: z.enum(CONNECTION_ROLES),
        description: z.string(),
        is_default: z.boolean(),
        config: z.record(z.string(), configValue),
      }),
    ),
  }),
};

export const connectionsList = {
  input: noInput,
  output: z.object({ connections: z.array(connectionView) }),
};

export const connectionsSave = {
  input: z.object({
    id: connectionId,
    kind: z.enum(CONNECTION_KINDS),
    role: z.enum(CONNECTION_ROLES),
    description: z.string().max(500).default(''),
    is_default: z.boolean().default(false),
    /** PostgreSQL: use PGPASSWORD / .pgpass of this computer when no password is stored. */
    ambient_credentials: z.boolean().default(false),
    config: connectionConfig,
    /** Write-only. keep: leave the stored one; set: store `value` in the keychain; clear: delete it. */
    secret: z
      .discriminatedUnion('action', [
        z.object({ action: z.literal('keep') }),
        z.object({ action: z.literal('set'), value: z.string().min(1).max(4_096) }),
        z.object({ action: z.literal('clear') }),
      ])
      .default({ action: 'keep' }),
  }),
  output: z.object({ connection: connectionView }),
};

/** A person confirms a connection the model registered, after seeing where it points. */
export const connectionsConfirm = {
  input: z.object({ id: connectionId, ambient_credentials: z.boolean().optional() }),
  output: z.object({ connection: connectionView }),
};

export const connectionsRemove = {
  input: z.object({ id: connectionId }),
  output: z.object({ removed: z.boolean() }),
};

export const connectionsTest = {
  input: z.object({ id: connectionId }),
  output: testConnectionOutput,
};
