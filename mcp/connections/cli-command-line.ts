import { connectionIdSchema } from './connection-types.js';

/**
 * Commands a person is told to run in a terminal. They carry nothing but a connection id, which
 * is checked against the id pattern (letters, digits, `_ . -`), so no shell (bash, cmd,
 * PowerShell) can read anything in them as code; every other setting is shown by the command
 * itself when it runs.
 */
function withId(command: string, id: string): string {
  const parsed = connectionIdSchema.safeParse(id);
  if (!parsed.success) throw new Error(`Not a connection id: ${JSON.stringify(id)}.`);
  return `${command} ${parsed.data}`;
}

/** Confirms a connection the model registered, after showing where it points; asks for its password when one is needed. */
export function confirmCommand(id: string): string {
  return withId('pacs-mcp connections confirm', id);
}

/** Stores (or replaces) a connection's password in the OS keychain. */
export function setPasswordCommand(id: string): string {
  return withId('pacs-mcp connections set-password', id);
}
