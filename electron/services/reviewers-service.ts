import { actorFor } from '../../mcp/imports/actor.js';
import { addReviewerKey, listReviewerKeys, removeReviewerKey } from '../../mcp/qa/reviewer-registry.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { UI_CALLER, uiAction } from './ui-audit.js';

const actor = () => actorFor('ui', UI_CALLER.clientName);

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
    return uiAction(ctx.engine, { action: 'qa.reviewers.add', args: input }, () => addReviewerKey(ctx.engine, { name: input.name, publicKey: input.public_key }, actor()));
  },

  async remove(input, ctx) {
    return uiAction(ctx.engine, { action: 'qa.reviewers.remove', args: input }, () => removeReviewerKey(ctx.engine, input.key, actor()));
  },
};
