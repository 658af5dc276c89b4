import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Row } from '../../connectors/connector.js';
import { duckdb } from '../../dialects/duckdb.js';
import { makePrivate } from '../../util/private-files.js';
import { duckdbType, type LakeColumn } from '../lake-types.js';
import { openDuckDb, withConnection } from '../local/duckdb.js';
import { columnField, NULL_FIELD, type DriverDateZone } from './value-text.js';

export interface ParquetFile {
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
  columns: LakeColumn[];
}

/** One output column and the source field it is read from. */
export interface ParquetField {
  source: string;
  column: LakeColumn;
}

const NULL_MARK = NULL_FIELD;
/** DuckDB's CSV read buffer; a single value may be up to half of it (DuckDB's max_line_size, 2 MB). */
const CSV_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * Writes one Parquet file from rows that arrive in batches, with bounded memory: each batch is
 * appended to a spool file as exact text (CSV; NULL as an unquoted \N, text quoted when it must be), then
 * DuckDB streams the spool through exact casts (DECIMAL, DATE, TIMESTAMP…) into Parquet.
 * DuckDB's CSV reader and Parquet writer are far faster than anything in JavaScript, and the
 * spool keeps the process's memory flat whatever the row count.
 */
export class ParquetWriter {
  private readonly spoolPath: string;
  private fd: number | undefined;
  private rowCount = 0;
  private readonly converters: ((value: unknown) => string)[];
  private readonly sources: string[];

  private constructor(
    private readonly workDir: string,
    private readonly fields: ParquetField[],
    zone: DriverDateZone,
  ) {
    this.spoolPath = path.join(workDir, `spool-${randomUUID()}.csv`);
    this.converters = fields.map((f) => columnField(f.column.name, f.column.type, zone));
    this.sources = fields.map((f) => f.source);
    this.fd = fs.openSync(this.spoolPath, 'w', 0o600);
  }

  static open(options: { workDir: string; fields: ParquetField[]; zone: DriverDateZone }): ParquetWriter {
    if (options.fields.length === 0) throw new Error('A Parquet file needs at least one column.');
    fs.mkdirSync(options.workDir, { recursive: true, mode: 0o700 });
    return new ParquetWriter(options.workDir, options.fields, options.zone);
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Appends a batch of rows (objects keyed by the fields' source names). */
  write(rows: readonly Row[]): void {
    if (this.fd === undefined) throw new Error('This Parquet writer is already finished.');
    const { converters, sources } = this;
    const n = converters.length;
    let out = '';
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      out += converters[0](row[sources[0]]);
      for (let i = 1; i < n; i++) out += `,${converters[i](row[sources[i]])}`;
      out += '\n';
    }
    fs.writeSync(this.fd, out);
    this.rowCount += rows.length;
  }

  /** Converts the spool into `target` (written under a temporary name, then renamed). */
  async finish(target: string): Promise<ParquetFile> {
    this.closeSpool();
    const temp = path.join(path.dirname(target), `.tmp-${randomUUID()}.parquet`);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    const duckTemp = path.join(this.workDir, `duckdb-${randomUUID()}`);
    // One thread, a 4 MB CSV buffer and 50,000-row groups keep DuckDB's share of a sync's peak
    // memory near 40 MB (the default 32 MB buffer and 122,880-row groups cost about 100 MB more).
    const instance = await openDuckDb(':memory:', { memoryLimit: '64MB', threads: 1, tempDirectory: duckTemp });
    try {
      await withConnection(instance, async (connection) => {
        try {
          await connection.run(`COPY (${this.selectFromSpool()}) TO ${duckdb.stringLiteral(temp)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 50000)`);
        } catch (err) {
          throw await this.explainFailure(connection, err as Error);
        }
      });
    } catch (err) {
      fs.rmSync(temp, { force: true });
      throw err;
    } finally {
      instance.closeSync();
      fs.rmSync(duckTemp, { recursive: true, force: true });
      fs.rmSync(this.spoolPath, { force: true });
    }
    const { sha256, bytes } = await hashFile(temp);
    makePrivate(temp);
    fs.renameSync(temp, target);
    return { path: target, rows: this.rowCount, bytes, sha256, columns: this.fields.map((f) => f.column) };
  }

  abort(): void {
    this.closeSpool();
    fs.rmSync(this.spoolPath, { force: true });
  }

  private closeSpool(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private readCsv(): string {
    const columns = this.fields.map((_f, i) => `${duckdb.stringLiteral(`c${i}`)}: 'VARCHAR'`).join(', ');
    return (
      `read_csv(${duckdb.stringLiteral(this.spoolPath)}, columns = {${columns}}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
      `new_line = '\\n', nullstr = ${duckdb.stringLiteral(NULL_MARK)}, allow_quoted_nulls = false, buffer_size = ${CSV_BUFFER_BYTES})`
    );
  }

  private castExpression(i: number): string {
    const { column } = this.fields[i];
    const raw = duckdb.quoteIdent(`c${i}`);
    if (column.type.kind === 'varchar') return raw;
    if (column.type.kind === 'blob') return `from_hex(${raw})`;
    return `CAST(${raw} AS ${duckdbType(column.type)})`;
  }

  private selectFromSpool(): string {
    const list = this.fields.map((f, i) => `${this.castExpression(i)} AS ${duckdb.quoteIdent(f.column.name)}`).join(', ');
    return `SELECT ${list} FROM ${this.readCsv()}`;
  }

  /** DuckDB says which value failed but not which column: find the column and say both. */
  private async explainFailure(connection: import('@duckdb/node-api').DuckDBConnection, err: Error): Promise<Error> {
    for (let i = 0; i < this.fields.length; i++) {
      const { column } = this.fields[i];
      if (column.type.kind === 'varchar') continue;
      const raw = duckdb.quoteIdent(`c${i}`);
      const check = column.type.kind === 'blob' ? `TRY(from_hex(${raw}))` : `TRY_CAST(${raw} AS ${duckdbType(column.type)})`;
      try {
        const reader = await connection.runAndReadAll(
          `SELECT count(*)::VARCHAR AS n, min(${raw}) AS example FROM ${this.readCsv()} WHERE ${raw} IS NOT NULL AND ${check} IS NULL`,
        );
        const [n, example] = reader.getRowsJson()[0] as [string, string | null];
        if (Number(n) > 0) {
          return new Error(
            `Column "${column.name}" is declared ${duckdbType(column.type)} in the source, but ${n} of its values cannot be read as that type ` +
              `(for example ${JSON.stringify(example)}). Fix those values in the source, or load the table with upload_file and cast it with transform_to_silver.`,
          );
        }
      } catch {
        // Fall through to DuckDB's own message.
      }
    }
    return new Error(`Writing Parquet failed: ${err.message.split('\n')[0]}`);
  }
}

export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
