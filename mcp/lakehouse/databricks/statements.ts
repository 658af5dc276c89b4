import { databricks } from '../../dialects/databricks.js';
import { UserError } from '../../util/user-error.js';
import type { LakeColumn } from '../lake-types.js';
import type { Layer } from '../names.js';

/**
 * Every statement PACS MCP sends to Databricks for loading, built here from validated names:
 * identifiers in backticks, literals escaped the Spark way (backslash escapes on).
 */

const VOLUME_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export class StatementBuildError extends UserError {
  constructor(message: string) {
    super('invalid', message);
  }
}

export function bt(name: string): string {
  if (name.length === 0 || name.includes('\0')) throw new StatementBuildError('A Databricks name may not be empty or contain a NUL character.');
  return databricks.quoteIdent(name);
}

export function tableRef(catalog: string, layer: Layer, name: string): string {
  return `${bt(catalog)}.${bt(layer)}.${bt(name)}`;
}

export function createSchema(catalog: string, layer: Layer): string {
  return `CREATE SCHEMA IF NOT EXISTS ${bt(catalog)}.${bt(layer)}`;
}

export function createVolume(catalog: string, layer: Layer, volume: string): string {
  return `CREATE VOLUME IF NOT EXISTS ${bt(catalog)}.${bt(layer)}.${bt(volume)}`;
}

/** `/Volumes/<catalog>/<schema>/<volume>/<segments…>`; every segment a plain file-name word. */
export function volumePath(catalog: string, layer: Layer, volume: string, segments: string[]): string {
  for (const part of [catalog, volume, ...segments]) {
    if (!VOLUME_SEGMENT.test(part) || part.includes('..')) {
      throw new StatementBuildError(`"${part}" cannot be part of a volume path: use letters, digits, "_", "-" and ".".`);
    }
  }
  return ['', 'Volumes', catalog, layer, volume, ...segments].join('/');
}

/** `PUT '<local file>' INTO '<volume path>' OVERWRITE` (a Databricks SQL connector statement). */
export function putFile(localFile: string, volumeFile: string): string {
  if (/['"\r\n]/.test(localFile)) throw new StatementBuildError(`The local staging path ${JSON.stringify(localFile)} contains a quote or line break; refusing to build a PUT for it.`);
  assertVolumePath(volumeFile);
  return `PUT ${databricks.stringLiteral(localFile)} INTO ${databricks.stringLiteral(volumeFile)} OVERWRITE`;
}

export function removeFile(volumeFile: string): string {
  assertVolumePath(volumeFile);
  return `REMOVE ${databricks.stringLiteral(volumeFile)}`;
}

function readParquet(volumeFile: string): string {
  assertVolumePath(volumeFile);
  return `read_files(${databricks.stringLiteral(volumeFile)}, format => 'parquet')`;
}

export function replaceTableFromFile(catalog: string, layer: Layer, name: string, volumeFile: string): string {
  return `CREATE OR REPLACE TABLE ${tableRef(catalog, layer, name)} AS SELECT * FROM ${readParquet(volumeFile)}`;
}

export function appendFromFile(catalog: string, layer: Layer, name: string, volumeFile: string, columns: LakeColumn[]): string {
  const list = columns.map((c) => bt(c.name)).join(', ');
  return `INSERT INTO ${tableRef(catalog, layer, name)} (${list}) SELECT ${list} FROM ${readParquet(volumeFile)}`;
}

export function replaceTableAs(catalog: string, layer: Layer, name: string, select: string): string {
  return `CREATE OR REPLACE TABLE ${tableRef(catalog, layer, name)} AS ${select}`;
}

export function countRows(catalog: string, layer: Layer, name: string): string {
  return `SELECT count(*) AS row_count FROM ${tableRef(catalog, layer, name)}`;
}

export function listLayerTables(catalog: string): string {
  return (
    `SELECT table_schema, table_name, table_type FROM ${bt(catalog)}.information_schema.tables ` +
    "WHERE table_schema IN ('bronze', 'silver', 'gold') ORDER BY table_schema, table_name"
  );
}

/** Two ordinal parameters: schema, table. */
export function tableColumns(catalog: string): string {
  return (
    `SELECT column_name, data_type, full_data_type, is_nullable FROM ${bt(catalog)}.information_schema.columns ` +
    'WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position'
  );
}

function assertVolumePath(volumeFile: string): void {
  const parts = volumeFile.split('/');
  if (parts[0] !== '' || parts[1] !== 'Volumes' || parts.length < 6 || parts.slice(2).some((p) => !VOLUME_SEGMENT.test(p) || p.includes('..'))) {
    throw new StatementBuildError(`${JSON.stringify(volumeFile)} is not a volume path of the form /Volumes/<catalog>/<schema>/<volume>/<file>.`);
  }
}
