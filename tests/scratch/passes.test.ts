import { it } from 'vitest';
import { checkLexically } from '../../mcp/guard/lexical-checks.js';
import { classifyWithNodeSqlParser } from '../../mcp/guard/node-sql-parser-guard.js';
import { classifyPostgres } from '../../mcp/guard/postgres-guard.js';
import { hostileAttempts, legitimateReads } from '../guard/read-only-corpus.js';
it('report', async () => {
  const lines: string[] = [];
  for (const a of hostileAttempts) {
    const lex = !checkLexically(a.sql, a.dialect).verdict.allowed;
    let parser: string;
    if (a.dialect === 'postgres' || a.dialect === 'duckdb') parser = (await classifyPostgres(a.sql, a.dialect)).allowed ? 'allowed' : 'refused';
    else { const p = await classifyWithNodeSqlParser(a.sql, a.dialect as never); parser = p.outcome; }
    if (!lex || parser !== 'refused') lines.push(`${a.dialect} lex=${lex ? 'R' : '-'} parser=${parser} :: ${JSON.stringify(a.sql)} (${a.why})`);
  }
  for (const r of legitimateReads) {
    const lex = checkLexically(r.sql, r.dialect).verdict.allowed;
    let parser: string;
    if (r.dialect === 'postgres') parser = (await classifyPostgres(r.sql)).allowed ? 'allowed' : 'refused';
    else parser = (await classifyWithNodeSqlParser(r.sql, r.dialect as never)).outcome;
    if (!lex || parser !== 'allowed') lines.push(`READ ${r.dialect} lex=${lex} parser=${parser} :: ${r.what}`);
  }
  console.log(lines.join('\n'));
});
