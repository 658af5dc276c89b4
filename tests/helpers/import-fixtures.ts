import path from 'node:path';
import sqlite3 from 'sqlite3';
import { Engine } from '../../mcp/engine.js';
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
