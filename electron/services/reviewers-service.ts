import { actorFor } from '../../mcp/imports/actor.js';
import { PackageError } from '../../mcp/qa/package-format.js';
import { addReviewerKey, listReviewerKeys, removeReviewerKey } from '../../mcp/qa/reviewer-registry.js';
import { ApiError } from '../api/dispatch.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { UI_CLIENT, uiAction } from './ui-audit.js';

const actor = () => actorFor('ui', UI_CLIENT.clientName);

async function asApiError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PackageError) throw new ApiError('invalid_input', err.message);
    throw err;
  }
}

/**
 * The reviewers whose offline QA sign-offs this install accepts. Adding and removing are desktop
 * and CLI actions only (audited as the UI action and as the registry's own row); the MCP server
 * offers no tool for them.
 */
export const reviewersService: ApiHandlers<ServiceContext>['reviewers'] = {
  async list(input, ctx) {
    return { reviewers: await listReviewerKeys(ctx.engine, { includeRemoved: input.include_removed }) };
  },

  async add(input, ctx) {
    return asApiError(() => uiAction(ctx.engine, { action: 'qa.reviewers.add', args: input }, () => addReviewerKey(ctx.engine, { name: input.name, publicKey: input.public_key }, actor())));
  },

  async remove(input, ctx) {
    return asApiError(() => uiAction(ctx.engine, { action: 'qa.reviewers.remove', args: input }, () => removeReviewerKey(ctx.engine, input.key, actor())));
  },
};
