import { it } from 'vitest';
import { JobRunner } from '../mcp/lakehouse/jobs/job-runner.js';
import { migrate } from '../mcp/store/migrations.js';
import { SqliteDb } from '../mcp/store/sqlite-db.js';
it('x', async () => {
  const store = await SqliteDb.open('/tmp/jobs-x.sqlite', { wal: true }); await migrate(store);
  const runner = new JobRunner(store);
  const job = await runner.start({ kind: 'sync', tenantId: 't', warehouseConnectionId: 'l', targetKey: 'k' + Date.now(), targetTable: 'x', args: {} }, (ctx) => new Promise((_r, rej) => ctx.signal.addEventListener('abort', () => { console.log('abort seen', performance.now()); rej(new Error('aborted')); })));
  await new Promise((r) => setTimeout(r, 50));
  const t = performance.now(); console.log('shutdown start', t);
  await runner.shutdown(3000);
  console.log('shutdown took', performance.now() - t);
});
