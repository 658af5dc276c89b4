import fs from 'node:fs';
import path from 'node:path';
import { SqliteDb } from '../store/sqlite-db.js';
import { replaceFile, retryWhileInUse, type RenameFile } from '../util/file-in-use.js';
import { BatchInserter, type RowValues } from './batch-inserter.js';
import { writeParcel } from './demo-parcel.js';
import { DEFAULT_JURISDICTION, JURISDICTIONS, type Jurisdiction } from '../pacs/jurisdiction.js';
import { DEMO_SCHEMA_VERSION, DEMO_TABLES } from './demo-schema.js';
import { sqliteDdl } from './schema-ddl.js';
import { DemoWorld } from './demo-world.js';

/** The file-system boundary of the final replace, and the platform whose rules apply (tests simulate Windows). */
export interface DemoFileSystem {
  rename?: RenameFile;
  platform?: NodeJS.Platform;
  retryDelaysMs?: readonly number[];
}

export interface DemoOptions extends DemoFileSystem {
  /** Parcels (property rows). Default 10,000. */
  size?: number;
  /** Same size + seed, same table contents. Default 42. */
  seed?: number;
  /** Appraisal years, ending at the current year 2026. Default 6. */
  years?: number;
  /** Whose exemptions, place names and value rules the data follow. Default Washington. */
  jurisdiction?: Jurisdiction;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoSummary {
  file: string;
  parcels: number;
  property_val_rows: number;
  owners: number;
  exemptions: number;
  protests: number;
  jurisdiction: Jurisdiction;
  seed: number;
  size: number;
  elapsed_ms: number;
}

/** Parcels per transaction (and per progress report). */
const PARCELS_PER_TRANSACTION = 2_000;
/** How often generation pauses to let SQLite catch up. */
const PARCELS_PER_THROTTLE = 50;
const MAX_YEARS = 25;

/**
 * Builds the deterministic demo PACS database into `file + '.building'` and renames it over
 * `file` when complete, so a crash leaves the old file (or none), never a half-built one.
 * Rows are generated parcel by parcel and streamed into SQLite; memory stays flat whatever the size.
 */
export async function generateDemoDatabase(file: string, options: DemoOptions = {}): Promise<DemoSummary> {
  const size = options.size ?? 10_000;
  const seed = options.seed ?? 42;
  const years = options.years ?? 6;
  const jurisdiction = options.jurisdiction ?? DEFAULT_JURISDICTION;
  if (!(JURISDICTIONS as readonly string[]).includes(jurisdiction)) throw new Error(`The demo jurisdiction is one of ${JURISDICTIONS.join(', ')} (got ${jurisdiction}).`);
  if (!Number.isInteger(size) || size < 1) throw new Error(`The demo size must be a whole number of parcels, 1 or more (got ${size}).`);
  if (!Number.isInteger(seed)) throw new Error(`The demo seed must be a whole number (got ${seed}).`);
  if (!Number.isInteger(years) || years < 1 || years > MAX_YEARS) throw new Error(`The demo years must be between 1 and ${MAX_YEARS} (got ${years}).`);

  const started = performance.now();
  const target = path.resolve(file);
  const building = `${target}.building`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  removeDatabaseFiles(building);

  let db: SqliteDb | undefined;
  try {
    db = await SqliteDb.open(building);
    // Nothing to protect while building: a failed build is deleted, not recovered.
    await db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -65536;');
    await db.exec(sqliteDdl('tables'));

    const world = new DemoWorld({ size, seed, years, jurisdiction });
    const inserter = new BatchInserter(db, DEMO_TABLES);
    const sink = (table: string, row: RowValues) => inserter.add(table, row);
    try {
      await db.transaction(async () => {
        world.writeReferenceRows(sink);
        await inserter.flush();
      });
      for (let first = 1; first <= size; first += PARCELS_PER_TRANSACTION) {
        const last = Math.min(size, first + PARCELS_PER_TRANSACTION - 1);
        await db.transaction(async () => {
          for (let index = first; index <= last; index++) {
            writeParcel(world, index, sink);
            if (index % PARCELS_PER_THROTTLE === 0) await inserter.throttle();
          }
          await inserter.flush();
        });
        options.onProgress?.(last, size);
      }
      await db.transaction(async () => {
        world.writeHearingRows(sink);
        await inserter.flush();
      });
    } finally {
      await inserter.settle();
    }
    // Secondary indexes after the load: one sort each instead of millions of B-tree updates.
    await db.exec(sqliteDdl('indexes'));
    await db.exec(`PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA user_version = ${DEMO_SCHEMA_VERSION};`);

    const summary: DemoSummary = {
      file: target,
      parcels: size,
      property_val_rows: inserter.count('property_val'),
      owners: inserter.count('owner'),
      exemptions: inserter.count('property_exemption'),
      protests: inserter.count('_arb_protest'),
      jurisdiction,
      seed,
      size,
      elapsed_ms: 0,
    };
    await db.close();
    db = undefined;
    await replaceDatabaseFile(building, target, options);
    summary.elapsed_ms = Math.round(performance.now() - started);
    return summary;
  } catch (err) {
    await db?.close().catch(() => undefined);
    removeDatabaseFiles(building);
    throw err;
  }
}

/**
 * rename() replaces the target atomically. The old file's journal/WAL would be replayed into the
 * new file, so those go first. Windows refuses both while a reader holds the old file open.
 */
async function replaceDatabaseFile(from: string, to: string, options: DemoFileSystem): Promise<void> {
  const inUse = { platform: options.platform, delaysMs: options.retryDelaysMs, whatToClose: DEMO_IN_USE_HELP };
  for (const suffix of ['-wal', '-shm', '-journal']) {
    await retryWhileInUse(() => fs.promises.rm(to + suffix, { force: true }), { ...inUse, file: to + suffix });
  }
  await replaceFile(from, to, { ...inUse, file: to, rename: options.rename });
}

const DEMO_IN_USE_HELP =
  'Close what reads the demo database (Claude Desktop, which runs the PACS server, the PACS MCP Desktop app, or a database tool), then build the demo again (`pacs-mcp demo`).';

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
