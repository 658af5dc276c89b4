// mcp/lakehouse/parquet/value-text.ts
var ValueConversionError = class extends Error {
  constructor(column, type, value, why) {
    const shown = typeof value === "string" ? JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value) : String(value);
    super(`Column "${column}" (${type.kind}) has the value ${shown}, which ${why}.`);
    this.name = "ValueConversionError";
  }
};
var pad = (n2, width = 2) => String(n2).padStart(width, "0");
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
var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
var ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;
var ISO_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}(:?\d{2})?)$/;
var NULL_FIELD = "\\N";
var NEEDS_QUOTES = /[",\r\n]/;
var QUOTE = /"/g;
function csvField(text) {
  return text === "" || text === NULL_FIELD || NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}
function columnField(column, type, zone) {
  const slow = (value) => {
    const text = valueText(column, type, value, zone);
    return text === null ? NULL_FIELD : csvField(text);
  };
  switch (type.kind) {
    case "integer":
    case "bigint":
      return (v) => typeof v === "number" && Number.isInteger(v) ? String(v) : v === null || v === void 0 ? NULL_FIELD : slow(v);
    case "decimal":
    case "double":
      return (v) => typeof v === "number" && Number.isFinite(v) ? String(v) : v === null || v === void 0 ? NULL_FIELD : slow(v);
    case "varchar":
      return (v) => typeof v === "string" ? csvField(v) : v === null || v === void 0 ? NULL_FIELD : slow(v);
    case "date":
      return (v) => typeof v === "string" && ISO_DATE.test(v) ? v : v === null || v === void 0 ? NULL_FIELD : slow(v);
    case "timestamp":
      return (v) => typeof v === "string" && ISO_TIMESTAMP.test(v) ? v : v === null || v === void 0 ? NULL_FIELD : slow(v);
    case "timestamptz":
      return (v) => typeof v === "string" && ISO_TIMESTAMPTZ.test(v) ? v : v === null || v === void 0 ? NULL_FIELD : slow(v);
    default:
      return slow;
  }
}

// .scratch/concat-bench.ts
var cols = [
  { name: "prop_val_yr", type: { kind: "decimal", precision: 4, scale: 0 }, nullable: false },
  { name: "sup_num", type: { kind: "integer" }, nullable: false },
  { name: "prop_id", type: { kind: "integer" }, nullable: false },
  { name: "market", type: { kind: "decimal", precision: 14, scale: 0 }, nullable: true },
  { name: "appraised_val", type: { kind: "decimal", precision: 14, scale: 0 }, nullable: true },
  { name: "legal_acreage", type: { kind: "decimal", precision: 14, scale: 4 }, nullable: true },
  { name: "hood_cd", type: { kind: "varchar" }, nullable: true },
  { name: "legal_desc", type: { kind: "varchar" }, nullable: true },
  { name: "sup_dt", type: { kind: "date" }, nullable: true },
  { name: "updated_at", type: { kind: "timestamp" }, nullable: true }
];
var batches = [];
for (let b = 0; b < 200; b++) {
  const rows = [];
  for (let i = b * 5e3; i < (b + 1) * 5e3; i++) rows.push({ prop_val_yr: 2020 + i % 6, sup_num: i % 3, prop_id: i, market: 5e4 + i * 7919 % 9e5, appraised_val: 4e4 + i * 104729 % 8e5, legal_acreage: i % 5 ? i % 1e4 / 997 : null, hood_cd: `H${i % 240}`, legal_desc: `LOT ${i % 97} BLK ${i % 53} MILL CREEK ESTATES`, sup_dt: i % 4 ? "2015-03-04" : null, updated_at: "2020-01-01T08:00:00" });
  batches.push(rows);
}
var conv = cols.map((c) => columnField(c.name, c.type, "local"));
var src = cols.map((c) => c.name);
var n = conv.length;
function concat(rows) {
  let out = "";
  for (const row of rows) {
    out += conv[0](row[src[0]]);
    for (let i = 1; i < n; i++) out += `,${conv[i](row[src[i]])}`;
    out += "\n";
  }
  return Buffer.byteLength(out);
}
function join(rows) {
  const parts = new Array(rows.length * n * 2);
  let k = 0;
  for (const row of rows) {
    parts[k++] = conv[0](row[src[0]]);
    for (let i = 1; i < n; i++) {
      parts[k++] = ",";
      parts[k++] = conv[i](row[src[i]]);
    }
    parts[k++] = "\n";
  }
  parts.length = k;
  return Buffer.byteLength(parts.join(""));
}
function lineJoin(rows) {
  const lines = new Array(rows.length);
  const f = new Array(n);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let i = 0; i < n; i++) f[i] = conv[i](row[src[i]]);
    lines[r] = f.join(",");
  }
  return Buffer.byteLength(lines.join("\n") + "\n");
}
var buf = Buffer.allocUnsafe(4 << 20);
function bufWrite(rows) {
  let off = 0;
  for (const row of rows) {
    off += buf.latin1Write ? buf.write(conv[0](row[src[0]]), off) : 0;
    for (let i = 1; i < n; i++) {
      buf[off++] = 44;
      off += buf.write(conv[i](row[src[i]]), off);
    }
    buf[off++] = 10;
  }
  return off;
}
var cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
for (let round = 0; round < 2; round++) for (const [name, fn] of [["concat", concat], ["join", join], ["lineJoin", lineJoin], ["bufWrite", bufWrite]]) {
  const t = cpu();
  let total = 0;
  for (const b of batches) total += fn(b);
  console.log(name, Math.round(cpu() - t), total);
}
