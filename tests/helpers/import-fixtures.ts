import path from 'node:path';
import sqlite3 from 'sqlite3';
import { generateDemoDatabase } from '../../mcp/demo/generate-demo.js';
import { Engine } from '../../mcp/engine.js';
import { actorFor, type Actor } from '../../mcp/imports/actor.js';
import type { BatchRow } from '../../mcp/imports/batch-store.js';
import { setPromotionProcedure } from '../../mcp/imports/promotion-targets.js';
import { makeTempHome } from './temp-home.js';

export interface ImportTestEngine {
  engine: Engine;
  dir: string;
  demoFile: string;
  /** Read-only query on the demo database, as a test checks what really happened there. */
  demo<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A write on the demo database, as a PACS user would make in PACS itself (test set-up). */
  demoWrite(sql: string, params?: unknown[]): Promise<void>;
  /** Read-only query on the app store. */
  store<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function sqliteAll<T>(file: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
      if (err) return reject(err);
      db.all(sql, params, (e, rows) => {
        db.close();
        if (e) reject(e);
        else resolve(rows as T[]);
      });
    });
  });
}

/** An engine on a fresh data dir whose demo database (the training source) has `size` parcels, with Washington (default) or Texas data and rules. */
export async function openImportEngine(size = 300, jurisdiction: 'WA' | 'TX' = 'WA'): Promise<ImportTestEngine> {
  const home = makeTempHome('pacs-import-');
  const env = { ...process.env, PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: String(size), PACS_MCP_DEMO_JURISDICTION: jurisdiction };
  const engine = await Engine.open({ dataDir: home.dir, env });
  const demoFile = path.join(home.dir, 'demo-pacs.sqlite');
  return {
    engine,
    dir: home.dir,
    demoFile,
    demo: (sql, params) => sqliteAll(demoFile, sql, params),
    demoWrite: (sql, params = []) =>
      new Promise((resolve, reject) => {
        const db = new sqlite3.Database(demoFile);
        db.run(sql, params, (err) => {
          db.close();
          if (err) reject(err);
          else resolve();
        });
      }),
    store: (sql, params) => sqliteAll(path.join(home.dir, 'app.sqlite'), sql, params),
    close: async () => {
      await engine.close();
      home.cleanup();
    },
  };
}

/** CSV text from a header and rows; cells are written as given (quote them yourself when needed). */
export function csvText(header: string[], rows: (string | number | null)[][], lineBreak = '\n'): string {
  return [header.join(','), ...rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join(','))].join(lineBreak) + lineBreak;
}

export const EXEMPTION_HEADER = ['prop_id', 'geo_id', 'owner_id', 'exmpt_tax_yr', 'exmpt_type_cd', 'exmpt_subtype_cd', 'effective_dt', 'termination_dt', 'qualify_yr', 'applicant_nm', 'exemption_pct', 'exempt_qualify_cd', 'combined_disp_income', 'action'];

/** One exemption row in EXEMPTION_HEADER order. */
export function exemptionRow(r: { prop?: number | null; geo?: string | null; owner: number | string; year?: number | string; code: string; subtype?: string; effective?: string; termination?: string; qualify?: number | string; name?: string; pct?: number | string; qualifyCd?: string; income?: number | string; action?: string }): (string | number | null)[] {
  return [r.prop ?? null, r.geo ?? null, r.owner, r.year ?? 2026, r.code, r.subtype ?? null, r.effective ?? '2026-01-01', r.termination ?? null, r.qualify ?? 2026, r.name ?? 'TEST APPLICANT', r.pct ?? null, r.qualifyCd ?? null, r.income ?? null, r.action ?? 'ADD'];
}

/** Owners of active R parcels in 2026 with no exemption yet in the demo: an ADD EX for each of them is valid. */
export async function freeOwners(t: ImportTestEngine, n: number, offset = 0): Promise<{ prop_id: number; owner_id: number }[]> {
  return t.demo<{ prop_id: number; owner_id: number }>(
    `SELECT o.prop_id, o.owner_id FROM owner o JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id
       JOIN property p ON p.prop_id = o.prop_id
      WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R'
        AND NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = 2026)
        AND NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = 2026 AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL))
      ORDER BY o.prop_id, o.owner_id LIMIT ${n} OFFSET ${offset}`,
  );
}

/** An exemptions batch staged from `rows` and validated against the demo. */
export async function stagedAndValidated(t: ImportTestEngine, rows: (string | number | null)[][], name: string, actor: Actor = actorFor('cli')): Promise<BatchRow> {
  const staged = await t.engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, rows), file_name: name }, actor);
  return (await t.engine.imports.validate({ batchId: staged.batch_id }, actor)).batch;
}

/** A validated exemptions batch of one valid ADD EX per owner, signed off by "Pat QA". */
export async function signedBatch(t: ImportTestEngine, owners: { prop_id: number; owner_id: number }[], name: string, actor: Actor = actorFor('cli')): Promise<BatchRow> {
  const batch = await stagedAndValidated(t, owners.map((o) => exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'EX' })), name, actor);
  await t.engine.imports.signoff({ batchId: batch.batch_id, reviewer: 'Pat QA', reviewedSha256: batch.content_sha256! }, actor);
  return batch;
}

/**
 * A second SQLite file with the same PACS data registered as production connection "prod", the
 * promotion target; with `allowlisted`, its exemptions promotion statement set is configured.
 * Returns a read-only query on that file.
 */
export async function addProductionTarget(t: ImportTestEngine, options: { allowlisted: boolean }): Promise<<T = Record<string, any>>(sql: string, params?: unknown[]) => Promise<T[]>> {
  const file = path.join(t.dir, 'prod-pacs.sqlite');
  await generateDemoDatabase(file, { size: 300 });
  await t.engine.connections.upsert({ id: 'prod', kind: 'sqlite', role: 'production', description: 'production copy', config: { file } });
  if (options.allowlisted) await setPromotionProcedure(t.engine, { connectionId: 'prod', kind: 'exemptions', procedure: 'pacs_mcp_promote_exemptions' }, actorFor('ui'));
  return (sql, params = []) => sqliteAll(file, sql, params);
}
