import { doctorConnection } from '../../doctor/doctor-connection.js';
import { doctorReportText } from '../../doctor/doctor-text.js';
import { parseOptions, writeLine, type CliCommand } from '../command.js';
import { cliAction, withEngine } from '../with-engine.js';

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Check a PACS database: every table, column, type and right the tools use, its settings, and which tools will not work there',
  usage: [
    'pacs-mcp doctor [CONNECTION_ID] [--json]',
    '    default: the default training connection; exit code 0 when every PACS operation for that connection works, 1 when one will not',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { json: { type: 'boolean' } });
    return withEngine(async (engine) => {
      const report = await cliAction(engine, { action: 'doctor', args: { connection_id: positionals[0] ?? null }, connectionId: positionals[0] ?? null }, () => doctorConnection(engine, positionals[0]));
      writeLine(io.stdout, values.json ? JSON.stringify(report) : doctorReportText(report));
      return report.connected && report.operations.every((o) => o.status !== 'fails') ? 0 : 1;
    });
  },
};
