import { it } from 'vitest';
import { classifyWithNodeSqlParser } from '../../mcp/guard/node-sql-parser-guard.js';
import { hostileAttempts } from '../guard/read-only-corpus.js';
it('report', async () => {
  const lines: string[] = [];
  for (const a of hostileAttempts) {
    if (a.dialect === 'postgres') continue;
    const p = await classifyWithNodeSqlParser(a.sql, a.dialect as never);
    if (p.outcome === 'refused') lines.push(`${a.dialect} | ${JSON.stringify(a.sql)} | ${a.why} | ${p.reason.slice(0, 60)}`);
  }
  console.log(lines.join('\n'));
});
