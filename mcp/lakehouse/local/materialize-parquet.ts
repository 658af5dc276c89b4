import fs from 'node:fs';
import { duckdb } from '../../dialects/duckdb.js';
import { lakeTypeFromDeclared } from '../lake-types.js';
import { LAYERS } from '../names.js';
import { openDuckDb, withConnection } from './duckdb.js';
import type { MaterializeResult, MaterializeSpec } from './worker/protocol.js';

/**
 * Runs a SELECT built by PACS MCP (a silver transform) over views of the given tables and
 * writes its rows to one Parquet file; returns the file's columns and row count.
 */
export async function materializeParquet(spec: MaterializeSpec, signal?: AbortSignal): Promise<MaterializeResult> {
  const instance = await openDuckDb(':memory:', { memoryLimit: '256MB', threads: 2, tempDirectory: spec.spillDir });
  try {
    return await withConnection(instance, async (connection) => {
      const onAbort = () => connection.interrupt();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        for (const layer of LAYERS) await connection.run(`CREATE SCHEMA IF NOT EXISTS ${duckdb.quoteIdent(layer)}`);
        for (const table of spec.tables) {
          const list = table.files.map(duckdb.stringLiteral).join(', ');
          await connection.run(`CREATE VIEW ${duckdb.qualifiedTable(table.layer, table.name)} AS SELECT * FROM read_parquet([${list}], union_by_name = true)`);
        }
        await connection.run(`COPY (${spec.select}) TO ${duckdb.stringLiteral(spec.target)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 122880)`);
        const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${duckdb.stringLiteral(spec.target)})`);
        const columns = (described.getRowObjectsJson() as { column_name: string; column_type: string }[]).map((c) => ({
          name: c.column_name,
          type: lakeTypeFromDeclared('duckdb', c.column_type),
          nullable: true,
        }));
        const counted = await connection.runAndReadAll(`SELECT count(*)::BIGINT FROM read_parquet(${duckdb.stringLiteral(spec.target)})`);
        return { columns, rows: Number(counted.getRows()[0][0]) };
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    });
  } catch (err) {
    fs.rmSync(spec.target, { force: true });
    throw err;
  } finally {
    instance.closeSync();
    fs.rmSync(spec.spillDir, { recursive: true, force: true });
  }
}
