import { it } from 'vitest';
import { run } from '../../bench/cases/import-1m.js';
it('bench', async () => { console.log(JSON.stringify(await run({ quick: process.env.Q === '1', sizes: process.env.ROWS ? { rows: Number(process.env.ROWS), parcels: Number(process.env.PARCELS) } : undefined }), null, 1)); }, 900_000);
