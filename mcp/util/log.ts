/** Logs go to stderr only: over stdio, stdout carries the MCP protocol and nothing else. */
export function logInfo(message: string): void {
  process.stderr.write(`[pacs-mcp] ${message}\n`);
}

export function logError(message: string, err?: unknown): void {
  const detail = err instanceof Error ? (err.stack ?? err.message) : err === undefined ? '' : String(err);
  process.stderr.write(`[pacs-mcp] ERROR ${message}${detail ? `: ${detail}` : ''}\n`);
}
