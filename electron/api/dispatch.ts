import { describeZodError } from '../../mcp/util/zod-errors.js';
import { methodSpec, type ApiGroup } from './contract.js';
import type { ApiEnvelope, ApiErrorCode, ApiHandlers } from './types.js';

/** A failure whose message is for the user (it says what to do). */
export class ApiError extends Error {
  constructor(readonly code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface DispatchOptions {
  /** Errors that are not ApiErrors: log them (stderr) — their message still goes back. */
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
    if (err instanceof ApiError) return failure(err.code, err.message);
    options.onUnexpectedError?.(method, err);
    return failure('failed', err instanceof Error ? err.message : String(err));
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
