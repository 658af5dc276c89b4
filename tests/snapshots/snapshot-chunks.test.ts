import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PacsReader } from '../../mcp/pacs/pacs-reader.js';
import { exportSnapshot } from '../../mcp/snapshots/export-snapshot.js';
import { verifyStoredSnapshot } from '../../mcp/snapshots/snapshot-store.js';
import { TIMELINE_CHUNK } from '../../mcp/snapshots/timeline-source.js';
import { filesUnder, openTestEngine, type TestEngine } from '../helpers/test-engine.js';

/**
 * A timeline snapshot of more parcels than one source read takes: each chunk of parcels is read
 * from the source while the one before it is masked and staged.
 */

let t: TestEngine;

beforeAll(async () => {
  t = await openTestEngine({ size: TIMELINE_CHUNK * 2 + 100, prefix: 'pacs-snapshot-chunks-' });
});
afterAll(() => t?.close());
afterEach(() => {
  vi.restoreAllMocks();
});

const takeAll = (name: string) => exportSnapshot(t.engine, { name, content: 'parcel_timeline', maskingPolicy: 'qa', selection: { query: 'SELECT prop_id FROM property' } });

async function stored() {
  const [row] = await t.engine.store.all<{ snapshots: number; rows: number }>('SELECT (SELECT COUNT(*) FROM snapshots) AS snapshots, (SELECT COUNT(*) FROM snapshot_rows) AS rows');
  const tmp = path.join(t.dir, 'tmp');
  return { ...row, staging: fs.existsSync(tmp) ? filesUnder(tmp).filter((f) => path.basename(f).startsWith('snapshot-')).length : 0 };
}

describe('a snapshot read from the source in chunks', () => {
  it('stages every parcel of every chunk once, and the rows hash to the recorded sha256', async () => {
    const parcels = (await t.demo<{ prop_id: number }>('SELECT prop_id FROM property ORDER BY prop_id')).map((r) => r.prop_id);
    expect(parcels.length).toBeGreaterThan(TIMELINE_CHUNK * 2);
    const { snapshot } = await takeAll('every parcel');
    const rows = await t.engine.store.all<{ prop_id: number; year: number }>('SELECT prop_id, year FROM snapshot_rows WHERE snapshot_id = ? ORDER BY prop_id, year', [snapshot.snapshot_id]);
    expect([...new Set(rows.map((r) => r.prop_id))]).toEqual(parcels);
    expect(snapshot.row_count).toBe(rows.length);
    expect((await verifyStoredSnapshot(t.engine.store, snapshot)).ok).toBe(true);
  });

  it('fails with the source\'s error when a later chunk cannot be read, and saves nothing', async () => {
    const before = await stored();
    const rows = PacsReader.prototype.rows;
    let valueReads = 0;
    vi.spyOn(PacsReader.prototype, 'rows').mockImplementation(function (this: PacsReader, name, ...rest) {
      if (name === 'snapshot.values' && ++valueReads === 2) return Promise.reject(new Error('the source went away'));
      return rows.call(this, name, ...rest);
    });
    await expect(takeAll('cut short')).rejects.toThrow('the source went away');
    expect(valueReads).toBeGreaterThanOrEqual(2);
    expect(await stored()).toEqual(before);
  });
});
