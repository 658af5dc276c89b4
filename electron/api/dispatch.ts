import { errorMessage, UserError, type UserErrorKind } from '../../mcp/util/user-error.js';
import { describeZodError } from '../../mcp/util/zod-errors.js';
import { methodSpec, type ApiGroup } from './contract.js';
import type { ApiEnvelope, ApiErrorCode, ApiHandlers } from './types.js';

const CODE_OF_KIND: Record<UserErrorKind, ApiErrorCode> = {
  invalid: 'invalid_input',
  refused: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  unavailable: 'unavailable',
};

/**
 * The one place a failed API call becomes its error envelope: a UserError by its kind, with its
 * message (it says what to do); anything else is `failed`, with its message too.
 */
export function apiFailure(err: unknown): ApiEnvelope {
  return failure(err instanceof UserError ? CODE_OF_KIND[err.kind] : 'failed', errorMessage(err));
}

export interface DispatchOptions {
  /** Errors that are not UserErrors: log them (stderr) — their message still goes back. */
  onUnexpectedError?: (method: string, err: unknown) => void;
}

/**
 * One API call as it arrives from outside (IPC or the test bridge): the method must be in the
 * contract, the input must parse, and the output must match the contract too — unknown keys are
 * stripped, so nothing the contract does not name (a password, say) can leave the main process.
 */
export async function dispatchApiCall<Ctx>(handlers: ApiHandlers<Ctx>, ctx: Ctx, method: unknown, rawInput: unknown, options: DispatchOptions = {}): Promise<ApiEnvelope> {
  if (typeof method !== 'string' || method.length > 100) return failure('unknown_method', 'The API method name is missing or not a string.');
  const spec = methodSpec(method);
  if (!spec) return failure('unknown_method', `There is no API method "${method}".`);
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) return failure('invalid_input', `Invalid input for ${method}: ${describeZodError(parsed.error)}`);

  const [group, name] = method.split('.') as [ApiGroup, string];
  const handler = (handlers[group] as Record<string, (input: unknown, ctx: Ctx) => Promise<unknown>>)[name];
  let value: unknown;
  try {
    value = await handler(parsed.data, ctx);
  } catch (err) {
    if (!(err instanceof UserError)) options.onUnexpectedError?.(method, err);
    return apiFailure(err);
  }
  const checked = spec.output.safeParse(value);
  if (!checked.success) {
    options.onUnexpectedError?.(method, new Error(`output does not match the contract: ${describeZodError(checked.error)}`));
    return failure('internal', `The app produced an unexpected answer for ${method}; see the log.`);
  }
  return { ok: true, value: checked.data };
}

function failure(code: ApiErrorCode, message: string): ApiEnvelope {
  return { ok: false, error: { code, message } };
}
