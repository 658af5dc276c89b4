import fs from 'node:fs';
import path from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import type { LakeColumn } from '../../mcp/lakehouse/lake-types.js';
import { duckdb } from '../../mcp/dialects/duckdb.js';
import { openDuckDb, readerRows, withConnection } from '../../mcp/lakehouse/local/duckdb.js';
import { ParquetWriter } from '../../mcp/lakehouse/parquet/parquet-writer.js';
import { makeTempHome } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-parquet-');
afterAll(home.cleanup);

const col = (name: string, type: LakeColumn['type']): LakeColumn => ({ name, type, nullable: true });
const columns: LakeColumn[] = [
  col('id', { kind: 'integer' }),
  col('big', { kind: 'bigint' }),
  col('amount', { kind: 'decimal', precision: 14, scale: 2 }),
  col('acres', { kind: 'decimal', precision: 14, scale: 4 }),
  col('ratio', { kind: 'double' }),
  col('name', { kind: 'varchar' }),
  col('flag', { kind: 'boolean' }),
  col('day', { kind: 'date' }),
  col('at', { kind: 'timestamp' }),
  col('at_tz', { kind: 'timestamptz' }),
  col('bytes', { kind: 'blob' }),
];

const rows = [
  { id: 1, big: 9007199254740993n, amount: '12345678901.23', acres: 0.3392, ratio: 0.1, name: 'plain', flag: true, day: '2024-01-31', at: '2024-05-02 12:20:00.123456', at_tz: new Date('2024-05-02T12:20:00.5Z'), bytes: Buffer.from([0, 1, 254, 255]) },
  { id: -2, big: '-42', amount: -0.5, acres: '1.0000', ratio: -1e-300, name: 'quote " comma , newline\nand \\N and ünïcødé', flag: 0, day: new Date(2021, 6, 21), at: '2024-05-02T10:55:00', at_tz: null, bytes: null },
  { id: null, big: null, amount: null, acres: null, ratio: null, name: '', flag: null, day: null, at: null, at_tz: null, bytes: Buffer.alloc(0) },
  { id: 2147483647, big: 0, amount: 0, acres: 99999.9999, ratio: 1.7976931348623157e308, name: '\\N', flag: 'false', day: '1899-12-31', at: '1970-01-01 00:00:00', at_tz: '2000-01-01T00:00:00+02:00', bytes: Buffer.from('x') },
  { id: 7, big: -1n, amount: '-0.01', acres: null, ratio: 0, name: '   ', flag: true, day: '2000-02-29', at: null, at_tz: null, bytes: null },
  { id: 8, big: 1, amount: 1, acres: 1, ratio: 1, name: '  padded\ttab  ', flag: false, day: null, at: null, at_tz: null, bytes: null },
];

async function writeFile(name: string, batches: Record<string, unknown>[][]) {
  const writer = ParquetWriter.open({ workDir: path.join(home.dir, 'work'), fields: columns.map((c) => ({ source: c.name, column: c })), zone: 'local' });
  for (const batch of batches) writer.write(batch);
  return writer.finish(path.join(home.dir, 'out', name));
}

