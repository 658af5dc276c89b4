// .scratch/pg-sync-sim.ts
import pg from "pg";
import Cursor from "pg-cursor";
import path2 from "node:path";

// mcp/lakehouse/parquet/parquet-writer.ts
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// mcp/lakehouse/lake-types.ts
var SIMPLE = {
  boolean: "BOOLEAN",
  integer: "INTEGER",
  bigint: "BIGINT",
  double: "DOUBLE",
  varchar: "VARCHAR",
  date: "DATE",
  timestamp: "TIMESTAMP",
  timestamptz: "TIMESTAMPTZ",
  time: "TIME",
  blob: "BLOB"
};
function duckdbType(type) {
  return type.kind === "decimal" ? `DECIMAL(${type.precision},${type.scale})` : SIMPLE[type.kind];
}
var DECIMAL = /^(?:numeric|decimal|dec|number|money)\s*(?:\(\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?\))?/;
function lakeTypeFromDeclared(dialect, declared2) {
  const t = declared2.trim().toLowerCase().replace(/\s+/g, " ");
  if (t === "") return { kind: "varchar" };
  const decimal = DECIMAL.exec(t);
  if (decimal) {
    if (t.startsWith("money")) return { kind: "decimal", precision: 19, scale: 4 };
    if (!decimal[1]) {
      if (dialect === "postgres" || dialect === "sqlite") return { kind: "varchar" };
      return { kind: "decimal", precision: 18, scale: 0 };
    }
    const precision = Number(decimal[1]);
    const scale = Math.max(0, Number(decimal[2] ?? 0));
    if (precision < 1 || precision > 38 || scale > precision) return { kind: "varchar" };
    return { kind: "decimal", precision, scale };
  }
  if (t === "smallmoney") return { kind: "decimal", precision: 10, scale: 4 };
  if (/^(bool|boolean|bit)\b/.test(t)) return t.startsWith("bit") && /bit ?\(\s*([2-9]|\d\d+)/.test(t) ? { kind: "varchar" } : { kind: "boolean" };
  if (/^(bigint|int8|long|bigserial|serial8|hugeint|ubigint|uinteger|int unsigned)\b/.test(t)) return { kind: "bigint" };
  if (/^(int|integer|int4|serial|serial4|mediumint)\b/.test(t)) {
    return dialect === "sqlite" ? { kind: "bigint" } : { kind: "integer" };
  }
  if (/^(smallint|int2|tinyint|smallserial|serial2|utinyint|usmallint|byte|short)\b/.test(t)) return { kind: "integer" };
  if (/^(double|float|real|float4|float8|binary_float|binary_double)\b/.test(t)) return { kind: "double" };
  if (/^date$/.test(t)) return { kind: "date" };
  if (/^(timestamptz|timestamp_ltz|datetimeoffset)\b/.test(t) || /^timestamp\b/.test(t) && t.includes("with time zone")) return { kind: "timestamptz" };
  if (/^timestamp\b/.test(t) && dialect === "databricks" && !t.startsWith("timestamp_ntz")) return { kind: "timestamptz" };
  if (/^(timestamp|datetime|datetime2|smalldatetime|timestamp_ntz|timestamp without time zone)\b/.test(t)) {
    if (dialect === "tsql" && t.startsWith("timestamp")) return { kind: "blob" };
    return { kind: "timestamp" };
  }
  if (/^(time|timetz|time with(out)? time zone)\b/.test(t)) return { kind: "time" };
  if (/^(blob|bytea|binary|varbinary|image|longblob|rowversion|raw)\b/.test(t)) return { kind: "blob" };
  return { kind: "varchar" };
}

// mcp/lakehouse/local/duckdb.ts
var loading;
function loadDuckDb() {
  loading ??= import("@duckdb/node-api").catch((err) => {
    loading = void 0;
    throw new Error(`DuckDB could not be loaded (${err.message}). Reinstall PACS MCP; the lakehouse needs its bundled DuckDB.`);
  });
  return loading;
}
async function openDuckDb(file, options = {}) {
  const { DuckDBInstance } = await loadDuckDb();
  const config = {
    threads: String(options.threads ?? 2),
    memory_limit: options.memoryLimit ?? "256MB",
    // Extensions are never installed or loaded from the network by the lakehouse.
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "false"
  };
  if (options.readOnly) config.access_mode = "READ_ONLY";
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  return DuckDBInstance.create(file, config);
}
function sqlText(value) {
  if (value.includes("\0")) throw new Error("Text for DuckDB may not contain a NUL character.");
  return `'${value.replace(/'/g, "''")}'`;
}
function ident(name) {
  return `"${name.replace(/"/g, '""')}"`;
}
async function withConnection(instance, work) {
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
  }
}

