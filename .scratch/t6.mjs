import pg from 'pg';
import Cursor from 'pg-cursor';
const c = new pg.Client({ host: '127.0.0.1', port: 55432, user: 'postgres', database: 'postgres' });
await c.connect();
for (const mode of ['array-parsed', 'array-raw', 'object-raw']) {
  const t0 = performance.now();
  const raw = { getTypeParser: () => (v) => v };
  const opts = { rowMode: mode.startsWith('array') ? 'array' : undefined, types: mode.endsWith('raw') ? raw : undefined };
  const cur = c.query(new Cursor('SELECT * FROM big', [], opts));
  let n = 0;
  for (;;) { const rows = await cur.read(10000); if (!rows.length) break; n += rows.length; }
  await cur.close();
  const ms = performance.now() - t0;
  console.log(mode, n, Math.round(n / ms * 1000), 'rows/s rss', Math.round(process.memoryUsage().rss/1e6));
}
{
  const t0 = performance.now(); const r = await c.query({ text: 'SELECT * FROM big', rowMode: 'array' }); console.log('single query array', Math.round(1e6/(performance.now()-t0)*1000), 'rss', Math.round(process.memoryUsage().rss/1e6));
}
await c.end();