describe('ParquetWriter', () => {
  it('writes rows that an independent reader (hyparquet) reads back exactly: types, nulls, decimals, dates', async () => {
    const file = await writeFile('all-types.parquet', [rows.slice(0, 2), rows.slice(2)]);
    expect(file.rows).toBe(6);
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file.path).size).toBe(file.bytes);
    expect(fs.readdirSync(path.join(home.dir, 'work'))).toEqual([]);

    const buffer = fs.readFileSync(file.path);
    const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    const metadata = parquetMetadata(arrayBuffer);
    const schema = Object.fromEntries(metadata.schema.slice(1).map((e) => [e.name, e]));
    expect(schema.id).toMatchObject({ type: 'INT32' });
    expect(schema.big).toMatchObject({ type: 'INT64' });
    expect(schema.amount).toMatchObject({ converted_type: 'DECIMAL', precision: 14, scale: 2 });
    expect(schema.acres).toMatchObject({ converted_type: 'DECIMAL', precision: 14, scale: 4 });
    expect(schema.ratio).toMatchObject({ type: 'DOUBLE' });
    expect(schema.name).toMatchObject({ type: 'BYTE_ARRAY' });
    expect(schema.flag).toMatchObject({ type: 'BOOLEAN' });
    expect(schema.day).toMatchObject({ type: 'INT32', converted_type: 'DATE' });
    expect(schema.at).toMatchObject({ type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } });
    expect(schema.at_tz).toMatchObject({ type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } });
    expect(Number(metadata.num_rows)).toBe(6);

    const read = (await parquetReadObjects({
      file: arrayBuffer,
      parsers: {
        timestampFromMilliseconds: (v: bigint) => v,
        timestampFromMicroseconds: (v: bigint) => v,
        timestampFromNanoseconds: (v: bigint) => v,
        dateFromDays: (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10),
        stringFromBytes: (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b)),
        jsonFromBytes: (b: Uint8Array) => b,
        geometryFromBytes: (b: Uint8Array) => b,
        geographyFromBytes: (b: Uint8Array) => b,
        uuidFromBytes: (b: Uint8Array) => b,
      } as never,
      utf8: false,
    })) as Record<string, unknown>[];
    expect(read).toHaveLength(6);
    const micros = (iso: string) => BigInt(Date.parse(`${iso}Z`)) * 1000n;
    expect(read.map((r) => r.id)).toEqual([1, -2, null, 2147483647, 7, 8]);
    expect(read.map((r) => r.big)).toEqual([9007199254740993n, -42n, null, 0n, -1n, 1n]);
    expect(read.map((r) => (r.amount === null ? null : Math.round((r.amount as number) * 100)))).toEqual([1234567890123, -50, null, 0, -1, 100]);
    expect(read.map((r) => (r.acres === null ? null : Math.round((r.acres as number) * 10_000)))).toEqual([3392, 10000, null, 999999999, null, 10000]);
    expect(read.map((r) => r.ratio)).toEqual([0.1, -1e-300, null, 1.7976931348623157e308, 0, 1]);
    expect(read.map((r) => r.name)).toEqual(['plain', 'quote " comma , newline\nand \\N and ünïcødé', '', '\\N', '   ', '  padded\ttab  ']);
    expect(read.map((r) => r.flag)).toEqual([true, false, null, false, true, false]);
    expect(read.map((r) => r.day)).toEqual(['2024-01-31', '2021-07-21', null, '1899-12-31', '2000-02-29', null]);
    expect(read.map((r) => r.at)).toEqual([micros('2024-05-02T12:20:00') + 123456n, micros('2024-05-02T10:55:00'), null, 0n, null, null]);
    expect(read.map((r) => r.at_tz)).toEqual([BigInt(Date.parse('2024-05-02T12:20:00.5Z')) * 1000n, null, null, BigInt(Date.parse('1999-12-31T22:00:00Z')) * 1000n, null, null]);
    expect(read.map((r) => (r.bytes == null ? null : Buffer.from(r.bytes as Uint8Array).toString('hex')))).toEqual(['0001feff', null, '', '78', null, null]);
  });

  it('keeps decimals beyond float precision exact (read back by DuckDB)', async () => {
    const wide: LakeColumn[] = [col('v', { kind: 'decimal', precision: 38, scale: 10 })];
    const writer = ParquetWriter.open({ workDir: path.join(home.dir, 'work'), fields: [{ source: 'v', column: wide[0] }], zone: 'local' });
    writer.write([{ v: '1234567890123456789012345678.0123456789' }, { v: '-0.0000000001' }, { v: null }]);
    const file = await writer.finish(path.join(home.dir, 'out', 'wide.parquet'));
    const instance = await openDuckDb(':memory:');
    const result = await withConnection(instance, async (c) => readerRows(await c.runAndReadAll(`SELECT v::VARCHAR AS v FROM read_parquet(${duckdb.stringLiteral(file.path)})`)));
    instance.closeSync();
    expect(result.rows.map((r) => r.v)).toEqual(['1234567890123456789012345678.0123456789', '-0.0000000001', null]);
  });

  it('names the column and the value when a source value does not fit its declared type, and leaves no file', async () => {
    const typed: LakeColumn[] = [col('name', { kind: 'varchar' }), col('sup_dt', { kind: 'date' })];
    const writer = ParquetWriter.open({ workDir: path.join(home.dir, 'work'), fields: typed.map((c) => ({ source: c.name, column: c })), zone: 'local' });
    writer.write([{ name: 'a', sup_dt: '2024-01-01' }, { name: 'b', sup_dt: 'not a date' }]);
    const target = path.join(home.dir, 'out', 'bad.parquet');
    await expect(writer.finish(target)).rejects.toThrow(/Column "sup_dt" is declared DATE.*1 of its values.*"not a date"/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(path.join(home.dir, 'out')).filter((f) => f.startsWith('.tmp'))).toEqual([]);
  });

  it('refuses a fractional number in a whole-number column instead of rounding it', async () => {
    const writer = ParquetWriter.open({ workDir: path.join(home.dir, 'work'), fields: [{ source: 'n', column: col('n', { kind: 'bigint' }) }], zone: 'local' });
    expect(() => writer.write([{ n: 1.5 }])).toThrow(/"n".*1\.5.*not a whole number/);
    writer.abort();
  });

  it('writes an empty table with its schema', async () => {
    const file = await writeFile('empty.parquet', []);
    expect(file.rows).toBe(0);
    const buffer = fs.readFileSync(file.path);
    const metadata = parquetMetadata(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
    expect(metadata.schema.slice(1).map((e) => e.name)).toEqual(columns.map((c) => c.name));
  });
});