// mcp/lakehouse/parquet/value-text.ts
var ValueConversionError = class extends Error {
  constructor(column, type, value, why) {
    const shown = typeof value === "string" ? JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value) : String(value);
    super(`Column "${column}" (${type.kind}) has the value ${shown}, which ${why}.`);
    this.name = "ValueConversionError";
  }
};
var pad = (n, width = 2) => String(n).padStart(width, "0");
function dateParts(d, zone) {
  return zone === "utc" ? { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, day: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() } : { y: d.getFullYear(), m: d.getMonth() + 1, day: d.getDate(), h: d.getHours(), min: d.getMinutes(), s: d.getSeconds(), ms: d.getMilliseconds() };
}
function isoDate(p) {
  const year = p.y < 0 ? `-${pad(-p.y, 4)}` : pad(p.y, 4);
  return `${year}-${pad(p.m)}-${pad(p.day)}`;
}
function dateFromDate(d, zone) {
  const local = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0 && d.getMilliseconds() === 0;
  const utc = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
  if (local && !utc) return isoDate(dateParts(d, "local"));
  if (utc && !local) return isoDate(dateParts(d, "utc"));
  return isoDate(dateParts(d, zone));
}
var ZERO_TIME = /^[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00(?::?00)?)?$/;
function numberText(column, type, value) {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if ((type.kind === "integer" || type.kind === "bigint") && !Number.isInteger(value)) {
    throw new ValueConversionError(column, type, value, "is not a whole number although the column is declared as one");
  }
  if (type.kind === "decimal" && !Number.isFinite(value)) throw new ValueConversionError(column, type, value, "is not a finite number");
  return String(value);
}
function valueText(column, type, value, zone) {
  if (value === null || value === void 0) return null;
  switch (type.kind) {
    case "varchar":
      if (typeof value === "string") return value;
      if (value instanceof Date) return value.toISOString();
      if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString("base64");
      if (typeof value === "object") return JSON.stringify(value, (_k, v) => typeof v === "bigint" ? v.toString() : v);
      return String(value);
    case "integer":
    case "bigint":
    case "double":
    case "decimal":
      if (typeof value === "number") return numberText(column, type, value);
      if (typeof value === "bigint") return value.toString();
      if (typeof value === "string") return value.trim();
      if (typeof value === "boolean") return value ? "1" : "0";
      throw new ValueConversionError(column, type, value, "is not a number");
    case "boolean":
      if (typeof value === "boolean") return value ? "true" : "false";
      if (typeof value === "number" || typeof value === "bigint") return Number(value) !== 0 ? "true" : "false";
      if (typeof value === "string") return value.trim();
      throw new ValueConversionError(column, type, value, "is not true or false");
    case "date":
      if (value instanceof Date) return dateFromDate(value, zone);
      if (typeof value === "string") {
        const trimmed = value.trim();
        const date = /^-?\d{4,}-\d{2}-\d{2}/.exec(trimmed)?.[0];
        if (date && (trimmed.length === date.length || ZERO_TIME.test(trimmed.slice(date.length)))) return date;
        return trimmed;
      }
      throw new ValueConversionError(column, type, value, "is not a date");
    case "timestamp": {
      if (value instanceof Date) {
        const p = dateParts(value, zone);
        return `${isoDate(p)} ${pad(p.h)}:${pad(p.min)}:${pad(p.s)}.${pad(p.ms, 3)}`;
      }
      if (typeof value === "string") return value.trim();
      throw new ValueConversionError(column, type, value, "is not a date and time");
    }
    case "timestamptz":
      if (value instanceof Date) return value.toISOString();
      if (typeof value === "string") return value.trim();
      throw new ValueConversionError(column, type, value, "is not a date and time");
    case "time":
      if (typeof value === "string") return value.trim();
      if (value instanceof Date) {
        const p = dateParts(value, zone);
        return `${pad(p.h)}:${pad(p.min)}:${pad(p.s)}.${pad(p.ms, 3)}`;
      }
      throw new ValueConversionError(column, type, value, "is not a time of day");
    case "blob":
      if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString("hex");
      if (typeof value === "string") return Buffer.from(value, "utf8").toString("hex");
      throw new ValueConversionError(column, type, value, "is not binary data");
  }
}

