import { z } from 'zod';
import { isSecretKey } from '../util/redact.js';
import { UserError } from '../util/user-error.js';

/** Result shape of connect_source. */
export const connectSourceOutput = z.object({
  connection_id: z.string(),
  kind: z.string(),
  role: z.string(),
  read_only: z.boolean(),
  target: z.string(),
  secret_required: z.boolean(),
  confirmed: z.boolean().describe('Always false here: the user confirms the connection before it is used.'),
  confirm_command: z.string().describe('What the user runs in a terminal to confirm it (and enter the password); it names only the connection id.'),
  secret_command: z.string().nullable().describe('The same command when a password is needed; null when none is.'),
  message: z.string(),
});

export const modelRoleArg = z
  .enum(['production', 'warehouse', 'other'])
  .default('other')
  .describe('production = read-only always (pacs_oltp). A training connection is registered only by a person, in the app or CLI.');

/**
 * connect_* input schemas are loose, so an argument the schema does not name still reaches the
 * handler: a password-like one is refused with the reason (rather than silently dropped, which
 * would let the model believe the secret was taken), any other is an error.
 */
export function refuseUnknownArguments(args: Record<string, unknown>, known: z.ZodObject): void {
  const extra = Object.keys(args).filter((key) => !(key in known.shape));
  if (extra.length === 0) return;
  const secretLike = extra.filter(isSecretKey);
  if (secretLike.length) {
    throw new UserError(
      'refused',
      `Refused: ${secretLike.join(', ')} looks like a secret, and secrets are never accepted through this chat (they would end up in the conversation). ` +
        'Register the connection without it; the result says where the user enters the password (the PACS MCP app, or `pacs-mcp connections confirm ID`).',
    );
  }
  throw new UserError('invalid', `Unknown argument(s) ${extra.join(', ')}. Call again with only the documented arguments.`);
}
