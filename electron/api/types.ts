import type { z } from 'zod';
import type { ApiContract, ApiGroup } from './contract.js';

type Spec<G extends ApiGroup, M extends keyof ApiContract[G]> = ApiContract[G][M] & { input: z.ZodType; output: z.ZodType };

/** What the renderer calls (window.pacs): input as the caller writes it, output as parsed. */
export type PacsApi = {
  readonly [G in ApiGroup]: {
    readonly [M in keyof ApiContract[G]]: (input: z.input<Spec<G, M>['input']>) => Promise<z.output<Spec<G, M>['output']>>;
  };
};

/** What the main process implements: input already parsed (defaults applied), output before its check. */
export type ApiHandlers<Ctx> = {
  readonly [G in ApiGroup]: {
    readonly [M in keyof ApiContract[G]]: (input: z.output<Spec<G, M>['input']>, ctx: Ctx) => Promise<z.input<Spec<G, M>['output']>>;
  };
};

export type ApiInput<G extends ApiGroup, M extends keyof ApiContract[G]> = z.input<Spec<G, M>['input']>;
export type ApiOutput<G extends ApiGroup, M extends keyof ApiContract[G]> = z.output<Spec<G, M>['output']>;

export type ApiErrorCode = 'unknown_method' | 'invalid_input' | 'forbidden' | 'not_found' | 'conflict' | 'unavailable' | 'failed' | 'internal';

/** How every call comes back over IPC or HTTP: the preload and the bridge turn errors into rejections. */
export type ApiEnvelope = { ok: true; value: unknown } | { ok: false; error: { code: ApiErrorCode; message: string } };

/** The IPC channel every call goes through (the method name is its first argument). */
export const API_CHANNEL = 'pacs:api';