// mcp/lakehouse/parquet/parquet-writer.ts
var NULL_MARK = "\\N";
var QUOTE = /"/g;
var ParquetWriter = class _ParquetWriter {
  constructor(workDir, fields2, zone) {
    this.workDir = workDir;
    this.fields = fields2;
    this.zone = zone;
    this.spoolPath = path.join(workDir, `spool-${randomUUID()}.csv`);
    this.fd = fs.openSync(this.spoolPath, "w", 384);
  }
  workDir;
  fields;
  zone;
  spoolPath;
  fd;
  rowCount = 0;
  static open(options) {
    if (options.fields.length === 0) throw new Error("A Parquet file needs at least one column.");
    fs.mkdirSync(options.workDir, { recursive: true, mode: 448 });
    return new _ParquetWriter(options.workDir, options.fields, options.zone);
  }
  get rows() {
    return this.rowCount;
  }
  /** Appends a batch of rows (objects keyed by the fields' source names). */
  write(rows) {
    if (this.fd === void 0) throw new Error("This Parquet writer is already finished.");
    const fields2 = this.fields;
    let out = "";
    for (const row of rows) {
      let line = "";
      for (let i = 0; i < fields2.length; i++) {
        const { source, column } = fields2[i];
        const text = valueText(column.name, column.type, row[source], this.zone);
        if (i > 0) line += ",";
        if (text === null) line += NULL_MARK;
        else line += `"${text.includes('"') ? text.replace(QUOTE, '""') : text}"`;
      }
      out += `${line}
`;
    }
    fs.writeSync(this.fd, out);
    this.rowCount += rows.length;
  }
  /** Converts the spool into `target` (written under a temporary name, then renamed). */
  async finish(target) {
    this.closeSpool();
    const temp = path.join(path.dirname(target), `.tmp-${randomUUID()}.parquet`);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 448 });
    const duckTemp = path.join(this.workDir, `duckdb-${randomUUID()}`);
    const instance = await openDuckDb(":memory:", { memoryLimit: "96MB", threads: 1, tempDirectory: duckTemp });
    try {
      await withConnection(instance, async (connection) => {
        try {
          await connection.run(`COPY (${this.selectFromSpool()}) TO ${sqlText(temp)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 50000)`);
        } catch (err) {
          throw await this.explainFailure(connection, err);
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
    fs.renameSync(temp, target);
    return { path: target, rows: this.rowCount, bytes, sha256, columns: this.fields.map((f2) => f2.column) };
  }
  abort() {
    this.closeSpool();
    fs.rmSync(this.spoolPath, { force: true });
  }
  closeSpool() {
    if (this.fd !== void 0) fs.closeSync(this.fd);
    this.fd = void 0;
  }
  readCsv() {
    const columns = this.fields.map((_f, i) => `${sqlText(`c${i}`)}: 'VARCHAR'`).join(", ");
    return `read_csv(${sqlText(this.spoolPath)}, columns = {${columns}}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', nullstr = ${sqlText(NULL_MARK)}, allow_quoted_nulls = false)`;
  }
  castExpression(i) {
    const { column } = this.fields[i];
    const raw = ident(`c${i}`);
    if (column.type.kind === "varchar") return raw;
    if (column.type.kind === "blob") return `from_hex(${raw})`;
    return `CAST(${raw} AS ${duckdbType(column.type)})`;
  }
  selectFromSpool() {
    const list = this.fields.map((f2, i) => `${this.castExpression(i)} AS ${ident(f2.column.name)}`).join(", ");
    return `SELECT ${list} FROM ${this.readCsv()}`;
  }
  /** DuckDB says which value failed but not which column: find the column and say both. */
  async explainFailure(connection, err) {
    for (let i = 0; i < this.fields.length; i++) {
      const { column } = this.fields[i];
      if (column.type.kind === "varchar") continue;
      const raw = ident(`c${i}`);
      const check = column.type.kind === "blob" ? `TRY(from_hex(${raw}))` : `TRY_CAST(${raw} AS ${duckdbType(column.type)})`;
      try {
        const reader = await connection.runAndReadAll(
          `SELECT count(*)::VARCHAR AS n, min(${raw}) AS example FROM ${this.readCsv()} WHERE ${raw} IS NOT NULL AND ${check} IS NULL`
        );
        const [n, example] = reader.getRowsJson()[0];
        if (Number(n) > 0) {
          return new Error(
            `Column "${column.name}" is declared ${duckdbType(column.type)} in the source, but ${n} of its values cannot be read as that type (for example ${JSON.stringify(example)}). Fix those values in the source, or load the table with upload_file and cast it with transform_to_silver.`
          );
        }
      } catch {
      }
    }
    return new Error(`Writing Parquet failed: ${err.message.split("\n")[0]}`);
  }
};
async function hashFile(file) {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

// .scratch/pg-sync-sim.ts
function exactNumberFromText(text) {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return text;
  const integerDigits = match[2].replace(/^0+/, "");
  const fractionDigits = (match[3] ?? "").replace(/0+$/, "");
  const significant = (integerDigits + fractionDigits).replace(/^0+/, "").length;
  if (significant > 15) return text;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}
var parsers = { 1700: exactNumberFromText, 20: exactNumberFromText, 23: Number, 21: Number, 700: Number, 701: Number, 1082: (v) => v, 1114: (v) => v.length >= 19 && v[10] === " " ? `${v.slice(0, 10)}T${v.slice(11)}` : v };
var types = { getTypeParser: (oid) => parsers[oid] ?? ((v) => v) };
var c = new pg.Client({ host: "127.0.0.1", port: 55432, user: "postgres", database: "postgres" });
await c.connect();
var declared = [["id", "integer"], ["big", "bigint"], ["amt", "numeric(14,2)"], ["name", "text"], ["d", "date"], ["ts", "timestamp"], ["f", "double precision"]];
var fields = declared.map(([n, t]) => ({ source: n, column: { name: n, type: lakeTypeFromDeclared("postgres", t), nullable: true } }));
var t0 = performance.now();
var w = ParquetWriter.open({ workDir: "/tmp/simwork", fields, zone: "local" });
var cur = c.query(new Cursor("SELECT * FROM big", [], { types }));
var tx = 0;
var tw = 0;
for (; ; ) {
  const a = performance.now();
  const rows = await cur.read(5e3);
  tx += performance.now() - a;
  if (!rows.length) break;
  const b = performance.now();
  w.write(rows);
  tw += performance.now() - b;
}
var t1 = performance.now();
var f = await w.finish(path2.join("/tmp/simwork", "out.parquet"));
var t2 = performance.now();
console.log("rows", f.rows, "extract", Math.round(tx), "spool", Math.round(tw), "copy", Math.round(t2 - t1), "total", Math.round(t2 - t0), "rows/s", Math.round(f.rows / ((t2 - t0) / 1e3)), "peak MB", Math.round(process.resourceUsage().maxRSS / 1024));
await c.end();
