import { SourceUnavailableError } from '../connection-failure.js';

export type MssqlModule = typeof import('mssql');

const loading = new Map<string, Promise<MssqlModule>>();

/** The msnodesqlv8 flavour of mssql, by a computed name so no bundler or type checker insists on it. */
const MSNODESQLV8_ENTRY = ['mssql', 'msnodesqlv8.js'].join('/');

/**
 * mssql, imported the first time a SQL Server connection is used (cold start matters). The
 * msnodesqlv8 flavour (Windows integrated login) is optional and exists only on Windows.
 */
export function loadSqlServerDriver(driver: 'tedious' | 'msnodesqlv8'): Promise<MssqlModule> {
  let pending = loading.get(driver);
  if (!pending) {
    pending = (driver === 'tedious' ? import('mssql') : (import(MSNODESQLV8_ENTRY) as Promise<MssqlModule>)).then(
      (mod) => ((mod as { default?: MssqlModule }).default ?? mod) as MssqlModule,
      (err: NodeJS.ErrnoException) => {
        loading.delete(driver);
        if (driver === 'msnodesqlv8') {
          throw new SourceUnavailableError(
            'login',
            'Windows integrated login needs the optional msnodesqlv8 driver, which is not installed with this copy of PACS MCP. ' +
              `Install it (npm install msnodesqlv8 in the app folder, or the Windows build of PACS MCP Desktop), or use --auth ntlm or --auth sql. (${err.code ?? err.message})`,
          );
        }
        throw err;
      },
    );
    loading.set(driver, pending);
  }
  return pending;
}
