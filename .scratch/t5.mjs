import pg from 'pg';
import Cursor from 'pg-cursor';
const c = new pg.Client({ host: '127.0.0.1', port: 55432, user: 'postgres', database: 'postgres' });
await c.connect();
const t0 = performance.now();
const cur = c.query(new Cursor('SELECT * FROM big'));
let n = 0;
for (;;) { const rows = await cur.read(10000); if (!rows.length) break; n += rows.length; }
const ms = performance.now() - t0;
console.log('pg-cursor', n, Math.round(n / ms * 1000), 'rows/s rss', Math.round(process.memoryUsage().rss/1e6));
await c.end();
