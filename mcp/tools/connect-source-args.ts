import { z } from 'zod';

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
