import { textTable } from '../../util/text-table.js';
import { intOption, parseOptions, UsageError, writeLine, type CliCommand } from '../command.js';
import { withEngine } from '../with-engine.js';

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'Verify the keyed, anchored audit log, or list recent entries',
  usage: 'pacs-mcp audit verify [--json] | pacs-mcp audit list [--limit N] [--action NAME] [--json]',
  async run(argv, io) {
    const [sub, ...rest] = argv;
    const { values } = parseOptions(rest, { json: { type: 'boolean' }, limit: { type: 'string' }, action: { type: 'string' } });
    return withEngine(async (engine) => {
      if (sub === 'verify') {
        const result = await engine.audit.verify();
        if (values.json) writeLine(io.stdout, JSON.stringify(result));
        else if (result.ok) {
          const how = result.keyed ? `keyed chain verified, anchored at row ${result.anchored_seq}` : 'chain verified (not keyed yet: the next audited action keys it)';
          writeLine(io.stdout, `Audit log intact: ${result.rows} rows, ${how}.`);
        } else writeLine(io.stderr, `Audit log ALTERED (${result.rows} rows):\n  ${result.problems.join('\n  ')}`);
        if (!values.json && result.incomplete.length) {
          writeLine(io.stdout, `${result.incomplete.length} call(s) started and not completed (still running, or their process ended): rows ${result.incomplete.join(', ')}.`);
        }
        return result.ok ? 0 : 1;
      }
      if (sub === 'list') {
        const rows = await engine.audit.recent(intOption(values.limit, 'limit', 50), { action: values.action });
        if (values.json) writeLine(io.stdout, JSON.stringify(rows));
        else writeLine(io.stdout, textTable(rows, ['seq', 'at', 'os_user', 'channel', 'client_name', 'action', 'connection_id', 'outcome', 'row_count', 'duration_ms'], rows.length));
        return 0;
      }
      throw new UsageError(`Unknown audit command "${sub ?? ''}".`);
    }, { initDemo: false });
  },
};
