import { ClaudeConfigError } from './errors.js';

/** The part of an `mcpServers` entry the guard inspects. */
export interface GuardedServerEntry {
  command: string;
  args: readonly string[];
  env?: Readonly<Record<string, string>>;
}

// Fails closed: a harmless name that happens to match (e.g. MONKEY) is refused too.
const SECRET_NAME = /password|passwd|pwd|secret|token|key|credential/i;
const NAMED_ARG = /^(?:--?)?([A-Za-z_][A-Za-z0-9_.-]*)(?:=|$)/;
const FLAG_ARG = /^--?[A-Za-z]/;
const CREDENTIAL_IN_TEXT = [
  /\b(?:password|pwd)\s*=/i, // connection strings: "Server=x;Password=y"
  /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, // URLs with user:password@
  /\bbearer\s+\S/i,
];

const WHY =
  'Secrets stay in the OS keychain and the server reads them there; nothing secret may go in the Claude Desktop config.';

/**
 * Throws `ClaudeConfigError` (code `secret-in-entry`) when anything in the entry looks like a
 * secret: an env name or a flag named like one, credentials inside a value, or any of
 * `knownSecrets` (say, passwords the caller holds). The message never repeats the value.
 */
export function assertNoSecrets(entry: GuardedServerEntry, knownSecrets: readonly string[] = []): void {
  const secrets = knownSecrets.filter((secret) => secret.length > 0);
  const containsKnownSecret = (text: string) => secrets.some((secret) => text.includes(secret));

  if (containsKnownSecret(entry.command)) refuse('the command contains a known secret');

  entry.args.forEach((arg, index) => {
    const where = `argument ${index + 1}`;
    if (containsKnownSecret(arg)) refuse(`${where} contains a known secret`);
    const named = isNamedArg(arg) ? NAMED_ARG.exec(arg) : null;
    if (named && SECRET_NAME.test(named[1])) refuse(`${where} (${named[1]}) is named like a secret`);
    if (CREDENTIAL_IN_TEXT.some((pattern) => pattern.test(arg))) refuse(`${where} contains credentials`);
  });

  for (const [name, value] of Object.entries(entry.env ?? {})) {
    if (SECRET_NAME.test(name)) refuse(`env variable ${name} is named like a secret`);
    if (containsKnownSecret(value)) refuse(`env variable ${name} contains a known secret`);
    if (CREDENTIAL_IN_TEXT.some((pattern) => pattern.test(value))) refuse(`env variable ${name} contains credentials`);
  }
}

/** `--name`, `-name=…` or `NAME=…`; a bare word or a path is not a named argument. */
function isNamedArg(arg: string): boolean {
  return FLAG_ARG.test(arg) || /^[A-Za-z_][A-Za-z0-9_.-]*=/.test(arg);
}

function refuse(reason: string): never {
  throw new ClaudeConfigError('secret-in-entry', `Refusing to write the Claude Desktop entry: ${reason}. ${WHY}`);
}
