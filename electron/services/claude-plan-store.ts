import { randomUUID } from 'node:crypto';
import type { ClaudeConfigPlan } from '../../mcp/claude/index.js';
import { UserError } from '../../mcp/util/user-error.js';

const KEEP_PLANS = 10;

/** Prepared Claude Desktop config changes: the screen shows a plan's diff, then writes exactly that plan. */
export class ClaudePlanStore {
  private readonly plans = new Map<string, ClaudeConfigPlan>();

  add(plan: ClaudeConfigPlan): string {
    const id = randomUUID();
    this.plans.set(id, plan);
    for (const old of [...this.plans.keys()].slice(0, Math.max(0, this.plans.size - KEEP_PLANS))) this.plans.delete(old);
    return id;
  }

  take(id: string): ClaudeConfigPlan {
    const plan = this.plans.get(id);
    if (!plan) throw new UserError('not_found', 'That prepared change is no longer available: prepare the change again and review it.');
    this.plans.delete(id);
    return plan;
  }
}
