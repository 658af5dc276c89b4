/**
 * What a user-facing error is about; every surface decides from this alone how to report it.
 * - invalid: the request itself is wrong (an argument, a file, a name); fix it and call again.
 * - refused: the request is understood and not allowed (read-only production, the SQL guard, another tenant).
 * - not_found: what the request names does not exist (a connection, batch, snapshot, table, job).
 * - conflict: the current state does not allow it now (a batch's status, a job already running).
 * - unavailable: something it needs cannot be reached or used now (a source, the keychain, a warehouse).
 */
export type UserErrorKind = 'invalid' | 'refused' | 'not_found' | 'conflict' | 'unavailable';

/**
 * An error whose message is written for the person (or model) that made the call and says what
 * to do. Every domain error extends it; anything else that is thrown is an unexpected failure.
 */
export class UserError extends Error {
  constructor(
    readonly kind: UserErrorKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** How a failed call is audited: a refusal, or an error of any other kind (expected or not). */
export function failureOutcome(err: unknown): 'refused' | 'error' {
  return err instanceof UserError && err.kind === 'refused' ? 'refused' : 'error';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
