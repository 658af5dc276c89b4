import type { DoctorReport } from './doctor.js';

/** The report as county IT reads it in a terminal or a tool answer: operations first, then what to fix. */
export function doctorReportText(report: DoctorReport): string {
  const lines: string[] = [];
  lines.push(`${report.connection_id} (${report.kind}, ${report.role})${report.version ? ` — ${report.version}` : ''}`);
  if (!report.connected) lines.push(`Cannot connect: ${report.message}`);
  lines.push(...operationLines(report));
  if (report.settings.length) {
    lines.push('', 'Settings:');
    for (const s of report.settings) lines.push(`  ${s.ok ? ' ' : '!'} ${s.name}: ${s.value}${s.note ? ` — ${s.note}` : ''}`);
  }
  if (report.warnings.length) {
    lines.push('', 'Worth knowing:');
    for (const w of report.warnings) lines.push(`  - ${w}`);
  }
  if (report.connected) lines.push('', `Checked ${report.checked.tables} tables, ${report.checked.columns} columns and ${report.checked.rights} rights (docs/pacs-compatibility.md lists them per operation).`);
  return lines.join('\n');
}

/**
 * The verdict and one line per operation, in the tool's own words (operation names, statuses,
 * and reasons built from the PACS catalog and the connection's settings): what test_connection
 * says above its data, where the server's version and settings stay.
 */
export function doctorOperationsText(report: DoctorReport): string {
  return operationLines(report).join('\n');
}

function operationLines(report: DoctorReport): string[] {
  const failing = report.operations.filter((o) => o.status === 'fails');
  const working = report.operations.filter((o) => o.status === 'works');
  const lines = [
    failing.length === 0 && report.connected
      ? `Every PACS operation that runs on this connection will work (${working.length}).`
      : `${failing.length} of ${failing.length + working.length} PACS operations for this connection will not work.`,
    '',
    'Operations:',
  ];
  const width = Math.max(...report.operations.map((o) => o.name.length));
  for (const op of report.operations) {
    const label = op.status === 'works' ? 'works' : op.status === 'fails' ? 'WILL NOT WORK' : 'not on this connection';
    lines.push(`  ${op.name.padEnd(width)}  ${label}${op.reasons.length && op.status !== 'works' ? `: ${op.reasons.join('; ')}` : ''}`);
  }
  return lines;
}
