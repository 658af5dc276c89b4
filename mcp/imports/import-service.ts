import type { ImportEngine } from './import-engine.js';
import type { Actor } from './actor.js';
import { rejectBatch, signoffBatch, type SignoffOptions, type SignoffRequest } from './batch-lifecycle.js';
import { batchReport, type BatchReport } from './batch-report.js';
import type { BatchRow, ImportStore } from './batch-store.js';
import { getBatchDetail, listBatches, type BatchDetail, type BatchDetailRequest, type BatchFilter, type BatchSummary } from './batch-view.js';
import { promoteBatch, type PromoteRequest, type PromoteResult } from './promotion.js';
import { pushBatch, type PushRequest, type PushResult } from './push-batch.js';
import { stageImport, type StageOptions, type StageRequest } from './stage-batch.js';
import { validateImport, type ValidateOptions, type ValidateRequest, type ValidateResult } from './validate-batch.js';

/**
 * The front door to imports, one per engine (`engine.imports`): tools, the CLI, the QA packages
 * and the desktop app all stage, validate, sign off, push, promote and read batches through it.
 * It owns the engine's one import-store connection, whose crash recovery ran when it opened.
 */
export class ImportService {
  constructor(
    private readonly engine: ImportEngine,
    readonly store: ImportStore,
  ) {}

  /** Cleans up batches whose worker died (kill -9, power loss); the engine runs it once, when it opens. */
  recoverInterrupted(actor: Actor): Promise<number> {
    return this.store.recoverInterrupted(actor);
  }

  stage(request: StageRequest, actor: Actor, options?: StageOptions): Promise<BatchRow> {
    return stageImport(this.store, request, actor, options);
  }

  validate(request: ValidateRequest, actor: Actor, options?: ValidateOptions): Promise<ValidateResult> {
    return validateImport(this.engine, this.store, request, actor, options);
  }

  signoff(request: SignoffRequest, actor: Actor, options?: SignoffOptions): Promise<BatchRow> {
    return signoffBatch(this.store, request, actor, options);
  }

  reject(request: { batchId: string; reason: string }, actor: Actor): Promise<BatchRow> {
    return rejectBatch(this.store, request, actor);
  }

  push(request: PushRequest, actor: Actor): Promise<PushResult> {
    return pushBatch(this.engine, this.store, request, actor);
  }

  /** The one write to production: for the desktop app alone (see promotion.ts). */
  promote(request: PromoteRequest, actor?: Actor): Promise<PromoteResult> {
    return promoteBatch(this.engine, this.store, request, actor);
  }

  get(batchId: string): Promise<BatchRow> {
    return this.store.get(batchId);
  }

  list(filter: BatchFilter): Promise<{ batches: BatchSummary[]; total: number }> {
    return listBatches(this.store, filter);
  }

  detail(request: BatchDetailRequest): Promise<BatchDetail> {
    return getBatchDetail(this.store, request);
  }

  /** What staging or validating reports: counts, notes and the first `maxErrors` errors. */
  report(batch: BatchRow, maxErrors: number): Promise<BatchReport> {
    return batchReport(this.store, batch, maxErrors);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
