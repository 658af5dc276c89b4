import fs from 'node:fs';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';

/**
 * Reads a Parquet file with hyparquet, an independent reader (not the DuckDB that wrote it).
 * Timestamps come back as raw microseconds (bigint), dates as YYYY-MM-DD, text as strings,
 * binary as bytes, decimals as hyparquet's numbers (check their scale with `schema`).
 */
export async function readParquet(file: string): Promise<{ rows: Record<string, unknown>[]; schema: Record<string, Record<string, unknown>>; numRows: number }> {
  const buffer = fs.readFileSync(file);
  const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(arrayBuffer);
  const decoder = new TextDecoder();
  const rows = (await parquetReadObjects({
    file: arrayBuffer,
    utf8: false,
    parsers: {
      timestampFromMilliseconds: (v: bigint) => v * 1000n,
      timestampFromMicroseconds: (v: bigint) => v,
      timestampFromNanoseconds: (v: bigint) => v / 1000n,
      dateFromDays: (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10),
      stringFromBytes: (b: Uint8Array | undefined) => (b === undefined ? undefined : decoder.decode(b)),
      jsonFromBytes: (b: Uint8Array) => b,
      geometryFromBytes: (b: Uint8Array) => b,
      geographyFromBytes: (b: Uint8Array) => b,
      uuidFromBytes: (b: Uint8Array) => b,
    } as never,
  })) as Record<string, unknown>[];
  const schema = Object.fromEntries(metadata.schema.slice(1).map((e) => [e.name, e as unknown as Record<string, unknown>]));
  return { rows, schema, numRows: Number(metadata.num_rows) };
}

/** Microseconds since the epoch of a wall-clock time written as text (no zone). */
export function wallClockMicros(text: string): bigint {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(text.trim());
  if (!m) throw new Error(`not a timestamp: ${text}`);
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  return BigInt(ms) * 1000n + BigInt((m[7] ?? '').padEnd(6, '0') || '0');
}
