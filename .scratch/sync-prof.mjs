var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// mcp/connections/connection-types.ts
import { z } from "zod";
function assertWritable(record, what) {
  if (record.role !== "training") {
    if (record.role === "production") throw new ProductionReadOnlyError(record.id, what);
    throw new Error(`Connection "${record.id}" has role "${record.role}"; ${what} is allowed only on a training connection.`);
  }
}
var connectionIdSchema, ProductionReadOnlyError;
var init_connection_types = __esm({
  "mcp/connections/connection-types.ts"() {
    "use strict";
    connectionIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'A connection id is 1-64 letters, digits, "_", "-" or ".", starting with a letter or digit.');
    ProductionReadOnlyError = class extends Error {
      constructor(id, what) {
        super(
          `Connection "${id}" is a production connection and is read-only: ${what} is refused. Work against a training connection; production changes happen only as a QA-signed promotion from the PACS MCP desktop app.`
        );
        this.name = "ProductionReadOnlyError";
      }
    };
  }
});

// mcp/credentials/credentials.ts
function createSecretStore(env = process.env) {
  const choice = env.PACS_MCP_SECRETS ?? "keychain";
  if (choice === "memory") return new MemorySecretStore();
  if (choice !== "keychain") {
    throw new Error(`PACS_MCP_SECRETS must be "keychain" (the default) or "memory" (tests only), not "${choice}".`);
  }
  return new KeychainSecretStore(env.PACS_MCP_KEYCHAIN_SERVICE ?? KEYCHAIN_SERVICE);
}
var KEYCHAIN_SERVICE, KeychainUnavailableError, KeychainSecretStore, MemorySecretStore, secretAccount;
var init_credentials = __esm({
  "mcp/credentials/credentials.ts"() {
    "use strict";
    KEYCHAIN_SERVICE = "PACS MCP Desktop";
    KeychainUnavailableError = class extends Error {
      constructor(cause) {
        const detail = cause instanceof Error ? cause.message : String(cause);
        super(
          `The OS keychain is not available (${detail}). PACS MCP keeps passwords only in the keychain: on Windows use Credential Manager, on macOS the login keychain, on Linux start a Secret Service (gnome-keyring or KWallet) and unlock it, then try again.`
        );
        this.name = "KeychainUnavailableError";
      }
    };
    KeychainSecretStore = class {
      constructor(service) {
        this.service = service;
      }
      service;
      backend = "keychain";
      keytar;
      load() {
        this.keytar ??= import("@napi-rs/keyring/keytar.js");
        return this.keytar;
      }
      async call(op) {
        try {
          return await op(await this.load());
        } catch (err) {
          throw new KeychainUnavailableError(err);
        }
      }
      get(account) {
        return this.call((k) => k.getPassword(this.service, account));
      }
      set(account, secret) {
        return this.call((k) => k.setPassword(this.service, account, secret));
      }
      delete(account) {
        return this.call((k) => k.deletePassword(this.service, account));
      }
    };
    MemorySecretStore = class {
      backend = "memory";
      secrets = /* @__PURE__ */ new Map();
      async get(account) {
        return this.secrets.get(account) ?? null;
      }
      async set(account, secret) {
        this.secrets.set(account, secret);
      }
      async delete(account) {
        return this.secrets.delete(account);
      }
    };
    secretAccount = {
      connection: (connectionId) => `connection:${connectionId}`,
      install: (purpose) => `install:${purpose}`
    };
  }
});

// mcp/store/sqlite-db.ts
import sqlite3 from "sqlite3";
var SqliteDb, SqliteCursor;
var init_sqlite_db = __esm({
  "mcp/store/sqlite-db.ts"() {
    "use strict";
    SqliteDb = class _SqliteDb {
      constructor(raw, file) {
        this.raw = raw;
        this.file = file;
      }
      raw;
      file;
      queue = Promise.resolve();
      static async open(file, options = {}) {
        const mode = options.readOnly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
        const raw = await new Promise((resolve, reject) => {
          const db2 = new sqlite3.Database(file, mode, (err) => err ? reject(err) : resolve(db2));
        });
        const db = new _SqliteDb(raw, file);
        raw.configure("busyTimeout", options.busyTimeoutMs ?? 1e4);
        if (options.wal) {
          await db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
        }
        if (options.readOnly) await db.exec("PRAGMA query_only = ON;");
        return db;
      }
      /** Runs `work` after everything queued before it; nothing else runs on this connection meanwhile. */
      exclusive(work) {
        const result = this.queue.then(work, work);
        this.queue = result.catch(() => void 0);
        return result;
      }
      exec(sql) {
        return this.exclusive(() => this.execNow(sql));
      }
      run(sql, params = []) {
        return this.exclusive(() => this.runNow(sql, params));
      }
      all(sql, params = []) {
        return this.exclusive(() => this.allNow(sql, params));
      }
      get(sql, params = []) {
        return this.exclusive(() => this.getNow(sql, params));
      }
      /**
       * BEGIN IMMEDIATE … COMMIT around `work`. IMMEDIATE takes the write lock up front, so two
       * processes never deadlock upgrading read locks; the busy timeout makes the other one wait.
       */
      transaction(work) {
        return this.exclusive(async () => {
          await this.execNow("BEGIN IMMEDIATE");
          try {
            const value = await work(this.txHandle);
            await this.execNow("COMMIT");
            return value;
          } catch (err) {
            await this.execNow("ROLLBACK").catch(() => void 0);
            throw err;
          }
        });
      }
      interrupt() {
        this.raw.interrupt();
      }
      close() {
        return this.exclusive(() => new Promise((resolve, reject) => this.raw.close((err) => err ? reject(err) : resolve())));
      }
      txHandle = {
        exec: (sql) => this.execNow(sql),
        run: (sql, params = []) => this.runNow(sql, params),
        all: (sql, params = []) => this.allNow(sql, params),
        get: (sql, params = []) => this.getNow(sql, params)
      };
      execNow(sql) {
        return new Promise((resolve, reject) => this.raw.exec(sql, (err) => err ? reject(err) : resolve()));
      }
      runNow(sql, params) {
        return new Promise(
          (resolve, reject) => this.raw.run(sql, params, function(err) {
            if (err) reject(err);
            else resolve({ changes: this.changes, lastId: this.lastID });
          })
        );
      }
      allNow(sql, params) {
        return new Promise((resolve, reject) => this.raw.all(sql, params, (err, rows) => err ? reject(err) : resolve(rows)));
      }
      getNow(sql, params) {
        return new Promise((resolve, reject) => this.raw.get(sql, params, (err, row) => err ? reject(err) : resolve(row)));
      }
    };
    SqliteCursor = class _SqliteCursor {
      constructor(stmt) {
        this.stmt = stmt;
      }
      stmt;
      static prepare(db, sql, params = []) {
        return new Promise((resolve, reject) => {
          const stmt = db.raw.prepare(sql, params, (err) => err ? reject(err) : resolve(new _SqliteCursor(stmt)));
        });
      }
      next() {
        return new Promise((resolve, reject) => this.stmt.get((err, row) => err ? reject(err) : resolve(row)));
      }
      finalize() {
        return new Promise((resolve) => this.stmt.finalize(() => resolve()));
      }
    };
  }
});

// mcp/connectors/connector.ts
var QueryTimeoutError, QueryCancelledError;
var init_connector = __esm({
  "mcp/connectors/connector.ts"() {
    "use strict";
    QueryTimeoutError = class extends Error {
      constructor(timeoutMs2) {
        super(`The query ran longer than ${Math.round(timeoutMs2 / 1e3)} s and was stopped. Narrow it with a WHERE clause or fewer joins, or raise timeout_ms (at most 55 s).`);
        this.name = "QueryTimeoutError";
      }
    };
    QueryCancelledError = class extends Error {
      constructor() {
        super("The query was cancelled by the client.");
        this.name = "QueryCancelledError";
      }
    };
  }
});

// mcp/connectors/sqlite-connector.ts
var sqlite_connector_exports = {};
__export(sqlite_connector_exports, {
  SqliteConnector: () => SqliteConnector
});
import fs from "node:fs";
import path from "node:path";
var POOL_SIZE, SqliteConnector;
var init_sqlite_connector = __esm({
  "mcp/connectors/sqlite-connector.ts"() {
    "use strict";
    init_sqlite_db();
    init_connector();
    POOL_SIZE = 4;
    SqliteConnector = class {
      constructor(config) {
        this.config = config;
        this.catalog = path.basename(config.file).replace(/\.(sqlite3?|db)$/i, "");
      }
      config;
      dialect = "sqlite";
      catalog;
      idle = [];
      waiters = [];
      opened = 0;
      async acquire() {
        const db = this.idle.pop();
        if (db) return db;
        if (this.opened < POOL_SIZE) {
          this.opened++;
          try {
            if (!fs.existsSync(this.config.file)) throw new Error(`The SQLite file ${this.config.file} does not exist. Check the path, or run \`pacs-mcp demo\` for the demo database.`);
            return await SqliteDb.open(this.config.file, { readOnly: true, busyTimeoutMs: 5e3 });
          } catch (err) {
            this.opened--;
            throw err;
          }
        }
        return new Promise((resolve) => this.waiters.push(resolve));
      }
      release(db) {
        const waiter = this.waiters.shift();
        if (waiter) waiter(db);
        else this.idle.push(db);
      }
      async withConnection(work) {
        const db = await this.acquire();
        try {
          return await work(db);
        } finally {
          this.release(db);
        }
      }
      async test() {
        const started = performance.now();
        if (!fs.existsSync(this.config.file)) {
          return { ok: false, latency_ms: 0, failure: "file_missing", message: `The SQLite file ${this.config.file} does not exist. Check the path in the connection, or run \`pacs-mcp demo\` to rebuild the demo database.` };
        }
        try {
          const row = await this.withConnection((db) => db.get("SELECT sqlite_version() AS v"));
          await this.withConnection((db) => db.get("SELECT count(*) FROM sqlite_master"));
          return { ok: true, latency_ms: performance.now() - started, server_version: `SQLite ${row?.v}`, message: "Connected." };
        } catch (err) {
          return { ok: false, latency_ms: performance.now() - started, failure: "other", message: `SQLite could not read ${this.config.file}: ${err.message}. Check that it is a SQLite database and readable.` };
        }
      }
      async listTables() {
        const rows = await this.withConnection(
          (db) => db.all(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name"
          )
        );
        return rows.map((r) => ({ catalog: this.catalog, schema: "main", name: r.name, type: r.type === "view" ? "view" : "table" }));
      }
      async describeTable(schema, name) {
        if (schema !== "main") throw new Error(`SQLite connections have one schema, "main"; "${schema}" does not exist.`);
        const rows = await this.withConnection(
          (db) => db.all('SELECT name, type, "notnull", pk FROM pragma_table_info(?)', [name])
        );
        return rows.map((r) => ({ name: r.name, type: r.type || "ANY", nullable: r.notnull === 0 && r.pk === 0, primary_key: r.pk > 0 }));
      }
      async query(sql, params, options) {
        return this.withConnection(async (db) => {
          if (options.signal?.aborted) throw new QueryCancelledError();
          let stoppedBy;
          const timer2 = setTimeout(() => {
            stoppedBy = "timeout";
            db.interrupt();
          }, options.timeoutMs);
          const onAbort = () => {
            stoppedBy = "cancel";
            db.interrupt();
          };
          options.signal?.addEventListener("abort", onAbort, { once: true });
          let cursor;
          try {
            cursor = await SqliteCursor.prepare(db, sql, params);
            const rows = [];
            let truncated = false;
            for (; ; ) {
              const row = await cursor.next();
              if (!row) break;
              if (rows.length === options.maxRows) {
                truncated = true;
                break;
              }
              rows.push(row);
            }
            return { columns: rows.length ? Object.keys(rows[0]) : [], rows, row_count: rows.length, truncated };
          } catch (err) {
            if (stoppedBy === "timeout") throw new QueryTimeoutError(options.timeoutMs);
            if (stoppedBy === "cancel") throw new QueryCancelledError();
            throw err;
          } finally {
            clearTimeout(timer2);
            options.signal?.removeEventListener("abort", onAbort);
            await cursor?.finalize();
          }
        });
      }
      async *streamBatches(sql, params, batchSize, signal) {
        const db = await this.acquire();
        let cursor;
        try {
          cursor = await SqliteCursor.prepare(db, sql, params);
          let batch = [];
          for (; ; ) {
            if (signal?.aborted) throw new QueryCancelledError();
            const row = await cursor.next();
            if (!row) break;
            batch.push(row);
            if (batch.length === batchSize) {
              yield batch;
              batch = [];
            }
          }
          if (batch.length) yield batch;
        } finally {
          await cursor?.finalize();
          this.release(db);
        }
      }
      /**
       * Training-side writes on a read-write connection of their own (the pool is query_only), in
       * one BEGIN IMMEDIATE transaction. Callers check `assertWritable` first.
       */
      async writeTransaction(work) {
        if (!fs.existsSync(this.config.file)) throw new Error(`The SQLite file ${this.config.file} does not exist. Check the path, or run \`pacs-mcp demo\` for the demo database.`);
        const db = await SqliteDb.open(this.config.file, { busyTimeoutMs: 15e3 });
        try {
          return await db.transaction(
            (tx) => work({
              execute: async (sql, params) => ({ rowsAffected: (await tx.run(sql, params)).changes }),
              query: (sql, params) => tx.all(sql, params)
            })
          );
        } finally {
          await db.close();
        }
      }
      async close() {
        const all = this.idle.splice(0);
        this.opened -= all.length;
        await Promise.all(all.map((db) => db.close()));
      }
    };
  }
});

// mcp/connections/connection-config.ts
import { z as z2 } from "zod";
function parseConnectionConfig(kind, raw) {
  const parsed = CONNECTION_CONFIG_SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "config"}: ${i.message}`).join("; ");
    throw new Error(`The ${kind} connection settings are not valid: ${problems}.`);
  }
  return parsed.data;
}
var timeoutMs, tenantId, CONNECTION_CONFIG_SCHEMAS;
var init_connection_config = __esm({
  "mcp/connections/connection-config.ts"() {
    "use strict";
    timeoutMs = (fallback) => z2.number().int().min(1e3).max(6e5).default(fallback);
    tenantId = z2.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'a tenant id is 1-40 lower-case letters, digits or "_", starting with a letter or digit');
    CONNECTION_CONFIG_SCHEMAS = {
      sqlite: z2.object({ file: z2.string().min(1) }),
      postgres: z2.object({
        host: z2.string().min(1).default("localhost"),
        port: z2.number().int().min(1).max(65535).default(5432),
        database: z2.string().min(1),
        user: z2.string().min(1),
        ssl: z2.enum(["disable", "require", "verify-full"]).default("disable"),
        connect_timeout_ms: timeoutMs(1e4),
        statement_timeout_ms: timeoutMs(3e4)
      }),
      sqlserver: z2.object({
        server: z2.string().min(1),
        port: z2.number().int().min(1).max(65535).optional(),
        instance: z2.string().optional(),
        database: z2.string().min(1),
        authentication: z2.enum(["sql", "ntlm", "windows"]).default("sql"),
        user: z2.string().optional(),
        domain: z2.string().optional(),
        encrypt: z2.boolean().default(true),
        trust_server_certificate: z2.boolean().default(false),
        connect_timeout_ms: timeoutMs(15e3),
        request_timeout_ms: timeoutMs(3e4)
      }),
      databricks: z2.object({
        host: z2.string().min(1),
        http_path: z2.string().min(1),
        catalog: z2.string().optional(),
        tenant_id: tenantId.default("default"),
        /** token: a personal access token in the keychain; oauth-m2m: a service principal's secret in the keychain. */
        auth: z2.enum(["token", "oauth-m2m"]).default("token"),
        oauth_client_id: z2.string().optional(),
        /** Unity Catalog volume (in each layer's schema) that Parquet files are staged in. */
        volume: z2.string().regex(/^[A-Za-z0-9_]{1,64}$/).default("pacs_staging"),
        /** Server-side STATEMENT_TIMEOUT (seconds) of the session loads run in. */
        load_timeout_s: z2.number().int().min(60).max(172800).default(3600)
      }),
      lakehouse: z2.object({ tenant_id: tenantId.default("default") })
    };
  }
});

// mcp/connectors/abortable.ts
function abortable(pending, signal, dispose) {
  if (!signal) return pending;
  if (signal.aborted) {
    pending.then(dispose, () => void 0);
    return Promise.reject(new QueryCancelledError());
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      reject(new QueryCancelledError());
    };
    signal.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        if (settled) dispose(value);
        else {
          settled = true;
          resolve(value);
        }
      },
      (err) => {
        signal.removeEventListener("abort", onAbort);
        if (!settled) {
          settled = true;
          reject(err);
        }
      }
    );
  });
}
var init_abortable = __esm({
  "mcp/connectors/abortable.ts"() {
    "use strict";
    init_connector();
  }
});

// mcp/connectors/connection-failure.ts
function errorChain(err) {
  const links = [];
  const seen = /* @__PURE__ */ new Set();
  const visit = (value, depth) => {
    if (!value || typeof value !== "object" || seen.has(value) || depth > 6) return;
    seen.add(value);
    const e = value;
    links.push({
      code: typeof e.code === "string" ? e.code : void 0,
      message: typeof e.message === "string" ? e.message : String(value),
      number: typeof e.number === "number" ? e.number : void 0
    });
    visit(e.cause, depth + 1);
    visit(e.originalError, depth + 1);
    if (Array.isArray(e.errors)) for (const inner of e.errors) visit(inner, depth + 1);
  };
  visit(err, 0);
  if (links.length === 0) links.push({ message: String(err) });
  return links;
}
function chainHas(links, test) {
  return links.some((l) => test.codes && l.code !== void 0 && test.codes.includes(l.code) || test.pattern !== void 0 && test.pattern.test(l.message));
}
function networkFailure(err, endpoint) {
  const links = errorChain(err);
  if (chainHas(links, { codes: DNS_CODES, pattern: /getaddrinfo|ENOTFOUND|EAI_AGAIN/ })) {
    return {
      failure: "dns",
      message: `The server name "${endpoint.host}" could not be found (the DNS lookup failed). Check the spelling of the server name in connection "${endpoint.connectionId}", try its full name (for example server.county.local) or its IP address, and check that this PC is on the county network or VPN.`
    };
  }
  if (chainHas(links, { codes: REFUSED_CODES, pattern: /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/ })) {
    return {
      failure: "refused",
      message: `Nothing accepted the connection at ${where(endpoint)} (connection refused). Check that ${endpoint.product} is running on that server and port, that ${LISTEN_HINT[endpoint.product]}, and that no firewall blocks this PC.`
    };
  }
  if (chainHas(links, { codes: TIMEOUT_CODES, pattern: /timeout expired|connection timeout|Failed to connect .* in \d+ms|timed out/i })) {
    return {
      failure: "timeout",
      message: `${where(endpoint)} did not answer within ${seconds(endpoint.connectTimeoutMs)}. The server may be down or busy, a firewall may be dropping the traffic, or it may be reachable only over VPN. Check those, or raise the connect timeout of connection "${endpoint.connectionId}" (--connect-timeout, in ms).`
    };
  }
  return void 0;
}
function tlsFailure(err, endpoint, trustFix) {
  const links = errorChain(err);
  if (chainHas(links, SELF_SIGNED)) {
    return {
      failure: "tls",
      message: `${endpoint.product} at ${where(endpoint)} presented a self-signed certificate (or one from an authority this PC does not trust), so the encrypted connection was refused. Either install the server's certificate authority on this PC, or ${trustFix} \u2014 the traffic stays encrypted, but the server's identity is not checked, so do this only on the county network.`
    };
  }
  if (chainHas(links, WRONG_NAME)) {
    return {
      failure: "tls",
      message: `The certificate of ${where(endpoint)} is issued to a different name than "${endpoint.host}". Use the server name exactly as written on its certificate (often the full name, like server.county.local), or ${trustFix}.`
    };
  }
  if (chainHas(links, EXPIRED)) {
    return {
      failure: "tls",
      message: `The certificate of ${where(endpoint)} has expired or is not valid yet. Ask the database administrator to renew it, or ${trustFix} until then.`
    };
  }
  if (chainHas(links, OLD_PROTOCOL)) {
    return {
      failure: "tls",
      message: `${where(endpoint)} only offers an outdated TLS version that this PC refuses. Ask the database administrator to enable TLS 1.2 on the server (for SQL Server, install the TLS 1.2 update), then try again.`
    };
  }
  return void 0;
}
function failedTest(startedAt, classified) {
  return { ok: false, latency_ms: performance.now() - startedAt, failure: classified.failure, message: classified.message };
}
var SourceUnavailableError, DNS_CODES, REFUSED_CODES, TIMEOUT_CODES, where, seconds, LISTEN_HINT, SELF_SIGNED, WRONG_NAME, EXPIRED, OLD_PROTOCOL;
var init_connection_failure = __esm({
  "mcp/connectors/connection-failure.ts"() {
    "use strict";
    SourceUnavailableError = class extends Error {
      constructor(failure, message) {
        super(message);
        this.failure = failure;
        this.name = "SourceUnavailableError";
      }
      failure;
    };
    DNS_CODES = ["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"];
    REFUSED_CODES = ["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET"];
    TIMEOUT_CODES = ["ETIMEDOUT", "ETIMEOUT"];
    where = (e) => e.port ? `${e.host}:${e.port}` : e.host;
    seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
    LISTEN_HINT = {
      PostgreSQL: "PostgreSQL must listen on that address (listen_addresses in postgresql.conf) and pg_hba.conf must allow this PC",
      "SQL Server": "SQL Server must have TCP/IP enabled (SQL Server Configuration Manager \u2192 Network Configuration); for a named instance set the instance name and make sure the SQL Server Browser service runs"
    };
    SELF_SIGNED = {
      codes: ["DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "UNABLE_TO_GET_ISSUER_CERT"],
      pattern: /self[- ]signed certificate|unable to verify the first certificate|unable to get local issuer certificate/i
    };
    WRONG_NAME = { codes: ["ERR_TLS_CERT_ALTNAME_INVALID"], pattern: /does not match certificate's altnames|Hostname\/IP does not match/i };
    EXPIRED = { codes: ["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"], pattern: /certificate has expired|certificate is not yet valid/i };
    OLD_PROTOCOL = { codes: ["ERR_SSL_UNSUPPORTED_PROTOCOL"], pattern: /unsupported protocol|wrong version number|no protocols available/i };
  }
});

// mcp/guard/sql-lexer.ts
function documentedLexRules(dialect) {
  return { nestedBlockComments: dialect !== "sqlite", backslashEscapesInPlainStrings: dialect === "databricks" };
}
function isPostgresLike(dialect) {
  return dialect === "postgres" || dialect === "duckdb";
}
function tokenizeSql(sql, dialect, rules = documentedLexRules(dialect)) {
  const tokens = [];
  const length = sql.length;
  let i = 0;
  const push = (kind, start, end, normalized) => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, normalized: normalized ?? text.toLowerCase(), start });
  };
  while (i < length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (WHITESPACE.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === "-" && next === "-") {
      i = skipLineComment(sql, i);
      continue;
    }
    if (ch === "/" && next === "*") {
      i = skipBlockComment(sql, i, rules.nestedBlockComments);
      continue;
    }
    if (isPostgresLike(dialect) && (ch === "e" || ch === "E") && next === "'") {
      const end = readQuoted(sql, i + 1, "'", { backslashEscapes: true, doubledQuoteEscapes: true });
      push("string", i, end);
      i = end;
      continue;
    }
    if (dialect === "databricks" && (ch === "r" || ch === "R") && (next === "'" || next === '"')) {
      const end = readQuoted(sql, i + 1, next, { backslashEscapes: false, doubledQuoteEscapes: false });
      push("string", i, end);
      i = end;
      continue;
    }
    if (ch === "'" || ch === '"' && dialect === "databricks") {
      const end = readQuoted(sql, i, ch, {
        backslashEscapes: (dialect === "postgres" || dialect === "databricks") && rules.backslashEscapesInPlainStrings,
        doubledQuoteEscapes: true
      });
      push("string", i, end);
      i = end;
      continue;
    }
    if (ch === '"') {
      const end = readQuoted(sql, i, '"', { backslashEscapes: false, doubledQuoteEscapes: true });
      push("quoted_identifier", i, end, unquote(sql.slice(i, end), '"'));
      i = end;
      continue;
    }
    if (ch === "[" && (dialect === "sqlite" || dialect === "tsql")) {
      const end = readQuoted(sql, i, "]", { backslashEscapes: false, doubledQuoteEscapes: dialect === "tsql" });
      push("quoted_identifier", i, end, unquote(sql.slice(i, end), "]"));
      i = end;
      continue;
    }
    if (ch === "`" && (dialect === "sqlite" || dialect === "databricks")) {
      const end = readQuoted(sql, i, "`", { backslashEscapes: false, doubledQuoteEscapes: true });
      push("quoted_identifier", i, end, unquote(sql.slice(i, end), "`"));
      i = end;
      continue;
    }
    if (ch === "$" && isPostgresLike(dialect)) {
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 256))?.[0];
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        if (close < 0) throw new SqlLexError("a $-quoted string is never closed", i);
        push("string", i, close + tag.length);
        i = close + tag.length;
        continue;
      }
      if (next !== void 0 && DIGIT.test(next)) {
        const end = readWhile(sql, i + 1, DIGIT);
        push("parameter", i, end);
        i = end;
        continue;
      }
    }
    if (dialect === "sqlite" && (ch === "?" || ch === ":" || ch === "@" || ch === "$")) {
      const end = ch === "?" ? readWhile(sql, i + 1, DIGIT) : readWhile(sql, i + 1, WORD_PART);
      if (ch === "?" || end > i + 1) {
        push("parameter", i, end);
        i = end;
        continue;
      }
    }
    if (DIGIT.test(ch) || ch === "." && next !== void 0 && DIGIT.test(next)) {
      const end = readNumber(sql, i);
      push("number", i, end);
      i = end;
      continue;
    }
    const wordStart = dialect === "tsql" ? TSQL_WORD_START : WORD_START;
    const wordPart = dialect === "tsql" ? TSQL_WORD_PART : WORD_PART;
    if (wordStart.test(ch)) {
      const end = readWhile(sql, i + 1, wordPart);
      push("word", i, end);
      i = end;
      continue;
    }
    const codePoint = sql.codePointAt(i) ?? 0;
    const width = codePoint > 65535 ? 2 : 1;
    push("symbol", i, i + width);
    i += width;
  }
  return tokens;
}
function skipLineComment(sql, start) {
  let i = start + 2;
  while (i < sql.length && !LINE_BREAK.test(sql[i])) i += 1;
  return i;
}
function skipBlockComment(sql, start, nested) {
  let depth = 1;
  let i = start + 2;
  while (i < sql.length) {
    if (sql[i] === "*" && sql[i + 1] === "/") {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
      continue;
    }
    if (nested && sql[i] === "/" && sql[i + 1] === "*") {
      depth += 1;
      i += 2;
      continue;
    }
    i += 1;
  }
  throw new SqlLexError("a /* comment */ is never closed", start);
}
function readQuoted(sql, start, closing, rules) {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (rules.backslashEscapes && ch === "\\") {
      i += 2;
      continue;
    }
    if (ch === closing) {
      if (rules.doubledQuoteEscapes && sql[i + 1] === closing) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  throw new SqlLexError(`an opening ${sql[start]} has no closing ${closing}`, start);
}
function unquote(quoted, closing) {
  return quoted.slice(1, -1).split(closing + closing).join(closing).toLowerCase();
}
function readWhile(sql, start, pattern) {
  let i = start;
  while (i < sql.length && pattern.test(sql[i])) i += 1;
  return i;
}
function readNumber(sql, start) {
  if (sql[start] === "0" && (sql[start + 1] === "x" || sql[start + 1] === "X")) {
    return readWhile(sql, start + 2, HEX_DIGIT);
  }
  let i = readWhile(sql, start, /[0-9_]/);
  if (sql[i] === ".") i = readWhile(sql, i + 1, /[0-9_]/);
  if (sql[i] === "e" || sql[i] === "E") {
    const digitsAt = sql[i + 1] === "+" || sql[i + 1] === "-" ? i + 2 : i + 1;
    if (DIGIT.test(sql[digitsAt] ?? "")) i = readWhile(sql, digitsAt, DIGIT);
  }
  return i;
}
var SqlLexError, LINE_BREAK, WHITESPACE, DIGIT, HEX_DIGIT, WORD_START, WORD_PART, TSQL_WORD_START, TSQL_WORD_PART, DOLLAR_TAG;
var init_sql_lexer = __esm({
  "mcp/guard/sql-lexer.ts"() {
    "use strict";
    SqlLexError = class extends Error {
      constructor(message, position) {
        super(message);
        this.position = position;
        this.name = "SqlLexError";
      }
      position;
    };
    LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
    WHITESPACE = /\s/u;
    DIGIT = /[0-9]/;
    HEX_DIGIT = /[0-9A-Fa-f]/;
    WORD_START = /[\p{L}_]/u;
    WORD_PART = /[\p{L}0-9_$]/u;
    TSQL_WORD_START = /[\p{L}_@#]/u;
    TSQL_WORD_PART = /[\p{L}0-9_$@#]/u;
    DOLLAR_TAG = /^\$(?:[\p{L}_][\p{L}\p{N}_]*)?\$/u;
  }
});

// mcp/connectors/placeholders.ts
function translatePlaceholders(sql, params, target) {
  if (params.length === 0) return sql;
  let out = "";
  let last2 = 0;
  let count = 0;
  for (const token of tokenizeSql(sql, target)) {
    if (token.kind !== "symbol" || token.text !== "?") continue;
    count += 1;
    out += sql.slice(last2, token.start) + (target === "postgres" ? `$${count}` : `@p${count}`);
    last2 = token.start + 1;
  }
  if (count !== params.length) {
    throw new Error(`Internal query error: the SQL has ${count} ? placeholder(s) but ${params.length} value(s) were given.`);
  }
  return out + sql.slice(last2);
}
function tsqlParameterName(index) {
  return `p${index + 1}`;
}
var init_placeholders = __esm({
  "mcp/connectors/placeholders.ts"() {
    "use strict";
    init_sql_lexer();
  }
});

// mcp/connectors/postgres-capped-read.ts
var CappedRead;
var init_postgres_capped_read = __esm({
  "mcp/connectors/postgres-capped-read.ts"() {
    "use strict";
    CappedRead = class {
      constructor(text, values, maxRows, statementTimeoutMs, types, driver) {
        this.text = text;
        this.values = values;
        this.maxRows = maxRows;
        this.statementTimeoutMs = statementTimeoutMs;
        this.driver = driver;
        this.done = new Promise((resolve, reject) => {
          this.resolve = resolve;
          this.reject = reject;
        });
        this.result = new driver.Result(void 0, types);
        this.result._getTypeParser = types.getTypeParser;
      }
      text;
      values;
      maxRows;
      statementTimeoutMs;
      driver;
      done;
      resolve;
      reject;
      result;
      rows = [];
      /** Statements completed so far: 0-2 setup, 3 the user's, 4 ROLLBACK. */
      completed = 0;
      truncated = false;
      failed = false;
      submit(connection) {
        const simple = (text) => {
          connection.parse({ text });
          connection.bind({});
          connection.execute({ rows: 0 });
        };
        connection.stream.cork?.();
        try {
          simple("BEGIN TRANSACTION READ ONLY");
          simple(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(this.statementTimeoutMs))}`);
          simple("SELECT 1 WHERE false");
          connection.parse({ text: this.text });
          connection.bind({ values: this.values.map(this.driver.prepareValue) });
          connection.describe({ type: "P", name: "" });
          connection.execute({ rows: this.maxRows + 1 });
          simple("ROLLBACK");
          connection.sync();
        } finally {
          connection.stream.uncork?.();
        }
      }
      get inStatement() {
        return this.completed === 3;
      }
      handleRowDescription(message) {
        if (this.inStatement) this.result.addFields(message.fields);
      }
      handleDataRow(message) {
        if (!this.inStatement || this.truncated) return;
        if (this.rows.length === this.maxRows) {
          this.truncated = true;
          return;
        }
        this.rows.push(this.result.parseRow(message.fields));
      }
      handlePortalSuspended() {
        if (this.inStatement) {
          this.truncated = true;
          this.completed += 1;
        }
      }
      handleCommandComplete() {
        this.completed += 1;
      }
      handleEmptyQuery() {
        this.completed += 1;
      }
      handleError(err) {
        this.failed = true;
        this.reject(err);
      }
      handleReadyForQuery() {
        if (this.failed) return;
        if (this.completed < 5) this.reject(new Error("PostgreSQL ended the read early."));
        else this.resolve({ fields: this.result.fields, rows: this.rows, truncated: this.truncated });
      }
      /** COPY … FROM STDIN cannot run in a READ ONLY transaction; should it ever start, it is failed. */
      handleCopyInResponse(connection) {
        connection.sendCopyFail("PACS MCP reads only: COPY ... FROM STDIN is refused.");
      }
      /** Rows of COPY … TO STDOUT are not query results: dropped. */
      handleCopyData() {
      }
    };
  }
});

// mcp/connectors/postgres-errors.ts
function classifyPostgresError(err, endpoint) {
  if (err instanceof SourceUnavailableError) return { failure: err.failure, message: err.message };
  const links = errorChain(err);
  const sqlstate = links.find((l) => l.code && /^[0-9A-Z]{5}$/.test(l.code))?.code;
  const user = endpoint.user ?? "(none)";
  if (sqlstate === "3D000") {
    return {
      failure: "database_missing",
      message: `The database "${endpoint.database}" does not exist on ${endpoint.host}:${endpoint.port}. Check its name in connection "${endpoint.connectionId}" (names are case-sensitive; \`psql -l\` lists them).`
    };
  }
  if (sqlstate === "28P01") {
    return {
      failure: "login",
      message: `PostgreSQL refused the password for user "${user}". ${passwordCommand(endpoint)}.`
    };
  }
  if (sqlstate === "28000") {
    const hba = links.some((l) => /pg_hba\.conf/.test(l.message));
    return {
      failure: "login",
      message: hba ? `PostgreSQL does not let user "${user}" connect to "${endpoint.database}" from this PC (no pg_hba.conf entry). Ask the database administrator to add one for this PC's address, with SSL if the entry requires it.` : `PostgreSQL refused the login of user "${user}": ${links[0].message}. Check the user name in connection "${endpoint.connectionId}".`
    };
  }
  if (sqlstate === "53300") {
    return { failure: "other", message: `PostgreSQL at ${endpoint.host} has no free connections (too many clients). Try again shortly, or ask the administrator to raise max_connections.` };
  }
  if (chainHas(links, { pattern: /client password must be a string|password authentication failed|no password supplied/i })) {
    return {
      failure: "login",
      message: `PostgreSQL asks for a password and none is stored for connection "${endpoint.connectionId}". ${passwordCommand(endpoint)}.`
    };
  }
  if (chainHas(links, { pattern: /does not support SSL/i })) {
    return {
      failure: "tls",
      message: `${endpoint.host}:${endpoint.port} does not accept encrypted (SSL) connections, but connection "${endpoint.connectionId}" requires one. Ask the administrator to enable ssl in postgresql.conf, or set the connection's ssl to "disable" if the network is trusted.`
    };
  }
  const tls = tlsFailure(err, endpoint, `set ssl to "require" on connection "${endpoint.connectionId}" (--ssl require)`);
  if (tls) return tls;
  const network = networkFailure(err, endpoint);
  if (network) return network;
  return { failure: "other", message: `Could not connect to PostgreSQL at ${endpoint.host}:${endpoint.port}: ${links[0].message}` };
}
var passwordCommand;
var init_postgres_errors = __esm({
  "mcp/connectors/postgres-errors.ts"() {
    "use strict";
    init_connection_failure();
    passwordCommand = (e) => `Store the right one with \`pacs-mcp connections add --id ${e.connectionId} \u2026 --password-stdin\` (the same fields as before) or in the PACS MCP app`;
  }
});

// mcp/connectors/source-values.ts
function exactNumberFromText(text) {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return text;
  const integerDigits = match[2].replace(/^0+/, "");
  const fractionDigits = (match[3] ?? "").replace(/0+$/, "");
  const significant = (integerDigits + fractionDigits).replace(/^0+/, "").length;
  if (significant > SAFE_SIGNIFICANT_DIGITS) return text;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}
function timestampFromPostgresText(text) {
  return text.length >= 19 && text[10] === " " ? `${text.slice(0, 10)}T${text.slice(11)}` : text;
}
function dateOnlyText(value) {
  return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
}
function localDateTimeText(value) {
  if (Number.isNaN(value.getTime())) return String(value);
  const iso = value.toISOString();
  return value.getUTCMilliseconds() === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
}
var SAFE_SIGNIFICANT_DIGITS;
var init_source_values = __esm({
  "mcp/connectors/source-values.ts"() {
    "use strict";
    SAFE_SIGNIFICANT_DIGITS = 15;
  }
});

// mcp/connectors/postgres-driver.ts
import net from "node:net";
function loadPostgresDriver() {
  loading ??= Promise.all([import("pg"), import("pg-cursor"), import(PG_UTILS)]).then(([pg, cursor, utils]) => {
    const driver = defaultOf(pg);
    return {
      pg: driver,
      Cursor: copySafe(defaultOf(cursor)),
      capped: {
        Result: driver.Result,
        prepareValue: defaultOf(utils).prepareValue
      }
    };
  });
  return loading;
}
function copySafe(Cursor) {
  return class CopySafeCursor extends Cursor {
    handleCopyInResponse(connection) {
      connection.sendCopyFail("PACS MCP reads only: COPY ... FROM STDIN is refused.");
    }
    handleCopyData() {
    }
  };
}
function postgresTypeParsers(pg) {
  const defaults = pg.types;
  const parseTimestamptz = defaults.getTypeParser(OID.timestamptz, "text");
  const overrides = /* @__PURE__ */ new Map([
    [OID.int8, exactNumberFromText],
    [OID.numeric, exactNumberFromText],
    [OID.date, (text) => text],
    [OID.timestamp, timestampFromPostgresText],
    [
      OID.timestamptz,
      (text) => {
        const parsed = parseTimestamptz(text);
        return parsed instanceof Date && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : text;
      }
    ]
  ]);
  return {
    getTypeParser: ((oid, format) => (format ?? "text") === "text" && overrides.has(oid) ? overrides.get(oid) : defaults.getTypeParser(oid, format ?? "text"))
  };
}
function sendCancelRequest(host, port, processId, secretKey) {
  return new Promise((resolve) => {
    const packet = Buffer.alloc(16);
    packet.writeInt32BE(16, 0);
    packet.writeInt32BE(80877102, 4);
    packet.writeInt32BE(processId, 8);
    packet.writeInt32BE(secretKey, 12);
    const socket = net.connect({ host, port });
    const done2 = () => {
      socket.destroy();
      resolve();
    };
    socket.setTimeout(5e3, done2);
    socket.once("error", done2);
    socket.once("close", done2);
    socket.once("connect", () => socket.end(packet));
  });
}
var loading, PG_UTILS, defaultOf, OID;
var init_postgres_driver = __esm({
  "mcp/connectors/postgres-driver.ts"() {
    "use strict";
    init_source_values();
    PG_UTILS = ["pg", "lib", "utils.js"].join("/");
    defaultOf = (mod) => mod.default ?? mod;
    OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 };
  }
});

// mcp/connectors/postgres-connector.ts
var postgres_connector_exports = {};
__export(postgres_connector_exports, {
  PostgresConnector: () => PostgresConnector
});
import { isIP } from "node:net";
function readBatch(cursor, count) {
  return new Promise((resolve, reject) => {
    cursor.read(count, (err, rows, result) => err ? reject(err) : resolve({ rows, fields: result?.fields ?? [] }));
  });
}
var POOL_SIZE2, KILL_GRACE_MS, CATALOG_ROWS, STREAM_BEGIN, LIST_TABLES_SQL, DESCRIBE_TABLE_SQL, PostgresConnector;
var init_postgres_connector = __esm({
  "mcp/connectors/postgres-connector.ts"() {
    "use strict";
    init_connection_config();
    init_connection_types();
    init_abortable();
    init_connection_failure();
    init_connector();
    init_placeholders();
    init_postgres_capped_read();
    init_postgres_errors();
    init_postgres_driver();
    POOL_SIZE2 = 8;
    KILL_GRACE_MS = 5e3;
    CATALOG_ROWS = 1e5;
    STREAM_BEGIN = "BEGIN TRANSACTION READ ONLY; SELECT 1";
    LIST_TABLES_SQL = `
  SELECT table_schema AS schema_name, table_name AS name, CASE WHEN table_type = 'VIEW' THEN 'view' ELSE 'table' END AS kind
    FROM information_schema.tables
   WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT schemaname, matviewname, 'view' FROM pg_catalog.pg_matviews WHERE schemaname NOT LIKE 'pg\\_%'
  ORDER BY 1, 2`;
    DESCRIBE_TABLE_SQL = `
  SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
         EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS primary_key
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
   ORDER BY a.attnum`;
    PostgresConnector = class {
      constructor(record, password) {
        this.record = record;
        this.password = password;
        this.config = parseConnectionConfig("postgres", record.config);
        this.catalog = this.config.database;
      }
      record;
      password;
      dialect = "postgres";
      catalog;
      config;
      driverReady;
      closed = false;
      get endpoint() {
        const c2 = this.config;
        return { connectionId: this.record.id, product: "PostgreSQL", host: c2.host, port: c2.port, database: c2.database, user: c2.user, connectTimeoutMs: c2.connect_timeout_ms };
      }
      driver() {
        this.driverReady ??= loadPostgresDriver().then(({ pg, Cursor, capped }) => {
          const c2 = this.config;
          const types = postgresTypeParsers(pg);
          const pool = new pg.Pool({
            host: c2.host,
            port: c2.port,
            database: c2.database,
            user: c2.user,
            password: this.password,
            ssl: c2.ssl === "disable" ? false : c2.ssl === "require" ? { rejectUnauthorized: false } : { rejectUnauthorized: true, ...isIP(c2.host) ? {} : { servername: c2.host } },
            connectionTimeoutMillis: c2.connect_timeout_ms,
            max: POOL_SIZE2,
            idleTimeoutMillis: 3e4,
            allowExitOnIdle: true,
            application_name: "PACS MCP",
            keepAlive: true,
            types
          });
          pool.on("error", () => void 0);
          return { pool, Cursor, capped, types };
        });
        return this.driverReady;
      }
      async acquire(signal) {
        if (this.closed) throw new Error(`Connection "${this.record.id}" was closed; call the tool again.`);
        const { pool } = await this.driver();
        let client;
        try {
          client = await abortable(pool.connect(), signal, (late) => late.release());
        } catch (err) {
          if (err instanceof QueryCancelledError) throw err;
          const { failure, message } = classifyPostgresError(err, this.endpoint);
          throw new SourceUnavailableError(failure, message);
        }
        const onError = () => void 0;
        client.on("error", onError);
        return {
          client,
          release: (destroy) => {
            client.off("error", onError);
            client.release(destroy || void 0);
          }
        };
      }
      /** Stops a running statement on timeout or cancel: a cancel request first, then the socket. */
      stopper(client, timeoutMs2, signal) {
        let stoppedBy;
        let killed = false;
        let killTimer;
        const backend = client;
        const stop = (why) => {
          stoppedBy ??= why;
          if (backend.processID !== void 0 && backend.secretKey !== void 0) {
            void sendCancelRequest(this.config.host, this.config.port, backend.processID, backend.secretKey);
          }
          killTimer ??= setTimeout(() => {
            killed = true;
            backend.connection?.stream?.destroy();
          }, KILL_GRACE_MS);
        };
        const onAbort = () => stop("cancel");
        signal?.addEventListener("abort", onAbort, { once: true });
        const watchdog = timeoutMs2 === null ? void 0 : setTimeout(() => stop("timeout"), timeoutMs2 + 1e3);
        return {
          get killed() {
            return killed;
          },
          translate(err) {
            if (stoppedBy === "cancel") return new QueryCancelledError();
            const code = err?.code;
            if (stoppedBy === "timeout" || code === "57014" && /statement timeout/i.test(err.message)) return new QueryTimeoutError(timeoutMs2 ?? 0);
            return err;
          },
          dispose() {
            signal?.removeEventListener("abort", onAbort);
            clearTimeout(watchdog);
            clearTimeout(killTimer);
          }
        };
      }
      /** Ends the read transaction; a connection that cannot is destroyed rather than reused. */
      async finish(lease, forceDestroy) {
        const rolledBack = forceDestroy ? false : await lease.client.query("ROLLBACK").then(() => true, () => false);
        lease.release(!rolledBack);
      }
      async test() {
        const started = performance.now();
        try {
          const lease = await this.acquire();
          try {
            const { rows } = await lease.client.query(
              "SELECT current_setting('server_version') AS version, current_database() AS db, current_user AS login, (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) AS superuser"
            );
            const info = rows[0];
            const warning = info.superuser && this.record.role === "production" ? " Warning: this production connection logs in as a superuser; give it a login that can only read (SELECT on the PACS tables)." : "";
            lease.release(false);
            return {
              ok: true,
              latency_ms: performance.now() - started,
              server_version: `PostgreSQL ${info.version}`,
              message: `Connected to "${info.db}" on ${this.config.host}:${this.config.port} as "${info.login}".${warning}`
            };
          } catch (err) {
            lease.release(true);
            throw err;
          }
        } catch (err) {
          return failedTest(started, classifyPostgresError(err, this.endpoint));
        }
      }
      async listTables() {
        const { rows } = await this.query(LIST_TABLES_SQL, [], { maxRows: CATALOG_ROWS, timeoutMs: this.config.statement_timeout_ms });
        return rows.map((r) => ({ catalog: this.catalog, schema: String(r.schema_name), name: String(r.name), type: r.kind === "view" ? "view" : "table" }));
      }
      async describeTable(schema, name) {
        const describe = async (n) => (await this.query(DESCRIBE_TABLE_SQL, [schema, n], { maxRows: 1e4, timeoutMs: this.config.statement_timeout_ms })).rows;
        let rows = await describe(name);
        if (rows.length === 0 && name !== name.toLowerCase()) rows = await describe(name.toLowerCase());
        return rows.map((r) => ({ name: String(r.name), type: String(r.type), nullable: r.nullable === true, primary_key: r.primary_key === true }));
      }
      async query(sql, params, options) {
        if (sql.includes("\0")) throw new Error("The SQL contains a NUL character, which PostgreSQL cannot receive. Remove it and try again.");
        const text = translatePlaceholders(sql, params, "postgres");
        const timeoutMs2 = Math.min(options.timeoutMs, this.config.statement_timeout_ms);
        const { capped, types } = await this.driver();
        const lease = await this.acquire(options.signal);
        const stopper = this.stopper(lease.client, timeoutMs2, options.signal);
        let clean = false;
        try {
          const read = new CappedRead(text, params, options.maxRows, timeoutMs2, types, capped);
          lease.client.query(read);
          const { rows, fields, truncated } = await read.done;
          clean = true;
          return { columns: fields.map((f) => f.name), rows, row_count: rows.length, truncated };
        } catch (err) {
          throw stopper.translate(err);
        } finally {
          stopper.dispose();
          if (clean && !stopper.killed) lease.release(false);
          else await this.finish(lease, stopper.killed);
        }
      }
      async *streamBatches(sql, params, batchSize, signal) {
        if (sql.includes("\0")) throw new Error("The SQL contains a NUL character, which PostgreSQL cannot receive. Remove it and try again.");
        const text = translatePlaceholders(sql, params, "postgres");
        const { Cursor, types } = await this.driver();
        const lease = await this.acquire(signal);
        const stopper = this.stopper(lease.client, null, signal);
        let cursor;
        let failed = false;
        try {
          await lease.client.query(STREAM_BEGIN);
          cursor = lease.client.query(new Cursor(text, params, { types }));
          for (; ; ) {
            if (signal?.aborted) throw new QueryCancelledError();
            const { rows } = await readBatch(cursor, batchSize);
            if (rows.length === 0) break;
            yield rows;
            if (rows.length < batchSize) break;
          }
        } catch (err) {
          failed = true;
          throw stopper.translate(err);
        } finally {
          stopper.dispose();
          if (!failed) await cursor?.close().catch(() => void 0);
          await this.finish(lease, stopper.killed);
        }
      }
      async writeTransaction(work) {
        assertWritable(this.record, "writing through this connection");
        const { types } = await this.driver();
        const lease = await this.acquire();
        const run = (sql, params) => lease.client.query({ text: translatePlaceholders(sql, params, "postgres"), values: params, types });
        let committed = false;
        try {
          await lease.client.query(`BEGIN; SET LOCAL statement_timeout = ${this.config.statement_timeout_ms}`);
          const result = await work({
            execute: async (sql, params) => ({ rowsAffected: (await run(sql, params)).rowCount ?? 0 }),
            query: async (sql, params) => (await run(sql, params)).rows
          });
          await lease.client.query("COMMIT");
          committed = true;
          return result;
        } finally {
          if (committed) lease.release(false);
          else await this.finish(lease, false);
        }
      }
      async close() {
        this.closed = true;
        const driver = this.driverReady;
        this.driverReady = void 0;
        if (driver) await driver.then((d) => d.pool.end()).catch(() => void 0);
      }
    };
  }
});

// mcp/connectors/sqlserver-catalog.ts
function sqlServerVersionLabel(productVersion, edition) {
  const release = RELEASES[productVersion.split(".")[0]];
  return `SQL Server${release ? ` ${release}` : ""} (${productVersion}${edition ? `, ${edition}` : ""})`;
}
function sqlServerLoginCanWrite(row) {
  return [row.is_sysadmin, row.is_db_owner, row.is_db_datawriter].some((v) => Number(v) === 1);
}
function formatSqlServerType(row) {
  const type = String(row.data_type).toLowerCase();
  const length = row.char_length === null || row.char_length === void 0 ? void 0 : Number(row.char_length);
  if (["char", "varchar", "nchar", "nvarchar", "binary", "varbinary"].includes(type) && length !== void 0) {
    return `${type}(${length === -1 ? "max" : length})`;
  }
  if (type === "decimal" || type === "numeric") return `${type}(${Number(row.numeric_precision)},${Number(row.numeric_scale)})`;
  if (["datetime2", "datetimeoffset", "time"].includes(type) && row.datetime_precision !== null && row.datetime_precision !== void 0) {
    return `${type}(${Number(row.datetime_precision)})`;
  }
  return type;
}
function sqlServerColumns(rows) {
  return rows.map((r) => ({ name: String(r.name), type: formatSqlServerType(r), nullable: Number(r.nullable) === 1, primary_key: Number(r.primary_key) === 1 }));
}
function normalizeSqlServerValue(value, declaration) {
  if (value === null || value === void 0) return value ?? null;
  switch (declaration) {
    case "date":
      return value instanceof Date ? dateOnlyText(value) : value;
    case "datetime":
    case "datetime2":
    case "smalldatetime":
      return value instanceof Date ? localDateTimeText(value) : value;
    case "datetimeoffset":
      return value instanceof Date ? value.toISOString() : value;
    case "time":
      return value instanceof Date ? localDateTimeText(value).slice(11) : value;
    case "bigint":
      return typeof value === "string" || typeof value === "bigint" ? exactNumberFromText(String(value)) : value;
    default:
      return value;
  }
}
function orderedColumns(meta) {
  return Object.values(meta).sort((a, b) => a.index - b.index);
}
function normalizeSqlServerRow(row, columns) {
  const out = {};
  for (const column of columns) out[column.name] = normalizeSqlServerValue(row[column.name], column.type?.declaration);
  return out;
}
var SQLSERVER_LIST_TABLES_SQL, SQLSERVER_DESCRIBE_TABLE_SQL, SQLSERVER_TEST_SQL, RELEASES;
var init_sqlserver_catalog = __esm({
  "mcp/connectors/sqlserver-catalog.ts"() {
    "use strict";
    init_source_values();
    SQLSERVER_LIST_TABLES_SQL = `SELECT TABLE_SCHEMA AS schema_name, TABLE_NAME AS name, CASE WHEN TABLE_TYPE = 'VIEW' THEN 'view' ELSE 'table' END AS kind
FROM INFORMATION_SCHEMA.TABLES
ORDER BY TABLE_SCHEMA, TABLE_NAME`;
    SQLSERVER_DESCRIBE_TABLE_SQL = `SELECT c.COLUMN_NAME AS name, c.DATA_TYPE AS data_type, c.CHARACTER_MAXIMUM_LENGTH AS char_length,
  c.NUMERIC_PRECISION AS numeric_precision, c.NUMERIC_SCALE AS numeric_scale, c.DATETIME_PRECISION AS datetime_precision,
  CASE WHEN c.IS_NULLABLE = 'YES' THEN 1 ELSE 0 END AS nullable,
  CASE WHEN EXISTS (
    SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
    JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k
      ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME AND k.TABLE_NAME = tc.TABLE_NAME
    WHERE tc.CONSTRAINT_TYPE = 'PRIMARY KEY' AND tc.TABLE_SCHEMA = c.TABLE_SCHEMA AND tc.TABLE_NAME = c.TABLE_NAME AND k.COLUMN_NAME = c.COLUMN_NAME
  ) THEN 1 ELSE 0 END AS primary_key
FROM INFORMATION_SCHEMA.COLUMNS c
WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?
ORDER BY c.ORDINAL_POSITION`;
    SQLSERVER_TEST_SQL = `SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version,
  CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition, DB_NAME() AS database_name, SUSER_SNAME() AS login_name,
  IS_SRVROLEMEMBER('sysadmin') AS is_sysadmin, IS_ROLEMEMBER('db_owner') AS is_db_owner, IS_ROLEMEMBER('db_datawriter') AS is_db_datawriter`;
    RELEASES = { "17": "2025", "16": "2022", "15": "2019", "14": "2017", "13": "2016", "12": "2014", "11": "2012", "10": "2008" };
  }
});

// mcp/connectors/sqlserver-options.ts
function splitDomainUser(user, domain) {
  if (user && !domain) {
    const slash = user.indexOf("\\");
    if (slash > 0) return { domain: user.slice(0, slash), user: user.slice(slash + 1) };
  }
  return { user, domain };
}
function sqlServerDriverConfig(connectionId, config, password, platform = process.platform) {
  const common = {
    server: config.server,
    database: config.database,
    ...config.instance ? {} : { port: config.port ?? DEFAULT_SQLSERVER_PORT },
    connectionTimeout: config.connect_timeout_ms,
    requestTimeout: config.request_timeout_ms,
    pool: { max: POOL_SIZE3, min: 0, idleTimeoutMillis: 3e4 },
    options: {
      encrypt: config.encrypt,
      trustServerCertificate: config.trust_server_certificate,
      ...config.instance ? { instanceName: config.instance } : {},
      appName: "PACS MCP",
      useUTC: true,
      enableArithAbort: true
    }
  };
  switch (config.authentication) {
    case "sql": {
      if (!config.user) throw new SourceUnavailableError("login", `Connection "${connectionId}" uses a SQL Server login but has no user name. Add it with ${addCommand(connectionId)} and --user.`);
      if (!password) throw new SourceUnavailableError("login", `No password is stored for connection "${connectionId}" (SQL login "${config.user}"). Store it with ${addCommand(connectionId)}.`);
      return { driver: "tedious", config: { ...common, user: config.user, password } };
    }
    case "ntlm": {
      const { user, domain } = splitDomainUser(config.user, config.domain);
      if (!user || !domain) {
        throw new SourceUnavailableError(
          "login",
          `Connection "${connectionId}" uses a Windows domain (NTLM) login and needs both --domain and --user (or --user DOMAIN\\name). Add them with ${addCommand(connectionId)}.`
        );
      }
      if (!password) throw new SourceUnavailableError("login", `No password is stored for connection "${connectionId}" (domain login ${domain}\\${user}). Store it with ${addCommand(connectionId)}.`);
      return { driver: "tedious", config: { ...common, authentication: { type: "ntlm", options: { domain, userName: user, password } } } };
    }
    case "windows": {
      if (platform !== "win32") {
        throw new SourceUnavailableError(
          "login",
          `Connection "${connectionId}" uses Windows integrated login, which works only on Windows (through the msnodesqlv8 driver). On this computer use a domain login instead (--auth ntlm --domain DOMAIN --user NAME with --password-stdin) or a SQL Server login (--auth sql).`
        );
      }
      return { driver: "msnodesqlv8", config: { ...common, driver: "msnodesqlv8", connectionString: odbcConnectionString(config) } };
    }
  }
}
function odbcConnectionString(config) {
  const server = config.instance ? `${config.server}\\${config.instance}` : `tcp:${config.server},${config.port ?? DEFAULT_SQLSERVER_PORT}`;
  const parts = [
    ["Driver", `{${ODBC_DRIVER}}`],
    ["Server", odbcValue(server)],
    ["Database", odbcValue(config.database)],
    ["Trusted_Connection", "yes"],
    ["Encrypt", config.encrypt ? "yes" : "no"],
    ["TrustServerCertificate", config.trust_server_certificate ? "yes" : "no"],
    ["Connection Timeout", String(Math.max(1, Math.round(config.connect_timeout_ms / 1e3)))],
    ["APP", "PACS MCP"]
  ];
  return parts.map(([k, v]) => `${k}=${v}`).join(";") + ";";
}
function odbcValue(value) {
  return /[;{}]|^\s|\s$/.test(value) ? `{${value.replace(/}/g, "}}")}}` : value;
}
var DEFAULT_SQLSERVER_PORT, POOL_SIZE3, ODBC_DRIVER, addCommand;
var init_sqlserver_options = __esm({
  "mcp/connectors/sqlserver-options.ts"() {
    "use strict";
    init_connection_failure();
    DEFAULT_SQLSERVER_PORT = 1433;
    POOL_SIZE3 = 8;
    ODBC_DRIVER = "ODBC Driver 18 for SQL Server";
    addCommand = (id) => `\`pacs-mcp connections add --id ${id} \u2026 --password-stdin\` (the same fields as before) or the PACS MCP app`;
  }
});

// mcp/connectors/sqlserver-errors.ts
function classifySqlServerError(err, endpoint, authentication) {
  if (err instanceof SourceUnavailableError) return { failure: err.failure, message: err.message };
  const links = errorChain(err);
  const id = endpoint.connectionId;
  const login = endpoint.user ?? "this Windows account";
  if (chainHas(links, { pattern: /Cannot open database|database .* does not exist/i }) || links.some((l) => l.number === 4060)) {
    return {
      failure: "database_missing",
      message: `SQL Server at ${endpoint.host} has no database "${endpoint.database}" that login ${login} may open. Check the database name in connection "${id}" (pacs_training / pacs_oltp), and ask the database administrator to map the login to that database (db_datareader is enough for production).`
    };
  }
  if (chainHas(links, { pattern: /untrusted domain/i }) || links.some((l) => l.number === 18452)) {
    return {
      failure: "login",
      message: authentication === "windows" ? `SQL Server refused the Windows login of this PC's user: it is not from a trusted domain. Sign in to Windows with your county domain account, or use --auth ntlm with --domain and --user.` : `SQL Server refused the domain login ${login}: the domain is not trusted or the name is wrong. Check --domain (the short domain name, e.g. COUNTY) and --user on connection "${id}".`
    };
  }
  if (chainHas(links, { pattern: /must be changed|password has expired/i }) || links.some((l) => l.number === 18488 || l.number === 18487)) {
    return { failure: "login", message: `The password of login ${login} has expired or must be changed. Change it (SQL Server Management Studio, or ask the DBA), then store the new one for connection "${id}" with --password-stdin.` };
  }
  if (chainHas(links, { pattern: /Login failed|login failed/ }) || links.some((l) => l.number === 18456 || l.code === "ELOGIN")) {
    const hint = authentication === "sql" ? 'Check the user name and password; also check that the server allows SQL Server logins (Server Properties \u2192 Security \u2192 "SQL Server and Windows Authentication mode").' : authentication === "ntlm" ? "Check --domain, --user and the password of the domain account, and that the account has a login on this SQL Server." : "This PC's Windows user has no login on this SQL Server: ask the database administrator to create one.";
    return { failure: "login", message: `SQL Server refused the login ${login} for connection "${id}". ${hint} Store a corrected password with \`pacs-mcp connections add --id ${id} \u2026 --password-stdin\`.` };
  }
  if (links.some((l) => l.code === "EINSTLOOKUP")) {
    return {
      failure: "refused",
      message: `The SQL Server instance "${endpoint.host}" could not be found: the SQL Server Browser service (UDP port 1434) did not answer for that instance name. Check the instance name, that SQL Server Browser runs and that the firewall allows UDP 1434, or set the instance's TCP port with --port instead.`
    };
  }
  if (chainHas(links, { codes: ["IM002"], pattern: /Data source name not found|no default driver specified/i })) {
    return { failure: "other", message: `Windows integrated login needs the Microsoft "${ODBC_DRIVER}" on this PC. Install it from Microsoft (or ask IT), then try again.` };
  }
  const tls = tlsFailure(
    err,
    endpoint,
    `set trust_server_certificate on connection "${id}" (\`pacs-mcp connections add --id ${id} \u2026 --trust-server-certificate\`, or tick "Trust server certificate" in the app)`
  );
  if (tls) return tls;
  const network = networkFailure(err, endpoint);
  if (network) return network;
  if (links.some((l) => l.code === "ETIMEOUT")) return networkFailure({ code: "ETIMEDOUT", message: "timed out" }, endpoint);
  return { failure: "other", message: `Could not connect to SQL Server at ${endpoint.host}: ${links[0].message}` };
}
var init_sqlserver_errors = __esm({
  "mcp/connectors/sqlserver-errors.ts"() {
    "use strict";
    init_connection_failure();
    init_sqlserver_options();
  }
});

// mcp/connectors/sqlserver-driver.ts
function loadSqlServerDriver(driver) {
  let pending = loading2.get(driver);
  if (!pending) {
    pending = (driver === "tedious" ? import("mssql") : import(MSNODESQLV8_ENTRY)).then(
      (mod) => mod.default ?? mod,
      (err) => {
        loading2.delete(driver);
        if (driver === "msnodesqlv8") {
          throw new SourceUnavailableError(
            "login",
            `Windows integrated login needs the optional msnodesqlv8 driver, which is not installed with this copy of PACS MCP. Install it (npm install msnodesqlv8 in the app folder, or the Windows build of PACS MCP Desktop), or use --auth ntlm or --auth sql. (${err.code ?? err.message})`
          );
        }
        throw err;
      }
    );
    loading2.set(driver, pending);
  }
  return pending;
}
var loading2, MSNODESQLV8_ENTRY;
var init_sqlserver_driver = __esm({
  "mcp/connectors/sqlserver-driver.ts"() {
    "use strict";
    init_connection_failure();
    loading2 = /* @__PURE__ */ new Map();
    MSNODESQLV8_ENTRY = ["mssql", "msnodesqlv8.js"].join("/");
  }
});

// mcp/connectors/sqlserver-connector.ts
var sqlserver_connector_exports = {};
__export(sqlserver_connector_exports, {
  SqlServerConnector: () => SqlServerConnector
});
function bindParameters(request, params) {
  params.forEach((value, i) => request.input(tsqlParameterName(i), value ?? null));
}
function collectCapped(request, text, maxRows, timeoutMs2, signal) {
  return new Promise((resolve, reject) => {
    let columns = [];
    let recordsets = 0;
    const rows = [];
    let truncated = false;
    let stoppedBy;
    let firstError;
    const stop = (why) => {
      if (stoppedBy) return;
      stoppedBy = why;
      request.cancel();
    };
    const timer2 = setTimeout(() => stop("timeout"), timeoutMs2);
    const onAbort = () => stop("cancel");
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) stop("cancel");
    request.stream = true;
    request.on("recordset", (meta) => {
      recordsets += 1;
      if (recordsets === 1) columns = orderedColumns(meta);
    });
    request.on("row", (row) => {
      if (stoppedBy || recordsets !== 1) return;
      if (rows.length === maxRows) {
        truncated = true;
        stop("cap");
        return;
      }
      rows.push(normalizeSqlServerRow(row, columns));
    });
    request.on("error", (err) => {
      firstError ??= err;
    });
    request.on("done", () => {
      clearTimeout(timer2);
      signal?.removeEventListener("abort", onAbort);
      if (stoppedBy === "timeout" || !stoppedBy && isTimeoutError(firstError)) reject(new QueryTimeoutError(timeoutMs2));
      else if (stoppedBy === "cancel") reject(new QueryCancelledError());
      else if (firstError !== void 0 && !(stoppedBy === "cap" && isCancelError(firstError))) reject(firstError);
      else resolve({ columns: columns.map((c2) => c2.name), rows, row_count: rows.length, truncated });
    });
    void request.query(text);
  });
}
var DRIVER_TIMEOUT_SLACK_MS, CATALOG_ROWS2, requestOf, SqlServerConnector, isCancelError, isTimeoutError, BatchStream;
var init_sqlserver_connector = __esm({
  "mcp/connectors/sqlserver-connector.ts"() {
    "use strict";
    init_connection_config();
    init_connection_types();
    init_abortable();
    init_connection_failure();
    init_connector();
    init_placeholders();
    init_sqlserver_catalog();
    init_sqlserver_errors();
    init_sqlserver_driver();
    init_sqlserver_options();
    DRIVER_TIMEOUT_SLACK_MS = 2e3;
    CATALOG_ROWS2 = 1e5;
    requestOf = (tx, overrides) => tx.request.call(tx, overrides);
    SqlServerConnector = class {
      constructor(record, password) {
        this.record = record;
        this.password = password;
        this.config = parseConnectionConfig("sqlserver", record.config);
        this.catalog = this.config.database;
      }
      record;
      password;
      dialect = "tsql";
      catalog;
      config;
      connected;
      closed = false;
      get endpoint() {
        const c2 = this.config;
        return {
          connectionId: this.record.id,
          product: "SQL Server",
          host: c2.instance ? `${c2.server}\\${c2.instance}` : c2.server,
          port: c2.instance ? void 0 : c2.port ?? DEFAULT_SQLSERVER_PORT,
          database: c2.database,
          user: c2.authentication === "windows" ? void 0 : c2.domain && c2.user ? `${c2.domain}\\${c2.user}` : c2.user,
          connectTimeoutMs: c2.connect_timeout_ms
        };
      }
      classify(err) {
        return classifySqlServerError(err, this.endpoint, this.config.authentication);
      }
      /** The pool, connected once; a failed connect is forgotten so the next call tries again. */
      connect(signal) {
        if (this.closed) return Promise.reject(new Error(`Connection "${this.record.id}" was closed; call the tool again.`));
        if (!this.connected) {
          const attempt = (async () => {
            const choice = sqlServerDriverConfig(this.record.id, this.config, this.password);
            const mssql = await loadSqlServerDriver(choice.driver);
            const pool = new mssql.ConnectionPool(choice.config);
            pool.on("error", () => void 0);
            try {
              await pool.connect();
            } catch (err) {
              void pool.close().catch(() => void 0);
              const { failure, message } = this.classify(err);
              throw new SourceUnavailableError(failure, message);
            }
            return { mssql, pool };
          })();
          this.connected = attempt;
          attempt.catch(() => {
            if (this.connected === attempt) this.connected = void 0;
          });
        }
        return abortable(this.connected, signal, () => void 0);
      }
      /** Runs `work` in a transaction that is rolled back whatever happens. */
      async inRolledBackTransaction(signal, work) {
        const { mssql, pool } = await this.connect(signal);
        const tx = new mssql.Transaction(pool);
        await abortable(tx.begin(mssql.ISOLATION_LEVEL.READ_COMMITTED), signal, () => void tx.rollback().catch(() => void 0));
        try {
          return await work(tx, mssql);
        } finally {
          await tx.rollback().catch(() => void 0);
        }
      }
      async test() {
        const started = performance.now();
        try {
          const { pool } = await this.connect();
          const result = await pool.request().query(SQLSERVER_TEST_SQL);
          const info = result.recordset[0];
          const warning = this.record.role === "production" && sqlServerLoginCanWrite(info) ? " Warning: this production login can write (sysadmin, db_owner or db_datawriter); ask the DBA for a login that is only db_datareader." : "";
          return {
            ok: true,
            latency_ms: performance.now() - started,
            server_version: sqlServerVersionLabel(String(info.product_version), info.edition),
            message: `Connected to "${String(info.database_name)}" on ${this.endpoint.host} as ${String(info.login_name)}.${warning}`
          };
        } catch (err) {
          return failedTest(started, this.classify(err));
        }
      }
      async listTables() {
        const { rows } = await this.query(SQLSERVER_LIST_TABLES_SQL, [], { maxRows: CATALOG_ROWS2, timeoutMs: this.config.request_timeout_ms });
        return rows.map((r) => ({ catalog: this.catalog, schema: String(r.schema_name), name: String(r.name), type: r.kind === "view" ? "view" : "table" }));
      }
      async describeTable(schema, name) {
        const { rows } = await this.query(SQLSERVER_DESCRIBE_TABLE_SQL, [schema, name], { maxRows: 1e4, timeoutMs: this.config.request_timeout_ms });
        return sqlServerColumns(rows);
      }
      async query(sql, params, options) {
        const text = translatePlaceholders(sql, params, "tsql");
        const timeoutMs2 = Math.min(options.timeoutMs, this.config.request_timeout_ms);
        return this.inRolledBackTransaction(options.signal, (tx) => {
          const request = requestOf(tx, { requestTimeout: timeoutMs2 + DRIVER_TIMEOUT_SLACK_MS });
          bindParameters(request, params);
          return collectCapped(request, text, options.maxRows, timeoutMs2, options.signal);
        });
      }
      async *streamBatches(sql, params, batchSize, signal) {
        const text = translatePlaceholders(sql, params, "tsql");
        const { mssql, pool } = await this.connect(signal);
        const tx = new mssql.Transaction(pool);
        await tx.begin(mssql.ISOLATION_LEVEL.READ_COMMITTED);
        const request = requestOf(tx, { requestTimeout: 0 });
        bindParameters(request, params);
        const stream = new BatchStream(request, batchSize);
        const onAbort = () => stream.stop();
        signal?.addEventListener("abort", onAbort, { once: true });
        try {
          stream.start(text);
          for (; ; ) {
            const batch = await stream.next();
            if (signal?.aborted) throw new QueryCancelledError();
            if (!batch) break;
            yield batch;
          }
        } finally {
          signal?.removeEventListener("abort", onAbort);
          await stream.stopAndWait();
          await tx.rollback().catch(() => void 0);
        }
      }
      async writeTransaction(work) {
        assertWritable(this.record, "writing through this connection");
        const { mssql, pool } = await this.connect();
        const tx = new mssql.Transaction(pool);
        await tx.begin(mssql.ISOLATION_LEVEL.READ_COMMITTED);
        const run = (sql, params) => {
          const request = requestOf(tx, {});
          bindParameters(request, params);
          return request.query(translatePlaceholders(sql, params, "tsql"));
        };
        let committed = false;
        try {
          const result = await work({
            execute: async (sql, params) => ({ rowsAffected: (await run(sql, params)).rowsAffected.reduce((a, b) => a + b, 0) }),
            query: async (sql, params) => {
              const { recordset } = await run(sql, params);
              if (!recordset) return [];
              const columns = orderedColumns(recordset.columns);
              return recordset.map((row) => normalizeSqlServerRow(row, columns));
            }
          });
          await tx.commit();
          committed = true;
          return result;
        } finally {
          if (!committed) await tx.rollback().catch(() => void 0);
        }
      }
      async close() {
        this.closed = true;
        const connected = this.connected;
        this.connected = void 0;
        if (connected) await connected.then((c2) => c2.pool.close()).catch(() => void 0);
      }
    };
    isCancelError = (err) => err?.code === "ECANCEL";
    isTimeoutError = (err) => err?.code === "ETIMEOUT";
    BatchStream = class {
      constructor(request, batchSize) {
        this.request = request;
        this.batchSize = batchSize;
        this.finished = new Promise((resolve) => this.markFinished = resolve);
        request.stream = true;
        request.on("recordset", (meta) => {
          this.recordsets += 1;
          if (this.recordsets === 1) this.columns = orderedColumns(meta);
        });
        request.on("row", (row) => {
          if (this.stopped || this.recordsets !== 1) return;
          this.batch.push(normalizeSqlServerRow(row, this.columns));
          if (this.batch.length >= this.batchSize) {
            this.ready.push(this.batch);
            this.batch = [];
            request.pause();
            this.notify();
          }
        });
        request.on("error", (err) => {
          this.error ??= err;
        });
        request.on("done", () => {
          if (this.batch.length && !this.stopped) this.ready.push(this.batch);
          this.batch = [];
          this.done = true;
          this.markFinished();
          this.notify();
        });
      }
      request;
      batchSize;
      columns = [];
      recordsets = 0;
      batch = [];
      ready = [];
      done = false;
      stopped = false;
      error;
      wake;
      finished;
      markFinished;
      start(text) {
        void this.request.query(text);
      }
      notify() {
        const wake = this.wake;
        this.wake = void 0;
        wake?.();
      }
      async next() {
        for (; ; ) {
          const batch = this.ready.shift();
          if (batch) {
            if (this.ready.length === 0 && !this.done) this.request.resume();
            return batch;
          }
          if (this.error !== void 0 && !(this.stopped && isCancelError(this.error))) throw this.error;
          if (this.done) return void 0;
          await new Promise((resolve) => this.wake = resolve);
        }
      }
      stop() {
        if (this.stopped || this.done) return;
        this.stopped = true;
        this.request.cancel();
        this.request.resume();
        this.notify();
      }
      async stopAndWait() {
        this.stop();
        await this.finished;
      }
    };
  }
});

// mcp/lakehouse/tenant.ts
function parseTenantId(raw) {
  const value = typeof raw === "string" ? raw.trim() : "";
  if (!TENANT_ID.test(value)) throw new InvalidTenantError(String(raw ?? ""));
  return value;
}
function serverTenant(env) {
  return parseTenantId(env.PACS_MCP_TENANT?.trim() || DEFAULT_TENANT);
}
function tenantCatalog(tenantId2) {
  return `tenant_${parseTenantId(tenantId2)}`;
}
function assertSameTenant(serving, requested, what) {
  if (requested === void 0 || requested === null || requested === "") return;
  if (requested !== serving) throw new TenantMismatchError(serving, requested, what);
}
var DEFAULT_TENANT, TENANT_ID, InvalidTenantError, TenantMismatchError;
var init_tenant = __esm({
  "mcp/lakehouse/tenant.ts"() {
    "use strict";
    DEFAULT_TENANT = "default";
    TENANT_ID = /^[a-z0-9][a-z0-9_]{0,39}$/;
    InvalidTenantError = class extends Error {
      constructor(raw) {
        super(`"${raw}" is not a valid tenant id: use 1-40 lower-case letters, digits or "_", starting with a letter or digit (e.g. "county_a").`);
        this.name = "InvalidTenantError";
      }
    };
    TenantMismatchError = class extends Error {
      constructor(serving, requested, what) {
        super(
          `This PACS MCP server serves tenant "${serving}", so ${what} of tenant "${requested}" is refused. Use a warehouse connection of tenant "${serving}", or start a server for tenant "${requested}" (PACS_MCP_TENANT=${requested}).`
        );
        this.name = "TenantMismatchError";
      }
    };
  }
});

// mcp/lakehouse/lake-types.ts
function duckdbType(type) {
  return type.kind === "decimal" ? `DECIMAL(${type.precision},${type.scale})` : SIMPLE[type.kind];
}
function parseLakeType(text) {
  const found = lakeTypeFromDeclared("duckdb", text);
  return found;
}
function lakeTypeFromDeclared(dialect, declared) {
  const t2 = declared.trim().toLowerCase().replace(/\s+/g, " ");
  if (t2 === "") return { kind: "varchar" };
  const decimal = DECIMAL.exec(t2);
  if (decimal) {
    if (t2.startsWith("money")) return { kind: "decimal", precision: 19, scale: 4 };
    if (!decimal[1]) {
      if (dialect === "postgres" || dialect === "sqlite") return { kind: "varchar" };
      return { kind: "decimal", precision: 18, scale: 0 };
    }
    const precision = Number(decimal[1]);
    const scale = Math.max(0, Number(decimal[2] ?? 0));
    if (precision < 1 || precision > 38 || scale > precision) return { kind: "varchar" };
    return { kind: "decimal", precision, scale };
  }
  if (t2 === "smallmoney") return { kind: "decimal", precision: 10, scale: 4 };
  if (/^(bool|boolean|bit)\b/.test(t2)) return t2.startsWith("bit") && /bit ?\(\s*([2-9]|\d\d+)/.test(t2) ? { kind: "varchar" } : { kind: "boolean" };
  if (/^(bigint|int8|long|bigserial|serial8|hugeint|ubigint|uinteger|int unsigned)\b/.test(t2)) return { kind: "bigint" };
  if (/^(int|integer|int4|serial|serial4|mediumint)\b/.test(t2)) {
    return dialect === "sqlite" ? { kind: "bigint" } : { kind: "integer" };
  }
  if (/^(smallint|int2|tinyint|smallserial|serial2|utinyint|usmallint|byte|short)\b/.test(t2)) return { kind: "integer" };
  if (/^(double|float|real|float4|float8|binary_float|binary_double)\b/.test(t2)) return { kind: "double" };
  if (/^date$/.test(t2)) return { kind: "date" };
  if (/^(timestamptz|timestamp_ltz|datetimeoffset)\b/.test(t2) || /^timestamp\b/.test(t2) && t2.includes("with time zone")) return { kind: "timestamptz" };
  if (/^timestamp\b/.test(t2) && dialect === "databricks" && !t2.startsWith("timestamp_ntz")) return { kind: "timestamptz" };
  if (/^(timestamp|datetime|datetime2|smalldatetime|timestamp_ntz|timestamp without time zone)\b/.test(t2)) {
    if (dialect === "tsql" && t2.startsWith("timestamp")) return { kind: "blob" };
    return { kind: "timestamp" };
  }
  if (/^(time|timetz|time with(out)? time zone)\b/.test(t2)) return { kind: "time" };
  if (/^(blob|bytea|binary|varbinary|image|longblob|rowversion|raw)\b/.test(t2)) return { kind: "blob" };
  return { kind: "varchar" };
}
function sameLakeType(a, b) {
  return duckdbType(a) === duckdbType(b);
}
var SIMPLE, DECIMAL;
var init_lake_types = __esm({
  "mcp/lakehouse/lake-types.ts"() {
    "use strict";
    SIMPLE = {
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
    DECIMAL = /^(?:numeric|decimal|dec|number|money)\s*(?:\(\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?\))?/;
  }
});

// mcp/lakehouse/names.ts
function isLayer(value) {
  return typeof value === "string" && LAYERS.includes(value);
}
function lakeTableName(raw) {
  const trimmed = raw.trim();
  let name = trimmed.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/_{2,}/g, "_").replace(/_+$/, "");
  if (!trimmed.startsWith("_")) name = name.replace(/^_+/, "");
  if (/^[0-9]/.test(name)) name = `t_${name}`;
  if (!TABLE_NAME.test(name)) {
    throw new InvalidNameError(`"${raw}" cannot be made into a table name: use letters, digits and "_" (for example "exemptions_2024").`);
  }
  return name;
}
function lakeColumnNames(raw) {
  const seen = /* @__PURE__ */ new Set();
  return raw.map((original, index) => {
    const trimmed = String(original ?? "").trim();
    let name = trimmed.replace(/[^A-Za-z0-9_]+/g, "_").replace(/_{2,}/g, "_").replace(/_+$/, "");
    if (!trimmed.startsWith("_")) name = name.replace(/^_+/, "");
    if (name === "" || name === "_") name = `column_${index + 1}`;
    if (/^[0-9]/.test(name)) name = `c_${name}`;
    name = name.slice(0, 120);
    let candidate = name;
    for (let n = 2; seen.has(candidate.toLowerCase()); n += 1) candidate = `${name}_${n}`;
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}
var LAYERS, TABLE_NAME, InvalidNameError;
var init_names = __esm({
  "mcp/lakehouse/names.ts"() {
    "use strict";
    LAYERS = ["bronze", "silver", "gold"];
    TABLE_NAME = /^[a-z_][a-z0-9_]{0,127}$/;
    InvalidNameError = class extends Error {
      constructor(message) {
        super(message);
        this.name = "InvalidNameError";
      }
    };
  }
});

// mcp/lakehouse/local/duckdb.ts
function loadDuckDb() {
  loading3 ??= import("@duckdb/node-api").catch((err) => {
    loading3 = void 0;
    throw new Error(`DuckDB could not be loaded (${err.message}). Reinstall PACS MCP; the lakehouse needs its bundled DuckDB.`);
  });
  return loading3;
}
async function duckDbVersion() {
  return (await loadDuckDb()).version();
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
function plainValue(value) {
  if (value === null || value === void 0) return null;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value !== "object") return typeof value === "number" && !Number.isFinite(value) ? String(value) : value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  const ctor = value.constructor?.name ?? "";
  if (ctor === "DuckDBBlobValue") return Buffer.from(value.bytes).toString("base64");
  if (ctor === "DuckDBDecimalValue") {
    const text = String(value);
    const n = Number(text);
    return Number.isFinite(n) && sameDecimal(String(n), text) ? n : text;
  }
  if (ctor === "DuckDBListValue" || ctor === "DuckDBArrayValue") return (value.items ?? []).map(plainValue);
  if (ctor === "DuckDBStructValue") {
    const entries = value.entries ?? {};
    return Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, plainValue(v)]));
  }
  return String(value);
}
function sameDecimal(a, b) {
  const norm = (s) => {
    let [int2, frac = ""] = s.split(".");
    frac = frac.replace(/0+$/, "");
    int2 = int2.replace(/^(-?)0+(?=\d)/, "$1");
    const out = frac ? `${int2}.${frac}` : int2;
    return out === "-0" ? "0" : out;
  };
  return norm(a) === norm(b);
}
function chunkRows(chunk, columns) {
  const raw = chunk.getRows();
  const rows = new Array(raw.length);
  for (let r = 0; r < raw.length; r++) {
    const values = raw[r];
    const row = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]] = plainValue(values[i]);
    rows[r] = row;
  }
  return rows;
}
async function withConnection(instance, work) {
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
  }
}
var loading3;
var init_duckdb = __esm({
  "mcp/lakehouse/local/duckdb.ts"() {
    "use strict";
  }
});

// mcp/lakehouse/parquet/value-text.ts
function dateParts(d, zone) {
  return zone === "utc" ? { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, day: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() } : { y: d.getFullYear(), m: d.getMonth() + 1, day: d.getDate(), h: d.getHours(), min: d.getMinutes(), s: d.getSeconds(), ms: d.getMilliseconds() };
}
function isoDate(p) {
  const year2 = p.y < 0 ? `-${pad(-p.y, 4)}` : pad(p.y, 4);
  return `${year2}-${pad(p.m)}-${pad(p.day)}`;
}
function dateFromDate(d, zone) {
  const local = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0 && d.getMilliseconds() === 0;
  const utc = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
  if (local && !utc) return isoDate(dateParts(d, "local"));
  if (utc && !local) return isoDate(dateParts(d, "utc"));
  return isoDate(dateParts(d, zone));
}
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
        const date2 = /^-?\d{4,}-\d{2}-\d{2}/.exec(trimmed)?.[0];
        if (date2 && (trimmed.length === date2.length || ZERO_TIME.test(trimmed.slice(date2.length)))) return date2;
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
var ValueConversionError, pad, ZERO_TIME, ISO_DATE, ISO_TIMESTAMP, ISO_TIMESTAMPTZ, NULL_FIELD, NEEDS_QUOTES, QUOTE;
var init_value_text = __esm({
  "mcp/lakehouse/parquet/value-text.ts"() {
    "use strict";
    ValueConversionError = class extends Error {
      constructor(column, type, value, why) {
        const shown = typeof value === "string" ? JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value) : String(value);
        super(`Column "${column}" (${type.kind}) has the value ${shown}, which ${why}.`);
        this.name = "ValueConversionError";
      }
    };
    pad = (n, width = 2) => String(n).padStart(width, "0");
    ZERO_TIME = /^[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00(?::?00)?)?$/;
    ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
    ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;
    ISO_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}(:?\d{2})?)$/;
    NULL_FIELD = "\\N";
    NEEDS_QUOTES = /[",\r\n]/;
    QUOTE = /"/g;
  }
});

// mcp/lakehouse/parquet/parquet-writer.ts
import { createHash as createHash3, randomUUID } from "node:crypto";
import fs2 from "node:fs";
import path2 from "node:path";
async function hashFile(file) {
  const hash = createHash3("sha256");
  let bytes = 0;
  for await (const chunk of fs2.createReadStream(file)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}
var NULL_MARK, CSV_BUFFER_BYTES, ParquetWriter;
var init_parquet_writer = __esm({
  "mcp/lakehouse/parquet/parquet-writer.ts"() {
    "use strict";
    init_lake_types();
    init_duckdb();
    init_value_text();
    NULL_MARK = NULL_FIELD;
    CSV_BUFFER_BYTES = 4 * 1024 * 1024;
    ParquetWriter = class _ParquetWriter {
      constructor(workDir, fields, zone) {
        this.workDir = workDir;
        this.fields = fields;
        this.spoolPath = path2.join(workDir, `spool-${randomUUID()}.csv`);
        this.converters = fields.map((f) => columnField(f.column.name, f.column.type, zone));
        this.sources = fields.map((f) => f.source);
        this.fd = fs2.openSync(this.spoolPath, "w", 384);
      }
      workDir;
      fields;
      spoolPath;
      fd;
      rowCount = 0;
      converters;
      sources;
      static open(options) {
        if (options.fields.length === 0) throw new Error("A Parquet file needs at least one column.");
        fs2.mkdirSync(options.workDir, { recursive: true, mode: 448 });
        return new _ParquetWriter(options.workDir, options.fields, options.zone);
      }
      get rows() {
        return this.rowCount;
      }
      /** Appends a batch of rows (objects keyed by the fields' source names). */
      write(rows) {
        if (this.fd === void 0) throw new Error("This Parquet writer is already finished.");
        const { converters, sources } = this;
        const n = converters.length;
        let out = "";
        for (let r = 0; r < rows.length; r++) {
          const row = rows[r];
          out += converters[0](row[sources[0]]);
          for (let i = 1; i < n; i++) out += `,${converters[i](row[sources[i]])}`;
          out += "\n";
        }
        fs2.writeSync(this.fd, out);
        this.rowCount += rows.length;
      }
      /** Converts the spool into `target` (written under a temporary name, then renamed). */
      async finish(target) {
        this.closeSpool();
        const temp = path2.join(path2.dirname(target), `.tmp-${randomUUID()}.parquet`);
        fs2.mkdirSync(path2.dirname(target), { recursive: true, mode: 448 });
        const duckTemp = path2.join(this.workDir, `duckdb-${randomUUID()}`);
        const instance = await openDuckDb(":memory:", { memoryLimit: "64MB", threads: 1, tempDirectory: duckTemp });
        try {
          await withConnection(instance, async (connection) => {
            try {
              await connection.run(`COPY (${this.selectFromSpool()}) TO ${sqlText(temp)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 50000)`);
            } catch (err) {
              throw await this.explainFailure(connection, err);
            }
          });
        } catch (err) {
          fs2.rmSync(temp, { force: true });
          throw err;
        } finally {
          instance.closeSync();
          fs2.rmSync(duckTemp, { recursive: true, force: true });
          fs2.rmSync(this.spoolPath, { force: true });
        }
        const { sha256, bytes } = await hashFile(temp);
        fs2.renameSync(temp, target);
        return { path: target, rows: this.rowCount, bytes, sha256, columns: this.fields.map((f) => f.column) };
      }
      abort() {
        this.closeSpool();
        fs2.rmSync(this.spoolPath, { force: true });
      }
      closeSpool() {
        if (this.fd !== void 0) fs2.closeSync(this.fd);
        this.fd = void 0;
      }
      readCsv() {
        const columns = this.fields.map((_f, i) => `${sqlText(`c${i}`)}: 'VARCHAR'`).join(", ");
        return `read_csv(${sqlText(this.spoolPath)}, columns = {${columns}}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', new_line = '\\n', nullstr = ${sqlText(NULL_MARK)}, allow_quoted_nulls = false, buffer_size = ${CSV_BUFFER_BYTES})`;
      }
      castExpression(i) {
        const { column } = this.fields[i];
        const raw = ident(`c${i}`);
        if (column.type.kind === "varchar") return raw;
        if (column.type.kind === "blob") return `from_hex(${raw})`;
        return `CAST(${raw} AS ${duckdbType(column.type)})`;
      }
      selectFromSpool() {
        const list = this.fields.map((f, i) => `${this.castExpression(i)} AS ${ident(f.column.name)}`).join(", ");
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
  }
});

// mcp/lakehouse/warehouse-registry.ts
function fromRow2(row) {
  const columns = JSON.parse(row.columns_json).map((c2) => ({
    name: c2.name,
    type: parseLakeType(c2.type),
    nullable: c2.nullable
  }));
  return {
    location: row.location,
    tenant_id: row.tenant_id,
    layer: row.layer,
    name: row.name,
    columns,
    files: JSON.parse(row.files_json),
    row_count: row.row_count,
    source: row.source_json ? JSON.parse(row.source_json) : null,
    last_job_id: row.last_job_id,
    created_at: row.created_at,
    updated_at: row.updated_at
  };
}
var WarehouseRegistry;
var init_warehouse_registry = __esm({
  "mcp/lakehouse/warehouse-registry.ts"() {
    "use strict";
    init_lake_types();
    WarehouseRegistry = class {
      constructor(store) {
        this.store = store;
      }
      store;
      async list(location, layer) {
        const rows = layer ? await this.store.all("SELECT * FROM lakehouse_tables WHERE location = ? AND layer = ? ORDER BY layer, name", [location, layer]) : await this.store.all("SELECT * FROM lakehouse_tables WHERE location = ? ORDER BY CASE layer WHEN 'bronze' THEN 0 WHEN 'silver' THEN 1 ELSE 2 END, name", [location]);
        return rows.map(fromRow2);
      }
      async get(location, layer, name, tx) {
        const sql = "SELECT * FROM lakehouse_tables WHERE location = ? AND layer = ? AND name = ?";
        const row = tx ? await tx.get(sql, [location, layer, name]) : await this.store.get(sql, [location, layer, name]);
        return row ? fromRow2(row) : void 0;
      }
      async upsert(tx, table2) {
        const now = (/* @__PURE__ */ new Date()).toISOString();
        const columns = table2.columns.map((c2) => ({ name: c2.name, type: duckdbType(c2.type), nullable: c2.nullable }));
        await tx.run(
          `INSERT INTO lakehouse_tables (location, tenant_id, layer, name, columns_json, files_json, row_count, source_json, last_job_id, created_at, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?,?,?)
       ON CONFLICT (location, layer, name) DO UPDATE SET columns_json = excluded.columns_json, files_json = excluded.files_json,
         row_count = excluded.row_count, source_json = excluded.source_json, last_job_id = excluded.last_job_id, updated_at = excluded.updated_at`,
          [
            table2.location,
            table2.tenant_id,
            table2.layer,
            table2.name,
            JSON.stringify(columns),
            JSON.stringify(table2.files),
            table2.row_count,
            table2.source ? JSON.stringify(table2.source) : null,
            table2.last_job_id,
            now,
            now
          ]
        );
      }
    };
  }
});

// mcp/guard/forbidden-sql.ts
function isForbiddenKeyword(word, dialect) {
  return forbiddenKeywordSets[dialect].has(word.toLowerCase());
}
function isDangerousFunction(name, dialect) {
  return name.toLowerCase().split(".").filter((part) => part.length > 0).some((part) => isDangerousName(part, dialect));
}
function isDangerousName(name, dialect) {
  const { exact, prefixes } = DANGEROUS_FUNCTIONS[dialect];
  if (exact.includes(name) || prefixes.some((prefix) => name.startsWith(prefix))) return true;
  return dialect === "sqlite" && name.startsWith("pragma_") && !SQLITE_READ_ONLY_PRAGMA_FUNCTIONS.has(name);
}
var COMMON_FORBIDDEN_KEYWORDS, POSTGRES_FORBIDDEN_KEYWORDS, DIALECT_FORBIDDEN_KEYWORDS, POSTGRES_DANGEROUS_FUNCTIONS, DANGEROUS_FUNCTIONS, SQLITE_READ_ONLY_PRAGMA_FUNCTIONS, forbiddenKeywordSets;
var init_forbidden_sql = __esm({
  "mcp/guard/forbidden-sql.ts"() {
    "use strict";
    COMMON_FORBIDDEN_KEYWORDS = [
      "insert",
      "update",
      "delete",
      "merge",
      "upsert",
      "create",
      "alter",
      "drop",
      "truncate",
      "grant",
      "revoke",
      "into",
      "returning",
      "begin",
      "commit",
      "rollback",
      "savepoint",
      "transaction",
      "set",
      "declare",
      "call",
      "execute"
    ];
    POSTGRES_FORBIDDEN_KEYWORDS = [
      "do",
      "lock",
      "copy",
      "prepare",
      "deallocate",
      "listen",
      "notify",
      "unlisten",
      "abort",
      "release",
      "reset",
      "discard",
      "vacuum",
      "analyze",
      "analyse",
      "cluster",
      "reindex",
      "refresh",
      "checkpoint"
    ];
    DIALECT_FORBIDDEN_KEYWORDS = {
      postgres: POSTGRES_FORBIDDEN_KEYWORDS,
      // DuckDB speaks PostgreSQL's grammar plus statements that reach files, extensions and other databases.
      duckdb: [...POSTGRES_FORBIDDEN_KEYWORDS, "attach", "detach", "install", "load", "force", "export", "import", "pragma", "use"],
      databricks: [
        "use",
        "overwrite",
        "optimize",
        "vacuum",
        "refresh",
        "msck",
        "cache",
        "uncache",
        "copy",
        "load",
        "analyze",
        "restore",
        "clone",
        "undrop",
        "repair",
        "fsck",
        "zorder",
        "reset"
      ],
      sqlite: ["attach", "detach", "vacuum", "pragma", "reindex", "analyze", "release"],
      tsql: [
        "exec",
        "waitfor",
        "backup",
        "restore",
        "shutdown",
        "kill",
        "dbcc",
        "bulk",
        "use",
        "reconfigure",
        "checkpoint",
        "deny",
        "revert",
        "setuser",
        "openrowset",
        "openquery",
        "opendatasource",
        "openxml",
        "receive",
        "send",
        "conversation",
        "dialog",
        "writetext",
        "updatetext",
        "readtext",
        "enable",
        "disable",
        "save",
        "tran",
        "if",
        "while",
        "goto",
        "return",
        "throw",
        "raiserror",
        "print",
        "open",
        "close",
        "deallocate",
        "add",
        "cursor",
        // Table hints that take update, exclusive or held locks.
        "updlock",
        "xlock",
        "tablock",
        "tablockx",
        "holdlock"
      ]
    };
    POSTGRES_DANGEROUS_FUNCTIONS = {
      exact: [
        "set_config",
        "nextval",
        "setval",
        "txid_current",
        "pg_current_xact_id",
        "pg_notify",
        "loread",
        "lowrite",
        "pg_stat_file",
        "pg_logdir_ls",
        "ts_stat",
        "ts_rewrite",
        "pg_nextoid",
        "pg_prewarm",
        "gin_clean_pending_list",
        "brin_summarize_new_values",
        "brin_summarize_range",
        "brin_desummarize_range",
        "pg_promote",
        "pg_start_backup",
        "pg_stop_backup"
      ],
      prefixes: [
        "pg_sleep",
        "pg_advisory",
        "pg_try_advisory",
        "dblink",
        "lo_",
        "pg_read_",
        "pg_ls_",
        "pg_file_",
        "pg_stat_reset",
        "pg_stat_statements_reset",
        "pg_replication_",
        "pg_create_",
        "pg_drop_",
        "pg_copy_",
        "pg_logical_",
        "pg_wal_replay",
        "pg_xlog_replay",
        "pg_backup_",
        "pg_switch_",
        "pg_terminate",
        "pg_cancel",
        "pg_reload",
        "pg_rotate",
        "pg_log_",
        "pg_signal",
        "pg_set_",
        "pg_restore_",
        "pg_clear_",
        "pg_import_",
        "pg_export_",
        "pg_truncate_",
        "pg_sync_",
        "binary_upgrade_",
        // These run the SQL text they are given, so the text would escape this check.
        "query_to_xml",
        "cursor_to_xml",
        "table_to_xml",
        "schema_to_xml",
        "database_to_xml"
      ]
    };
    DANGEROUS_FUNCTIONS = {
      postgres: POSTGRES_DANGEROUS_FUNCTIONS,
      // Table functions that read files, other databases or secrets, or run the SQL text they are given.
      // The lakehouse views are built by PACS MCP itself; a query never needs to name a file.
      duckdb: {
        exact: [
          ...POSTGRES_DANGEROUS_FUNCTIONS.exact,
          "glob",
          "query",
          "query_table",
          "sniff_csv",
          "getenv",
          "current_setting",
          "which_secret",
          "load_aws_credentials",
          "from_substrait",
          "get_substrait"
        ],
        prefixes: [
          ...POSTGRES_DANGEROUS_FUNCTIONS.prefixes,
          "read_",
          "parquet_",
          "sqlite_",
          "postgres_",
          "mysql_",
          "iceberg_",
          "delta_",
          "duckdb_secret",
          "json_execute",
          "ducklake_"
        ]
      },
      // Functions that reach files, streams, secrets, the network, the JVM or paid model endpoints.
      databricks: {
        exact: ["reflect", "java_method", "try_reflect", "secret", "try_secret", "list_secrets", "cloud_files_state", "http_request", "vector_search"],
        prefixes: ["read_", "ai_", "http_", "java_", "cloud_files"]
      },
      tsql: {
        exact: [
          "openrowset",
          "openquery",
          "opendatasource",
          "openxml",
          "fn_dblog",
          "fn_dump_dblog",
          "fn_get_audit_file",
          "fn_trace_gettable",
          "fn_xe_file_target_read_file"
        ],
        prefixes: ["sp_", "xp_"]
      },
      sqlite: {
        exact: [
          "load_extension",
          "writefile",
          "readfile",
          "edit",
          "fts3_tokenizer",
          "eval",
          "zipfile",
          "fsdir",
          "sqlite_dbpage",
          "sqlite_dbdata",
          "sqlar_compress",
          "sqlar_uncompress"
        ],
        prefixes: []
      }
    };
    SQLITE_READ_ONLY_PRAGMA_FUNCTIONS = /* @__PURE__ */ new Set([
      "pragma_table_info",
      "pragma_table_xinfo",
      "pragma_table_list",
      "pragma_index_list",
      "pragma_index_info",
      "pragma_index_xinfo",
      "pragma_foreign_key_list",
      "pragma_database_list",
      "pragma_collation_list",
      "pragma_function_list"
    ]);
    forbiddenKeywordSets = {
      postgres: /* @__PURE__ */ new Set([...COMMON_FORBIDDEN_KEYWORDS, ...DIALECT_FORBIDDEN_KEYWORDS.postgres]),
      sqlite: /* @__PURE__ */ new Set([...COMMON_FORBIDDEN_KEYWORDS, ...DIALECT_FORBIDDEN_KEYWORDS.sqlite]),
      tsql: /* @__PURE__ */ new Set([...COMMON_FORBIDDEN_KEYWORDS, ...DIALECT_FORBIDDEN_KEYWORDS.tsql]),
      duckdb: /* @__PURE__ */ new Set([...COMMON_FORBIDDEN_KEYWORDS, ...DIALECT_FORBIDDEN_KEYWORDS.duckdb]),
      databricks: /* @__PURE__ */ new Set([...COMMON_FORBIDDEN_KEYWORDS, ...DIALECT_FORBIDDEN_KEYWORDS.databricks])
    };
  }
});

// mcp/guard/guard-types.ts
var DIALECT_LABEL;
var init_guard_types = __esm({
  "mcp/guard/guard-types.ts"() {
    "use strict";
    DIALECT_LABEL = {
      sqlite: "SQLite",
      postgres: "PostgreSQL",
      tsql: "SQL Server",
      duckdb: "DuckDB",
      databricks: "Databricks SQL"
    };
  }
});

// mcp/guard/rejection-reasons.ts
function quoteHint(dialect) {
  if (dialect === "databricks") return "`backticks`";
  return dialect === "tsql" ? "[brackets]" : '"double quotes"';
}
function forbiddenKeyword(word, dialect, mightBeAName = true) {
  const shown = word.toUpperCase();
  const why = KEYWORD_EXPLANATIONS[word.toLowerCase()];
  const nameHint = mightBeAName ? ` If ${shown.toLowerCase()} is the name of a column or table, put it in ${quoteHint(dialect)}.` : "";
  return `query_sql runs read-only SELECT statements only; \`${shown}\` was found` + (why ? `: ${why}.` : ".") + ` ${WRITES_ELSEWHERE}${nameHint}`;
}
function replaceStatement() {
  return `query_sql runs read-only SELECT statements only; \`REPLACE\` used as a statement writes rows. ${WRITES_ELSEWHERE} The REPLACE(text, from, to) function is fine.`;
}
function dangerousFunction(name, dialect) {
  if (dialect === "sqlite" && name.toLowerCase().startsWith("pragma_")) {
    return `query_sql does not allow \`${name}\`: only the schema-describing pragma functions (pragma_table_info, pragma_index_list, pragma_foreign_key_list and similar) are read-only enough. Use one of those, or query sqlite_master.`;
  }
  return `query_sql does not allow \`${name}\`, because it can change data, reach the server's files or network, affect other sessions or stall the server. Remove it and ask for the data with a plain SELECT.`;
}
function fileAccess(name, dialect) {
  return `query_sql does not read files: ${name} looks like a file path, which ${DIALECT_LABEL[dialect]} would open directly. Query the lakehouse tables instead (list_tables shows them, e.g. bronze.my_table); files are loaded with upload_file or sync_table_to_bronze.`;
}
function rowLocking(clause) {
  return `query_sql runs read-only SELECT statements only; \`${clause}\` locks rows as if to change them. Remove the ${clause} clause.`;
}
function sequenceIncrement() {
  return `query_sql runs read-only SELECT statements only; \`NEXT VALUE FOR\` advances a sequence, which is a write. ${WRITES_ELSEWHERE}`;
}
function stackedStatements() {
  return `query_sql runs exactly one statement per call, but more SQL follows a \`;\`. Send each SELECT in its own query_sql call.`;
}
function secondStatementWithoutSemicolon(word) {
  return `query_sql runs exactly one statement per call, but a second statement starts at \`${word.toUpperCase()}\` (SQL Server allows statements without a \`;\` between them). Send each SELECT in its own query_sql call.`;
}
function notASelect(firstToken, dialect) {
  const starts = dialect === "postgres" ? "SELECT, WITH, VALUES or TABLE" : dialect === "duckdb" ? "SELECT, WITH or VALUES" : "SELECT or WITH";
  return `query_sql runs read-only SELECT statements only; this statement starts with \`${firstToken}\`, not ${starts}. ${ONE_SELECT} ${WRITES_ELSEWHERE}`;
}
function parsedStatementKind(kind) {
  return `query_sql runs read-only SELECT statements only; this is a \`${kind}\` statement. ${ONE_SELECT} ${WRITES_ELSEWHERE}`;
}
function writingSubStatement(kind) {
  return `query_sql runs read-only SELECT statements only; a \`${kind}\` is nested inside the query (for example in a WITH clause). ${WRITES_ELSEWHERE}`;
}
function multipleStatements(count) {
  return `query_sql runs exactly one statement per call, but ${count} were found. Send each SELECT in its own query_sql call.`;
}
function emptySql() {
  return `query_sql received no SQL statement (only blanks or comments). ${ONE_SELECT}`;
}
function containsNulCharacter() {
  return "query_sql does not run SQL containing a NUL (\\0) character, because the database and this check could read it differently. Remove the character and try again.";
}
function tooLong(limit) {
  return `query_sql does not run SQL longer than ${limit.toLocaleString("en-US")} characters. Shorten the query, for example by filtering in the WHERE clause instead of listing values.`;
}
function unreadable(problem, position) {
  return `This SQL could not be read (${problem}, at character ${position + 1}), so it is not run. Check the quotes and comments.`;
}
function unparsable(dialect, detail) {
  const shortDetail = detail.length > 160 ? `${detail.slice(0, 157)}\u2026` : detail;
  return `This SQL could not be parsed as ${DIALECT_LABEL[dialect]}, so it is not run (parser: ${shortDetail}). Check the syntax; query_sql accepts one plain SELECT.`;
}
function parserUnavailable(dialect) {
  return `The ${DIALECT_LABEL[dialect]} SQL checker could not start, so nothing is run. Try again; if it keeps failing, report it to the app administrator.`;
}
function readsDifferentlyUnderServerSettings(reason, what = "backslashes") {
  const setting = what === "comments" ? "does not nest /* */ comments" : "treats backslashes in strings as escapes";
  return `${reason} (This SQL reads differently when the server ${setting}, so it was checked both ways.)`;
}
var WRITES_ELSEWHERE, ONE_SELECT, KEYWORD_EXPLANATIONS;
var init_rejection_reasons = __esm({
  "mcp/guard/rejection-reasons.ts"() {
    "use strict";
    init_guard_types();
    WRITES_ELSEWHERE = "Writes go through the import tools.";
    ONE_SELECT = "Send a single SELECT (or WITH \u2026 SELECT) statement.";
    KEYWORD_EXPLANATIONS = {
      into: "SELECT \u2026 INTO writes its result into a new table",
      returning: "RETURNING only appears on statements that write",
      set: "SET changes session or server settings",
      declare: "DECLARE starts procedural code",
      begin: "BEGIN starts a transaction or a block of procedural code",
      commit: "COMMIT ends a transaction",
      rollback: "ROLLBACK ends a transaction",
      savepoint: "SAVEPOINT controls a transaction",
      release: "RELEASE controls a transaction",
      abort: "ABORT ends a transaction",
      transaction: "transaction control is handled by query_sql itself",
      tran: "transaction control is handled by query_sql itself",
      save: "SAVE TRANSACTION controls a transaction",
      exec: "EXEC runs a stored procedure or dynamic SQL, which can write",
      execute: "EXECUTE runs a stored procedure or prepared SQL, which can write",
      call: "CALL runs a procedure, which can write",
      do: "DO runs a block of procedural code",
      waitfor: "WAITFOR stalls the connection",
      copy: "COPY reads or writes server files and tables",
      lock: "LOCK takes table locks",
      pragma: "the PRAGMA statement can change database settings; to read table structure use SELECT * FROM pragma_table_info('table_name')",
      attach: "ATTACH opens or creates another database file",
      detach: "DETACH changes which databases are open",
      use: "USE switches the database for the whole connection",
      openrowset: "OPENROWSET reaches other servers and files",
      openquery: "OPENQUERY runs SQL on a linked server",
      opendatasource: "OPENDATASOURCE reaches other servers",
      openxml: "OPENXML needs a stored procedure call to prepare its document",
      updlock: "the UPDLOCK hint takes update locks; WITH (NOLOCK) is fine",
      xlock: "the XLOCK hint takes exclusive locks; WITH (NOLOCK) is fine",
      tablock: "the TABLOCK hint locks the whole table; WITH (NOLOCK) is fine",
      tablockx: "the TABLOCKX hint locks the whole table exclusively; WITH (NOLOCK) is fine",
      holdlock: "the HOLDLOCK hint holds locks until the transaction ends; WITH (NOLOCK) is fine",
      analyze: "ANALYZE rewrites statistics, and EXPLAIN ANALYZE runs the statement it explains",
      listen: "LISTEN changes session state",
      notify: "NOTIFY sends messages to other sessions"
    };
  }
});

// mcp/guard/lexical-checks.ts
function checkLexically(sql, dialect) {
  if (sql.length > MAX_SQL_LENGTH) return refuse(tooLong(MAX_SQL_LENGTH), 0);
  if (sql.includes("\0")) return refuse(containsNulCharacter(), 0);
  const [documented, ...alternatives] = lexRuleVariants(sql, dialect);
  let tokens;
  try {
    tokens = tokenizeSql(sql, dialect, documented);
  } catch (error) {
    return refuse(describeLexError(error), 0);
  }
  const statementCount = countStatements(tokens, dialect);
  const violation = findViolation(tokens, dialect);
  if (violation) return { verdict: { allowed: false, reason: violation, statementCount }, tokens };
  for (const rules of alternatives) {
    let alternativeTokens;
    try {
      alternativeTokens = tokenizeSql(sql, dialect, rules);
    } catch (error) {
      if (error instanceof SqlLexError) continue;
      throw error;
    }
    const alternativeViolation = findViolation(alternativeTokens, dialect);
    if (alternativeViolation) {
      const what = rules.nestedBlockComments !== documented.nestedBlockComments ? "comments" : "backslashes";
      return refuse(readsDifferentlyUnderServerSettings(alternativeViolation, what), statementCount);
    }
  }
  return { verdict: { allowed: true, statementCount }, tokens };
}
function lexRuleVariants(sql, dialect) {
  const documented = documentedLexRules(dialect);
  const variants = [documented];
  if ((dialect === "postgres" || dialect === "databricks") && sql.includes("\\")) {
    variants.push({ ...documented, backslashEscapesInPlainStrings: !documented.backslashEscapesInPlainStrings });
  }
  if (dialect === "databricks" && sql.includes("/*")) {
    for (const rules of [...variants]) variants.push({ ...rules, nestedBlockComments: false });
  }
  return variants;
}
function findViolation(tokens, dialect) {
  if (tokens.every((token) => token.text === ";")) return emptySql();
  const first = tokens[0];
  const firstIsAllowed = first.text === "(" || first.kind === "word" && ALLOWED_FIRST_WORDS[dialect].includes(first.normalized);
  if (!firstIsAllowed) {
    if (first.kind === "word" && first.normalized === "replace") return replaceStatement();
    const isKeyword = first.kind === "word" && isForbiddenKeyword(first.normalized, dialect);
    return isKeyword ? forbiddenKeyword(first.normalized, dialect, false) : notASelect(first.text, dialect);
  }
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    const next = tokens[index + 1];
    if (token.text === ";" && token.kind === "symbol") {
      if (next) return stackedStatements();
      continue;
    }
    if (token.kind === "quoted_identifier" && isDangerousFunction(token.normalized, dialect) && isCallOrAnyName(next, dialect)) {
      return dangerousFunction(token.normalized, dialect);
    }
    if (token.kind === "quoted_identifier" && namesAFile(token.normalized, dialect)) {
      return fileAccess(token.text, dialect);
    }
    if (token.kind !== "word") continue;
    const word = token.normalized;
    if (isForbiddenKeyword(word, dialect)) return forbiddenKeyword(word, dialect);
    if (word === "replace" && next?.text !== "(") return replaceStatement();
    if (isDangerousFunction(word, dialect) && isCallOrAnyName(next, dialect)) return dangerousFunction(token.text, dialect);
    if (word === "for" && next?.kind === "word" && ROW_LOCK_AFTER_FOR.has(next.normalized)) {
      return rowLocking(describeLockingClause(tokens, index));
    }
    if (dialect === "tsql" && word === "next" && next?.kind === "word" && next.normalized === "value") {
      return sequenceIncrement();
    }
  }
  if (dialect === "tsql") {
    const secondStatement = findTsqlStatementWithoutSemicolon(tokens);
    if (secondStatement) return secondStatementWithoutSemicolon(secondStatement.text);
  }
  return void 0;
}
function isCallOrAnyName(next, dialect) {
  if (dialect !== "duckdb" && dialect !== "databricks") return true;
  return next?.text === "(";
}
function namesAFile(name, dialect) {
  if (dialect !== "duckdb" && dialect !== "databricks") return false;
  return /[/\\]|:\/\/|^~/.test(name) || FILE_EXTENSION.test(name);
}
function describeLockingClause(tokens, forIndex) {
  const words = ["FOR"];
  for (let index = forIndex + 1; index < tokens.length && words.length < 4; index += 1) {
    const word = tokens[index].normalized;
    if (!ROW_LOCK_AFTER_FOR.has(word)) break;
    words.push(word.toUpperCase());
    if (word === "update" || word === "share") break;
  }
  return words.join(" ");
}
function findTsqlStatementWithoutSemicolon(tokens) {
  const openerBefore = [];
  let lastClosedOpener;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token.text === "(" && token.kind === "symbol") {
      openerBefore.push(tokens[index - 1]?.normalized);
      continue;
    }
    if (token.text === ")" && token.kind === "symbol") {
      lastClosedOpener = openerBefore.pop();
      continue;
    }
    if (index === 0 || openerBefore.length > 0 || token.kind !== "word") continue;
    const previous = tokens[index - 1];
    if (token.normalized === "select") {
      const afterSetOperator = previous.kind === "word" && SET_OPERATORS.has(previous.normalized);
      const afterWithClause = previous.text === ")" && (lastClosedOpener === "as" || lastClosedOpener === "xmlnamespaces");
      if (!afterSetOperator && !afterWithClause) return token;
    }
    if (token.normalized === "with") {
      const name = tokens[index + 1];
      const afterName = tokens[index + 2];
      const startsCte = (name?.kind === "quoted_identifier" || name?.kind === "word" && !WITH_MODIFIERS.has(name.normalized)) && (afterName?.normalized === "as" || afterName?.text === "(");
      if (startsCte) return token;
    }
  }
  return void 0;
}
function countStatements(tokens, dialect) {
  let count = 0;
  let statementHasTokens = false;
  for (const token of tokens) {
    if (token.text === ";" && token.kind === "symbol") {
      if (statementHasTokens) count += 1;
      statementHasTokens = false;
    } else {
      statementHasTokens = true;
    }
  }
  if (statementHasTokens) count += 1;
  if (dialect === "tsql" && count === 1 && findTsqlStatementWithoutSemicolon(tokens)) count = 2;
  return count;
}
function describeLexError(error) {
  if (error instanceof SqlLexError) return unreadable(error.message, error.position);
  throw error;
}
function refuse(reason, statementCount) {
  return { verdict: { allowed: false, reason, statementCount }, tokens: [] };
}
var MAX_SQL_LENGTH, ALLOWED_FIRST_WORDS, ROW_LOCK_AFTER_FOR, SET_OPERATORS, WITH_MODIFIERS, FILE_EXTENSION;
var init_lexical_checks = __esm({
  "mcp/guard/lexical-checks.ts"() {
    "use strict";
    init_forbidden_sql();
    init_rejection_reasons();
    init_sql_lexer();
    MAX_SQL_LENGTH = 2e5;
    ALLOWED_FIRST_WORDS = {
      postgres: ["select", "with", "values", "table"],
      sqlite: ["select", "with", "values"],
      tsql: ["select", "with"],
      duckdb: ["select", "with", "values"],
      databricks: ["select", "with"]
    };
    ROW_LOCK_AFTER_FOR = /* @__PURE__ */ new Set(["update", "share", "no", "key"]);
    SET_OPERATORS = /* @__PURE__ */ new Set(["union", "all", "except", "intersect", "minus"]);
    WITH_MODIFIERS = /* @__PURE__ */ new Set(["ties", "rollup", "cube"]);
    FILE_EXTENSION = /\.(csv|tsv|txt|parquet|json|jsonl|ndjson|xlsx?|arrow|avro|orc|db|duckdb|sqlite3?|gz|zst|zip)$/;
  }
});

// mcp/guard/node-sql-parser-guard.ts
function loadParserOnce(dialect) {
  let parser = parsers.get(dialect);
  if (!parser) {
    const loading4 = dialect === "tsql" ? import("node-sql-parser/build/transactsql.js") : dialect === "databricks" ? import("node-sql-parser/build/hive.js") : import("node-sql-parser/build/sqlite.js");
    parser = loading4.then((module) => new module.default.Parser());
    parser.catch(() => parsers.delete(dialect));
    parsers.set(dialect, parser);
  }
  return parser;
}
async function classifyWithNodeSqlParser(sql, dialect) {
  let parser;
  try {
    parser = await loadParserOnce(dialect);
  } catch {
    return { outcome: "refused", reason: parserUnavailable(dialect), statementCount: 0 };
  }
  let ast;
  try {
    ast = parser.astify(sql, { database: DATABASE_NAME[dialect] });
  } catch (error) {
    return { outcome: "unparsed", detail: error instanceof Error ? error.message : String(error) };
  }
  const statements = (Array.isArray(ast) ? ast : [ast]).filter((statement) => statement !== null && statement !== void 0);
  if (statements.some(isProcedureFallback)) {
    return { outcome: "unparsed", detail: "the text was not recognised as a query" };
  }
  const statementCount = statements.length;
  if (statementCount === 0) return { outcome: "refused", reason: emptySql(), statementCount };
  if (statementCount > 1) return { outcome: "refused", reason: multipleStatements(statementCount), statementCount };
  const root = statements[0];
  const rootType = isRecord(root) && typeof root.type === "string" ? root.type : "unknown";
  if (rootType !== "select") {
    return { outcome: "refused", reason: parsedStatementKind(rootType.toUpperCase()), statementCount };
  }
  const problem = findProblemInTree(root, dialect);
  return problem ? { outcome: "refused", reason: problem, statementCount } : { outcome: "allowed", statementCount };
}
function findProblemInTree(root, dialect) {
  const pending = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    if (!isRecord(node)) continue;
    if (typeof node.type === "string" && STATEMENT_TYPES.has(node.type)) {
      return writingSubStatement(node.type.toUpperCase());
    }
    if (isRecord(node.ast) && node.ast.type !== "select") {
      return writingSubStatement(String(node.ast.type ?? "unknown").toUpperCase());
    }
    if (isRecord(node.into) && (node.into.expr || node.into.type === "into")) {
      return forbiddenKeyword("into", dialect, false);
    }
    if (node.for_update || node.locking_read) return rowLocking("FOR UPDATE");
    if (node.type === "function") {
      const name = functionName(node.name);
      if (isDangerousFunction(name, dialect)) return dangerousFunction(name, dialect);
    }
    pending.push(...Object.values(node));
  }
  return void 0;
}
function functionName(name) {
  if (typeof name === "string") return name;
  if (isRecord(name) && Array.isArray(name.name)) {
    return name.name.map((part) => isRecord(part) && typeof part.value === "string" ? part.value : "").join(".");
  }
  return "";
}
function isProcedureFallback(statement) {
  return isRecord(statement) && typeof statement.type !== "string" && isRecord(statement.stmt);
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var DATABASE_NAME, STATEMENT_TYPES, parsers;
var init_node_sql_parser_guard = __esm({
  "mcp/guard/node-sql-parser-guard.ts"() {
    "use strict";
    init_forbidden_sql();
    init_rejection_reasons();
    DATABASE_NAME = { tsql: "TransactSQL", sqlite: "Sqlite", databricks: "Hive" };
    STATEMENT_TYPES = /* @__PURE__ */ new Set([
      "insert",
      "replace",
      "update",
      "delete",
      "merge",
      "create",
      "alter",
      "drop",
      "truncate",
      "rename",
      "use",
      "exec",
      "execute",
      "call",
      "set",
      "declare",
      "assign",
      "lock",
      "unlock",
      "grant",
      "revoke",
      "transaction",
      "show",
      "desc",
      "if",
      "go",
      "return",
      "load_data",
      "analyze",
      "attach",
      "detach",
      "vacuum",
      "pragma",
      "multiple"
    ]);
    parsers = /* @__PURE__ */ new Map();
  }
});

// mcp/guard/postgres-guard.ts
function loadParserOnce2() {
  parserReady ??= import("libpg-query").then(async (lib) => {
    await lib.loadModule();
    return lib;
  }).catch((error) => {
    parserReady = void 0;
    throw error;
  });
  return parserReady;
}
function describeStatement(nodeName) {
  return STATEMENT_NAMES[nodeName] ?? nodeName.replace(/Stmt$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();
}
async function classifyPostgres(sql, dialect = "postgres") {
  let lib;
  try {
    lib = await loadParserOnce2();
  } catch {
    return { allowed: false, reason: parserUnavailable(dialect), statementCount: 0 };
  }
  let parsed;
  try {
    parsed = lib.parseSync(sql);
  } catch (error) {
    return { allowed: false, reason: unparsable(dialect, errorMessage(error)), statementCount: 0 };
  }
  const statements = parsed.stmts ?? [];
  const statementCount = statements.length;
  if (statementCount === 0) return { allowed: false, reason: emptySql(), statementCount };
  if (statementCount > 1) return { allowed: false, reason: multipleStatements(statementCount), statementCount };
  const root = statements[0].stmt;
  const rootKind = isRecord2(root) ? Object.keys(root)[0] : void 0;
  if (!isRecord2(root) || rootKind !== "SelectStmt" || Object.keys(root).length !== 1) {
    return { allowed: false, reason: parsedStatementKind(describeStatement(rootKind ?? "unknown")), statementCount };
  }
  const problem = findProblemInTree2(root, dialect);
  return problem ? { allowed: false, reason: problem, statementCount } : { allowed: true, statementCount };
}
function findProblemInTree2(root, dialect) {
  const pending = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    if (!isRecord2(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key.endsWith("Stmt") && key !== "SelectStmt") {
        return writingSubStatement(describeStatement(key));
      }
      if (key === "SelectStmt" && isRecord2(value)) {
        if (value.intoClause) return forbiddenKeyword("into", "postgres", false);
        const lockingClauses = value.lockingClause;
        if (Array.isArray(lockingClauses) && lockingClauses.length > 0) {
          return rowLocking(describeLocking(lockingClauses[0]));
        }
      }
      if (key === "FuncCall" && isRecord2(value)) {
        const name = functionName2(value.funcname);
        if (isDangerousFunction(name, dialect)) return dangerousFunction(name, dialect);
      }
      if (key === "intoClause" && value) return forbiddenKeyword("into", "postgres", false);
      pending.push(value);
    }
  }
  return void 0;
}
function describeLocking(clause) {
  const strength = isRecord2(clause) && isRecord2(clause.LockingClause) ? clause.LockingClause.strength : void 0;
  return typeof strength === "string" && LOCK_STRENGTH[strength] || "FOR UPDATE";
}
function functionName2(parts) {
  if (!Array.isArray(parts)) return "";
  return parts.map((part) => isRecord2(part) && isRecord2(part.String) && typeof part.String.sval === "string" ? part.String.sval : "").join(".");
}
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}
var parserReady, STATEMENT_NAMES, LOCK_STRENGTH;
var init_postgres_guard = __esm({
  "mcp/guard/postgres-guard.ts"() {
    "use strict";
    init_forbidden_sql();
    init_rejection_reasons();
    STATEMENT_NAMES = {
      InsertStmt: "INSERT",
      UpdateStmt: "UPDATE",
      DeleteStmt: "DELETE",
      MergeStmt: "MERGE",
      ExplainStmt: "EXPLAIN",
      VariableSetStmt: "SET",
      VariableShowStmt: "SHOW",
      TransactionStmt: "transaction control",
      CopyStmt: "COPY",
      DoStmt: "DO",
      CallStmt: "CALL",
      CreateStmt: "CREATE TABLE",
      CreateTableAsStmt: "CREATE TABLE AS",
      DropStmt: "DROP",
      TruncateStmt: "TRUNCATE",
      GrantStmt: "GRANT/REVOKE",
      LockStmt: "LOCK",
      NotifyStmt: "NOTIFY",
      ListenStmt: "LISTEN",
      VacuumStmt: "VACUUM/ANALYZE",
      LoadStmt: "LOAD",
      PrepareStmt: "PREPARE",
      ExecuteStmt: "EXECUTE",
      CommentStmt: "COMMENT"
    };
    LOCK_STRENGTH = {
      LCS_FORKEYSHARE: "FOR KEY SHARE",
      LCS_FORSHARE: "FOR SHARE",
      LCS_FORNOKEYUPDATE: "FOR NO KEY UPDATE",
      LCS_FORUPDATE: "FOR UPDATE"
    };
  }
});

// mcp/guard/read-only-guard.ts
async function classifyReadOnly(sql, dialect) {
  try {
    return await classify(sql, dialect);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { allowed: false, reason: unparsable(dialect, `internal error: ${detail}`), statementCount: 0 };
  }
}
async function assertReadOnly(sql, dialect) {
  const verdict = await classifyReadOnly(sql, dialect);
  if (!verdict.allowed) {
    throw new ReadOnlyViolation(verdict.reason ?? "query_sql refused this SQL. Send a single read-only SELECT statement.", verdict);
  }
}
async function classify(sql, dialect) {
  if (typeof sql !== "string") return { allowed: false, reason: emptySql(), statementCount: 0 };
  if (!isSupportedDialect(dialect)) {
    return { allowed: false, reason: `query_sql does not know the SQL dialect "${String(dialect)}", so nothing is run. Check the database type of the connection.`, statementCount: 0 };
  }
  const lexical = checkLexically(sql, dialect);
  if (!lexical.verdict.allowed) return lexical.verdict;
  if (dialect === "postgres" || dialect === "duckdb") return classifyPostgres(sql, dialect);
  const parsed = await classifyWithNodeSqlParser(sql, dialect);
  if (parsed.outcome === "allowed") return { allowed: true, statementCount: parsed.statementCount };
  if (parsed.outcome === "refused") return { allowed: false, reason: parsed.reason, statementCount: parsed.statementCount };
  const firstWord = lexical.tokens[0]?.normalized;
  if (firstWord === "select" || firstWord === "with") return { allowed: true, statementCount: lexical.verdict.statementCount };
  return { allowed: false, reason: unparsable(dialect, parsed.detail), statementCount: lexical.verdict.statementCount };
}
function isSupportedDialect(dialect) {
  return dialect === "sqlite" || dialect === "postgres" || dialect === "tsql" || dialect === "duckdb" || dialect === "databricks";
}
var ReadOnlyViolation;
var init_read_only_guard = __esm({
  "mcp/guard/read-only-guard.ts"() {
    "use strict";
    init_lexical_checks();
    init_node_sql_parser_guard();
    init_postgres_guard();
    init_rejection_reasons();
    ReadOnlyViolation = class extends Error {
      verdict;
      constructor(reason, verdict) {
        super(reason);
        this.name = "ReadOnlyViolation";
        this.verdict = verdict ?? { allowed: false, reason, statementCount: 0 };
      }
    };
  }
});

// mcp/lakehouse/local/duckdb-query.ts
async function prepareSelect(connection, sql, params) {
  const { StatementType } = await loadDuckDb();
  const statements = await connection.extractStatements(sql);
  if (statements.count !== 1) {
    throw new ReadOnlyViolation(`The lakehouse runs exactly one SELECT per call, but DuckDB found ${statements.count} statements. Send each SELECT in its own query_sql call.`);
  }
  const prepared = await statements.prepare(0);
  if (prepared.statementType !== StatementType.SELECT) {
    const kind = Object.entries(StatementType).find(([, v]) => v === prepared.statementType)?.[0] ?? String(prepared.statementType);
    throw new ReadOnlyViolation(`The lakehouse runs read-only SELECT statements only; DuckDB reads this one as ${kind.replace(/_/g, " ")}. Send a single SELECT.`);
  }
  if (params.length > 0) prepared.bind(params);
  return prepared;
}
async function interruptible(instance, options, work) {
  if (options.signal?.aborted) throw new QueryCancelledError();
  const connection = await instance.connect();
  let stoppedBy;
  const timer2 = options.timeoutMs ? setTimeout(() => {
    stoppedBy = "timeout";
    connection.interrupt();
  }, options.timeoutMs) : void 0;
  const onAbort = () => {
    stoppedBy = "cancel";
    connection.interrupt();
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    return await work(connection);
  } catch (err) {
    if (stoppedBy === "timeout") throw new QueryTimeoutError(options.timeoutMs ?? 0);
    if (stoppedBy === "cancel") throw new QueryCancelledError();
    throw err;
  } finally {
    clearTimeout(timer2);
    options.signal?.removeEventListener("abort", onAbort);
    connection.closeSync();
  }
}
function runCappedSelect(instance, sql, params, options) {
  return interruptible(instance, options, async (connection) => {
    const prepared = await prepareSelect(connection, sql, params);
    const result = await prepared.stream();
    const columns = result.deduplicatedColumnNames();
    const rows = [];
    let truncated = false;
    outer: for (; ; ) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const row of chunkRows(chunk, columns)) {
        if (rows.length === options.maxRows) {
          truncated = true;
          break outer;
        }
        rows.push(row);
      }
    }
    return { columns, rows, row_count: rows.length, truncated };
  });
}
async function* streamSelect(instance, sql, params, batchSize, signal) {
  if (signal?.aborted) throw new QueryCancelledError();
  const connection = await instance.connect();
  const onAbort = () => connection.interrupt();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const prepared = await prepareSelect(connection, sql, params);
    const result = await prepared.stream();
    const columns = result.deduplicatedColumnNames();
    let batch = [];
    for (; ; ) {
      let chunk;
      try {
        chunk = await result.fetchChunk();
      } catch (err) {
        if (signal?.aborted) throw new QueryCancelledError();
        throw err;
      }
      if (!chunk || chunk.rowCount === 0) break;
      batch.push(...chunkRows(chunk, columns));
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    connection.closeSync();
  }
}
var init_duckdb_query = __esm({
  "mcp/lakehouse/local/duckdb-query.ts"() {
    "use strict";
    init_connector();
    init_read_only_guard();
    init_duckdb();
  }
});

// mcp/lakehouse/local/reader-session.ts
import { randomUUID as randomUUID2 } from "node:crypto";
import fs3 from "node:fs";
import path3 from "node:path";
function sweepReaderFolders(readersDir) {
  let entries;
  try {
    entries = fs3.readdirSync(readersDir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(entry.split("-")[0]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (err) {
      alive = err.code === "EPERM";
    }
    if (!alive) fs3.rmSync(path3.join(readersDir, entry), { recursive: true, force: true });
  }
}
var ReaderSession;
var init_reader_session = __esm({
  "mcp/lakehouse/local/reader-session.ts"() {
    "use strict";
    init_names();
    init_duckdb();
    ReaderSession = class _ReaderSession {
      constructor(key, instance, dir2) {
        this.key = key;
        this.instance = instance;
        this.dir = dir2;
      }
      key;
      instance;
      dir;
      users = 0;
      retired = false;
      static async build(options) {
        const dir2 = path3.join(options.readersDir, `${process.pid}-${randomUUID2().slice(0, 8)}`);
        fs3.mkdirSync(dir2, { recursive: true, mode: 448 });
        const catalogFile = path3.join(dir2, `${options.catalog}.duckdb`);
        const files = [];
        try {
          const builder = await openDuckDb(catalogFile, { memoryLimit: "64MB", threads: 1 });
          try {
            const connection = await builder.connect();
            try {
              for (const layer of LAYERS) await connection.run(`CREATE SCHEMA ${ident(layer)}`);
              for (const table2 of options.tables) {
                const paths = table2.files.map((f) => options.resolveFile(f.path));
                files.push(...paths);
                const list = paths.map(sqlText).join(", ");
                await connection.run(`CREATE VIEW ${ident(table2.layer)}.${ident(table2.name)} AS SELECT * FROM read_parquet([${list}], union_by_name = true)`);
              }
              await connection.run("CHECKPOINT");
            } finally {
              connection.closeSync();
            }
          } finally {
            builder.closeSync();
          }
          const instance = await openDuckDb(catalogFile, { readOnly: true, memoryLimit: "256MB", threads: 2, tempDirectory: path3.join(dir2, "spill") });
          const setup = await instance.connect();
          try {
            await setup.run(`SET allowed_paths = [${files.map(sqlText).join(", ")}]`);
            await setup.run("SET enable_external_access = false");
            await setup.run("SET lock_configuration = true");
          } finally {
            setup.closeSync();
          }
          return new _ReaderSession(options.key, instance, dir2);
        } catch (err) {
          fs3.rmSync(dir2, { recursive: true, force: true });
          throw err;
        }
      }
      acquire() {
        this.users += 1;
      }
      release() {
        this.users -= 1;
        if (this.retired && this.users === 0) this.close();
      }
      /** No new queries; closes as soon as the running ones finish. */
      retire() {
        this.retired = true;
        if (this.users === 0) this.close();
      }
      close() {
        try {
          this.instance.closeSync();
        } catch {
        }
        fs3.rmSync(this.dir, { recursive: true, force: true });
      }
    };
  }
});

// mcp/lakehouse/local/local-lakehouse.ts
var local_lakehouse_exports = {};
__export(local_lakehouse_exports, {
  LocalLakehouse: () => LocalLakehouse,
  SchemaChangeError: () => SchemaChangeError,
  lakehouseRoot: () => lakehouseRoot
});
import { createHash as createHash4, randomUUID as randomUUID3 } from "node:crypto";
import fs4 from "node:fs";
import path4 from "node:path";
function lakehouseRoot(dataDir2) {
  return path4.join(dataDir2, "lakehouse");
}
function sessionKey(tables) {
  const hash = createHash4("sha256");
  for (const t2 of tables) hash.update(`${t2.layer}\0${t2.name}\0${t2.files.map((f) => f.path).join("\0")}
`);
  return hash.digest("hex");
}
function mergeColumns(existing, incoming, table2) {
  const merged = existing.map((c2) => ({ ...c2 }));
  for (const column of incoming) {
    const old = merged.find((c2) => c2.name.toLowerCase() === column.name.toLowerCase());
    if (!old) {
      merged.push({ ...column, nullable: true });
      continue;
    }
    if (!sameLakeType(old.type, column.type)) {
      throw new SchemaChangeError(
        `Column "${column.name}" of ${table2} was ${duckdbType(old.type)} and the source now says ${duckdbType(column.type)}. An incremental sync cannot change a column type: run a full sync (sync_mode "full") to reload the table.`
      );
    }
  }
  return merged;
}
function removeFile(file) {
  try {
    fs4.chmodSync(file, 420);
    fs4.rmSync(file, { force: true });
  } catch {
  }
}
var SchemaChangeError, LocalLakehouse;
var init_local_lakehouse = __esm({
  "mcp/lakehouse/local/local-lakehouse.ts"() {
    "use strict";
    init_lake_types();
    init_names();
    init_parquet_writer();
    init_tenant();
    init_warehouse_registry();
    init_duckdb();
    init_duckdb_query();
    init_reader_session();
    SchemaChangeError = class extends Error {
      constructor(message) {
        super(message);
        this.name = "SchemaChangeError";
      }
    };
    LocalLakehouse = class {
      constructor(options) {
        this.options = options;
        this.catalog = tenantCatalog(options.tenantId);
        this.location = `local:${options.tenantId}`;
        this.root = path4.join(lakehouseRoot(options.dataDir), this.catalog);
        this.registry = new WarehouseRegistry(options.store);
        this.readersDir = path4.join(lakehouseRoot(options.dataDir), ".readers");
        sweepReaderFolders(this.readersDir);
      }
      options;
      warehouseKind = "lakehouse";
      dialect = "duckdb";
      catalog;
      location;
      root;
      registry;
      readersDir;
      reader;
      closed = false;
      get tenantId() {
        return this.options.tenantId;
      }
      qualifiedName(layer, name) {
        return `${this.catalog}.${layer}.${name}`;
      }
      sqlName(layer, name) {
        return `${ident(layer)}.${ident(name)}`;
      }
      workDir(jobId) {
        return path4.join(lakehouseRoot(this.options.dataDir), ".work", jobId);
      }
      async test() {
        const started = performance.now();
        try {
          fs4.mkdirSync(this.root, { recursive: true, mode: 448 });
          fs4.accessSync(this.root, fs4.constants.W_OK);
          const version = await duckDbVersion();
          const tables = await this.registry.list(this.location);
          return {
            ok: true,
            latency_ms: performance.now() - started,
            server_version: `DuckDB ${version}`,
            message: `Local lakehouse of tenant "${this.tenantId}" at ${this.root}: ${tables.length} tables.`
          };
        } catch (err) {
          return { ok: false, latency_ms: performance.now() - started, failure: "other", message: `The local lakehouse at ${this.root} is not usable: ${err.message}. Check that the data folder is writable.` };
        }
      }
      async listTables() {
        return (await this.registry.list(this.location)).map((t2) => ({ catalog: this.catalog, schema: t2.layer, name: t2.name, type: "table" }));
      }
      async describeTable(schema, name) {
        const layer = schema.toLowerCase();
        if (!isLayer(layer)) return [];
        const table2 = await this.registry.get(this.location, layer, name.toLowerCase());
        return (table2?.columns ?? []).map((c2) => ({ name: c2.name, type: duckdbType(c2.type), nullable: c2.nullable, primary_key: false }));
      }
      async listLayerTables(layer) {
        return (await this.registry.list(this.location, layer)).map((t2) => ({
          layer: t2.layer,
          name: t2.name,
          qualified_name: this.qualifiedName(t2.layer, t2.name),
          row_count: t2.row_count,
          column_count: t2.columns.length,
          updated_at: t2.updated_at,
          source: t2.source
        }));
      }
      async tableColumns(layer, name) {
        return (await this.registry.get(this.location, layer, name))?.columns ?? null;
      }
      async query(sql, params, options) {
        const session = await this.acquireReader();
        try {
          return await runCappedSelect(session.instance, sql, params, options);
        } finally {
          session.release();
        }
      }
      async *streamBatches(sql, params, batchSize, signal) {
        const session = await this.acquireReader();
        try {
          yield* streamSelect(session.instance, sql, params, batchSize, signal);
        } finally {
          session.release();
        }
      }
      async load(request) {
        await this.sweepWork(request.jobId);
        const existing = await this.registry.get(this.location, request.layer, request.name);
        if (request.mode === "append" && existing) mergeColumns(existing.columns, request.file.columns, this.qualifiedName(request.layer, request.name));
        const placed = this.place(request.layer, request.name, request.file);
        const rowsAfter = request.mode === "append" && existing ? existing.row_count + placed.rows : placed.rows;
        return {
          qualified_name: this.qualifiedName(request.layer, request.name),
          row_count: rowsAfter,
          file: { sha256: placed.sha256, bytes: placed.bytes },
          publish: (tx) => this.publish(tx, request, placed, request.file.columns),
          afterPublish: async () => this.sweepTable(request.layer, request.name),
          discard: async () => removeFile(this.resolveFile(placed.path))
        };
      }
      async materialize(request) {
        const work = this.workDir(request.jobId);
        fs4.mkdirSync(work, { recursive: true, mode: 448 });
        const temp = path4.join(work, `materialize-${randomUUID3()}.parquet`);
        const instance = await openDuckDb(":memory:", { memoryLimit: "256MB", threads: 2, tempDirectory: path4.join(work, "spill") });
        let columns;
        let rows;
        try {
          await withConnection(instance, async (connection) => {
            const onAbort = () => connection.interrupt();
            request.signal.addEventListener("abort", onAbort, { once: true });
            try {
              for (const layer of LAYERS) await connection.run(`CREATE SCHEMA IF NOT EXISTS ${ident(layer)}`);
              for (const input of request.inputs) {
                const table2 = await this.registry.get(this.location, input.layer, input.name);
                if (!table2) throw new Error(`${this.qualifiedName(input.layer, input.name)} does not exist. Call list_tables to see the tables.`);
                const list = table2.files.map((f) => sqlText(this.resolveFile(f.path))).join(", ");
                await connection.run(`CREATE VIEW ${this.sqlName(input.layer, input.name)} AS SELECT * FROM read_parquet([${list}], union_by_name = true)`);
              }
              await connection.run(`COPY (${request.select}) TO ${sqlText(temp)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 122880)`);
              const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlText(temp)})`);
              columns = described.getRowObjectsJson().map((c2) => ({
                name: c2.column_name,
                type: lakeTypeFromDeclared("duckdb", c2.column_type),
                nullable: true
              }));
              const counted = await connection.runAndReadAll(`SELECT count(*)::BIGINT FROM read_parquet(${sqlText(temp)})`);
              rows = Number(counted.getRows()[0][0]);
            } finally {
              request.signal.removeEventListener("abort", onAbort);
            }
          });
        } catch (err) {
          fs4.rmSync(temp, { force: true });
          if (request.signal.aborted) throw new Error("The transform was stopped before it finished.");
          throw err;
        } finally {
          instance.closeSync();
          fs4.rmSync(path4.join(work, "spill"), { recursive: true, force: true });
        }
        const { sha256, bytes } = await hashFile(temp);
        const file = { path: temp, rows, bytes, sha256, columns };
        return this.load({ layer: request.layer, name: request.name, file, mode: "replace", source: request.source, jobId: request.jobId, signal: request.signal });
      }
      async close() {
        this.closed = true;
        const reader = this.reader;
        this.reader = void 0;
        if (reader) await reader.then((r) => r.retire()).catch(() => void 0);
      }
      /** Moves a finished Parquet file into the table's folder, read-only, under a unique name. */
      place(layer, name, file) {
        const dir2 = path4.join(this.root, layer, name);
        fs4.mkdirSync(dir2, { recursive: true, mode: 448 });
        const fileName = `${(/* @__PURE__ */ new Date()).toISOString().replace(/[-:.]/g, "").replace("T", "-").slice(0, 15)}-${file.sha256.slice(0, 16)}-${randomUUID3().slice(0, 4)}.parquet`;
        const target = path4.join(dir2, fileName);
        fs4.renameSync(file.path, target);
        fs4.chmodSync(target, 292);
        return { path: [layer, name, fileName].join("/"), rows: file.rows, sha256: file.sha256, bytes: file.bytes };
      }
      async publish(tx, request, placed, columns) {
        const existing = await this.registry.get(this.location, request.layer, request.name, tx);
        const append = request.mode === "append" && existing;
        const files = append ? [...existing.files, placed] : [placed];
        await this.registry.upsert(tx, {
          location: this.location,
          tenant_id: this.tenantId,
          layer: request.layer,
          name: request.name,
          columns: append ? mergeColumns(existing.columns, columns, this.qualifiedName(request.layer, request.name)) : columns,
          files,
          row_count: files.reduce((sum, f) => sum + f.rows, 0),
          source: request.source,
          last_job_id: request.jobId
        });
      }
      /**
       * Deletes the table's files the registry no longer names (replaced by a full load, or left by
       * a job that died before publishing), and temporary files older than an hour.
       */
      async sweepTable(layer, name) {
        const table2 = await this.registry.get(this.location, layer, name);
        const keep = new Set((table2?.files ?? []).map((f) => path4.basename(f.path)));
        const dir2 = path4.join(this.root, layer, name);
        for (const entry of fs4.readdirSync(dir2)) {
          if (keep.has(entry)) continue;
          const file = path4.join(dir2, entry);
          if (entry.startsWith(".tmp-") && Date.now() - (fs4.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 36e5) continue;
          removeFile(file);
        }
      }
      /** Work folders of jobs that are no longer queued or running (a crash leaves them behind). */
      async sweepWork(current) {
        const workRoot = path4.join(lakehouseRoot(this.options.dataDir), ".work");
        let entries;
        try {
          entries = fs4.readdirSync(workRoot).filter((e) => e !== current);
        } catch {
          return;
        }
        if (entries.length === 0) return;
        const active = new Set(
          (await this.options.store.all("SELECT job_id FROM lakehouse_jobs WHERE status IN ('queued','running')")).map((r) => r.job_id)
        );
        for (const entry of entries) if (!active.has(entry)) fs4.rmSync(path4.join(workRoot, entry), { recursive: true, force: true });
      }
      resolveFile(relative) {
        const resolved = path4.resolve(this.root, ...relative.split("/"));
        if (!resolved.startsWith(this.root + path4.sep)) throw new Error(`The lakehouse registry names a file outside tenant "${this.tenantId}": ${relative}.`);
        return resolved;
      }
      async acquireReader() {
        if (this.closed) throw new Error("This lakehouse connection is closed.");
        const tables = await this.registry.list(this.location);
        const key = sessionKey(tables);
        let current = this.reader ? await this.reader.catch(() => void 0) : void 0;
        if (!current || current.key !== key) {
          if (current) current.retire();
          const building = ReaderSession.build({ readersDir: this.readersDir, catalog: this.catalog, key, tables, resolveFile: (p) => this.resolveFile(p) });
          this.reader = building;
          building.catch(() => {
            if (this.reader === building) this.reader = void 0;
          });
          current = await building;
        }
        current.acquire();
        return current;
      }
    };
  }
});

// mcp/util/json-safe.ts
function jsonSafeValue(value) {
  if (value === null || value === void 0) return null;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}
var init_json_safe = __esm({
  "mcp/util/json-safe.ts"() {
    "use strict";
  }
});

// mcp/util/log.ts
function logError(message, err) {
  const detail = err instanceof Error ? err.stack ?? err.message : err === void 0 ? "" : String(err);
  process.stderr.write(`[pacs-mcp] ERROR ${message}${detail ? `: ${detail}` : ""}
`);
}
var init_log = __esm({
  "mcp/util/log.ts"() {
    "use strict";
  }
});

// mcp/lakehouse/databricks/catalog-scope.ts
function assertCatalogScope(sql, catalog) {
  const tokens = tokenizeSql(sql, "databricks");
  const own = catalog.toLowerCase();
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (!isName(token)) continue;
    if (/^tenant_[a-z0-9_]*$/.test(token.normalized) && token.normalized !== own) {
      throw new CatalogScopeError(`This connection serves catalog ${catalog}; the query names ${token.text}, another tenant's catalog, and is refused.`);
    }
    const startsChain = tokens[i - 1]?.text !== ".";
    if (startsChain && tokens[i + 1]?.text === "." && isName(tokens[i + 2]) && tokens[i + 3]?.text === "." && isName(tokens[i + 4])) {
      if (token.normalized !== own) {
        throw new CatalogScopeError(
          `This connection serves catalog ${catalog}; ${token.text}.${tokens[i + 2].text}.${tokens[i + 4].text} is in another catalog and is refused. Write bronze.<table> (or silver./gold.), which resolves in the tenant catalog.`
        );
      }
    }
  }
}
var CatalogScopeError, isName;
var init_catalog_scope = __esm({
  "mcp/lakehouse/databricks/catalog-scope.ts"() {
    "use strict";
    init_sql_lexer();
    CatalogScopeError = class extends Error {
      constructor(message) {
        super(message);
        this.name = "CatalogScopeError";
      }
    };
    isName = (t2) => t2 !== void 0 && (t2.kind === "word" || t2.kind === "quoted_identifier");
  }
});

// mcp/lakehouse/databricks/databricks-config.ts
function databricksSettings(record, tenantId2) {
  const c2 = record.config;
  const host = String(c2.host ?? "").trim().replace(/^https?:\/\//i, "").replace(/\/+$/, "");
  if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(host)) {
    throw new DatabricksConfigError(`Connection "${record.id}": "${String(c2.host)}" is not a Databricks host name; copy the Server Hostname from the SQL warehouse's connection details.`);
  }
  const httpPath = String(c2.http_path ?? "").trim();
  if (!httpPath.startsWith("/")) throw new DatabricksConfigError(`Connection "${record.id}": the HTTP path must start with "/" (e.g. /sql/1.0/warehouses/abc123).`);
  const catalog = tenantCatalog(tenantId2);
  if (c2.catalog !== void 0 && c2.catalog !== "" && String(c2.catalog).toLowerCase() !== catalog) {
    throw new DatabricksConfigError(
      `Connection "${record.id}" names catalog "${String(c2.catalog)}", but tenant "${tenantId2}" lives in catalog ${catalog}: every warehouse name is built from the tenant id. Remove the catalog setting.`
    );
  }
  const auth = c2.auth === "oauth-m2m" ? "oauth-m2m" : "token";
  if (auth === "oauth-m2m" && !c2.oauth_client_id) throw new DatabricksConfigError(`Connection "${record.id}" uses OAuth (M2M) but has no oauth_client_id.`);
  return {
    connectionId: record.id,
    host,
    httpPath,
    catalog,
    tenantId: tenantId2,
    auth,
    oauthClientId: c2.oauth_client_id ? String(c2.oauth_client_id) : void 0,
    volume: String(c2.volume ?? "pacs_staging"),
    loadTimeoutS: Number(c2.load_timeout_s ?? 3600)
  };
}
function connectOptions(settings, secret) {
  const common = {
    host: settings.host,
    path: settings.httpPath,
    userAgentEntry: "pacs-mcp",
    telemetryEnabled: false,
    preserveBigNumericPrecision: true,
    socketTimeout: 6e4,
    retryMaxAttempts: 3,
    retriesTimeout: 3e4
  };
  if (settings.auth === "oauth-m2m") {
    return { ...common, authType: "databricks-oauth", oauthClientId: settings.oauthClientId, oauthClientSecret: secret, tokenCacheEnabled: false };
  }
  return { ...common, authType: "access-token", token: secret };
}
function sessionRequest(settings, statementTimeoutS) {
  return {
    initialCatalog: settings.catalog,
    initialSchema: "bronze",
    configuration: { STATEMENT_TIMEOUT: String(Math.max(1, Math.round(statementTimeoutS))), ansi_mode: "true" },
    queryTags: { app: "pacs-mcp", tenant: settings.tenantId }
  };
}
var DatabricksConfigError;
var init_databricks_config = __esm({
  "mcp/lakehouse/databricks/databricks-config.ts"() {
    "use strict";
    init_tenant();
    DatabricksConfigError = class extends Error {
      constructor(message) {
        super(message);
        this.name = "DatabricksConfigError";
      }
    };
  }
});

// mcp/lakehouse/databricks/errors.ts
function className(err) {
  return err?.constructor?.name ?? "";
}
function firstLine(text) {
  const line = text.split("\n").find((l) => l.trim() !== "") ?? text;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
function translateDatabricksError(err, context) {
  if (err instanceof DatabricksError || err instanceof QueryTimeoutError || err instanceof QueryCancelledError) return err;
  const kind = className(err);
  const message = err instanceof Error ? err.message : typeof err?.message === "string" ? String(err.message) : String(err);
  const code = String(err?.code ?? "");
  const errorCode = String(err?.errorCode ?? "");
  const detail = firstLine(message);
  const doing = context.action ? ` while ${context.action}` : "";
  const make = (text, failure) => new DatabricksError(`${text} (Databricks said: ${detail})`, failure, detail);
  if (kind === "OperationStateError" && errorCode === "CANCELED") return new QueryCancelledError();
  if (kind === "OperationStateError" && errorCode === "TIMEOUT" || /DEADLINE_EXCEEDED|STATEMENT_TIMEOUT|timed out/i.test(message)) {
    return context.timeoutMs ? new QueryTimeoutError(context.timeoutMs) : make(`Databricks stopped the statement at its time limit${doing}.`, "timeout");
  }
  if (kind === "StagingError") {
    return make(
      `The file upload to the Databricks volume failed${doing}. If the message mentions allowed local paths, the server asked for a file outside PACS MCP's staging folder and the driver refused.`,
      "staging"
    );
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return make(`The Databricks host "${context.host}" was not found. Check the Server Hostname in the warehouse's connection details (without https://).`, "dns");
  }
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "EHOSTUNREACH" || code === "ENETUNREACH") {
    return make(`Databricks at "${context.host}" could not be reached. Check the network, a proxy or firewall between this PC and Databricks.`, "refused");
  }
  if (code === "ETIMEDOUT" || kind === "RetryError") {
    return make(`Databricks at "${context.host}" did not answer in time${doing}. The SQL warehouse may be starting up; try again in a minute.`, "timeout");
  }
  if (/CERT|SSL|TLS|self.signed/i.test(code) || /certificate|self signed|SSL/i.test(message)) {
    return make("The TLS connection to Databricks failed: the certificate was not trusted. Ask IT about a TLS-inspecting proxy and its CA certificate.", "tls");
  }
  if (kind === "AuthenticationError" || /\b401\b|invalid access token|token is expired|Unauthorized|invalid_client|Invalid Token/i.test(message)) {
    return make(
      "Databricks refused the login. Store a valid personal access token (or the OAuth secret of the service principal) with `pacs-mcp connections add \u2026 --password-stdin`; it goes to the OS keychain.",
      "login"
    );
  }
  if (/NO_SUCH_CATALOG|CATALOG_NOT_FOUND|Catalog '.*' (was )?not found/i.test(message)) {
    return make(
      `The Unity Catalog catalog ${context.catalog} does not exist. Ask the Databricks admin to create it (CREATE CATALOG ${context.catalog}) and grant this login USE CATALOG, CREATE SCHEMA and CREATE VOLUME on it.`,
      "database_missing"
    );
  }
  if (/PERMISSION_DENIED|\b403\b|Forbidden|does not have .*privilege|INSUFFICIENT_PERMISSIONS/i.test(message)) {
    return make(`Databricks refused the request${doing}: this login lacks a privilege on ${context.catalog}. Ask the admin for the grants listed in docs/lakehouse.md.`, "permission");
  }
  if (/TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND|VOLUME_NOT_FOUND|RESOURCE_DOES_NOT_EXIST|PATH_NOT_FOUND|does not exist/i.test(message)) {
    return make(`Databricks could not find what was asked for${doing}. Call list_tables to see the tables of ${context.catalog}.`, "not_found");
  }
  if (/warehouse.*(stopped|not running|deleted)|ENDPOINT_NOT_FOUND|\b404\b/i.test(message)) {
    return make("The SQL warehouse named by the HTTP path is stopped or does not exist. Start it in Databricks, or check the HTTP path in its connection details.", "other");
  }
  if (/PARSE_SYNTAX_ERROR|UNRESOLVED_COLUMN|DATATYPE_MISMATCH|AnalysisException/i.test(message)) {
    return make(`Databricks could not run the SQL${doing}. Check column and table names with describe_table.`, "other");
  }
  return make(`Databricks returned an error${doing}.`, "other");
}
var DatabricksError;
var init_errors = __esm({
  "mcp/lakehouse/databricks/errors.ts"() {
    "use strict";
    init_connector();
    DatabricksError = class extends Error {
      constructor(message, failure, detail) {
        super(message);
        this.failure = failure;
        this.detail = detail;
        this.name = "DatabricksError";
      }
      failure;
      detail;
    };
  }
});

// mcp/lakehouse/databricks/staging.ts
import fs5 from "node:fs";
import os2 from "node:os";
import path5 from "node:path";
var StagingPathError, FILE_NAME, StagingArea;
var init_staging = __esm({
  "mcp/lakehouse/databricks/staging.ts"() {
    "use strict";
    StagingPathError = class extends Error {
      constructor(message) {
        super(message);
        this.name = "StagingPathError";
      }
    };
    FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
    StagingArea = class _StagingArea {
      constructor(dir2) {
        this.dir = dir2;
      }
      dir;
      static create(parent = os2.tmpdir()) {
        const dir2 = fs5.realpathSync(fs5.mkdtempSync(path5.join(parent, "pacs-mcp-staging-")));
        fs5.chmodSync(dir2, 448);
        return new _StagingArea(dir2);
      }
      /** What the driver gets as stagingAllowedLocalPath: only this folder. */
      get allowedLocalPaths() {
        return [this.dir];
      }
      /** Moves `file` in under `name` and returns its path inside the area. */
      adopt(file, name) {
        if (!FILE_NAME.test(name) || name.includes("..")) throw new StagingPathError(`"${name}" is not a safe staging file name.`);
        const target = path5.join(this.dir, name);
        try {
          fs5.renameSync(file, target);
        } catch {
          fs5.copyFileSync(file, target);
          fs5.rmSync(file, { force: true });
        }
        return this.assertInside(target);
      }
      /** Refuses any path that is not a regular file directly inside the area (no "..", no symlink out). */
      assertInside(file) {
        const resolved = path5.resolve(file);
        const relative = path5.relative(this.dir, resolved);
        if (relative === "" || relative.startsWith("..") || path5.isAbsolute(relative) || relative.includes(path5.sep)) {
          throw new StagingPathError(`${file} is outside the staging folder ${this.dir}; only files PACS MCP wrote there may be uploaded.`);
        }
        const stat = fs5.lstatSync(resolved, { throwIfNoEntry: false });
        if (!stat || !stat.isFile() || stat.isSymbolicLink()) throw new StagingPathError(`${file} is not a regular file in the staging folder.`);
        if (fs5.realpathSync(resolved) !== resolved) throw new StagingPathError(`${file} resolves outside the staging folder.`);
        return resolved;
      }
      dispose() {
        fs5.rmSync(this.dir, { recursive: true, force: true });
      }
    };
  }
});

// mcp/util/sql-quote.ts
function quoteIdent(dialect, name) {
  if (name.includes("\0")) throw new Error("A name may not contain a NUL character.");
  switch (dialect) {
    case "tsql":
      return `[${name.replace(/]/g, "]]")}]`;
    case "databricks":
      return `\`${name.replace(/`/g, "``")}\``;
    default:
      return `"${name.replace(/"/g, '""')}"`;
  }
}
function qualifiedTable(dialect, schema, name) {
  if (dialect === "sqlite" && (schema === "main" || schema === "")) return quoteIdent(dialect, name);
  return `${quoteIdent(dialect, schema)}.${quoteIdent(dialect, name)}`;
}
function stringLiteral(dialect, value) {
  if (value.includes("\0")) throw new Error("A text value may not contain a NUL character.");
  if (dialect === "databricks") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  const quoted = `'${value.replace(/'/g, "''")}'`;
  return dialect === "tsql" ? `N${quoted}` : quoted;
}
var init_sql_quote = __esm({
  "mcp/util/sql-quote.ts"() {
    "use strict";
  }
});

// mcp/lakehouse/databricks/statements.ts
function bt(name) {
  if (name.length === 0 || name.includes("\0")) throw new StatementBuildError("A Databricks name may not be empty or contain a NUL character.");
  return `\`${name.replace(/`/g, "``")}\``;
}
function tableRef(catalog, layer, name) {
  return `${bt(catalog)}.${bt(layer)}.${bt(name)}`;
}
function createSchema(catalog, layer) {
  return `CREATE SCHEMA IF NOT EXISTS ${bt(catalog)}.${bt(layer)}`;
}
function createVolume(catalog, layer, volume) {
  return `CREATE VOLUME IF NOT EXISTS ${bt(catalog)}.${bt(layer)}.${bt(volume)}`;
}
function volumePath(catalog, layer, volume, segments) {
  for (const part of [catalog, volume, ...segments]) {
    if (!VOLUME_SEGMENT.test(part) || part.includes("..")) {
      throw new StatementBuildError(`"${part}" cannot be part of a volume path: use letters, digits, "_", "-" and ".".`);
    }
  }
  return ["", "Volumes", catalog, layer, volume, ...segments].join("/");
}
function putFile(localFile, volumeFile) {
  if (/['"\r\n]/.test(localFile)) throw new StatementBuildError(`The local staging path ${JSON.stringify(localFile)} contains a quote or line break; refusing to build a PUT for it.`);
  assertVolumePath(volumeFile);
  return `PUT ${stringLiteral("databricks", localFile)} INTO ${stringLiteral("databricks", volumeFile)} OVERWRITE`;
}
function removeFile2(volumeFile) {
  assertVolumePath(volumeFile);
  return `REMOVE ${stringLiteral("databricks", volumeFile)}`;
}
function readParquet(volumeFile) {
  assertVolumePath(volumeFile);
  return `read_files(${stringLiteral("databricks", volumeFile)}, format => 'parquet')`;
}
function replaceTableFromFile(catalog, layer, name, volumeFile) {
  return `CREATE OR REPLACE TABLE ${tableRef(catalog, layer, name)} AS SELECT * FROM ${readParquet(volumeFile)}`;
}
function appendFromFile(catalog, layer, name, volumeFile, columns) {
  const list = columns.map((c2) => bt(c2.name)).join(", ");
  return `INSERT INTO ${tableRef(catalog, layer, name)} (${list}) SELECT ${list} FROM ${readParquet(volumeFile)}`;
}
function replaceTableAs(catalog, layer, name, select) {
  return `CREATE OR REPLACE TABLE ${tableRef(catalog, layer, name)} AS ${select}`;
}
function countRows(catalog, layer, name) {
  return `SELECT count(*) AS row_count FROM ${tableRef(catalog, layer, name)}`;
}
function listLayerTables(catalog) {
  return `SELECT table_schema, table_name, table_type FROM ${bt(catalog)}.information_schema.tables WHERE table_schema IN ('bronze', 'silver', 'gold') ORDER BY table_schema, table_name`;
}
function tableColumns(catalog) {
  return `SELECT column_name, data_type, full_data_type, is_nullable FROM ${bt(catalog)}.information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position`;
}
function assertVolumePath(volumeFile) {
  const parts = volumeFile.split("/");
  if (parts[0] !== "" || parts[1] !== "Volumes" || parts.length < 6 || parts.slice(2).some((p) => !VOLUME_SEGMENT.test(p) || p.includes(".."))) {
    throw new StatementBuildError(`${JSON.stringify(volumeFile)} is not a volume path of the form /Volumes/<catalog>/<schema>/<volume>/<file>.`);
  }
}
var VOLUME_SEGMENT, StatementBuildError;
var init_statements = __esm({
  "mcp/lakehouse/databricks/statements.ts"() {
    "use strict";
    init_sql_quote();
    VOLUME_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
    StatementBuildError = class extends Error {
      constructor(message) {
        super(message);
        this.name = "StatementBuildError";
      }
    };
  }
});

// mcp/lakehouse/databricks/databricks-warehouse.ts
var databricks_warehouse_exports = {};
__export(databricks_warehouse_exports, {
  DatabricksWarehouse: () => DatabricksWarehouse
});
import path6 from "node:path";
function plainRow(row) {
  const out = {};
  for (const key of Object.keys(row)) out[key] = jsonSafeValue(row[key]);
  return out;
}
var QUERY_SESSION_TIMEOUT_S, FETCH_CHUNK, stderrLogger, DatabricksWarehouse;
var init_databricks_warehouse = __esm({
  "mcp/lakehouse/databricks/databricks-warehouse.ts"() {
    "use strict";
    init_credentials();
    init_read_only_guard();
    init_json_safe();
    init_log();
    init_lake_types();
    init_names();
    init_warehouse_registry();
    init_catalog_scope();
    init_databricks_config();
    init_errors();
    init_staging();
    init_statements();
    QUERY_SESSION_TIMEOUT_S = 60;
    FETCH_CHUNK = 1e4;
    stderrLogger = {
      log(level, message) {
        if (level === "error" || level === "warn") process.stderr.write(`[pacs-mcp] databricks ${level}: ${message}
`);
      }
    };
    DatabricksWarehouse = class _DatabricksWarehouse {
      constructor(settings, secret, context) {
        this.settings = settings;
        this.secret = secret;
        this.context = context;
        this.catalog = settings.catalog;
        this.location = `databricks:${settings.connectionId}`;
        this.registry = new WarehouseRegistry(context.store);
      }
      settings;
      secret;
      context;
      warehouseKind = "databricks";
      dialect = "databricks";
      catalog;
      location;
      client;
      sessions = /* @__PURE__ */ new Map();
      registry;
      static fromConnection(record, secrets, context) {
        const settings = databricksSettings(record, context.tenantId);
        const secret = async () => {
          const value = await secrets.get(secretAccount.connection(record.id));
          if (!value) {
            throw new DatabricksError(
              `Connection "${record.id}" has no ${settings.auth === "oauth-m2m" ? "OAuth secret" : "access token"} in the keychain. Store it with \`pacs-mcp connections add --id ${record.id} --kind databricks \u2026 --password-stdin\`.`,
              "login",
              "no secret"
            );
          }
          return value;
        };
        return new _DatabricksWarehouse(settings, secret, context);
      }
      get tenantId() {
        return this.settings.tenantId;
      }
      qualifiedName(layer, name) {
        return `${this.catalog}.${layer}.${name}`;
      }
      sqlName(layer, name) {
        return tableRef(this.catalog, layer, name);
      }
      workDir(jobId) {
        return path6.join(this.context.dataDir, "lakehouse", ".work", jobId);
      }
      async test() {
        const started = performance.now();
        try {
          const result = await this.run("query", "SELECT current_version().dbsql_version AS version", [], { maxRows: 1, timeoutMs: 3e4 });
          await this.run("query", `SELECT 1 FROM ${bt(this.catalog)}.information_schema.schemata LIMIT 1`, [], { maxRows: 1, timeoutMs: 3e4 });
          return {
            ok: true,
            latency_ms: performance.now() - started,
            server_version: `Databricks SQL ${String(result.rows[0]?.version ?? "")}`.trim(),
            message: `Connected to ${this.settings.host}; catalog ${this.catalog} is reachable.`
          };
        } catch (err) {
          const translated = this.translate(err);
          const failure = translated instanceof DatabricksError ? translated.failure : "other";
          const known = ["dns", "refused", "tls", "login", "database_missing", "timeout", "file_missing", "other"];
          return { ok: false, latency_ms: performance.now() - started, failure: known.includes(failure) ? failure : "other", message: translated.message };
        }
      }
      async listTables() {
        const result = await this.run("query", listLayerTables(this.catalog), [], { maxRows: 1e5, timeoutMs: 3e4 });
        return result.rows.map((r) => ({
          catalog: this.catalog,
          schema: String(r.table_schema),
          name: String(r.table_name),
          type: /VIEW/i.test(String(r.table_type)) ? "view" : "table"
        }));
      }
      async describeTable(schema, name) {
        const result = await this.run("query", tableColumns(this.catalog), [schema.toLowerCase(), name.toLowerCase()], { maxRows: 1e4, timeoutMs: 3e4 });
        return result.rows.map((r) => ({ name: String(r.column_name), type: String(r.full_data_type ?? r.data_type), nullable: String(r.is_nullable) !== "NO", primary_key: false }));
      }
      async listLayerTables(layer) {
        const known = new Map((await this.registry.list(this.location)).map((t2) => [`${t2.layer}.${t2.name}`, t2]));
        const tables = (await this.listTables()).filter((t2) => isLayer(t2.schema) && (!layer || t2.schema === layer));
        const out = [];
        for (const t2 of tables) {
          const entry = known.get(`${t2.schema}.${t2.name}`);
          out.push({
            layer: t2.schema,
            name: t2.name,
            qualified_name: this.qualifiedName(t2.schema, t2.name),
            row_count: entry?.row_count ?? null,
            column_count: entry?.columns.length ?? (await this.describeTable(t2.schema, t2.name)).length,
            updated_at: entry?.updated_at ?? null,
            source: entry?.source ?? null
          });
        }
        return out;
      }
      async tableColumns(layer, name) {
        const columns = await this.describeTable(layer, name);
        if (columns.length === 0) return null;
        return columns.map((c2) => ({ name: c2.name, type: lakeTypeFromDeclared("databricks", c2.type), nullable: c2.nullable }));
      }
      /**
       * Databricks has no read-only session, so besides the caller's guard the connector checks
       * every query itself: one read-only statement (the guard's Databricks dialect), inside the
       * tenant's catalog. Loads never come through here.
       */
      async query(text, params, options) {
        await assertReadOnly(text, "databricks");
        assertCatalogScope(text, this.catalog);
        return this.run("query", text, params, options);
      }
      async *streamBatches(text, params, batchSize, signal) {
        await assertReadOnly(text, "databricks");
        assertCatalogScope(text, this.catalog);
        const session = await this.session("query");
        let operation;
        const onAbort = () => void operation?.cancel().catch(() => void 0);
        signal?.addEventListener("abort", onAbort, { once: true });
        try {
          operation = await session.executeStatement(text, { ordinalParameters: params });
          for (; ; ) {
            const chunk = await operation.fetchChunk({ maxRows: batchSize, disableBuffering: true });
            if (chunk.length > 0) yield chunk.map(plainRow);
            if (!await operation.hasMoreRows()) break;
          }
        } catch (err) {
          throw this.translate(err);
        } finally {
          signal?.removeEventListener("abort", onAbort);
          await operation?.close().catch(() => void 0);
        }
      }
      async load(request) {
        const staging = StagingArea.create();
        const fileName = `${request.name}-${request.file.sha256.slice(0, 16)}.parquet`;
        const volumeFile = volumePath(this.catalog, request.layer, this.settings.volume, [request.jobId, fileName]);
        const action = `loading ${this.qualifiedName(request.layer, request.name)}`;
        try {
          const local = staging.adopt(request.file.path, fileName);
          await this.exec(createSchema(this.catalog, request.layer), action);
          await this.exec(createVolume(this.catalog, request.layer, this.settings.volume), action);
          await this.exec(putFile(local, volumeFile), action, staging.allowedLocalPaths);
          const exists = await this.tableColumns(request.layer, request.name) !== null;
          if (request.mode === "append" && exists) {
            await this.exec(appendFromFile(this.catalog, request.layer, request.name, volumeFile, request.file.columns), action);
          } else {
            await this.exec(replaceTableFromFile(this.catalog, request.layer, request.name, volumeFile), action);
          }
          await this.exec(removeFile2(volumeFile), action, staging.allowedLocalPaths).catch((err) => logError(`removing ${volumeFile}`, err));
        } finally {
          staging.dispose();
        }
        return this.recorded(request.layer, request.name, request.source, request.jobId, request.file.columns);
      }
      async materialize(request) {
        const action = `building ${this.qualifiedName(request.layer, request.name)}`;
        await this.exec(createSchema(this.catalog, request.layer), action);
        await this.exec(replaceTableAs(this.catalog, request.layer, request.name, request.select), action);
        const columns = await this.tableColumns(request.layer, request.name) ?? [];
        return this.recorded(request.layer, request.name, request.source, request.jobId, columns);
      }
      async close() {
        const sessions = [...this.sessions.values()];
        this.sessions.clear();
        await Promise.all(sessions.map((s) => s.then((x) => x.close()).catch(() => void 0)));
        const client = this.client;
        this.client = void 0;
        if (client) await client.then((c2) => c2.close()).catch(() => void 0);
      }
      async recorded(layer, name, source, jobId, columns) {
        const counted = await this.run("load", countRows(this.catalog, layer, name), [], { maxRows: 1, timeoutMs: this.settings.loadTimeoutS * 1e3 });
        const rowCount = Number(counted.rows[0]?.row_count ?? 0);
        return {
          qualified_name: this.qualifiedName(layer, name),
          row_count: rowCount,
          publish: (tx) => this.registry.upsert(tx, { location: this.location, tenant_id: this.tenantId, layer, name, columns, files: [], row_count: rowCount, source, last_job_id: jobId })
        };
      }
      translate(err, action, timeoutMs2) {
        return translateDatabricksError(err, { host: this.settings.host, catalog: this.catalog, action, timeoutMs: timeoutMs2 });
      }
      async connect() {
        this.client ??= (async () => {
          const { DBSQLClient } = await import("@databricks/sql");
          const client = new DBSQLClient({ logger: stderrLogger });
          client.on("error", (err) => logError("databricks connection", err));
          return await client.connect(connectOptions(this.settings, await this.secret()));
        })();
        this.client.catch(() => this.client = void 0);
        return this.client;
      }
      session(kind) {
        let session = this.sessions.get(kind);
        if (!session) {
          session = (async () => {
            const client = await this.connect();
            return client.openSession(sessionRequest(this.settings, kind === "load" ? this.settings.loadTimeoutS : QUERY_SESSION_TIMEOUT_S));
          })();
          session.catch(() => this.sessions.delete(kind));
          this.sessions.set(kind, session);
        }
        return session;
      }
      /** One statement; a timeout or abort cancels it on the server. */
      async run(kind, text, params, options, staging) {
        let operation;
        let stoppedBy;
        const cancel = (why) => {
          stoppedBy = why;
          void operation?.cancel().catch(() => void 0);
        };
        const timer2 = setTimeout(() => cancel("timeout"), options.timeoutMs);
        const onAbort = () => cancel("cancel");
        options.signal?.addEventListener("abort", onAbort, { once: true });
        try {
          const session = await this.session(kind).catch((err) => {
            this.sessions.delete(kind);
            throw err;
          });
          operation = await session.executeStatement(text, {
            ordinalParameters: params.length > 0 ? params : void 0,
            queryTimeout: Math.ceil(options.timeoutMs / 1e3),
            maxRows: Math.min(options.maxRows + 1, FETCH_CHUNK),
            ...staging ? { stagingAllowedLocalPath: staging } : {}
          });
          if (stoppedBy) void operation.cancel().catch(() => void 0);
          const rows = [];
          let truncated = false;
          while (!truncated) {
            const chunk = await operation.fetchChunk({ maxRows: Math.min(options.maxRows + 1, FETCH_CHUNK), disableBuffering: true });
            for (const row of chunk) {
              if (rows.length === options.maxRows) {
                truncated = true;
                break;
              }
              rows.push(plainRow(row));
            }
            if (!await operation.hasMoreRows()) break;
          }
          const schema = await operation.getSchema().catch(() => null);
          const columns = schema?.columns?.map((c2) => c2.columnName) ?? (rows[0] ? Object.keys(rows[0]) : []);
          return { columns, rows, row_count: rows.length, truncated };
        } catch (err) {
          if (stoppedBy === "cancel") throw translateDatabricksError(Object.assign(new Error("cancelled"), { errorCode: "CANCELED" }), this.errorContext());
          if (stoppedBy === "timeout") throw this.translate(Object.assign(new Error("timed out"), { errorCode: "TIMEOUT" }), void 0, options.timeoutMs);
          if (/session.*(closed|expired)|Invalid SessionHandle/i.test(String(err?.message))) this.sessions.delete(kind);
          throw this.translate(err, void 0, void 0);
        } finally {
          clearTimeout(timer2);
          options.signal?.removeEventListener("abort", onAbort);
          await operation?.close().catch(() => void 0);
        }
      }
      errorContext() {
        return { host: this.settings.host, catalog: this.catalog };
      }
      async exec(text, action, staging) {
        try {
          await this.run("load", text, [], { maxRows: 10, timeoutMs: this.settings.loadTimeoutS * 1e3 }, staging);
        } catch (err) {
          throw this.translate(err, action);
        }
      }
    };
  }
});

// mcp/lakehouse/warehouse-builders.ts
var warehouse_builders_exports = {};
__export(warehouse_builders_exports, {
  buildDatabricks: () => buildDatabricks,
  buildLocalLakehouse: () => buildLocalLakehouse
});
function tenantOf(record, context) {
  const tenant = parseTenantId(record.config.tenant_id ?? "default");
  if (tenant !== context.tenantId) throw new TenantMismatchError(context.tenantId, tenant, `connection "${record.id}"`);
  return tenant;
}
async function buildLocalLakehouse(record, context) {
  const tenantId2 = tenantOf(record, context);
  const { LocalLakehouse: LocalLakehouse2 } = await Promise.resolve().then(() => (init_local_lakehouse(), local_lakehouse_exports));
  return new LocalLakehouse2({ dataDir: context.dataDir, store: context.store, tenantId: tenantId2 });
}
async function buildDatabricks(record, secrets, context) {
  const tenantId2 = tenantOf(record, context);
  const { DatabricksWarehouse: DatabricksWarehouse2 } = await Promise.resolve().then(() => (init_databricks_warehouse(), databricks_warehouse_exports));
  return DatabricksWarehouse2.fromConnection(record, secrets, { ...context, tenantId: tenantId2 });
}
var init_warehouse_builders = __esm({
  "mcp/lakehouse/warehouse-builders.ts"() {
    "use strict";
    init_tenant();
  }
});

// mcp/demo/batch-inserter.ts
function sqlLiteral(value) {
  if (value === null || value === void 0) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`demo generator: ${value} is not a storable number`);
    return String(value);
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value.includes("'") ? `'${value.replace(/'/g, "''")}'` : `'${value}'`;
  return `X'${value.toString("hex")}'`;
}
function quoteIdentifier(name) {
  return `"${name.replace(/"/g, '""')}"`;
}
var ROWS_PER_STATEMENT, MAX_IN_FLIGHT, BatchInserter;
var init_batch_inserter = __esm({
  "mcp/demo/batch-inserter.ts"() {
    "use strict";
    ROWS_PER_STATEMENT = 400;
    MAX_IN_FLIGHT = 12;
    BatchInserter = class {
      constructor(db, specs) {
        this.db = db;
        for (const spec of specs) {
          const columnNames = spec.columns.map((c2) => c2.name);
          this.buffers.set(spec.name, {
            columnNames,
            prefix: `INSERT INTO ${quoteIdentifier(spec.name)} (${columnNames.map(quoteIdentifier).join(",")}) VALUES `,
            tuples: [],
            inserted: 0
          });
        }
      }
      db;
      buffers = /* @__PURE__ */ new Map();
      pending = 0;
      wakeups = [];
      failure;
      add(table2, row) {
        const buffer = this.buffers.get(table2);
        if (!buffer) throw new Error(`demo generator: no table ${table2}`);
        let matched = 0;
        let tuple = "(";
        for (let i = 0; i < buffer.columnNames.length; i++) {
          const value = row[buffer.columnNames[i]];
          if (value !== void 0) matched++;
          if (i > 0) tuple += ",";
          tuple += sqlLiteral(value);
        }
        let given = 0;
        for (const key in row) if (row[key] !== void 0) given++;
        if (given !== matched) {
          const unknown = Object.keys(row).filter((k) => !buffer.columnNames.includes(k));
          throw new Error(`demo generator: ${table2} has no column ${unknown.join(", ")}`);
        }
        buffer.tuples.push(tuple + ")");
        if (buffer.tuples.length === ROWS_PER_STATEMENT) this.send(buffer);
      }
      /** Rows added to `table` so far (sent or still buffered). */
      count(table2) {
        const buffer = this.buffers.get(table2);
        return buffer ? buffer.inserted + buffer.tuples.length : 0;
      }
      /** Waits while too many statements are queued; rethrows the first failed insert. */
      async throttle() {
        while (this.pending > MAX_IN_FLIGHT) await new Promise((resolve) => this.wakeups.push(resolve));
        if (this.failure) throw this.failure;
      }
      /** Sends every buffered row and waits until SQLite has them all. */
      async flush() {
        for (const buffer of this.buffers.values()) if (buffer.tuples.length > 0) this.send(buffer);
        while (this.pending > 0) await new Promise((resolve) => this.wakeups.push(resolve));
        if (this.failure) throw this.failure;
      }
      /** Waits for the statements already sent, sends nothing more: for closing after a failure. */
      async settle() {
        while (this.pending > 0) await new Promise((resolve) => this.wakeups.push(resolve));
      }
      send(buffer) {
        const sql = buffer.prefix + buffer.tuples.join(",");
        buffer.inserted += buffer.tuples.length;
        buffer.tuples = [];
        this.pending++;
        this.db.raw.run(sql, (err) => this.settled(err));
      }
      settled(err) {
        this.pending--;
        if (err) this.failure ??= err;
        const wakeups = this.wakeups;
        this.wakeups = [];
        for (const wake of wakeups) wake();
      }
    };
  }
});

// mcp/demo/demo-calendar.ts
function isoDate2(year2, month, day) {
  return `${year2}-${pad2(month, 2)}-${pad2(day, 2)}`;
}
function addDays(date2, days) {
  const [y, m, d] = date2.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
function isWeekend(date2) {
  const [y, m, d] = date2.split("-").map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday === 0 || weekday === 6;
}
function dateBetween(rng, from, to) {
  return addDays(from, rng.int(0, Math.max(0, daysBetween(from, to))));
}
function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 864e5);
}
function officeTime(rng, date2) {
  return `${date2}T${pad2(rng.int(8, 16), 2)}:${pad2(rng.int(0, 11) * 5, 2)}:00`;
}
function pad2(value, width) {
  return String(value).padStart(width, "0");
}
var init_demo_calendar = __esm({
  "mcp/demo/demo-calendar.ts"() {
    "use strict";
  }
});

// mcp/demo/demo-vocabulary.ts
var FIRST_NAMES, MIDDLE_INITIALS, LAST_NAMES, BUSINESS_WORDS, BUSINESS_KINDS, BUSINESS_SUFFIXES, INVESTOR_NAMES, PUBLIC_OWNERS, STREET_NAMES, STREET_SUFFIXES, STREET_PREFIXES, COUNTY_CITIES, OTHER_CITIES, NEIGHBORHOOD_NAMES, APPRAISER_NAMES, MINERAL_LEASES, VEHICLES;
var init_demo_vocabulary = __esm({
  "mcp/demo/demo-vocabulary.ts"() {
    "use strict";
    FIRST_NAMES = [
      "James",
      "Mary",
      "Robert",
      "Patricia",
      "John",
      "Jennifer",
      "Michael",
      "Linda",
      "David",
      "Elizabeth",
      "William",
      "Barbara",
      "Richard",
      "Susan",
      "Joseph",
      "Jessica",
      "Thomas",
      "Sarah",
      "Carlos",
      "Karen",
      "Daniel",
      "Lisa",
      "Matthew",
      "Nancy",
      "Anthony",
      "Betty",
      "Mark",
      "Sandra",
      "Donald",
      "Ashley",
      "Steven",
      "Dorothy",
      "Paul",
      "Kimberly",
      "Andrew",
      "Emily",
      "Joshua",
      "Donna",
      "Kenneth",
      "Michelle",
      "Kevin",
      "Carol",
      "Brian",
      "Amanda",
      "George",
      "Melissa",
      "Jose",
      "Deborah",
      "Luis",
      "Stephanie",
      "Juan",
      "Rebecca",
      "Ryan",
      "Laura",
      "Jacob",
      "Sharon",
      "Gary",
      "Cynthia",
      "Nicholas",
      "Kathleen",
      "Eric",
      "Amy",
      "Jonathan",
      "Angela",
      "Miguel",
      "Shirley",
      "Larry",
      "Anna",
      "Justin",
      "Brenda",
      "Scott",
      "Pamela",
      "Brandon",
      "Emma",
      "Benjamin",
      "Nicole",
      "Samuel",
      "Helen",
      "Raymond",
      "Samantha",
      "Gregory",
      "Katherine",
      "Frank",
      "Christine",
      "Alexander",
      "Debra",
      "Patrick",
      "Rachel",
      "Jack",
      "Carolyn",
      "Dennis",
      "Janet",
      "Jerry",
      "Maria",
      "Tyler",
      "Olivia",
      "Aaron",
      "Heather",
      "Jesus",
      "Diane",
      "Minh",
      "Priya",
      "Wei",
      "Fatima",
      "Hiroshi",
      "Ngozi",
      "Arjun",
      "Mei",
      "Omar",
      "Leilani"
    ];
    MIDDLE_INITIALS = "ABCDEFGHJKLMNPRSTW";
    LAST_NAMES = [
      "Smith",
      "Johnson",
      "Williams",
      "Brown",
      "Jones",
      "Garcia",
      "Miller",
      "Davis",
      "Rodriguez",
      "Martinez",
      "Hernandez",
      "Lopez",
      "Gonzalez",
      "Wilson",
      "Anderson",
      "Thomas",
      "Taylor",
      "Moore",
      "Jackson",
      "Martin",
      "Lee",
      "Perez",
      "Thompson",
      "White",
      "Harris",
      "Sanchez",
      "Clark",
      "Ramirez",
      "Lewis",
      "Robinson",
      "Walker",
      "Young",
      "Allen",
      "King",
      "Wright",
      "Scott",
      "Torres",
      "Nguyen",
      "Hill",
      "Flores",
      "Green",
      "Adams",
      "Nelson",
      "Baker",
      "Hall",
      "Rivera",
      "Campbell",
      "Mitchell",
      "Carter",
      "Roberts",
      "Gomez",
      "Phillips",
      "Evans",
      "Turner",
      "Diaz",
      "Parker",
      "Cruz",
      "Edwards",
      "Collins",
      "Reyes",
      "Stewart",
      "Morris",
      "Morales",
      "Murphy",
      "Cook",
      "Rogers",
      "Gutierrez",
      "Ortiz",
      "Morgan",
      "Cooper",
      "Peterson",
      "Bailey",
      "Reed",
      "Kelly",
      "Howard",
      "Ramos",
      "Kim",
      "Cox",
      "Ward",
      "Richardson",
      "Watson",
      "Brooks",
      "Chavez",
      "Wood",
      "James",
      "Bennett",
      "Gray",
      "Mendoza",
      "Ruiz",
      "Hughes",
      "Price",
      "Alvarez",
      "Castillo",
      "Sanders",
      "Patel",
      "Myers",
      "Long",
      "Ross",
      "Foster",
      "Jimenez",
      "Okafor",
      "Tran",
      "Schneider",
      "Kowalski",
      "Yamamoto",
      "Haddad",
      "Singh",
      "Novak",
      "Lindqvist",
      "Moreau"
    ];
    BUSINESS_WORDS = [
      "Lone Star",
      "Bluebonnet",
      "Cedar",
      "Pecan",
      "Red River",
      "Prairie",
      "Summit",
      "Heritage",
      "Frontier",
      "Canyon",
      "Mesquite",
      "Live Oak",
      "Brazos",
      "Hill Country",
      "Cypress",
      "Granite",
      "Maverick",
      "Longhorn",
      "Sunrise",
      "Copper",
      "Evergreen",
      "Cascade",
      "Olympic",
      "Harbor",
      "Timberline",
      "Northstar",
      "Riverbend",
      "Silver Creek",
      "Blue Sky",
      "Ironwood"
    ];
    BUSINESS_KINDS = [
      "Hardware",
      "Auto Repair",
      "Dental",
      "Cafe",
      "Feed & Supply",
      "Pharmacy",
      "Bakery",
      "Plumbing",
      "Electric",
      "Realty",
      "Insurance",
      "Veterinary",
      "Print Shop",
      "Fitness",
      "Tire & Lube",
      "Grocery",
      "Salon",
      "Construction",
      "Welding",
      "Landscaping"
    ];
    BUSINESS_SUFFIXES = ["LLC", "INC", "LTD", "CO", "LP"];
    INVESTOR_NAMES = [
      "Holdings",
      "Properties",
      "Rentals",
      "Investments",
      "Homes",
      "Capital",
      "Real Estate Partners",
      "Land Trust"
    ];
    PUBLIC_OWNERS = [
      "DEMO COUNTY",
      "CITY OF CEDAR FALLS",
      "CITY OF MILLBROOK",
      "CITY OF RIVERBEND",
      "CEDAR FALLS ISD",
      "MILLBROOK ISD",
      "RIVERBEND CONSOLIDATED ISD",
      "DEMO COUNTY HOSPITAL DISTRICT",
      "STATE OF TEXAS",
      "UNITED STATES OF AMERICA",
      "FIRST BAPTIST CHURCH OF CEDAR FALLS",
      "ST MARY CATHOLIC CHURCH",
      "GRACE METHODIST CHURCH",
      "IGLESIA BAUTISTA EL CALVARIO",
      "DEMO COUNTY HISTORICAL SOCIETY",
      "HABITAT FOR HUMANITY DEMO COUNTY",
      "CEDAR FALLS VOLUNTEER FIRE DEPT",
      "DEMO COUNTY WATER DISTRICT",
      "MILLBROOK CEMETERY ASSN",
      "RIVERBEND PUBLIC LIBRARY FOUNDATION"
    ];
    STREET_NAMES = [
      "Oak",
      "Elm",
      "Pecan",
      "Mesquite",
      "Cedar",
      "Willow",
      "Magnolia",
      "Bluebonnet",
      "Live Oak",
      "Post Oak",
      "Hickory",
      "Sycamore",
      "Juniper",
      "Cottonwood",
      "Persimmon",
      "Redbud",
      "Walnut",
      "Cypress",
      "Laurel",
      "Aspen",
      "Main",
      "Church",
      "Mill",
      "Railroad",
      "Market",
      "Depot",
      "College",
      "Harvest",
      "Ranch",
      "Prairie",
      "Meadow",
      "Creek",
      "River",
      "Lakeview",
      "Hilltop",
      "Valley",
      "Sunset",
      "Sunrise",
      "Ridge",
      "Canyon",
      "Bowie",
      "Houston",
      "Austin",
      "Travis",
      "Crockett",
      "Lamar",
      "Fannin",
      "Milam",
      "Burleson",
      "Navarro",
      "Quail",
      "Dove",
      "Cardinal",
      "Mockingbird",
      "Roadrunner",
      "Heron",
      "Falcon",
      "Eagle",
      "Hawk",
      "Wren"
    ];
    STREET_SUFFIXES = ["ST", "DR", "LN", "RD", "CT", "AVE", "TRL", "WAY", "BLVD", "CIR", "PL", "LOOP"];
    STREET_PREFIXES = ["N", "S", "E", "W"];
    COUNTY_CITIES = [
      { name: "CEDAR FALLS", zips: ["78801", "78802", "78805"] },
      { name: "MILLBROOK", zips: ["78811", "78812"] },
      { name: "RIVERBEND", zips: ["78820", "78821"] },
      { name: "OAK HOLLOW", zips: ["78830"] },
      { name: "PINE CREST", zips: ["78835"] },
      { name: "SALT LICK", zips: ["78840"] }
    ];
    OTHER_CITIES = [
      { name: "AUSTIN", state: "TX", zips: ["78701", "78745", "78758"] },
      { name: "SAN ANTONIO", state: "TX", zips: ["78209", "78230", "78249"] },
      { name: "HOUSTON", state: "TX", zips: ["77002", "77019", "77080"] },
      { name: "DALLAS", state: "TX", zips: ["75201", "75214", "75230"] },
      { name: "FORT WORTH", state: "TX", zips: ["76104", "76109"] },
      { name: "MIDLAND", state: "TX", zips: ["79701", "79705"] },
      { name: "OKLAHOMA CITY", state: "OK", zips: ["73102", "73120"] },
      { name: "DENVER", state: "CO", zips: ["80202", "80220"] },
      { name: "SPOKANE", state: "WA", zips: ["99201", "99223"] },
      { name: "PHOENIX", state: "AZ", zips: ["85004", "85018"] },
      { name: "ALBUQUERQUE", state: "NM", zips: ["87102", "87110"] },
      { name: "BATON ROUGE", state: "LA", zips: ["70802", "70808"] }
    ];
    NEIGHBORHOOD_NAMES = [
      "Cedar Ridge",
      "Bluebonnet Hills",
      "Old Town",
      "Mill Creek",
      "Riverbend Estates",
      "Oak Hollow",
      "Pecan Grove",
      "Sunset Terrace",
      "Prairie View",
      "Live Oak Park",
      "Heritage Place",
      "Quail Run",
      "Magnolia Gardens",
      "Canyon Crest",
      "Willow Bend",
      "Hilltop Acres",
      "Depot District",
      "College Heights",
      "Meadowbrook",
      "Lakeview",
      "Cottonwood Flats",
      "Mockingbird Lane",
      "Stone Gate",
      "Fox Run",
      "Deer Creek",
      "Pine Crest",
      "Salt Lick Rural",
      "North County Ranches",
      "South County Farms",
      "Eagle Point",
      "Harvest Hills",
      "Redbud Trails",
      "Walnut Springs",
      "Sycamore Square",
      "Falcon Ridge",
      "Bowie Park",
      "Crockett Commons",
      "Laurel Heights",
      "Cypress Landing",
      "Juniper Mesa"
    ];
    APPRAISER_NAMES = [
      "Alvarez, Diana",
      "Brooks, Martin",
      "Chen, Lillian",
      "Dawson, Travis",
      "Estrada, Ruben",
      "Fischer, Karen",
      "Guerrero, Paul",
      "Holt, Jenna",
      "Iverson, Craig",
      "Jaramillo, Nora",
      "Keller, Owen",
      "Lam, Vivian",
      "Mercer, Dale",
      "Nakamura, Ellen"
    ];
    MINERAL_LEASES = ["EAGLE UNIT", "BRAZOS FLATS", "MESA VERDE", "LONGHORN DRAW", "COPPER BASIN", "RED MESA"];
    VEHICLES = ["2018 FORD F150", "2020 CHEV SILVERADO", "2019 RAM 2500", "2021 TOYOTA TUNDRA", "2017 KENWORTH T680", "2022 FORD TRANSIT"];
  }
});

// mcp/demo/demo-accounts.ts
function makePerson(rng, acctId, options) {
  const first = rng.pick(FIRST_NAMES);
  const last2 = options.lastName ?? rng.pick(LAST_NAMES);
  const middle = rng.chance(0.7) ? MIDDLE_INITIALS[rng.int(0, MIDDLE_INITIALS.length - 1)] : null;
  const birthYear = rng.int(options.bornFrom, options.bornTo);
  const birthDt = isoDate2(birthYear, rng.int(1, 12), rng.int(1, 28));
  const dvRating = rng.chance(0.05) ? rng.weighted([[1, 30], [2, 25], [3, 20], [4, 25]]) : 0;
  const survivingSpouse = rng.chance(0.03);
  const traits = {
    claimsOv65: rng.chance(0.85),
    survivingSpouse,
    deceasedSpouseBirthDt: survivingSpouse ? isoDate2(birthYear - rng.int(0, 6), rng.int(1, 12), rng.int(1, 28)) : null,
    disabled: rng.chance(0.03),
    dvRating,
    dvSurvivor: dvRating > 0 && rng.chance(0.08),
    dvTotal: dvRating === 4 && rng.chance(0.35),
    waProgram: rng.chance(6e-3) ? rng.weighted([["SNR", 70], ["DSBL", 30]]) : null,
    waIncome: rng.int(14, 62) * 1e3 + rng.int(0, 999),
    solar: rng.chance(0.015)
  };
  return {
    acctId,
    kind: "person",
    firstName: first,
    lastName: last2,
    fileAsName: `${last2} ${first}${middle ? " " + middle : ""}`.toUpperCase(),
    applicantName: `${first}${middle ? " " + middle + "." : ""} ${last2}`,
    birthDt,
    birthYear,
    dlNum: rng.chance(0.65) ? `${rng.int(1, 4)}${rng.digits(7)}` : null,
    // The 9xx area numbers are never issued, so these can't be anyone's SSN.
    ssn: `9${rng.digits(2)}-${pad2(rng.int(1, 99), 2)}-${pad2(rng.int(1, 9999), 4)}`,
    traits
  };
}
function makeOrganisation(acctId, kind, name) {
  return {
    acctId,
    kind,
    firstName: null,
    lastName: null,
    fileAsName: name.toUpperCase().slice(0, 70),
    applicantName: name.slice(0, 70),
    birthDt: null,
    birthYear: 0,
    dlNum: null,
    ssn: null,
    traits: NO_TRAITS
  };
}
function businessName(rng) {
  return `${rng.pick(BUSINESS_WORDS)} ${rng.pick(BUSINESS_KINDS)} ${rng.pick(BUSINESS_SUFFIXES)}`;
}
function randomStreetLine(rng) {
  const prefix = rng.chance(0.15) ? rng.pick(STREET_PREFIXES) + " " : "";
  return `${rng.int(100, 9899)} ${prefix}${rng.pick(STREET_NAMES).toUpperCase()} ${rng.pick(STREET_SUFFIXES)}`;
}
function randomMailingAddress(rng, outOfCountyShare) {
  const line1 = rng.chance(0.08) ? `PO BOX ${rng.int(1, 9999)}` : randomStreetLine(rng);
  const line2 = rng.chance(0.07) ? rng.pick(["APT ", "STE ", "UNIT "]) + rng.int(1, 420) : null;
  if (rng.chance(outOfCountyShare)) {
    const city2 = rng.pick(OTHER_CITIES);
    return { line1, line2, city: city2.name, state: city2.state, zip: rng.pick(city2.zips) };
  }
  const city = rng.pick(COUNTY_CITIES);
  return { line1, line2, city: city.name, state: "TX", zip: rng.pick(city.zips) };
}
function writeAccount(sink, rng, account, mailing) {
  const confidential = account.kind === "person" && rng.chance(0.02);
  const email = account.kind !== "public" && rng.chance(account.kind === "person" ? 0.45 : 0.6) ? emailFor(rng, account) : null;
  sink("account", {
    acct_id: account.acctId,
    first_name: account.firstName,
    last_name: account.lastName,
    file_as_name: account.fileAsName,
    confidential_flag: confidential ? "T" : "F",
    confidential_file_as_name: confidential ? "CONFIDENTIAL OWNER" : null,
    dl_num: account.dlNum,
    dl_state: account.dlNum ? rng.chance(0.92) ? "TX" : rng.pick(["OK", "LA", "NM", "CO", "WA"]) : null,
    email_addr: email
  });
  sink("address", {
    acct_id: account.acctId,
    addr_type_cd: "M",
    primary_addr: "Y",
    addr_line1: mailing.line1,
    addr_line2: mailing.line2,
    addr_line3: null,
    addr_city: mailing.city,
    addr_state: mailing.state,
    zip: mailing.zip,
    country_cd: "US"
  });
  if (rng.chance(0.04)) {
    const other = randomMailingAddress(rng, 0.5);
    sink("address", {
      acct_id: account.acctId,
      addr_type_cd: "W",
      primary_addr: "N",
      addr_line1: other.line1,
      addr_line2: other.line2,
      addr_city: other.city,
      addr_state: other.state,
      zip: other.zip,
      country_cd: "US"
    });
  }
  const phones = rng.chance(0.75) ? rng.chance(0.25) ? 2 : 1 : 0;
  for (let i = 0; i < phones; i++) {
    sink("phone", {
      acct_id: account.acctId,
      phone_id: account.acctId * 2 + i,
      phone_type_cd: account.kind === "person" ? i === 0 ? rng.pick(["H", "C"]) : "C" : "B",
      phone_num: `(${rng.pick(["512", "737", "254", "830", "361"])}) 555-${rng.digits(4)}`
    });
  }
}
function emailFor(rng, account) {
  const local = account.firstName && account.lastName ? `${account.firstName}.${account.lastName}${rng.int(1, 99)}` : account.fileAsName.replace(/[^A-Za-z]+/g, "").slice(0, 20);
  return `${local.toLowerCase()}@${rng.pick(["example.com", "example.net", "example.org"])}`;
}
var NO_TRAITS;
var init_demo_accounts = __esm({
  "mcp/demo/demo-accounts.ts"() {
    "use strict";
    init_demo_calendar();
    init_demo_vocabulary();
    NO_TRAITS = {
      claimsOv65: false,
      survivingSpouse: false,
      deceasedSpouseBirthDt: null,
      disabled: false,
      dvRating: 0,
      dvSurvivor: false,
      dvTotal: false,
      waProgram: null,
      waIncome: 0,
      solar: false
    };
  }
});

// mcp/demo/demo-reference-data.ts
var EXEMPTION_TYPES, PROTEST_STATUSES, CLOSING_STATUSES, DOCKETED_STATUSES, CURRENT_YEAR_STATUS_WEIGHTS, PAST_YEAR_STATUS_WEIGHTS, PROTEST_TYPES, DOCKET_PROPERTY_TYPE_SETS, SUPPLEMENT_REASONS, PROP_TYPE_WEIGHTS, GEO_PREFIX;
var init_demo_reference_data = __esm({
  "mcp/demo/demo-reference-data.ts"() {
    "use strict";
    EXEMPTION_TYPES = [
      // Texas
      { exmpt_type_cd: "HS", exmpt_desc: "Residence homestead", federal_amt: 1e5, freeze_flag: "F" },
      { exmpt_type_cd: "OV65", exmpt_desc: "Over 65 (tax ceiling)", federal_amt: 1e4, freeze_flag: "T" },
      { exmpt_type_cd: "OV65S", exmpt_desc: "Over 65 surviving spouse", federal_amt: 1e4, freeze_flag: "T" },
      { exmpt_type_cd: "DP", exmpt_desc: "Disabled person (tax ceiling)", federal_amt: 1e4, freeze_flag: "T" },
      { exmpt_type_cd: "DV1", exmpt_desc: "Disabled veteran 10-30% (\xA711.22)", federal_amt: 5e3, freeze_flag: "F" },
      { exmpt_type_cd: "DV2", exmpt_desc: "Disabled veteran 30-50% (\xA711.22)", federal_amt: 7500, freeze_flag: "F" },
      { exmpt_type_cd: "DV3", exmpt_desc: "Disabled veteran 50-70% (\xA711.22)", federal_amt: 1e4, freeze_flag: "F" },
      { exmpt_type_cd: "DV4", exmpt_desc: "Disabled veteran 70%+ (\xA711.22)", federal_amt: 12e3, freeze_flag: "F" },
      { exmpt_type_cd: "DV1S", exmpt_desc: "Disabled veteran 10-30% surviving spouse", federal_amt: 5e3, freeze_flag: "F" },
      { exmpt_type_cd: "DV2S", exmpt_desc: "Disabled veteran 30-50% surviving spouse", federal_amt: 7500, freeze_flag: "F" },
      { exmpt_type_cd: "DV3S", exmpt_desc: "Disabled veteran 50-70% surviving spouse", federal_amt: 1e4, freeze_flag: "F" },
      { exmpt_type_cd: "DV4S", exmpt_desc: "Disabled veteran 70%+ surviving spouse", federal_amt: 12e3, freeze_flag: "F" },
      { exmpt_type_cd: "DVHS", exmpt_desc: "100% disabled veteran homestead (\xA711.131)", federal_amt: 0, freeze_flag: "F" },
      { exmpt_type_cd: "EX", exmpt_desc: "Total exemption (public, religious, charitable)", federal_amt: 0, freeze_flag: "F" },
      { exmpt_type_cd: "EX366", exmpt_desc: "Personal property under $2,500 (\xA711.145)", federal_amt: 0, freeze_flag: "F" },
      { exmpt_type_cd: "AB", exmpt_desc: "Abatement", federal_amt: 0, freeze_flag: "F" },
      { exmpt_type_cd: "FR", exmpt_desc: "Freeport goods", federal_amt: 0, freeze_flag: "F" },
      { exmpt_type_cd: "PC", exmpt_desc: "Pollution control", federal_amt: 0, freeze_flag: "F" },
      { exmpt_type_cd: "SO", exmpt_desc: "Solar / wind powered device", federal_amt: 0, freeze_flag: "F" },
      { exmpt_type_cd: "HT", exmpt_desc: "Historical site", federal_amt: 0, freeze_flag: "F" },
      { exmpt_type_cd: "CH", exmpt_desc: "Charitable organization", federal_amt: 0, freeze_flag: "F" },
      // Washington
      { exmpt_type_cd: "SNR/DSBL", exmpt_desc: "Senior citizen / disabled (RCW 84.36.381)", federal_amt: 0, freeze_flag: "T" },
      { exmpt_type_cd: "DOR", exmpt_desc: "Exempt by Department of Revenue", federal_amt: 0, freeze_flag: "F" },
      { exmpt_type_cd: "HOF", exmpt_desc: "Head of family personal property (RCW 84.36.110)", federal_amt: 15e3, freeze_flag: "F" },
      { exmpt_type_cd: "FARM", exmpt_desc: "Farm machinery and equipment (RCW 84.36.630)", federal_amt: 0, freeze_flag: "F" }
    ];
    PROTEST_STATUSES = [
      { status_cd: "F", status_desc: "Final (vendor default)", close_case: 1, generate_letter: 1 },
      { status_cd: "FR", status_desc: "Final, resolved (vendor default)", close_case: 1, generate_letter: 1 },
      { status_cd: "LN", status_desc: "Letter: notice (vendor default)", close_case: 0, generate_letter: 1 },
      { status_cd: "LP", status_desc: "Letter: pending (vendor default)", close_case: 0, generate_letter: 1 },
      { status_cd: "NS", status_desc: "No show (vendor default)", close_case: 0, generate_letter: 0 },
      { status_cd: "O", status_desc: "Open (vendor default)", close_case: 0, generate_letter: 0 },
      { status_cd: "S", status_desc: "Scheduled (vendor default)", close_case: 0, generate_letter: 1 },
      { status_cd: "OPEN", status_desc: "Open, not yet scheduled", close_case: 0, generate_letter: 0 },
      { status_cd: "INFORMAL_SCHEDULED", status_desc: "Informal meeting scheduled", close_case: 0, generate_letter: 1 },
      { status_cd: "SETTLED", status_desc: "Settled at the informal meeting", close_case: 1, generate_letter: 1 },
      { status_cd: "HEARING_SCHEDULED", status_desc: "Formal hearing scheduled", close_case: 0, generate_letter: 1 },
      { status_cd: "RESCHEDULED", status_desc: "Hearing rescheduled", close_case: 0, generate_letter: 1 },
      { status_cd: "HEARD", status_desc: "Heard, order pending", close_case: 0, generate_letter: 0 },
      { status_cd: "FINAL_ORDER", status_desc: "Final order issued", close_case: 1, generate_letter: 1 },
      { status_cd: "NO_SHOW", status_desc: "Owner did not appear", close_case: 0, generate_letter: 1 },
      { status_cd: "WITHDRAWN", status_desc: "Withdrawn by the owner", close_case: 1, generate_letter: 0 },
      { status_cd: "DISMISSED_UNTIMELY", status_desc: "Dismissed: filed late", close_case: 1, generate_letter: 1 },
      { status_cd: "APPEALED", status_desc: "Appealed (arbitration, district court or BTA)", close_case: 0, generate_letter: 0 }
    ];
    CLOSING_STATUSES = new Set(PROTEST_STATUSES.filter((s) => s.close_case === 1).map((s) => s.status_cd));
    DOCKETED_STATUSES = /* @__PURE__ */ new Set(["S", "HEARING_SCHEDULED", "RESCHEDULED", "HEARD", "FINAL_ORDER", "NO_SHOW", "NS", "F", "FR", "APPEALED"]);
    CURRENT_YEAR_STATUS_WEIGHTS = [
      ["OPEN", 30],
      ["O", 8],
      ["INFORMAL_SCHEDULED", 12],
      ["HEARING_SCHEDULED", 13],
      ["S", 4],
      ["RESCHEDULED", 4],
      ["SETTLED", 14],
      ["WITHDRAWN", 4],
      ["HEARD", 3],
      ["NO_SHOW", 2],
      ["LN", 2],
      ["LP", 1],
      ["FINAL_ORDER", 2],
      ["DISMISSED_UNTIMELY", 1]
    ];
    PAST_YEAR_STATUS_WEIGHTS = [
      ["FINAL_ORDER", 33],
      ["SETTLED", 33],
      ["WITHDRAWN", 12],
      ["F", 5],
      ["FR", 3],
      ["NS", 4],
      ["NO_SHOW", 2],
      ["DISMISSED_UNTIMELY", 3],
      ["APPEALED", 5]
    ];
    PROTEST_TYPES = [
      ["MKT", 60],
      ["UNEQ", 25],
      ["EXMPT", 6],
      ["AG", 3],
      ["OWN", 3],
      ["OTH", 3]
    ];
    DOCKET_PROPERTY_TYPE_SETS = ["R,MH", "R,MH", "R,MH", "R,MH,P,MN,A", "P"];
    SUPPLEMENT_REASONS = [
      [{ sup_cd: "CE", sup_desc: "Clerical error corrected (\xA725.25(b))", imprvFactor: [0.9, 1.08] }, 40],
      [{ sup_cd: "OP", sup_desc: "Omitted property added (\xA725.21)", imprvFactor: [1.05, 1.3] }, 20],
      [{ sup_cd: "SE", sup_desc: "Substantial error reduced (\xA725.25(c))", imprvFactor: [0.7, 0.92] }, 15],
      [{ sup_cd: "AO", sup_desc: "ARB order after certification", imprvFactor: [0.85, 0.97] }, 15],
      [{ sup_cd: "LC", sup_desc: "Late correction by the chief appraiser", imprvFactor: [0.95, 1.05] }, 10]
    ];
    PROP_TYPE_WEIGHTS = [
      ["R", 85],
      ["MH", 4],
      ["P", 8],
      ["MN", 2],
      ["A", 1]
    ];
    GEO_PREFIX = { R: "R", MH: "M", P: "P", MN: "N", A: "A" };
  }
});

// mcp/demo/prng.ts
function mix32(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  h ^= h >>> 16;
  return h >>> 0;
}
var Prng;
var init_prng = __esm({
  "mcp/demo/prng.ts"() {
    "use strict";
    Prng = class _Prng {
      state;
      constructor(seed) {
        this.state = seed >>> 0;
      }
      /** An independent stream for one entity (a parcel, an account), whatever order entities are built in. */
      static derive(seed, ...keys) {
        let h = mix32(seed >>> 0);
        for (const key of keys) h = mix32((h ^ Math.imul(key >>> 0, 2654435761)) >>> 0);
        return new _Prng(h);
      }
      /** Uniform in [0, 1). */
      next() {
        this.state = this.state + 1831565813 >>> 0;
        let t2 = this.state;
        t2 = Math.imul(t2 ^ t2 >>> 15, t2 | 1);
        t2 ^= t2 + Math.imul(t2 ^ t2 >>> 7, t2 | 61);
        return ((t2 ^ t2 >>> 14) >>> 0) / 4294967296;
      }
      /** Integer in [min, max], both ends included. */
      int(min, max) {
        return min + Math.floor(this.next() * (max - min + 1));
      }
      /** Real in [min, max). */
      real(min, max) {
        return min + this.next() * (max - min);
      }
      chance(probability) {
        return this.next() < probability;
      }
      pick(items) {
        return items[Math.floor(this.next() * items.length)];
      }
      /** Picks by relative weight: `weighted([['R', 85], ['P', 8]])`. */
      weighted(entries) {
        let total = 0;
        for (const [, weight] of entries) total += weight;
        let target = this.next() * total;
        for (const [value, weight] of entries) {
          target -= weight;
          if (target < 0) return value;
        }
        return entries[entries.length - 1][0];
      }
      /** Roughly normal (Irwin–Hall of four uniforms, so bounded to mean ± 3.46 sd). */
      normal(mean, sd) {
        const sum = this.next() + this.next() + this.next() + this.next();
        return mean + (sum - 2) * 1.7320508075688772 * sd;
      }
      /** A string of `count` decimal digits (leading zeros allowed). */
      digits(count) {
        let out = "";
        for (let i = 0; i < count; i++) out += String(Math.floor(this.next() * 10));
        return out;
      }
    };
  }
});

// mcp/demo/demo-world.ts
function hearingTime(rng, docket) {
  const startHour = Number(docket.start.slice(11, 13));
  return `${docket.date}T${pad2(startHour + rng.int(0, 2), 2)}:${pad2(rng.int(0, 3) * 15, 2)}:00`;
}
var DEMO_APPRAISAL_YEAR, STREAM, APPRAISER_COUNT, INACTIVE_APPRAISERS, BPP_APPRAISERS, PUBLIC_OWNER_FIRST_ID, INVESTOR_FIRST_ID, PANELS, PROTEST_RATE, DemoWorld;
var init_demo_world = __esm({
  "mcp/demo/demo-world.ts"() {
    "use strict";
    init_demo_accounts();
    init_demo_calendar();
    init_demo_reference_data();
    init_demo_vocabulary();
    init_prng();
    DEMO_APPRAISAL_YEAR = 2026;
    STREAM = { parcel: 1, mapGroup: 2, hood: 3, docket: 5, marketYear: 6, pool: 7 };
    APPRAISER_COUNT = 14;
    INACTIVE_APPRAISERS = /* @__PURE__ */ new Set([13, 14]);
    BPP_APPRAISERS = [11, 12];
    PUBLIC_OWNER_FIRST_ID = 1;
    INVESTOR_FIRST_ID = 101;
    PANELS = "ABCDEFGHJK";
    PROTEST_RATE = { R: 0.045, MH: 0.045, P: 0.045, MN: 0.012, A: 0.012 };
    DemoWorld = class {
      seed;
      size;
      lastYear = DEMO_APPRAISAL_YEAR;
      firstYear;
      years;
      /** The recent years that have protests. */
      protestYears;
      hoods;
      appraisers;
      publicOwners;
      investors;
      dockets = /* @__PURE__ */ new Map();
      /** First docket index per (year, type) that may still have room: booking is first-fit by date. */
      docketCursor = /* @__PURE__ */ new Map();
      caseIds = /* @__PURE__ */ new Map();
      eventId = 0;
      constructor(options) {
        this.seed = options.seed;
        this.size = options.size;
        this.firstYear = this.lastYear - options.years + 1;
        this.years = Array.from({ length: options.years }, (_, i) => this.firstYear + i);
        this.protestYears = new Set(this.years.slice(-3));
        this.appraisers = Array.from({ length: APPRAISER_COUNT }, (_, i) => {
          const id = i + 1;
          const name = APPRAISER_NAMES[i];
          const [last2, first] = name.split(", ");
          return { id, name, inactive: INACTIVE_APPRAISERS.has(id), pacsUserId: 100 + id, login: (first[0] + last2).toLowerCase() };
        });
        this.hoods = NEIGHBORHOOD_NAMES.map((name, i) => this.makeNeighborhood(name, i));
        this.publicOwners = PUBLIC_OWNERS.map(
          (name, i) => makeOrganisation(PUBLIC_OWNER_FIRST_ID + i, /CHURCH|IGLESIA|FOUNDATION|HABITAT|SOCIETY|ASSN|FIRE/.test(name) ? "charity" : "public", name)
        );
        const poolRng = Prng.derive(this.seed, STREAM.pool);
        this.investors = Array.from(
          { length: Math.max(5, Math.ceil(this.size / 250)) },
          (_, i) => makeOrganisation(
            INVESTOR_FIRST_ID + i,
            "investor",
            `${poolRng.pick(BUSINESS_WORDS)} ${poolRng.pick(INVESTOR_NAMES)} ${poolRng.pick(BUSINESS_SUFFIXES)}`
          )
        );
        for (const year2 of this.protestYears) this.dockets.set(year2, this.planDockets(year2));
      }
      isCertified(year2) {
        return year2 < this.lastYear;
      }
      noticeDate(year2) {
        return isoDate2(year2, 4, 15);
      }
      protestDeadline(year2) {
        return isoDate2(year2, 5, 15);
      }
      certificationDate(year2) {
        return isoDate2(year2, 7, 20 + year2 % 5);
      }
      appraiser(id) {
        return this.appraisers[id - 1];
      }
      activeAppraiserIds() {
        return this.appraisers.filter((a) => !a.inactive).map((a) => a.id);
      }
      nextCaseId(year2) {
        const next = (this.caseIds.get(year2) ?? 0) + 1;
        this.caseIds.set(year2, next);
        return next;
      }
      /** First docket of `year`, by date, that takes `propType` and is not full. */
      bookDocket(year2, propType) {
        const dockets = this.dockets.get(year2) ?? [];
        const key = `${year2}:${propType}`;
        let i = this.docketCursor.get(key) ?? 0;
        while (i < dockets.length && (dockets[i].booked >= dockets[i].maxHearings || !dockets[i].propTypes.includes(propType))) i++;
        this.docketCursor.set(key, i);
        if (i === dockets.length) return void 0;
        dockets[i].booked++;
        return dockets[i];
      }
      /** Writes an audit event about one parcel. */
      writeEvent(sink, propId, event) {
        const eventId = ++this.eventId;
        const appraiser = event.appraiserId ? this.appraiser(event.appraiserId) : void 0;
        sink("event", {
          event_id: eventId,
          system_type: "A",
          event_type: event.type,
          event_date: event.date,
          pacs_user: appraiser?.login ?? "system",
          pacs_user_id: appraiser?.pacsUserId ?? 1,
          event_desc: event.desc,
          ref_evt_type: event.type,
          ref_year: event.year,
          ref_num: event.refNum ?? null,
          ref_id1: propId,
          ref_id2: event.refId2 ?? null
        });
        sink("prop_event_assoc", { prop_id: propId, event_id: eventId });
      }
      /** Code tables, years, staff, supplements, dockets and the shared owners. */
      writeReferenceRows(sink) {
        sink("pacs_system", { id: 1, appr_yr: this.lastYear, tax_yr: this.lastYear - 1, future_yr: this.lastYear + 1 });
        for (const year2 of this.years) {
          sink("pacs_year", {
            tax_yr: year2,
            certification_dt: this.isCertified(year2) ? this.certificationDate(year2) : null,
            notice_dt: this.noticeDate(year2)
          });
        }
        for (const row of EXEMPTION_TYPES) sink("exmpt_type", { ...row });
        for (const row of PROTEST_STATUSES) sink("_arb_protest_status", { ...row });
        for (const a of this.appraisers) {
          sink("appraiser", { appraiser_id: a.id, appraiser_nm: a.name, inactive: a.inactive ? 1 : 0, pacs_user_id: a.pacsUserId });
        }
        for (const year2 of this.years) {
          for (const hood of this.hoods) {
            sink("neighborhood", { hood_cd: hood.code, hood_yr: year2, hood_name: hood.name, appraiser_id: hood.appraiserId });
          }
        }
        this.writeSupplements(sink);
        for (const dockets of this.dockets.values()) {
          for (const d of dockets) {
            sink("arb_docket", {
              docket_id: d.id,
              docket_start_dt: d.start,
              docket_end_dt: d.end,
              max_hearings: d.maxHearings,
              prop_type_cds: d.propTypes.join(",")
            });
          }
        }
        const poolRng = Prng.derive(this.seed, STREAM.pool, 1);
        for (const account of this.publicOwners) writeAccount(sink, poolRng, account, randomMailingAddress(poolRng, 0.1));
        for (const account of this.investors) writeAccount(sink, poolRng, account, randomMailingAddress(poolRng, 0.6));
      }
      /**
       * Each year has its original roll (sup_num 0). Certified years also have supplement 1,
       * accepted; the latest certified year has supplement 2 open, because a certified year
       * takes changes only through an open supplement.
       */
      writeSupplements(sink) {
        let groupId = 0;
        const group = (year2, supNum, desc, created, accepted, status) => {
          groupId++;
          sink("sup_group", {
            sup_group_id: groupId,
            sup_group_desc: desc,
            sup_create_dt: `${created}T08:00:00`,
            sup_accept_dt: accepted ? `${accepted}T16:30:00` : null,
            sup_accept_by_id: accepted ? this.appraiser(1).pacsUserId : null,
            status_cd: status
          });
          sink("supplement", { sup_tax_yr: year2, sup_num: supNum, sup_group_id: groupId });
        };
        for (const year2 of this.years) {
          const certified = this.isCertified(year2);
          group(year2, 0, `${year2} appraisal roll`, isoDate2(year2, 1, 2), certified ? this.certificationDate(year2) : null, certified ? "A" : "C");
          if (!certified) continue;
          group(year2, 1, `${year2} supplement 1`, addDays(this.certificationDate(year2), 7), isoDate2(year2, 12, 18), "A");
          if (year2 === this.lastYear - 1) group(year2, 2, `${year2} supplement 2`, isoDate2(year2 + 1, 1, 12), null, "C");
        }
      }
      makeNeighborhood(name, index) {
        const rng = Prng.derive(this.seed, STREAM.hood, index);
        const rural = /Rural|Ranches|Farms|Acres/.test(name);
        const streetNames = /* @__PURE__ */ new Set();
        while (streetNames.size < rng.int(4, 7)) streetNames.add(rng.pick(STREET_NAMES).toUpperCase());
        const growth = /* @__PURE__ */ new Map();
        const baseGrowth = rng.real(0.03, 0.08);
        for (const year2 of this.years) {
          const market = Prng.derive(this.seed, STREAM.marketYear, year2).normal(0, 0.025);
          growth.set(year2, baseGrowth + market + rng.normal(0, 0.012));
        }
        const code = String(1e3 + (index + 1) * 10);
        const subdivisionCount = rural ? 1 : rng.int(1, 3);
        return {
          code,
          name,
          appraiserId: index % 10 + 1,
          rural,
          city: COUNTY_CITIES[index % COUNTY_CITIES.length],
          streets: [...streetNames].map((streetName) => ({
            prefix: rng.chance(0.15) ? rng.pick(STREET_PREFIXES) : null,
            name: streetName,
            suffix: rng.pick(STREET_SUFFIXES)
          })),
          subdivisions: Array.from({ length: subdivisionCount }, (_, s) => ({
            code: `S${code}${"ABC"[s]}`,
            name: rural ? `${name.toUpperCase()} SURVEY` : `${name.toUpperCase()} ${rng.pick(["ADDN", "SUBD", "ESTATES", "PHASE " + (s + 1)])}`
          })),
          lotBase: Math.round(rng.real(25e3, 16e4)),
          acreValue: Math.round(rng.real(3500, 14e3)),
          imprvRate: rng.real(85, 210),
          agUsePerAcre: Math.round(rng.real(90, 260)),
          growth
        };
      }
      /**
       * Hearing dockets of a protest year: weekday sessions from June, morning and afternoon, on
       * as many panels as the expected caseload needs (about 1.4x, so some dockets fill, some don't).
       */
      planDockets(year2) {
        const docketedShare = year2 === this.lastYear ? 0.3 : 0.57;
        const expected = this.size * 0.043 * docketedShare;
        const count = Math.max(4, Math.ceil(expected * 1.4 / 16));
        const perDay = Math.min(PANELS.length * 2, 2 * Math.ceil(count / 80));
        const firstId = [...this.dockets.values()].reduce((n, list) => n + list.length, 0) + 1;
        const rng = Prng.derive(this.seed, STREAM.docket, year2);
        const dockets = [];
        let date2 = isoDate2(year2, 6, 1);
        for (let d = 0; d < count; d++) {
          const slot = d % perDay;
          if (d > 0 && slot === 0) date2 = addDays(date2, 1);
          while (isWeekend(date2)) date2 = addDays(date2, 1);
          const morning = slot % 2 === 0;
          dockets.push({
            id: firstId + d,
            year: year2,
            date: date2,
            start: `${date2}T${morning ? "08:30" : "13:00"}:00`,
            end: `${date2}T${morning ? "12:00" : "16:30"}:00`,
            maxHearings: rng.pick([8, 12, 16, 20, 24]),
            propTypes: DOCKET_PROPERTY_TYPE_SETS[d % DOCKET_PROPERTY_TYPE_SETS.length].split(","),
            panel: PANELS[Math.floor(slot / 2)],
            booked: 0
          });
        }
        return dockets;
      }
    };
  }
});

// mcp/demo/demo-protests.ts
function planProtest(world, rng, input) {
  const current = input.year === world.lastYear;
  let status = rng.weighted(current ? CURRENT_YEAR_STATUS_WEIGHTS : PAST_YEAR_STATUS_WEIGHTS);
  let docket;
  if (DOCKETED_STATUSES.has(status) || status === "WITHDRAWN" && rng.chance(0.4)) {
    docket = world.bookDocket(input.year, input.propType);
    if (!docket && DOCKETED_STATUSES.has(status)) status = current ? "OPEN" : "SETTLED";
  }
  const filed = status === "DISMISSED_UNTIMELY" ? dateBetween(rng, addDays(world.protestDeadline(input.year), 1), addDays(world.protestDeadline(input.year), 50)) : dateBetween(rng, addDays(world.noticeDate(input.year), 1), world.protestDeadline(input.year));
  const active = world.activeAppraiserIds();
  const staff = rng.chance(0.85) ? input.preferredAppraiserId : rng.pick(active);
  const unassigned = UNASSIGNED_STATUSES.has(status) && rng.chance(0.8) || status === "DISMISSED_UNTIMELY";
  const heard = docket !== void 0 && !AWAITING_HEARING.has(status);
  const hearingStaff = heard || docket && rng.chance(0.4) ? rng.chance(0.7) ? staff : rng.pick(active) : null;
  const hasFinalValue = CLOSING_STATUSES.has(status) || status === "APPEALED" || !current && (status === "NO_SHOW" || status === "NS");
  let reduction = 1;
  if (status === "SETTLED" && rng.chance(0.75)) reduction = rng.real(0.85, 0.98);
  if ((status === "FINAL_ORDER" || status === "F" || status === "FR") && rng.chance(0.45)) reduction = rng.real(0.88, 0.99);
  if (status === "APPEALED" && rng.chance(0.3)) reduction = rng.real(0.92, 0.99);
  let completeDt = null;
  if (hasFinalValue) {
    if (docket) completeDt = hearingTime(rng, docket);
    else if (status === "DISMISSED_UNTIMELY") completeDt = officeTime(rng, addDays(filed, rng.int(2, 20)));
    else completeDt = officeTime(rng, addDays(filed, rng.int(5, 45)));
  }
  let protType = rng.weighted(PROTEST_TYPES);
  if (protType === "AG" && !input.agParcel) protType = "MKT";
  return {
    input,
    caseId: world.nextCaseId(input.year),
    status,
    reduction,
    hasFinalValue,
    createDt: officeTime(rng, filed),
    completeDt,
    appraisalStaff: unassigned ? null : staff,
    hearingStaff,
    docket,
    protType,
    opinionOfValue: rng.chance(0.7) ? Math.round(input.beginMarket * rng.real(0.6, 0.93) / 100) * 100 : null,
    decisionReason: hasFinalValue ? decisionReason(status, reduction < 1) : null
  };
}
function writeProtest(world, sink, plan, final) {
  const { input } = plan;
  sink("_arb_protest", {
    prop_id: input.propId,
    prop_val_yr: input.year,
    case_id: plan.caseId,
    prot_type: plan.protType,
    prot_status: plan.status,
    prot_create_dt: plan.createDt,
    prot_complete_dt: plan.completeDt,
    prot_appraisal_staff: plan.appraisalStaff,
    prot_hearing_appraisal_staff: plan.hearingStaff,
    docket_id: plan.docket?.id ?? null,
    prot_assigned_panel: plan.docket?.panel ?? null,
    opinion_of_value: plan.opinionOfValue,
    begin_market: input.beginMarket,
    begin_appraised_val: input.beginAppraised,
    final_market: plan.hasFinalValue ? final.market : null,
    final_appraised_val: plan.hasFinalValue ? final.appraised : null,
    decision_reason_cd: plan.decisionReason
  });
  world.writeEvent(sink, input.propId, {
    type: "ARBPROT",
    date: plan.createDt,
    desc: `Protest filed, case ${input.year}-${plan.caseId}`,
    year: input.year,
    refNum: plan.caseId
  });
  if (plan.completeDt) {
    world.writeEvent(sink, input.propId, {
      type: "ARBCLOSE",
      date: plan.completeDt,
      desc: `Protest ${input.year}-${plan.caseId}: ${plan.status}, final market ${final.market}`,
      appraiserId: plan.hearingStaff ?? plan.appraisalStaff,
      year: input.year,
      refNum: plan.caseId
    });
  }
}
function decisionReason(status, reduced) {
  switch (status) {
    case "WITHDRAWN":
      return "WD";
    case "DISMISSED_UNTIMELY":
      return "DU";
    case "NO_SHOW":
    case "NS":
      return "NS";
    case "SETTLED":
      return reduced ? "AGR" : "NC";
    default:
      return reduced ? "RD" : "NC";
  }
}
var UNASSIGNED_STATUSES, AWAITING_HEARING;
var init_demo_protests = __esm({
  "mcp/demo/demo-protests.ts"() {
    "use strict";
    init_demo_calendar();
    init_demo_reference_data();
    init_demo_world();
    UNASSIGNED_STATUSES = /* @__PURE__ */ new Set(["OPEN", "O"]);
    AWAITING_HEARING = /* @__PURE__ */ new Set(["S", "HEARING_SCHEDULED", "RESCHEDULED"]);
  }
});

// mcp/demo/demo-parcel.ts
function writeParcel(world, index, sink) {
  new ParcelBuilder(world, index, sink).build();
}
function valueLayer(raw, homestead, capBase) {
  const parts = {
    lot: round10(raw.lot),
    extraLand: round10(raw.extraLand),
    agMarket: round10(raw.agMarket),
    agUse: Math.round(raw.agUse),
    mainImprv: round10(raw.mainImprv),
    miscImprv: round10(raw.miscImprv),
    personal: round10(raw.personal)
  };
  const imprv = parts.mainImprv + parts.miscImprv;
  const land = parts.lot + parts.extraLand;
  const market = land + imprv + parts.personal + parts.agMarket;
  const appraised = market - parts.agMarket + parts.agUse;
  const assessed = capBase !== null ? Math.min(appraised, Math.round(capBase * 1.1)) : appraised;
  return {
    parts,
    land_hstd_val: homestead ? parts.lot : 0,
    land_non_hstd_val: homestead ? parts.extraLand : land,
    imprv_hstd_val: homestead ? imprv : 0,
    imprv_non_hstd_val: homestead ? parts.personal : imprv + parts.personal,
    ag_use_val: parts.agUse,
    ag_market: parts.agMarket,
    market,
    appraised_val: appraised,
    ten_percent_cap: appraised - assessed,
    assessed_val: assessed
  };
}
function scaleParts(parts, factor) {
  if (parts.mainImprv > 0) return scaleImprovements(parts, factor);
  if (parts.personal > 0) return { ...parts, personal: parts.personal * factor };
  return { ...parts, lot: parts.lot * factor, extraLand: parts.extraLand * factor, agMarket: parts.agMarket * factor };
}
function scaleImprovements(parts, factor) {
  if (parts.mainImprv === 0) return scaleParts(parts, factor);
  return { ...parts, mainImprv: parts.mainImprv * factor, miscImprv: parts.miscImprv * factor };
}
function round10(value) {
  return Math.round(value / 10) * 10;
}
function round4(value) {
  return Math.round(value * 1e4) / 1e4;
}
var FIRST_PROP_ID, PARCELS_PER_MAP, SUPPLEMENT_RATE, BUSINESS_VALUE_BANDS, MINERAL_VALUE_BANDS, ParcelBuilder;
var init_demo_parcel = __esm({
  "mcp/demo/demo-parcel.ts"() {
    "use strict";
    init_demo_accounts();
    init_demo_calendar();
    init_demo_protests();
    init_demo_reference_data();
    init_demo_vocabulary();
    init_demo_world();
    init_prng();
    FIRST_PROP_ID = 10001;
    PARCELS_PER_MAP = 24;
    SUPPLEMENT_RATE = 0.1;
    BUSINESS_VALUE_BANDS = [
      [[800, 2500], 15],
      [[2500, 25e3], 40],
      [[25e3, 25e4], 35],
      [[25e4, 3e6], 10]
    ];
    MINERAL_VALUE_BANDS = [
      [[150, 2e3], 45],
      [[2e3, 2e4], 40],
      [[2e4, 9e4], 15]
    ];
    ParcelBuilder = class {
      constructor(world, index, sink) {
        this.world = world;
        this.sink = sink;
        this.propId = FIRST_PROP_ID - 1 + index;
        this.rng = Prng.derive(world.seed, STREAM.parcel, this.propId);
        this.type = this.rng.weighted(PROP_TYPE_WEIGHTS);
        const mapGroup = Math.floor((index - 1) / PARCELS_PER_MAP);
        this.groupRng = Prng.derive(world.seed, STREAM.mapGroup, mapGroup);
        this.hood = world.hoods[this.groupRng.int(0, world.hoods.length - 1)];
        this.block = this.groupRng.int(1, 60);
        this.lotNumber = (index - 1) % PARCELS_PER_MAP + 1;
      }
      world;
      sink;
      rng;
      propId;
      type;
      hood;
      block;
      lotNumber;
      groupRng;
      nextAccountSlot = 0;
      situsAddress = null;
      build() {
        const { rng, world } = this;
        const mapNumber = Math.floor((this.propId - FIRST_PROP_ID) / PARCELS_PER_MAP) + 1;
        const geoId = `${GEO_PREFIX[this.type]}${String(mapNumber).padStart(6, "0")}-${String(this.lotNumber).padStart(4, "0")}`;
        const dba = this.type === "P" || this.type === "A" && rng.chance(0.5) ? businessName(rng) : null;
        this.sink("property", {
          prop_id: this.propId,
          prop_type_cd: this.type,
          geo_id: geoId,
          simple_geo_id: geoId.replace("-", ""),
          ref_id1: `X${String(this.propId * 7 + 3).padStart(8, "0")}`,
          ref_id2: this.type === "MN" ? `RRC${rng.digits(6)}` : null,
          dba_name: dba,
          prop_create_dt: isoDate2(rng.int(1998, world.firstYear - 1), rng.int(1, 12), rng.int(1, 28))
        });
        this.writeSitus();
        const land = this.planLand();
        const legal = this.legalDescription(land, dba);
        let parts = this.initialValue(land);
        const spells = this.planOwnership(land);
        const agParcel = land.ag;
        const marketByYear = /* @__PURE__ */ new Map();
        const baseAppraiser = this.type === "P" || this.type === "MN" || this.type === "A" ? BPP_APPRAISERS[this.propId % 2] : this.hood.appraiserId;
        let previousAssessed = 0;
        let previousHomesteadSpell = -1;
        for (const year2 of world.years) {
          if (year2 > world.firstYear) parts = this.grow(parts, land, year2);
          const spell = spells.find((s) => year2 >= s.startYear && year2 <= s.endYear);
          const capBase = spell.homestead && previousHomesteadSpell === spell.index ? previousAssessed : null;
          const notice = valueLayer(parts, spell.homestead, capBase);
          const lastAppraiserId = this.lastAppraiser(year2, baseAppraiser);
          let roll = notice;
          if (world.protestYears.has(year2) && rng.chance(PROTEST_RATE[this.type])) {
            const plan = planProtest(world, rng, {
              propId: this.propId,
              propType: this.type,
              year: year2,
              preferredAppraiserId: lastAppraiserId && !world.appraiser(lastAppraiserId).inactive ? lastAppraiserId : baseAppraiser,
              agParcel,
              beginMarket: notice.market,
              beginAppraised: notice.appraised_val
            });
            if (plan.reduction < 1) roll = valueLayer(scaleParts(parts, plan.reduction), spell.homestead, capBase);
            writeProtest(world, this.sink, plan, { market: roll.market, appraised: roll.appraised_val });
          }
          const description = {
            legal_desc: legal.desc,
            legal_acreage: land.acres,
            abs_subdv_cd: legal.subdivision,
            hood_cd: this.type === "MN" || this.type === "A" ? null : this.hood.code,
            block: legal.block,
            tract_or_lot: legal.tractOrLot,
            last_appraiser_id: lastAppraiserId,
            next_appraiser_id: year2 === world.lastYear && rng.chance(0.6) ? baseAppraiser : null
          };
          const exemptions = this.exemptions(year2, spell, spells, roll);
          this.writeLayer(year2, 0, description, null, roll, spell, exemptions, land);
          let currentSupNum = 0;
          if (world.isCertified(year2) && rng.chance(SUPPLEMENT_RATE)) {
            const reason = rng.weighted(SUPPLEMENT_REASONS);
            const factor = rng.real(reason.imprvFactor[0], reason.imprvFactor[1]);
            const supplemented = valueLayer(scaleImprovements(roll.parts, factor), spell.homestead, capBase);
            const supDt = dateBetween(rng, addDays(world.certificationDate(year2), 8), isoDate2(year2, 12, 15));
            this.writeLayer(year2, 1, description, { sup_cd: reason.sup_cd, sup_desc: reason.sup_desc, sup_dt: supDt }, supplemented, spell, exemptions, land);
            world.writeEvent(this.sink, this.propId, {
              type: "SUPLMNT",
              date: officeTime(rng, supDt),
              desc: `${reason.sup_cd}: market ${roll.market} -> ${supplemented.market}`,
              appraiserId: lastAppraiserId ?? baseAppraiser,
              year: year2,
              refNum: 1
            });
            currentSupNum = 1;
          }
          this.sink("prop_supp_assoc", { owner_tax_yr: year2, sup_num: currentSupNum, prop_id: this.propId });
          marketByYear.set(year2, roll.market);
          previousAssessed = roll.assessed_val;
          previousHomesteadSpell = spell.homestead ? spell.index : -1;
        }
        this.writeSales(spells, marketByYear);
      }
      /** One supplement layer of a year: its values, owners, exemptions, buildings and land. */
      writeLayer(year2, supNum, description, supplement, layer, spell, exemptions, land) {
        const parts = layer.parts;
        this.sink("property_val", {
          prop_val_yr: year2,
          sup_num: supNum,
          prop_id: this.propId,
          land_hstd_val: layer.land_hstd_val,
          land_non_hstd_val: layer.land_non_hstd_val,
          imprv_hstd_val: layer.imprv_hstd_val,
          imprv_non_hstd_val: layer.imprv_non_hstd_val,
          ag_use_val: layer.ag_use_val,
          ag_market: layer.ag_market,
          market: layer.market,
          appraised_val: layer.appraised_val,
          ten_percent_cap: layer.ten_percent_cap,
          assessed_val: layer.assessed_val,
          legal_desc: description.legal_desc,
          legal_acreage: description.legal_acreage,
          abs_subdv_cd: description.abs_subdv_cd,
          hood_cd: description.hood_cd,
          block: description.block,
          tract_or_lot: description.tract_or_lot,
          prev_sup_num: supplement ? 0 : null,
          sup_cd: supplement?.sup_cd ?? null,
          sup_desc: supplement?.sup_desc ?? null,
          sup_dt: supplement?.sup_dt ?? null,
          sup_action: supplement ? "M" : null,
          prop_inactive_dt: null,
          last_appraiser_id: description.last_appraiser_id,
          next_appraiser_id: description.next_appraiser_id
        });
        spell.owners.forEach((owner, i) => {
          this.sink("owner", {
            owner_tax_yr: year2,
            sup_num: supNum,
            prop_id: this.propId,
            owner_id: owner.acctId,
            pct_ownership: spell.pcts[i],
            hs_prop: spell.homestead ? "T" : "F",
            birth_dt: owner.birthDt
          });
        });
        for (const exemption of exemptions) {
          exemption.sup_num = supNum;
          this.sink("property_exemption", exemption);
        }
        if (parts.mainImprv > 0) {
          this.sink("imprv", {
            prop_val_yr: year2,
            sup_num: supNum,
            sale_id: 0,
            prop_id: this.propId,
            imprv_id: this.propId * 10 + 1,
            imprv_type_cd: this.type === "MH" ? "MH" : "R",
            imprv_desc: this.type === "MH" ? "MOBILE HOME" : `RESIDENCE ${land.sqft} SF`,
            imprv_val: parts.mainImprv,
            actual_year_built: land.builtYear
          });
        }
        if (parts.miscImprv > 0) {
          this.sink("imprv", {
            prop_val_yr: year2,
            sup_num: supNum,
            sale_id: 0,
            prop_id: this.propId,
            imprv_id: this.propId * 10 + 2,
            imprv_type_cd: "MISC",
            imprv_desc: land.miscDesc,
            imprv_val: parts.miscImprv,
            actual_year_built: Math.min(year2, land.builtYear + 3)
          });
        }
        if (parts.lot > 0) {
          const acres = land.rural ? 1 : land.acres ?? 0;
          this.sink("land_detail", {
            prop_val_yr: year2,
            sup_num: supNum,
            sale_id: 0,
            prop_id: this.propId,
            land_seg_id: this.propId * 10 + 1,
            land_type_cd: spell.homestead ? "HS" : land.rural ? "RUR" : "RES",
            size_acres: acres,
            size_square_feet: Math.round(acres * 43560 * 100) / 100,
            ag_apply: "F",
            land_seg_mkt_val: parts.lot,
            ag_val: 0
          });
        }
        if (parts.extraLand > 0 || parts.agMarket > 0) {
          const acres = Math.round(((land.acres ?? 1) - 1) * 1e4) / 1e4;
          this.sink("land_detail", {
            prop_val_yr: year2,
            sup_num: supNum,
            sale_id: 0,
            prop_id: this.propId,
            land_seg_id: this.propId * 10 + 2,
            land_type_cd: land.ag ? "AG" : "RUR",
            size_acres: acres,
            size_square_feet: Math.round(acres * 43560 * 100) / 100,
            ag_apply: land.ag ? "T" : "F",
            land_seg_mkt_val: land.ag ? parts.agMarket : parts.extraLand,
            ag_val: land.ag ? parts.agUse : 0
          });
        }
      }
      writeSitus() {
        const { rng } = this;
        if (this.type === "MN" || this.type === "A" || this.type === "P" && rng.chance(0.1)) return;
        const street = rng.pick(this.hood.streets);
        const number = String(rng.int(1, 120) * 10 + this.lotNumber % 2 * 5 + 100);
        const unit = this.type === "P" && rng.chance(0.25) ? String(rng.int(1, 30) * 10) : this.type === "MH" && rng.chance(0.5) ? String(this.lotNumber) : null;
        const zip = rng.pick(this.hood.city.zips);
        const situs = (situsId, primary, num) => this.sink("situs", {
          prop_id: this.propId,
          situs_id: situsId,
          primary_situs: primary ? "Y" : "N",
          situs_num: num,
          situs_street_prefx: street.prefix,
          situs_street: street.name,
          situs_street_sufix: street.suffix,
          situs_unit: primary ? unit : null,
          situs_city: this.hood.city.name,
          situs_state: "TX",
          situs_zip: zip
        });
        situs(this.propId * 2, true, number);
        if (this.type === "R" && rng.chance(0.05)) situs(this.propId * 2 + 1, false, String(Number(number) + 2));
        const line1 = [number, street.prefix, street.name, street.suffix].filter(Boolean).join(" ");
        this.situsAddress = { line1, line2: unit ? `UNIT ${unit}` : null, city: this.hood.city.name, state: "TX", zip };
      }
      planLand() {
        const { rng, world } = this;
        const land = { acres: null, rural: false, ag: false, vacant: false, builtYear: 0, sqft: 0, miscDesc: "" };
        if (this.type === "R") {
          land.rural = rng.chance(this.hood.rural ? 0.7 : 0.03);
          land.acres = round4(land.rural ? rng.real(3, 80) : rng.real(0.12, 0.45));
          land.ag = land.rural && rng.chance(0.7);
          land.vacant = rng.chance(0.08);
          land.builtYear = rng.int(1950, world.firstYear - 1);
          land.sqft = rng.int(90, 420) * 10;
          land.miscDesc = rng.pick(["DETACHED GARAGE", "SWIMMING POOL", "BARN", "WORKSHOP", "CARPORT", "STORAGE BUILDING"]);
        } else if (this.type === "MH") {
          land.acres = rng.chance(0.65) ? null : round4(rng.real(0.2, 1.5));
          land.builtYear = rng.int(1985, world.firstYear - 1);
        }
        return land;
      }
      initialValue(land) {
        const { rng, hood } = this;
        const parts = { lot: 0, extraLand: 0, agMarket: 0, agUse: 0, mainImprv: 0, miscImprv: 0, personal: 0 };
        switch (this.type) {
          case "R": {
            const acres = land.acres ?? 0.25;
            parts.lot = land.rural ? hood.lotBase * 0.6 * rng.real(0.8, 1.2) : hood.lotBase * rng.real(0.8, 1.25) * Math.sqrt(acres / 0.25);
            const extraAcres = land.rural ? acres - 1 : 0;
            if (land.ag) {
              parts.agMarket = extraAcres * hood.acreValue * rng.real(0.85, 1.15);
              parts.agUse = extraAcres * hood.agUsePerAcre;
            } else {
              parts.extraLand = extraAcres * hood.acreValue * rng.real(0.85, 1.15);
            }
            if (!land.vacant) {
              const age = this.world.firstYear - land.builtYear;
              parts.mainImprv = land.sqft * hood.imprvRate * rng.real(0.85, 1.15) * Math.max(0.55, 1 - age * 7e-3);
              if (rng.chance(0.3)) parts.miscImprv = parts.mainImprv * rng.real(0.04, 0.12);
            }
            break;
          }
          case "MH":
            parts.lot = land.acres === null ? 0 : hood.lotBase * 0.5 * rng.real(0.8, 1.2);
            parts.mainImprv = rng.real(18e3, 9e4);
            break;
          case "P": {
            const [low, high] = rng.weighted(BUSINESS_VALUE_BANDS);
            parts.personal = rng.real(low, high);
            break;
          }
          case "MN": {
            const [low, high] = rng.weighted(MINERAL_VALUE_BANDS);
            parts.personal = rng.real(low, high);
            break;
          }
          default:
            parts.personal = rng.real(8e3, 7e4);
        }
        return parts;
      }
      /** Next year's value: the neighborhood trend with noise; buildings age, minerals deplete, vehicles depreciate. */
      grow(previous, land, year2) {
        const { rng } = this;
        const trend = (this.hood.growth.get(year2) ?? 0.04) + rng.normal(0, 0.012);
        const landFactor = 1 + trend + rng.normal(0, 0.01);
        const parts = { ...previous };
        parts.lot *= landFactor;
        parts.extraLand *= landFactor;
        parts.agMarket *= landFactor;
        parts.agUse *= 1 + rng.normal(0.01, 0.02);
        if (this.type === "MH") parts.mainImprv *= 1 - 0.03 + 0.4 * trend + rng.normal(0, 0.01);
        else {
          const imprvFactor = 1 + trend - 0.012 + rng.normal(0, 0.012);
          parts.mainImprv *= imprvFactor;
          parts.miscImprv *= imprvFactor;
        }
        if (this.type === "R" && land.vacant && rng.chance(0.04)) {
          land.vacant = false;
          land.builtYear = year2 - 1;
          parts.mainImprv = land.sqft * this.hood.imprvRate * rng.real(0.95, 1.2);
        }
        if (this.type === "P") parts.personal *= 1 + rng.normal(0.02, 0.08);
        if (this.type === "MN") parts.personal *= Math.max(0.3, 1 + rng.normal(-0.04, 0.15));
        if (this.type === "A") parts.personal *= 1 + rng.normal(-0.12, 0.03);
        return parts;
      }
      lastAppraiser(year2, base) {
        const { rng, world } = this;
        const roll = rng.next();
        const inactiveShare = year2 <= world.lastYear - 3 ? 0.2 : year2 === world.lastYear ? 0.04 : 0.02;
        if (roll < 0.12) return null;
        if (roll < 0.12 + inactiveShare) return rng.pick([13, 14]);
        if (roll < 0.22 + inactiveShare) return rng.pick(world.activeAppraiserIds());
        return base;
      }
      legalDescription(land, dba) {
        const { rng } = this;
        const subdivision = this.groupRng.pick(this.hood.subdivisions);
        switch (this.type) {
          case "R":
            if (land.rural) {
              const tract = `TR ${this.lotNumber}`;
              return { desc: `ABS ${100 + this.block} ${subdivision.name}, ${tract}, ${(land.acres ?? 0).toFixed(3)} ACRES`, subdivision: subdivision.code, block: null, tractOrLot: tract };
            }
            return { desc: `LOT ${this.lotNumber} BLK ${this.block} ${subdivision.name}`, subdivision: subdivision.code, block: String(this.block), tractOrLot: String(this.lotNumber) };
          case "MH":
            return {
              desc: `MH ${land.builtYear} SERIAL DEMO${rng.digits(8)}${land.acres === null ? ` IN ${this.hood.name.toUpperCase()} MHP LOT ${this.lotNumber}` : ` ON ${land.acres.toFixed(3)} ACRES`}`,
              subdivision: subdivision.code,
              block: null,
              tractOrLot: String(this.lotNumber)
            };
          case "P":
            return { desc: `BUSINESS PERSONAL PROPERTY: ${dba ?? "INVENTORY AND EQUIPMENT"}`, subdivision: null, block: null, tractOrLot: null };
          case "MN":
            return { desc: `RI ${rng.real(1e-4, 0.02).toFixed(7)} ${rng.pick(MINERAL_LEASES)} #${rng.int(1, 12)} WELL ${rng.int(1, 9)}`, subdivision: null, block: null, tractOrLot: null };
          default:
            return { desc: `VEH ${rng.pick(VEHICLES)} VIN DEMO${rng.digits(13)}`, subdivision: null, block: null, tractOrLot: null };
        }
      }
      /** The owners over the years: a first set, and a new set after each sale. */
      planOwnership(land) {
        const { rng, world } = this;
        const publicOwned = this.type === "R" && rng.chance(0.015);
        const spells = [this.newSpell(0, world.firstYear, null, land, publicOwned)];
        const saleRate = this.type === "R" || this.type === "MH" ? 0.055 : 0.03;
        for (const year2 of world.years.slice(1)) {
          if (publicOwned || spells.length >= 4 || !rng.chance(saleRate)) continue;
          spells[spells.length - 1].endYear = year2 - 1;
          const deedDt = dateBetween(rng, isoDate2(year2 - 1, 2, 1), isoDate2(year2 - 1, 12, 20));
          spells.push(this.newSpell(spells.length, year2, deedDt, land, false));
        }
        return spells;
      }
      newSpell(index, startYear, deedDt, land, publicOwned) {
        const { rng, world } = this;
        const spell = { index, startYear, endYear: world.lastYear, owners: [], pcts: [100], homestead: false, hsQualifyYear: startYear, deedDt };
        if (publicOwned) {
          spell.owners = [rng.pick(world.publicOwners)];
          return spell;
        }
        const residential = this.type === "R" || this.type === "MH";
        if (this.type === "R" && rng.chance(index === 0 ? 0.04 : 0.08)) {
          spell.owners = [rng.pick(world.investors)];
          return spell;
        }
        const business = this.type === "P" || this.type === "A" && rng.chance(0.6) || this.type === "MN" && rng.chance(0.3);
        if (business) {
          const account = makeOrganisation(this.nextAccountId(), "business", businessName(rng));
          writeAccount(this.sink, rng, account, randomMailingAddress(rng, 0.25));
          spell.owners = [account];
          return spell;
        }
        const first = this.newPerson(index === 0 ? 1940 : 1945, index === 0 ? 1995 : 2e3);
        spell.owners = [first];
        if (residential && rng.chance(0.45)) {
          const spouse = makePerson(rng, this.nextAccountId(), {
            lastName: rng.chance(0.85) ? first.lastName ?? void 0 : void 0,
            bornFrom: first.birthYear - 6,
            bornTo: first.birthYear + 6
          });
          spell.owners.push(spouse);
          spell.pcts = rng.chance(0.9) ? [50, 50] : [60, 40];
        }
        spell.homestead = !land.vacant && (this.type === "R" && rng.chance(0.62) || this.type === "MH" && rng.chance(0.5));
        spell.hsQualifyYear = index === 0 ? rng.int(Math.min(world.firstYear, Math.max(1980, first.birthYear + 22)), world.firstYear) : startYear;
        const mailing = spell.homestead && this.situsAddress ? this.situsAddress : randomMailingAddress(rng, this.type === "MN" ? 0.7 : 0.3);
        for (const owner of spell.owners) writeAccount(this.sink, rng, owner, mailing);
        return spell;
      }
      newPerson(bornFrom, bornTo) {
        return makePerson(this.rng, this.nextAccountId(), { bornFrom, bornTo });
      }
      /** Account ids derive from the prop_id (prop_id * 10 + n), so no counter runs across parcels. */
      nextAccountId() {
        if (this.nextAccountSlot > 9) throw new Error(`demo generator: parcel ${this.propId} ran out of account ids`);
        return this.propId * 10 + this.nextAccountSlot++;
      }
      /** The year's exemption rows (without sup_num): homestead and personal ones per owner, parcel-level ones on the first owner. */
      exemptions(year2, spell, spells, layer) {
        const rows = [];
        const nextSpell = spells[spell.index + 1];
        const termination = nextSpell && year2 === spell.endYear ? nextSpell.deedDt : null;
        const add = (owner, code, qualifyYear, extra = {}) => {
          rows.push({
            exmpt_tax_yr: year2,
            owner_tax_yr: year2,
            prop_id: this.propId,
            owner_id: owner.acctId,
            exmpt_type_cd: code,
            prop_type_cd: this.type,
            applicant_nm: owner.applicantName,
            effective_dt: isoDate2(qualifyYear, 1, 1),
            termination_dt: termination,
            qualify_yr: qualifyYear,
            review_status_cd: year2 === this.world.lastYear && owner.acctId % 37 === 0 ? "P" : null,
            ...extra
          });
        };
        const first = spell.owners[0];
        if (spell.homestead) {
          spell.owners.forEach((owner, i) => {
            const other = spell.owners[1 - i];
            const t2 = owner.traits;
            const age = year2 - owner.birthYear;
            const personal = {
              birth_dt: owner.birthDt,
              spouse_birth_dt: other?.birthDt ?? null,
              prop_exmpt_ss_num: owner.ssn,
              prop_exmpt_dl_num: owner.dlNum
            };
            add(owner, "HS", spell.hsQualifyYear, {
              birth_dt: owner.acctId % 10 < 7 ? owner.birthDt : null,
              spouse_birth_dt: other && owner.acctId % 10 < 5 ? other.birthDt : null,
              prop_exmpt_ss_num: owner.acctId % 5 < 2 ? owner.ssn : null,
              prop_exmpt_dl_num: owner.dlNum
            });
            const turned65 = owner.birthYear + 65;
            const waEligible = t2.waProgram === "DSBL" || t2.waProgram === "SNR" && age >= 61;
            if (waEligible) {
              const income = Math.round(t2.waIncome * (1 + 0.02 * (year2 - this.world.firstYear)));
              add(owner, "SNR/DSBL", Math.max(spell.hsQualifyYear, t2.waProgram === "SNR" ? owner.birthYear + 61 : spell.hsQualifyYear), {
                ...personal,
                exmpt_subtype_cd: t2.waProgram,
                exempt_qualify_cd: income < 3e4 ? "A" : income < 4e4 ? "B" : "C",
                combined_disp_income: income
              });
            } else if (t2.survivingSpouse && age >= 55 && year2 < turned65) {
              add(owner, "OV65S", Math.max(spell.hsQualifyYear, owner.birthYear + 55), {
                ...personal,
                spouse_birth_dt: t2.deceasedSpouseBirthDt,
                termination_dt: year2 + 1 === turned65 && spell.endYear > year2 ? isoDate2(year2, 12, 31) : termination
              });
            } else if ((t2.claimsOv65 || t2.survivingSpouse) && year2 >= turned65) {
              add(owner, "OV65", Math.max(spell.hsQualifyYear, turned65), personal);
            } else if (t2.disabled) {
              add(owner, "DP", spell.hsQualifyYear, personal);
            }
            if (t2.dvRating > 0) {
              if (t2.dvTotal) add(owner, "DVHS", spell.hsQualifyYear, { ...personal, exemption_pct: 100 });
              else add(owner, `DV${t2.dvRating}${t2.dvSurvivor ? "S" : ""}`, spell.hsQualifyYear, personal);
            }
            if (i === 0 && t2.solar) add(owner, "SO", spell.hsQualifyYear);
          });
        }
        if (first.kind === "public") add(first, first.acctId % 7 === 0 ? "DOR" : "EX", 1990 + first.acctId % 20, { exemption_pct: 100 });
        if (first.kind === "charity") add(first, /HISTORICAL/.test(first.fileAsName) ? "HT" : "CH", 2e3 + first.acctId % 15, { exemption_pct: 100 });
        if (this.type === "P") {
          if (layer.appraised_val < 2500) add(first, "EX366", year2);
          const flags = this.propId % 200;
          if (flags < 6) add(first, "FR", spell.startYear);
          else if (flags < 9) add(first, "AB", spell.startYear, { exemption_pct: 50 });
          else if (flags < 11) add(first, "PC", spell.startYear);
          else if (flags < 12) add(first, "HOF", spell.startYear);
          else if (flags < 14) add(first, "FARM", spell.startYear);
        }
        if (this.type === "R" && first.kind === "investor" && this.propId % 97 === 0) add(first, "AB", spell.startYear, { exemption_pct: 40 });
        return rows;
      }
      writeSales(spells, marketByYear) {
        const { rng, world } = this;
        for (const spell of spells.slice(1)) {
          const previous = spells[spell.index - 1];
          const id = this.propId * 10 + spell.index;
          const deedDt = spell.deedDt;
          const deedType = rng.weighted([["WD", 70], ["SWD", 10], ["GWD", 8], ["EXD", 5], ["QCD", 7]]);
          const names = (owners) => owners.map((o) => o.fileAsName).join(" & ").slice(0, 70);
          this.sink("chg_of_owner", {
            chg_of_owner_id: id,
            deed_type_cd: deedType,
            deed_num: `${deedDt.slice(0, 4)}${rng.digits(6)}`,
            deed_book_id: String(rng.int(1e3, 9999)),
            deed_book_page: String(rng.int(1, 999)),
            deed_dt: deedDt,
            coo_sl_dt: deedDt,
            grantor_cv: names(previous.owners),
            grantee_cv: names(spell.owners)
          });
          this.sink("chg_of_owner_prop_assoc", { chg_of_owner_id: id, prop_id: this.propId, seq_num: 0, sup_tax_yr: spell.startYear });
          for (const sellerId of new Set(previous.owners.map((o) => o.acctId))) this.sink("seller_assoc", { chg_of_owner_id: id, seller_id: sellerId });
          for (const buyerId of new Set(spell.owners.map((o) => o.acctId))) this.sink("buyer_assoc", { chg_of_owner_id: id, buyer_id: buyerId });
          const market = marketByYear.get(spell.startYear - 1) ?? marketByYear.get(spell.startYear) ?? 0;
          if (deedType !== "GWD" && rng.chance(0.85)) {
            this.sink("sale", {
              chg_of_owner_id: id,
              sl_price: Math.round(market * rng.real(0.92, 1.18) / 500) * 500,
              sl_dt: deedDt,
              sl_type_cd: rng.weighted([["Q", 80], ["U", 20]]),
              confidential_sale: rng.chance(0.25) ? "T" : "F"
            });
          }
          world.writeEvent(this.sink, this.propId, {
            type: "COO",
            date: officeTime(rng, deedDt),
            desc: `Change of ownership ${id}: ${names(previous.owners)} to ${names(spell.owners)}`.slice(0, 2048),
            year: spell.startYear,
            refId2: id
          });
        }
      }
    };
  }
});

// mcp/demo/demo-schema.ts
function table(input) {
  const columns = input.columns.map(([name, type, options = {}]) => {
    const column = { name, type, nullable: !(options.notNull || input.primaryKey.includes(name)) };
    if (options.identity) column.identity = true;
    if (options.defaultValue) column.defaultValue = options.defaultValue;
    return column;
  });
  const known = new Set(columns.map((c2) => c2.name));
  const indexes = [
    ...(input.uniques ?? []).map((cols) => ({ name: indexName(input.name, cols, "ux"), columns: cols, unique: true })),
    ...(input.indexes ?? []).map((cols) => ({ name: indexName(input.name, cols, "ix"), columns: cols, unique: false }))
  ];
  for (const name of [...input.primaryKey, ...indexes.flatMap((i) => i.columns)]) {
    if (!known.has(name)) throw new Error(`demo schema: ${input.name} has no column ${name}`);
  }
  return { name: input.name, origin: input.origin ?? "pacs", description: input.description, columns, primaryKey: input.primaryKey, indexes };
}
function indexName(tableName, columns, prefix) {
  return `${prefix}_${tableName.replace(/^_+/, "")}_${columns.join("_")}`;
}
function sqliteDdl(part = "all") {
  const statements = [];
  if (part !== "indexes") statements.push(...DEMO_TABLES.map(sqliteCreateTable));
  if (part !== "tables") {
    for (const spec of DEMO_TABLES) {
      for (const index of spec.indexes) {
        statements.push(
          `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${quote(index.name)} ON ${quote(spec.name)} (${index.columns.map(quote).join(", ")});`
        );
      }
    }
  }
  return statements.join("\n") + "\n";
}
function sqliteCreateTable(spec) {
  const identity = spec.columns.find((c2) => c2.identity);
  if (identity && (spec.primaryKey.length !== 1 || spec.primaryKey[0] !== identity.name)) {
    throw new Error(`demo schema: SQLite needs the identity column of ${spec.name} to be its whole primary key`);
  }
  const lines = spec.columns.map((column) => {
    if (column.identity) return `  ${quote(column.name)} INTEGER PRIMARY KEY AUTOINCREMENT`;
    let line = `  ${quote(column.name)} ${sqliteType(column.type)}`;
    if (!column.nullable) line += " NOT NULL";
    if (column.defaultValue === "now") line += ` DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))`;
    return line;
  });
  if (spec.primaryKey.length > 0 && !identity) lines.push(`  PRIMARY KEY (${spec.primaryKey.map(quote).join(", ")})`);
  const clustered = spec.primaryKey.length > 1 ? " WITHOUT ROWID" : "";
  return `CREATE TABLE ${quote(spec.name)} (
${lines.join(",\n")}
)${clustered};`;
}
function sqliteType(type) {
  switch (type.kind) {
    // INTEGER (not INT) so a single-column integer key becomes the rowid.
    case "int":
      return "INTEGER";
    case "bigint":
      return "BIGINT";
    case "bit":
      return "BIT";
    case "date":
      return "DATE";
    case "datetime":
      return "DATETIME";
    case "numeric":
      return `NUMERIC(${type.precision},${type.scale})`;
    case "varchar":
      return `VARCHAR(${type.length})`;
    case "char":
      return `CHAR(${type.length})`;
  }
}
function quote(identifier) {
  return `"${identifier.replace(/"/g, '""')}"`;
}
var DEMO_SCHEMA_VERSION, int, bit, date, datetime, year, money, flag, numeric, varchar, char, DEMO_TABLES;
var init_demo_schema = __esm({
  "mcp/demo/demo-schema.ts"() {
    "use strict";
    DEMO_SCHEMA_VERSION = 1;
    int = { kind: "int" };
    bit = { kind: "bit" };
    date = { kind: "date" };
    datetime = { kind: "datetime" };
    year = { kind: "numeric", precision: 4, scale: 0 };
    money = { kind: "numeric", precision: 14, scale: 0 };
    flag = { kind: "char", length: 1 };
    numeric = (precision, scale) => ({ kind: "numeric", precision, scale });
    varchar = (length) => ({ kind: "varchar", length });
    char = (length) => ({ kind: "char", length });
    DEMO_TABLES = [
      table({
        name: "pacs_system",
        description: "One row: the current appraisal year, the last certified tax year, the next year.",
        columns: [["id", int], ["appr_yr", year], ["tax_yr", year], ["future_yr", year]],
        primaryKey: ["id"]
      }),
      table({
        name: "pacs_year",
        description: "One row per year; certification_dt is null while the year is not certified.",
        columns: [["tax_yr", year], ["certification_dt", date], ["notice_dt", date]],
        primaryKey: ["tax_yr"]
      }),
      table({
        name: "property",
        description: "One row per parcel (account), whatever the year.",
        columns: [
          ["prop_id", int],
          ["prop_type_cd", char(5), { notNull: true }],
          ["geo_id", varchar(50)],
          ["simple_geo_id", varchar(50)],
          ["ref_id1", varchar(50)],
          ["ref_id2", varchar(50)],
          ["dba_name", varchar(50)],
          ["prop_create_dt", date]
        ],
        primaryKey: ["prop_id"],
        indexes: [["geo_id"], ["simple_geo_id"]]
      }),
      table({
        name: "property_val",
        description: "Values per year and supplement layer; prop_supp_assoc names the current layer of each year.",
        columns: [
          ["prop_val_yr", year],
          ["sup_num", int],
          ["prop_id", int],
          ["land_hstd_val", money],
          ["land_non_hstd_val", money],
          ["imprv_hstd_val", money],
          ["imprv_non_hstd_val", money],
          ["ag_use_val", money],
          ["ag_market", money],
          ["market", money],
          ["appraised_val", money],
          ["ten_percent_cap", money],
          ["assessed_val", money],
          ["legal_desc", varchar(255)],
          ["legal_acreage", numeric(14, 4)],
          ["abs_subdv_cd", varchar(10)],
          ["hood_cd", varchar(10)],
          ["block", varchar(50)],
          ["tract_or_lot", varchar(50)],
          ["prev_sup_num", int],
          ["sup_cd", varchar(10)],
          ["sup_desc", varchar(500)],
          ["sup_dt", date],
          ["sup_action", char(1)],
          ["prop_inactive_dt", date],
          ["last_appraiser_id", int],
          ["next_appraiser_id", int]
        ],
        primaryKey: ["prop_val_yr", "sup_num", "prop_id"],
        indexes: [["prop_id"], ["hood_cd"]]
      }),
      table({
        name: "prop_supp_assoc",
        description: "Per year and parcel, the supplement layer that is current (official).",
        columns: [["owner_tax_yr", year], ["sup_num", int], ["prop_id", int]],
        primaryKey: ["owner_tax_yr", "sup_num", "prop_id"],
        uniques: [["owner_tax_yr", "prop_id"]],
        indexes: [["prop_id"]]
      }),
      table({
        name: "sup_group",
        description: "A group of supplements processed together; status_cd A accepted, C coding (open).",
        columns: [
          ["sup_group_id", int],
          ["sup_group_desc", varchar(50)],
          ["sup_create_dt", datetime],
          ["sup_accept_dt", datetime],
          ["sup_accept_by_id", int],
          ["status_cd", varchar(5)]
        ],
        primaryKey: ["sup_group_id"]
      }),
      table({
        name: "supplement",
        description: "A supplement number of a year and the group it belongs to (sup_num 0 is the original roll).",
        columns: [["sup_tax_yr", year], ["sup_num", int], ["sup_group_id", int, { notNull: true }]],
        primaryKey: ["sup_tax_yr", "sup_num"],
        indexes: [["sup_group_id"]]
      }),
      table({
        name: "account",
        description: "Owners, agents and other parties; confidential_flag T hides the name (TX Tax Code \xA725.025).",
        columns: [
          ["acct_id", int],
          ["first_name", varchar(30)],
          ["last_name", varchar(30)],
          ["file_as_name", varchar(70)],
          ["confidential_flag", flag],
          ["confidential_file_as_name", varchar(70)],
          ["dl_num", varchar(20)],
          ["dl_state", char(2)],
          ["email_addr", varchar(128)]
        ],
        primaryKey: ["acct_id"],
        indexes: [["file_as_name"]]
      }),
      table({
        name: "owner",
        description: "Owners of a parcel per year and supplement layer.",
        columns: [
          ["owner_tax_yr", year],
          ["sup_num", int],
          ["prop_id", int],
          ["owner_id", int],
          ["pct_ownership", numeric(13, 10)],
          ["hs_prop", flag],
          ["birth_dt", date]
        ],
        primaryKey: ["owner_tax_yr", "sup_num", "prop_id", "owner_id"],
        indexes: [["owner_id"], ["prop_id"]]
      }),
      table({
        name: "address",
        description: "Mailing and other addresses of an account.",
        columns: [
          ["acct_id", int],
          ["addr_type_cd", char(5)],
          ["primary_addr", flag],
          ["addr_line1", varchar(60)],
          ["addr_line2", varchar(60)],
          ["addr_line3", varchar(60)],
          ["addr_city", varchar(50)],
          ["addr_state", varchar(50)],
          ["zip", varchar(10)],
          ["country_cd", char(5)]
        ],
        primaryKey: ["acct_id", "addr_type_cd"]
      }),
      table({
        name: "phone",
        description: "Phone numbers of an account.",
        columns: [["acct_id", int], ["phone_id", int], ["phone_type_cd", char(5)], ["phone_num", varchar(20)]],
        primaryKey: ["acct_id", "phone_id"]
      }),
      table({
        name: "situs",
        description: "Physical location(s) of a parcel.",
        columns: [
          ["prop_id", int],
          ["situs_id", int],
          ["primary_situs", flag],
          ["situs_num", varchar(15)],
          ["situs_street_prefx", varchar(10)],
          ["situs_street", varchar(50)],
          ["situs_street_sufix", varchar(10)],
          ["situs_unit", varchar(5)],
          ["situs_city", varchar(30)],
          ["situs_state", char(2)],
          ["situs_zip", varchar(10)]
        ],
        primaryKey: ["prop_id", "situs_id"],
        indexes: [["situs_street", "situs_num"]]
      }),
      table({
        name: "property_exemption",
        description: "Exemptions per year, layer, parcel and owner; one per code (no duplicates).",
        columns: [
          ["exmpt_tax_yr", year],
          ["owner_tax_yr", year],
          ["sup_num", int],
          ["prop_id", int],
          ["owner_id", int],
          ["exmpt_type_cd", varchar(10)],
          ["prop_type_cd", char(5)],
          ["applicant_nm", varchar(70)],
          ["birth_dt", date],
          ["spouse_birth_dt", date],
          ["prop_exmpt_ss_num", varchar(11)],
          ["prop_exmpt_dl_num", varchar(20)],
          ["effective_dt", date],
          ["termination_dt", date],
          ["qualify_yr", year],
          ["exmpt_subtype_cd", varchar(10)],
          ["exemption_pct", numeric(5, 2)],
          ["combined_disp_income", money],
          ["exempt_qualify_cd", varchar(10)],
          ["review_status_cd", varchar(10)]
        ],
        primaryKey: ["exmpt_tax_yr", "owner_tax_yr", "sup_num", "prop_id", "owner_id", "exmpt_type_cd"],
        indexes: [["prop_id"], ["owner_id"], ["exmpt_type_cd"]]
      }),
      table({
        name: "exmpt_type",
        description: "Exemption codes: Texas and Washington. freeze_flag T: a tax ceiling applies.",
        columns: [["exmpt_type_cd", varchar(10)], ["exmpt_desc", varchar(50)], ["federal_amt", money], ["freeze_flag", flag]],
        primaryKey: ["exmpt_type_cd"]
      }),
      table({
        name: "imprv",
        description: "Improvements (buildings) per year and layer; sale_id 0 is the roll, not a sales study.",
        columns: [
          ["prop_val_yr", year],
          ["sup_num", int],
          ["sale_id", int],
          ["prop_id", int],
          ["imprv_id", int],
          ["imprv_type_cd", char(5)],
          ["imprv_desc", varchar(50)],
          ["imprv_val", money],
          ["actual_year_built", year]
        ],
        primaryKey: ["prop_val_yr", "sup_num", "sale_id", "prop_id", "imprv_id"],
        indexes: [["prop_id"]]
      }),
      table({
        name: "land_detail",
        description: "Land segments per year and layer; ag_apply T: valued at productivity (ag_val).",
        columns: [
          ["prop_val_yr", year],
          ["sup_num", int],
          ["sale_id", int],
          ["prop_id", int],
          ["land_seg_id", int],
          ["land_type_cd", varchar(10)],
          ["size_acres", numeric(18, 4)],
          ["size_square_feet", numeric(18, 2)],
          ["ag_apply", flag],
          ["land_seg_mkt_val", money],
          ["ag_val", money]
        ],
        primaryKey: ["prop_val_yr", "sup_num", "sale_id", "prop_id", "land_seg_id"],
        indexes: [["prop_id"]]
      }),
      table({
        name: "appraiser",
        description: "Appraisal staff; inactive staff must not be routed work.",
        columns: [["appraiser_id", int], ["appraiser_nm", varchar(40)], ["inactive", bit, { notNull: true }], ["pacs_user_id", int]],
        primaryKey: ["appraiser_id"]
      }),
      table({
        name: "neighborhood",
        origin: "modeled",
        description: "Neighborhoods per year and the appraiser responsible (modeled: routing falls back to it).",
        columns: [["hood_cd", varchar(10)], ["hood_yr", year], ["hood_name", varchar(50)], ["appraiser_id", int]],
        primaryKey: ["hood_cd", "hood_yr"]
      }),
      table({
        name: "_arb_protest",
        description: "Protests (TX ARB) and appeals (WA BOE): one case per parcel, year and case_id.",
        columns: [
          ["prop_id", int],
          ["prop_val_yr", year],
          ["case_id", int],
          ["prot_type", varchar(10)],
          ["prot_status", varchar(20)],
          ["prot_create_dt", datetime],
          ["prot_complete_dt", datetime],
          ["prot_appraisal_staff", int],
          ["prot_hearing_appraisal_staff", int],
          ["docket_id", int],
          ["prot_assigned_panel", varchar(10)],
          ["opinion_of_value", money],
          ["begin_market", money],
          ["begin_appraised_val", money],
          ["final_market", money],
          ["final_appraised_val", money],
          ["decision_reason_cd", varchar(10)]
        ],
        primaryKey: ["prop_id", "prop_val_yr", "case_id"],
        indexes: [["prot_status"], ["prop_val_yr", "prot_status"], ["docket_id"]]
      }),
      table({
        name: "_arb_protest_status",
        description: "Protest status codes: the vendor defaults and the proposed workflow; close_case 1 closes the case.",
        columns: [["status_cd", varchar(20)], ["status_desc", varchar(50)], ["close_case", bit, { notNull: true }], ["generate_letter", bit, { notNull: true }]],
        primaryKey: ["status_cd"]
      }),
      table({
        name: "arb_docket",
        origin: "modeled",
        // PACS keeps hearing dockets, but their layout is not published; this one carries what
        // routing needs: a time slot, a hearing limit and the property types it accepts.
        description: "Hearing dockets (modeled): slot, max_hearings limit, prop_type_cds = comma list of allowed property types.",
        columns: [
          ["docket_id", int],
          ["docket_start_dt", datetime, { notNull: true }],
          ["docket_end_dt", datetime, { notNull: true }],
          ["max_hearings", int, { notNull: true }],
          ["prop_type_cds", varchar(50), { notNull: true }]
        ],
        primaryKey: ["docket_id"],
        indexes: [["docket_start_dt"]]
      }),
      table({
        name: "chg_of_owner",
        description: "A change of ownership (deed).",
        columns: [
          ["chg_of_owner_id", int],
          ["deed_type_cd", varchar(10)],
          ["deed_num", varchar(50)],
          ["deed_book_id", varchar(20)],
          ["deed_book_page", varchar(20)],
          ["deed_dt", date],
          ["coo_sl_dt", date],
          ["grantor_cv", varchar(70)],
          ["grantee_cv", varchar(70)]
        ],
        primaryKey: ["chg_of_owner_id"]
      }),
      table({
        name: "chg_of_owner_prop_assoc",
        description: "The parcels a change of ownership conveys.",
        columns: [["chg_of_owner_id", int], ["prop_id", int], ["seq_num", int], ["sup_tax_yr", year]],
        primaryKey: ["chg_of_owner_id", "prop_id"],
        indexes: [["prop_id"]]
      }),
      table({
        name: "seller_assoc",
        description: "Sellers of a change of ownership.",
        columns: [["chg_of_owner_id", int], ["seller_id", int]],
        primaryKey: ["chg_of_owner_id", "seller_id"]
      }),
      table({
        name: "buyer_assoc",
        description: "Buyers of a change of ownership.",
        columns: [["chg_of_owner_id", int], ["buyer_id", int]],
        primaryKey: ["chg_of_owner_id", "buyer_id"]
      }),
      table({
        name: "sale",
        description: "The sale behind a change of ownership; confidential_sale T hides the price (TX \xA722.27).",
        columns: [
          ["chg_of_owner_id", int],
          ["sl_price", money],
          ["sl_dt", date],
          ["sl_type_cd", varchar(5)],
          ["confidential_sale", flag]
        ],
        primaryKey: ["chg_of_owner_id"]
      }),
      table({
        name: "event",
        description: "Audit trail of changes (protests filed, ownership changes, supplements).",
        columns: [
          ["event_id", int],
          ["system_type", char(5)],
          ["event_type", varchar(20)],
          ["event_date", datetime],
          ["pacs_user", varchar(30)],
          ["pacs_user_id", int],
          ["event_desc", varchar(2048)],
          ["ref_evt_type", varchar(20)],
          ["ref_year", year],
          ["ref_num", int],
          ["ref_id1", int],
          ["ref_id2", int]
        ],
        primaryKey: ["event_id"],
        indexes: [["event_type"]]
      }),
      table({
        name: "prop_event_assoc",
        description: "Which parcels an event concerns.",
        columns: [["prop_id", int], ["event_id", int]],
        primaryKey: ["prop_id", "event_id"],
        indexes: [["event_id"]]
      }),
      table({
        name: "import_staging_property_values",
        origin: "staging",
        description: "The user's staging table for value imports (seed 000).",
        columns: [
          ["import_id", int, { identity: true }],
          ["parcel_id", varchar(20)],
          ["value_type", varchar(50)],
          ["value_amount", numeric(18, 2)],
          ["effective_date", date],
          ["source", varchar(255)],
          ["created_at", datetime, { defaultValue: "now" }]
        ],
        primaryKey: ["import_id"]
      }),
      table({
        name: "export_snapshot_parcel_timeline",
        origin: "staging",
        description: "The user's snapshot table for parcel timelines (seed 000; no key there either).",
        columns: [
          ["snapshot_id", varchar(36)],
          ["parcel_id", varchar(20)],
          ["year", int],
          ["value", numeric(18, 2)],
          ["extracted_by", varchar(50)],
          ["exported_at", datetime, { defaultValue: "now" }]
        ],
        primaryKey: [],
        indexes: [["snapshot_id"], ["parcel_id"]]
      })
    ];
  }
});

// mcp/demo/generate-demo.ts
var generate_demo_exports = {};
__export(generate_demo_exports, {
  generateDemoDatabase: () => generateDemoDatabase
});
import fs7 from "node:fs";
import path8 from "node:path";
async function generateDemoDatabase(file, options = {}) {
  const size = options.size ?? 1e4;
  const seed = options.seed ?? 42;
  const years = options.years ?? 6;
  if (!Number.isInteger(size) || size < 1) throw new Error(`The demo size must be a whole number of parcels, 1 or more (got ${size}).`);
  if (!Number.isInteger(seed)) throw new Error(`The demo seed must be a whole number (got ${seed}).`);
  if (!Number.isInteger(years) || years < 1 || years > MAX_YEARS) throw new Error(`The demo years must be between 1 and ${MAX_YEARS} (got ${years}).`);
  const started = performance.now();
  const target = path8.resolve(file);
  const building = `${target}.building`;
  fs7.mkdirSync(path8.dirname(target), { recursive: true });
  removeDatabaseFiles(building);
  let db;
  try {
    db = await SqliteDb.open(building);
    await db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -65536;");
    await db.exec(sqliteDdl("tables"));
    const world = new DemoWorld({ size, seed, years });
    const inserter = new BatchInserter(db, DEMO_TABLES);
    const sink = (table2, row) => inserter.add(table2, row);
    try {
      await db.transaction(async () => {
        world.writeReferenceRows(sink);
        await inserter.flush();
      });
      for (let first = 1; first <= size; first += PARCELS_PER_TRANSACTION) {
        const last2 = Math.min(size, first + PARCELS_PER_TRANSACTION - 1);
        await db.transaction(async () => {
          for (let index = first; index <= last2; index++) {
            writeParcel(world, index, sink);
            if (index % PARCELS_PER_THROTTLE === 0) await inserter.throttle();
          }
          await inserter.flush();
        });
        options.onProgress?.(last2, size);
      }
    } finally {
      await inserter.settle();
    }
    await db.exec(sqliteDdl("indexes"));
    await db.exec(`PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA user_version = ${DEMO_SCHEMA_VERSION};`);
    const summary = {
      file: target,
      parcels: size,
      property_val_rows: inserter.count("property_val"),
      owners: inserter.count("owner"),
      exemptions: inserter.count("property_exemption"),
      protests: inserter.count("_arb_protest"),
      seed,
      size,
      elapsed_ms: 0
    };
    await db.close();
    db = void 0;
    await replaceFile(building, target);
    summary.elapsed_ms = Math.round(performance.now() - started);
    return summary;
  } catch (err) {
    await db?.close().catch(() => void 0);
    removeDatabaseFiles(building);
    throw err;
  }
}
async function replaceFile(from, to) {
  for (const suffix of ["-wal", "-shm", "-journal"]) fs7.rmSync(to + suffix, { force: true });
  for (let attempt = 0; ; attempt++) {
    try {
      fs7.renameSync(from, to);
      return;
    } catch (err) {
      const code = err.code;
      if (attempt >= 20 || code !== "EPERM" && code !== "EBUSY" && code !== "EACCES") {
        throw new Error(`Could not replace ${to} with the new demo database (${code}). Close programs that have it open and run \`pacs-mcp demo\` again.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
function removeDatabaseFiles(file) {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) fs7.rmSync(file + suffix, { force: true });
}
var PARCELS_PER_TRANSACTION, PARCELS_PER_THROTTLE, MAX_YEARS;
var init_generate_demo = __esm({
  "mcp/demo/generate-demo.ts"() {
    "use strict";
    init_sqlite_db();
    init_batch_inserter();
    init_demo_parcel();
    init_demo_schema();
    init_demo_world();
    PARCELS_PER_TRANSACTION = 2e3;
    PARCELS_PER_THROTTLE = 50;
    MAX_YEARS = 25;
  }
});

// mcp/engine.ts
import fs8 from "node:fs";

// mcp/audit/audit-log.ts
import { createHash as createHash2 } from "node:crypto";

// mcp/util/canonical-json.ts
function canonicalJson(value) {
  return JSON.stringify(sortKeys(value));
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object" && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(
      Object.keys(value).sort().map((k) => [k, sortKeys(value[k])])
    );
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

// mcp/util/os-user.ts
import os from "node:os";
var cached;
function osUser() {
  if (cached) return cached;
  try {
    cached = os.userInfo().username;
  } catch {
    cached = process.env.USERNAME ?? process.env.USER ?? "unknown";
  }
  return cached;
}

// mcp/util/redact.ts
import { createHash } from "node:crypto";
var SECRET_KEY = /pass(word|wd)?|pwd|secret|token|api[_-]?key|credential|private[_-]?key/i;
var LONG_TEXT = 4096;
var MAX_ITEMS = 200;
var MAX_DEPTH = 16;
var URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)[^\s@/]+(@)/gi;
var CONNECTION_STRING_PASSWORD = /(\b(?:password|pwd)\s*=\s*)(?:\{[^}]*\}|[^;\s]*)/gi;
function redactInlineSecrets(text) {
  return text.replace(URL_CREDENTIALS, "$1[REDACTED]$2").replace(CONNECTION_STRING_PASSWORD, "$1[REDACTED]");
}
function redactArgs(value, key = "", depth = 0) {
  if (SECRET_KEY.test(key) && value !== void 0 && value !== null && value !== "") return "[REDACTED]";
  if (typeof value === "string" && value.length > LONG_TEXT) {
    return `[${value.length} chars, sha256 ${createHash("sha256").update(value).digest("hex")}]`;
  }
  if (typeof value === "string") return redactInlineSecrets(value);
  if (value && typeof value === "object" && depth >= MAX_DEPTH) return `[nested deeper than ${MAX_DEPTH} levels]`;
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => redactArgs(item, "", depth + 1));
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    const kept = entries.slice(0, MAX_ITEMS).map(([k, v]) => [k, redactArgs(v, k, depth + 1)]);
    if (entries.length > MAX_ITEMS) kept.push(["[more keys]", entries.length - MAX_ITEMS]);
    return Object.fromEntries(kept);
  }
  return value;
}

// mcp/audit/audit-log.ts
var GENESIS_HASH = "0".repeat(64);
function rowHash(row) {
  return createHash2("sha256").update(canonicalJson(row)).digest("hex");
}
var AuditLog = class {
  constructor(db) {
    this.db = db;
  }
  db;
  async record(event) {
    return this.db.transaction((tx) => appendAuditRow(tx, event));
  }
  async recent(limit = 100, filter = {}) {
    const where2 = [];
    const params = [];
    if (filter.action) {
      where2.push("action = ?");
      params.push(filter.action);
    }
    if (filter.connectionId) {
      where2.push("connection_id = ?");
      params.push(filter.connectionId);
    }
    const clause = where2.length ? `WHERE ${where2.join(" AND ")}` : "";
    return this.db.all(`SELECT * FROM audit_log ${clause} ORDER BY seq DESC LIMIT ${Math.max(1, Math.min(limit, 1e4))}`, params);
  }
  async verify() {
    return verifyAuditChain(this.db);
  }
};
async function appendAuditRow(tx, event) {
  const head = await tx.get(
    `SELECT (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1) AS seq,
            (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS hash,
            (SELECT seq FROM sqlite_sequence WHERE name = 'audit_log') AS max_seq`
  );
  const last2 = head?.hash ? { seq: head.seq ?? 0, hash: head.hash } : void 0;
  const seq = Math.max(last2?.seq ?? 0, head?.max_seq ?? 0) + 1;
  const row = {
    seq,
    at: (/* @__PURE__ */ new Date()).toISOString(),
    os_user: osUser(),
    channel: event.channel,
    client_name: event.clientName ?? null,
    client_version: event.clientVersion ?? null,
    action: event.action,
    args_json: canonicalJson(redactArgs(event.args ?? {})),
    connection_id: event.connectionId ?? null,
    outcome: event.outcome,
    error: event.error ? event.error.slice(0, 2e3) : null,
    row_count: event.rowCount ?? null,
    duration_ms: Math.round(event.durationMs * 1e3) / 1e3,
    prev_hash: last2?.hash ?? GENESIS_HASH
  };
  const hash = rowHash(row);
  await tx.run(
    `INSERT INTO audit_log (seq, at, os_user, channel, client_name, client_version, action, args_json, connection_id,
       outcome, error, row_count, duration_ms, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    [
      row.seq,
      row.at,
      row.os_user,
      row.channel,
      row.client_name,
      row.client_version,
      row.action,
      row.args_json,
      row.connection_id,
      row.outcome,
      row.error,
      row.row_count,
      row.duration_ms,
      row.prev_hash,
      hash
    ]
  );
  return seq;
}
async function verifyAuditChain(db) {
  const rows = await db.all("SELECT * FROM audit_log ORDER BY seq");
  const problems = [];
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  for (const row of rows) {
    const { hash, ...rest } = row;
    if (row.seq !== prevSeq + 1) problems.push(`rows ${prevSeq + 1}..${row.seq - 1} are missing`);
    if (row.prev_hash !== prevHash) problems.push(`row ${row.seq} does not follow row ${prevSeq} (chain broken)`);
    if (rowHash(rest) !== hash) problems.push(`row ${row.seq} was altered after it was written`);
    prevHash = hash;
    prevSeq = row.seq;
  }
  const seqRow = await db.get("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'");
  if (seqRow && seqRow.seq > prevSeq) problems.push(`rows ${prevSeq + 1}..${seqRow.seq} at the end were removed`);
  return { ok: problems.length === 0, rows: rows.length, problems };
}

// mcp/connections/connection-registry.ts
init_connection_types();
var UnknownConnectionError = class extends Error {
  constructor(id, known) {
    super(`There is no connection "${id}". Known connections: ${known.length ? known.join(", ") : "none"}. Call list_connections, or add one with \`pacs-mcp connections add\`.`);
    this.name = "UnknownConnectionError";
  }
};
function fromRow(row) {
  return {
    id: row.id,
    kind: row.kind,
    role: row.role,
    description: row.description,
    config: JSON.parse(row.config_json),
    is_default: row.is_default === 1,
    created_at: row.created_at,
    updated_at: row.updated_at
  };
}
var ConnectionRegistry = class {
  constructor(db) {
    this.db = db;
  }
  db;
  async list() {
    const rows = await this.db.all("SELECT * FROM connections ORDER BY is_default DESC, id");
    return rows.map(fromRow);
  }
  async find(id) {
    const row = await this.db.get("SELECT * FROM connections WHERE id = ?", [id]);
    return row ? fromRow(row) : void 0;
  }
  async get(id) {
    const record = await this.find(id);
    if (!record) throw new UnknownConnectionError(id, (await this.list()).map((c2) => c2.id));
    return record;
  }
  /** The connection domain tools use when none is named: the default training connection. */
  async defaultTraining() {
    const rows = await this.list();
    const pick = rows.find((r) => r.is_default && r.role === "training") ?? rows.find((r) => r.role === "training");
    if (!pick) throw new Error("No training connection is configured. Run `pacs-mcp demo` for the demo database, or add one with `pacs-mcp connections add --role training`.");
    return pick;
  }
  async upsert(input) {
    const now = (/* @__PURE__ */ new Date()).toISOString();
    await this.db.transaction(async (tx) => {
      if (input.is_default) await tx.run("UPDATE connections SET is_default = 0 WHERE role = ?", [input.role]);
      await tx.run(
        `INSERT INTO connections (id, kind, role, description, config_json, is_default, created_at, updated_at)
         VALUES (?,?,?,?,?,?,?,?)
         ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, role = excluded.role, description = excluded.description,
           config_json = excluded.config_json, is_default = excluded.is_default, updated_at = excluded.updated_at`,
        [input.id, input.kind, input.role, input.description, JSON.stringify(input.config), input.is_default ? 1 : 0, now, now]
      );
    });
    return this.get(input.id);
  }
  async remove(id) {
    const { changes } = await this.db.run("DELETE FROM connections WHERE id = ?", [id]);
    return changes > 0;
  }
};

// mcp/engine.ts
init_credentials();

// mcp/connectors/connector-factory.ts
init_credentials();
var builders = {
  sqlite: async (record) => {
    const { SqliteConnector: SqliteConnector2 } = await Promise.resolve().then(() => (init_sqlite_connector(), sqlite_connector_exports));
    return new SqliteConnector2({ file: String(record.config.file) });
  },
  postgres: async (record, secrets) => {
    const { PostgresConnector: PostgresConnector2 } = await Promise.resolve().then(() => (init_postgres_connector(), postgres_connector_exports));
    const password = await secrets.get(secretAccount.connection(record.id));
    return new PostgresConnector2(record, password ?? void 0);
  },
  sqlserver: async (record, secrets) => {
    const { SqlServerConnector: SqlServerConnector2 } = await Promise.resolve().then(() => (init_sqlserver_connector(), sqlserver_connector_exports));
    const password = record.config.authentication === "windows" ? null : await secrets.get(secretAccount.connection(record.id));
    return new SqlServerConnector2(record, password ?? void 0);
  },
  lakehouse: async (record, _secrets, context) => {
    const { buildLocalLakehouse: buildLocalLakehouse2 } = await Promise.resolve().then(() => (init_warehouse_builders(), warehouse_builders_exports));
    return buildLocalLakehouse2(record, context);
  },
  databricks: async (record, secrets, context) => {
    const { buildDatabricks: buildDatabricks2 } = await Promise.resolve().then(() => (init_warehouse_builders(), warehouse_builders_exports));
    return buildDatabricks2(record, secrets, context);
  }
};
async function createConnector(record, secrets, context) {
  const builder = builders[record.kind];
  if (!builder) throw new Error(`Connections of kind "${record.kind}" are not supported by this build of PACS MCP.`);
  return builder(record, secrets, context);
}

// mcp/connectors/source-pool.ts
var SourcePool = class {
  constructor(secrets, context) {
    this.secrets = secrets;
    this.context = context;
  }
  secrets;
  context;
  open = /* @__PURE__ */ new Map();
  get(record) {
    const cached2 = this.open.get(record.id);
    if (cached2 && cached2.updatedAt === record.updated_at) return cached2.connector;
    if (cached2) void this.evict(record.id);
    const connector = createConnector(record, this.secrets, this.context);
    this.open.set(record.id, { updatedAt: record.updated_at, connector });
    connector.catch(() => {
      if (this.open.get(record.id)?.connector === connector) this.open.delete(record.id);
    });
    return connector;
  }
  async evict(id) {
    const cached2 = this.open.get(id);
    this.open.delete(id);
    if (cached2) await cached2.connector.then((c2) => c2.close()).catch(() => void 0);
  }
  async closeAll() {
    await Promise.all([...this.open.keys()].map((id) => this.evict(id)));
  }
};

// mcp/lakehouse/jobs/job-runner.ts
init_log();
import { randomUUID as randomUUID4 } from "node:crypto";
import os3 from "node:os";
var JobConflictError = class extends Error {
  constructor(targetTable, jobId) {
    super(`Job ${jobId} is already loading ${targetTable}. Poll it with get_job and start again when it has finished.`);
    this.name = "JobConflictError";
  }
};
var UnknownJobError = class extends Error {
  constructor(jobId) {
    super(`There is no job "${jobId}". Job ids come back from sync_table_to_bronze, upload_file and transform_to_silver.`);
    this.name = "UnknownJobError";
  }
};
var HEARTBEAT_MS = 5e3;
var STALE_MS = 3e4;
var PROGRESS_WRITE_MS = 250;
function toRecord(row) {
  const total = row.progress_total;
  const finished = row.finished_at && row.started_at ? Date.parse(row.finished_at) - Date.parse(row.started_at) : null;
  return {
    job_id: row.job_id,
    kind: row.kind,
    status: row.status,
    tenant_id: row.tenant_id,
    source_connection_id: row.source_connection_id,
    warehouse_connection_id: row.warehouse_connection_id,
    target_table: row.target_table,
    args: JSON.parse(row.args_json),
    rows: row.rows,
    progress: {
      done: row.progress_done,
      total,
      fraction: row.status === "succeeded" ? 1 : total ? Math.min(1, row.progress_done / total) : null,
      message: row.progress_message
    },
    result: row.result_json ? JSON.parse(row.result_json) : null,
    error: row.error,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
    duration_ms: finished
  };
}
function processIsAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}
var JobRunner = class {
  constructor(store) {
    this.store = store;
  }
  store;
  token = randomUUID4();
  host = os3.hostname();
  active = /* @__PURE__ */ new Map();
  heartbeat;
  closing = false;
  async start(spec, work) {
    if (this.closing) throw new Error("The server is shutting down; start the job again after it restarts.");
    const jobId = `job_${(/* @__PURE__ */ new Date()).toISOString().slice(0, 10).replace(/-/g, "")}_${randomUUID4().replace(/-/g, "").slice(0, 12)}`;
    const now = (/* @__PURE__ */ new Date()).toISOString();
    await this.store.transaction(async (tx) => {
      const busy = await tx.all("SELECT * FROM lakehouse_jobs WHERE target_key = ? AND status IN ('queued','running')", [spec.targetKey]);
      for (const row of busy) {
        if (await this.markIfOrphaned(tx, row)) continue;
        throw new JobConflictError(spec.targetTable, row.job_id);
      }
      await tx.run(
        `INSERT INTO lakehouse_jobs (job_id, kind, status, tenant_id, source_connection_id, warehouse_connection_id, target_key, target_table,
           args_json, owner_pid, owner_host, owner_token, heartbeat_at, created_at)
         VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          jobId,
          spec.kind,
          spec.tenantId,
          spec.sourceConnectionId ?? null,
          spec.warehouseConnectionId,
          spec.targetKey,
          spec.targetTable,
          JSON.stringify(spec.args),
          process.pid,
          this.host,
          this.token,
          now,
          now
        ]
      );
    });
    const controller = new AbortController();
    const finished = new Promise((resolve) => setImmediate(() => void this.run(jobId, controller, work).finally(resolve)));
    this.active.set(jobId, { controller, finished });
    this.ensureHeartbeat();
    return this.get(jobId);
  }
  async get(jobId) {
    const row = await this.store.get("SELECT * FROM lakehouse_jobs WHERE job_id = ?", [jobId]);
    if (!row) throw new UnknownJobError(jobId);
    if ((row.status === "queued" || row.status === "running") && this.isOrphaned(row)) {
      await this.store.transaction((tx) => this.markIfOrphaned(tx, row));
      return this.get(jobId);
    }
    return toRecord(row);
  }
  async list(options = {}) {
    const rows = options.tenantId ? await this.store.all("SELECT * FROM lakehouse_jobs WHERE tenant_id = ? ORDER BY created_at DESC LIMIT ?", [options.tenantId, options.limit ?? 50]) : await this.store.all("SELECT * FROM lakehouse_jobs ORDER BY created_at DESC LIMIT ?", [options.limit ?? 50]);
    return rows.map(toRecord);
  }
  /** Resolves when the job has finished (or after `timeoutMs`) with its record. */
  async waitFor(jobId, timeoutMs2) {
    const active = this.active.get(jobId);
    if (active) {
      let timer2;
      await Promise.race([active.finished, new Promise((resolve) => timer2 = setTimeout(resolve, timeoutMs2))]);
      clearTimeout(timer2);
    }
    return this.get(jobId);
  }
  /** On start-up: every queued or running job whose process is gone is marked failed. */
  async recoverInterrupted() {
    const rows = await this.store.all("SELECT * FROM lakehouse_jobs WHERE status IN ('queued','running')");
    let recovered = 0;
    for (const row of rows) {
      if (!this.isOrphaned(row)) continue;
      if (await this.store.transaction((tx) => this.markIfOrphaned(tx, row))) recovered += 1;
    }
    return recovered;
  }
  /** Stops this process's jobs; any that does not stop in time is marked failed. */
  async shutdown(graceMs = 5e3) {
    this.closing = true;
    for (const { controller } of this.active.values()) controller.abort(new Error("server stopping"));
    const pending = [...this.active.values()].map((a) => a.finished);
    let timer2;
    await Promise.race([Promise.all(pending), new Promise((resolve) => timer2 = setTimeout(resolve, graceMs))]);
    clearTimeout(timer2);
    for (const jobId of this.active.keys()) {
      await this.finish(jobId, "failed", { error: "The server stopped before the job finished. Start it again." }).catch(() => void 0);
    }
    this.active.clear();
    if (this.heartbeat) clearInterval(this.heartbeat);
  }
  isOrphaned(row) {
    if (row.owner_token === this.token) return !this.active.has(row.job_id);
    if (row.owner_host === this.host && !processIsAlive(row.owner_pid)) return true;
    return Date.now() - Date.parse(row.heartbeat_at) > STALE_MS;
  }
  async markIfOrphaned(tx, row) {
    if (!this.isOrphaned(row)) return false;
    const message = `The job was interrupted: the PACS MCP process running it (pid ${row.owner_pid}) stopped before it finished (a crash, a restart or Claude Desktop closing it). The table it was loading was left as it was before. Start the job again.`;
    const { changes } = await tx.run(
      "UPDATE lakehouse_jobs SET status = 'failed', error = ?, finished_at = ? WHERE job_id = ? AND status IN ('queued','running') AND owner_token = ?",
      [message, (/* @__PURE__ */ new Date()).toISOString(), row.job_id, row.owner_token]
    );
    return changes > 0;
  }
  async run(jobId, controller, work) {
    let lastWrite = 0;
    let pendingProgress;
    let writing = Promise.resolve();
    const writeProgress = () => {
      if (!pendingProgress) return;
      const [done2, total, message] = pendingProgress;
      pendingProgress = void 0;
      lastWrite = Date.now();
      writing = this.store.run("UPDATE lakehouse_jobs SET progress_done = ?, progress_total = ?, progress_message = ?, heartbeat_at = ? WHERE job_id = ?", [
        done2,
        total,
        message,
        (/* @__PURE__ */ new Date()).toISOString(),
        jobId
      ]).catch((err) => logError(`progress of ${jobId}`, err));
    };
    const ctx = {
      jobId,
      signal: controller.signal,
      progress(done2, total = null, message) {
        pendingProgress = [done2, total ?? null, message ?? null];
        if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) writeProgress();
      }
    };
    try {
      await this.store.run("UPDATE lakehouse_jobs SET status = 'running', started_at = ?, heartbeat_at = ? WHERE job_id = ?", [
        (/* @__PURE__ */ new Date()).toISOString(),
        (/* @__PURE__ */ new Date()).toISOString(),
        jobId
      ]);
      const outcome = await work(ctx);
      if (controller.signal.aborted) throw new Error("The job was stopped before it finished.");
      writeProgress();
      await writing;
      try {
        await this.finish(jobId, "succeeded", { rows: outcome.rows, result: outcome.result, publish: outcome.publish });
      } catch (err) {
        await outcome.discard?.().catch((e) => logError(`discarding the output of ${jobId}`, e));
        throw err;
      }
      await outcome.afterPublish?.().catch((e) => logError(`clean-up after ${jobId}`, e));
    } catch (err) {
      writeProgress();
      await writing;
      const message = err instanceof Error ? err.message : String(err);
      if (!(err instanceof Error && err.name === "ToolError")) logError(`job ${jobId} failed`, err);
      await this.finish(jobId, "failed", { error: message }).catch((e) => logError(`recording failure of ${jobId}`, e));
    } finally {
      this.active.delete(jobId);
      if (this.active.size === 0 && this.heartbeat) {
        clearInterval(this.heartbeat);
        this.heartbeat = void 0;
      }
    }
  }
  async finish(jobId, status, details) {
    await this.store.transaction(async (tx) => {
      const row = await tx.get("SELECT status, owner_token FROM lakehouse_jobs WHERE job_id = ?", [jobId]);
      if (!row || row.owner_token !== this.token || row.status !== "running" && row.status !== "queued") {
        throw new Error(`Job ${jobId} was already marked ${row?.status ?? "missing"} by another process; its result was not published.`);
      }
      if (details.publish) await details.publish(tx);
      const done2 = details.rows ?? null;
      await tx.run(
        `UPDATE lakehouse_jobs SET status = ?, rows = ?, result_json = ?, error = ?, finished_at = ?, heartbeat_at = ?,
           progress_done = CASE WHEN ? = 'succeeded' AND ? IS NOT NULL THEN ? ELSE progress_done END,
           progress_total = CASE WHEN ? = 'succeeded' AND ? IS NOT NULL THEN ? ELSE progress_total END,
           progress_message = CASE WHEN ? = 'succeeded' THEN 'done' ELSE progress_message END
         WHERE job_id = ?`,
        [
          status,
          done2,
          details.result ? JSON.stringify(details.result) : null,
          details.error ?? null,
          (/* @__PURE__ */ new Date()).toISOString(),
          (/* @__PURE__ */ new Date()).toISOString(),
          status,
          done2,
          done2,
          status,
          done2,
          done2,
          status,
          jobId
        ]
      );
    });
  }
  ensureHeartbeat() {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      const ids = [...this.active.keys()];
      if (ids.length === 0) return;
      void this.store.run(`UPDATE lakehouse_jobs SET heartbeat_at = ? WHERE owner_token = ? AND job_id IN (${ids.map(() => "?").join(",")})`, [(/* @__PURE__ */ new Date()).toISOString(), this.token, ...ids]).catch((err) => logError("job heartbeat", err));
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }
};

// mcp/engine.ts
init_tenant();

// mcp/store/migrations.ts
var MIGRATIONS = [
  {
    version: 1,
    name: "connections and audit log",
    sql: `
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('sqlite','postgres','sqlserver','databricks','lakehouse')),
        role TEXT NOT NULL CHECK (role IN ('training','production','warehouse','other')),
        description TEXT NOT NULL DEFAULT '',
        config_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        os_user TEXT NOT NULL,
        channel TEXT NOT NULL,
        client_name TEXT,
        client_version TEXT,
        action TEXT NOT NULL,
        args_json TEXT NOT NULL,
        connection_id TEXT,
        outcome TEXT NOT NULL,
        error TEXT,
        row_count INTEGER,
        duration_ms REAL NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_log_at ON audit_log (at);
    `
  },
  {
    version: 2,
    name: "settings and default connection",
    sql: `
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      ALTER TABLE connections ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0;
    `
  },
  {
    version: 4,
    name: "snapshots and offline QA packages",
    // Snapshot rows go in before their snapshot row, in the same transaction (the foreign key is
    // deferred); once the snapshot row exists, triggers refuse any change to it or its rows.
    sql: `
      CREATE TABLE snapshots (
        snapshot_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        content TEXT NOT NULL CHECK (content IN ('parcel_timeline','query_rows')),
        source_connection_id TEXT NOT NULL,
        selection_json TEXT NOT NULL,
        from_year INTEGER,
        to_year INTEGER,
        columns_json TEXT NOT NULL,
        key_columns_json TEXT NOT NULL,
        masking_policy TEXT NOT NULL,
        masking_key_id TEXT NOT NULL,
        created_by TEXT NOT NULL,
        client_name TEXT,
        created_at TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        origin_install_id TEXT NOT NULL,
        training_copy_connection_id TEXT
      );
      CREATE INDEX snapshots_created_at ON snapshots (created_at);
      CREATE TABLE snapshot_rows (
        snapshot_id TEXT NOT NULL REFERENCES snapshots (snapshot_id) DEFERRABLE INITIALLY DEFERRED,
        prop_id INTEGER NOT NULL,
        year INTEGER NOT NULL,
        key_extra TEXT NOT NULL DEFAULT '',
        row_json TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, prop_id, year, key_extra)
      ) WITHOUT ROWID;
      CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable: take a new snapshot instead'); END;
      CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable and cannot be deleted'); END;
      CREATE TRIGGER snapshot_rows_sealed_insert BEFORE INSERT ON snapshot_rows
        WHEN EXISTS (SELECT 1 FROM snapshots WHERE snapshot_id = NEW.snapshot_id)
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable: rows cannot be added to a saved snapshot'); END;
      CREATE TRIGGER snapshot_rows_no_update BEFORE UPDATE ON snapshot_rows
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable: take a new snapshot instead'); END;
      CREATE TRIGGER snapshot_rows_no_delete BEFORE DELETE ON snapshot_rows
        WHEN EXISTS (SELECT 1 FROM snapshots WHERE snapshot_id = OLD.snapshot_id)
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable and cannot be deleted'); END;

      CREATE TABLE qa_packages (
        package_id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        file_name TEXT NOT NULL,
        manifest_sha256 TEXT NOT NULL,
        contents_json TEXT NOT NULL
      );
      CREATE TABLE qa_signoffs (
        signoff_sha256 TEXT PRIMARY KEY,
        package_id TEXT NOT NULL REFERENCES qa_packages (package_id),
        reviewer TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('approved','rejected')),
        comment TEXT NOT NULL DEFAULT '',
        signed_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        signoff_json TEXT NOT NULL
      );
      CREATE INDEX qa_signoffs_package ON qa_signoffs (package_id);
      CREATE TRIGGER qa_packages_no_update BEFORE UPDATE ON qa_packages
        BEGIN SELECT RAISE(ABORT, 'QA packages are immutable'); END;
      CREATE TRIGGER qa_packages_no_delete BEFORE DELETE ON qa_packages
        BEGIN SELECT RAISE(ABORT, 'QA packages are immutable'); END;
      CREATE TRIGGER qa_signoffs_no_update BEFORE UPDATE ON qa_signoffs
        BEGIN SELECT RAISE(ABORT, 'QA sign-offs are immutable'); END;
      CREATE TRIGGER qa_signoffs_no_delete BEFORE DELETE ON qa_signoffs
        BEGIN SELECT RAISE(ABORT, 'QA sign-offs are immutable'); END;
    `
  },
  {
    version: 5,
    name: "lakehouse tables, jobs and load runs",
    sql: `
      CREATE TABLE lakehouse_tables (
        location TEXT NOT NULL,
        tenant_id TEXT NOT NULL,
        layer TEXT NOT NULL CHECK (layer IN ('bronze','silver','gold')),
        name TEXT NOT NULL,
        columns_json TEXT NOT NULL,
        files_json TEXT NOT NULL DEFAULT '[]',
        row_count INTEGER NOT NULL,
        source_json TEXT,
        last_job_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (location, layer, name)
      );
      CREATE TABLE lakehouse_jobs (
        job_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('sync','upload','transform')),
        status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed')),
        tenant_id TEXT NOT NULL,
        source_connection_id TEXT,
        warehouse_connection_id TEXT NOT NULL,
        target_key TEXT NOT NULL,
        target_table TEXT NOT NULL,
        args_json TEXT NOT NULL,
        rows INTEGER,
        progress_done INTEGER NOT NULL DEFAULT 0,
        progress_total INTEGER,
        progress_message TEXT,
        result_json TEXT,
        error TEXT,
        owner_pid INTEGER NOT NULL,
        owner_host TEXT NOT NULL,
        owner_token TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX lakehouse_jobs_active ON lakehouse_jobs (status, target_key);
      CREATE TABLE lakehouse_runs (
        run_id INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id TEXT NOT NULL REFERENCES lakehouse_jobs (job_id),
        kind TEXT NOT NULL CHECK (kind IN ('sync','upload','transform')),
        tenant_id TEXT NOT NULL,
        source_connection_id TEXT,
        source_name TEXT NOT NULL,
        warehouse_connection_id TEXT NOT NULL,
        target_key TEXT NOT NULL,
        target_table TEXT NOT NULL,
        sync_mode TEXT CHECK (sync_mode IN ('full','incremental')),
        watermark_column TEXT,
        watermark_before_json TEXT,
        watermark_after_json TEXT,
        rows INTEGER NOT NULL,
        file_sha256 TEXT NOT NULL,
        file_bytes INTEGER NOT NULL,
        duration_ms REAL NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL
      );
      CREATE INDEX lakehouse_runs_target ON lakehouse_runs (target_key, run_id);
    `
  }
];
var LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
async function currentVersion(db) {
  const row = await db.get("PRAGMA user_version");
  return row?.user_version ?? 0;
}
async function migrate(db, target = LATEST_VERSION) {
  for (const migration of MIGRATIONS) {
    if (migration.version > target) break;
    await db.transaction(async (tx) => {
      const row = await tx.get("PRAGMA user_version");
      const version = row?.user_version ?? 0;
      if (version > LATEST_VERSION) {
        throw new Error(
          `The data store was written by a newer PACS MCP (schema ${version}, this build knows ${LATEST_VERSION}). Update the app.`
        );
      }
      if (version >= migration.version) return;
      await tx.exec(migration.sql);
      await tx.exec(`PRAGMA user_version = ${migration.version}`);
    });
  }
  return currentVersion(db);
}

// mcp/store/paths.ts
import os4 from "node:os";
import path7 from "node:path";
import fs6 from "node:fs";
function dataDir(env = process.env) {
  if (env.PACS_MCP_HOME) return path7.resolve(env.PACS_MCP_HOME);
  const home = os4.homedir();
  switch (process.platform) {
    case "win32":
      return path7.join(env.APPDATA ?? path7.join(home, "AppData", "Roaming"), "PACS MCP Desktop");
    case "darwin":
      return path7.join(home, "Library", "Application Support", "PACS MCP Desktop");
    default:
      return path7.join(env.XDG_DATA_HOME ?? path7.join(home, ".local", "share"), "pacs-mcp-desktop");
  }
}
function ensureDataDir(dir2) {
  fs6.mkdirSync(dir2, { recursive: true, mode: 448 });
  return dir2;
}
var appStoreFile = (dir2) => path7.join(dir2, "app.sqlite");
var demoDbFile = (dir2) => path7.join(dir2, "demo-pacs.sqlite");

// mcp/engine.ts
init_sqlite_db();
var DEMO_CONNECTION_ID = "demo";
var Engine = class _Engine {
  constructor(dataDir2, store, secrets, env) {
    this.dataDir = dataDir2;
    this.store = store;
    this.secrets = secrets;
    this.env = env;
    this.audit = new AuditLog(store);
    this.connections = new ConnectionRegistry(store);
    this.tenantId = serverTenant(env);
    this.sources = new SourcePool(secrets, { dataDir: dataDir2, store, tenantId: this.tenantId });
    this.jobs = new JobRunner(store);
  }
  dataDir;
  store;
  secrets;
  env;
  audit;
  connections;
  sources;
  /** The tenant this process serves (`PACS_MCP_TENANT`); warehouses of other tenants are refused. */
  tenantId;
  /** Lakehouse jobs (syncs, uploads, transforms) run by this process. */
  jobs;
  static async open(options = {}) {
    const env = options.env ?? process.env;
    const dir2 = ensureDataDir(options.dataDir ?? dataDir(env));
    const secrets = options.secrets ?? createSecretStore(env);
    const store = await SqliteDb.open(appStoreFile(dir2), { wal: true, busyTimeoutMs: 15e3 });
    try {
      await migrate(store);
    } catch (err) {
      await store.close();
      throw err;
    }
    let engine2;
    try {
      engine2 = new _Engine(dir2, store, secrets, env);
      await engine2.jobs.recoverInterrupted();
    } catch (err) {
      await store.close();
      throw err;
    }
    if (options.initDemo ?? true) await engine2.ensureDemo();
    return engine2;
  }
  /**
   * A fresh data dir gets the demo PACS database, registered once as connection `demo`. The
   * first process to start claims the build (settings row `demo_state`); another process that
   * starts meanwhile waits for it, and a claim left by a process that died is taken over.
   */
  async ensureDemo() {
    for (; ; ) {
      const claim = `building:${process.pid}:${(/* @__PURE__ */ new Date()).toISOString()}`;
      const claimed = await this.store.run("INSERT OR IGNORE INTO settings (key, value) VALUES ('demo_state', ?)", [claim]);
      if (claimed.changes === 1) break;
      const state = await this.store.get("SELECT value FROM settings WHERE key = 'demo_state'");
      if (!state || state.value === "done") return;
      const pid = Number(state.value.split(":")[1]);
      if (!isProcessAlive(pid)) {
        await this.store.run("DELETE FROM settings WHERE key = 'demo_state' AND value = ?", [state.value]);
        continue;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    try {
      if (!fs8.existsSync(demoDbFile(this.dataDir))) await this.rebuildDemo({ size: demoSizeFromEnv(this.env) });
      else await this.registerDemo();
      await this.store.run("UPDATE settings SET value = 'done' WHERE key = 'demo_state'");
    } catch (err) {
      await this.store.run("DELETE FROM settings WHERE key = 'demo_state'");
      throw err;
    }
  }
  async rebuildDemo(options) {
    const { generateDemoDatabase: generateDemoDatabase2 } = await Promise.resolve().then(() => (init_generate_demo(), generate_demo_exports));
    await this.sources.evict(DEMO_CONNECTION_ID);
    const summary = await generateDemoDatabase2(demoDbFile(this.dataDir), options);
    await this.registerDemo();
    return summary;
  }
  async registerDemo() {
    const existing = await this.connections.find(DEMO_CONNECTION_ID);
    await this.connections.upsert({
      id: DEMO_CONNECTION_ID,
      kind: "sqlite",
      role: "training",
      description: "Demo PACS database (synthetic, generated locally)",
      config: { file: demoDbFile(this.dataDir) },
      is_default: existing?.is_default ?? !(await this.connections.list()).some((c2) => c2.is_default && c2.role === "training")
    });
  }
  /** The named connection, or the default training connection, with its open connector. */
  async source(connectionId) {
    const record = connectionId ? await this.connections.get(connectionId) : await this.connections.defaultTraining();
    const connector = await this.sources.get(record);
    return { record, connector };
  }
  async close() {
    await this.jobs.shutdown();
    await this.sources.closeAll();
    await this.store.close();
  }
};
function isProcessAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}
function demoSizeFromEnv(env) {
  const n = Number(env.PACS_MCP_DEMO_SIZE);
  return Number.isInteger(n) && n > 0 ? n : void 0;
}

// .scratch/sync-prof.ts
init_connection_config();

// mcp/lakehouse/sync/sync-table.ts
import fs9 from "node:fs";
import path9 from "node:path";

// mcp/tools/table-name.ts
var DEFAULT_SCHEMA = { sqlite: "main", postgres: "public", tsql: "dbo", duckdb: "bronze", databricks: "bronze" };
function splitTableName(qualified, dialect) {
  const parts = qualified.split(".").map((p) => p.trim().replace(/^[["`]|[\]"`]$/g, ""));
  if (parts.length === 1) return { schema: DEFAULT_SCHEMA[dialect], name: parts[0] };
  return { schema: parts[parts.length - 2], name: parts[parts.length - 1] };
}

// mcp/lakehouse/sync/sync-table.ts
init_sql_quote();
init_lake_types();
init_names();
init_parquet_writer();

// mcp/lakehouse/runs.ts
async function recordRun(tx, run) {
  await tx.run(
    `INSERT INTO lakehouse_runs (job_id, kind, tenant_id, source_connection_id, source_name, warehouse_connection_id, target_key, target_table,
       sync_mode, watermark_column, watermark_before_json, watermark_after_json, rows, file_sha256, file_bytes, duration_ms, started_at, finished_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    [
      run.jobId,
      run.kind,
      run.tenantId,
      run.sourceConnectionId,
      run.sourceName,
      run.warehouseConnectionId,
      run.targetKey,
      run.targetTable,
      run.syncMode,
      run.watermarkColumn,
      run.watermarkBefore ? JSON.stringify(run.watermarkBefore) : null,
      run.watermarkAfter ? JSON.stringify(run.watermarkAfter) : null,
      run.rows,
      run.fileSha256,
      run.fileBytes,
      run.durationMs,
      run.startedAt,
      (/* @__PURE__ */ new Date()).toISOString()
    ]
  );
}
async function lastRun(store, targetKey) {
  const row = await store.get(
    "SELECT kind, source_connection_id, source_name, watermark_column, watermark_after_json FROM lakehouse_runs WHERE target_key = ? ORDER BY run_id DESC LIMIT 1",
    [targetKey]
  );
  if (!row) return void 0;
  return { ...row, watermark_after: row.watermark_after_json ? JSON.parse(row.watermark_after_json) : null };
}

// mcp/lakehouse/warehouse-select.ts
init_connection_types();
init_tenant();

// mcp/lakehouse/warehouse.ts
function isWarehouseConnector(connector) {
  return typeof connector.warehouseKind === "string";
}

// mcp/lakehouse/warehouse-select.ts
var NotAWarehouseError = class extends Error {
  constructor(record) {
    super(
      `Connection "${record.id}" is a ${record.kind} source, not a warehouse. Name a lakehouse or databricks connection (list_connections shows them), or leave the warehouse out to use the local lakehouse.`
    );
    this.name = "NotAWarehouseError";
  }
};
var WAREHOUSE_KINDS = /* @__PURE__ */ new Set(["lakehouse", "databricks"]);
async function resolveWarehouse(engine2, connectionId, tenantId2) {
  assertSameTenant(engine2.tenantId, tenantId2, "the warehouse");
  const record = connectionId ? await engine2.connections.get(connectionId) : await defaultWarehouse(engine2);
  if (!WAREHOUSE_KINDS.has(record.kind)) throw new NotAWarehouseError(record);
  const connector = await engine2.sources.get(record);
  if (!isWarehouseConnector(connector)) throw new NotAWarehouseError(record);
  return { record, connector };
}
async function defaultWarehouse(engine2) {
  const mine = (await engine2.connections.list()).filter((c2) => WAREHOUSE_KINDS.has(c2.kind) && String(c2.config.tenant_id ?? "default") === engine2.tenantId);
  const pick = mine.find((c2) => c2.is_default && c2.role === "warehouse") ?? mine.find((c2) => c2.role === "warehouse") ?? mine.find((c2) => c2.kind === "lakehouse");
  if (pick) return pick;
  const all = await engine2.connections.list();
  const id = all.some((c2) => c2.id === "lakehouse") ? `lakehouse-${engine2.tenantId}`.slice(0, 64) : "lakehouse";
  return engine2.connections.upsert({
    id,
    kind: "lakehouse",
    role: "warehouse",
    description: `Local lakehouse (Parquet + DuckDB) of tenant ${engine2.tenantId}`,
    config: { tenant_id: engine2.tenantId },
    is_default: !mine.some((c2) => c2.is_default)
  });
}
function assertWarehouseWritable(record, what) {
  if (record.role === "production") throw new ProductionReadOnlyError(record.id, what);
}

// mcp/lakehouse/sync/watermark.ts
function watermarkFromValue(value) {
  if (value === null || value === void 0) return null;
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", value: String(value) } : null;
  if (typeof value === "bigint") return { kind: "bigint", value: value.toString() };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : { kind: "date", value: value.toISOString() };
  if (typeof value === "string") return { kind: "text", value };
  return null;
}
function watermarkParameter(mark) {
  switch (mark.kind) {
    case "number":
      return Number(mark.value);
    case "bigint": {
      const n = Number(mark.value);
      return Number.isSafeInteger(n) ? n : mark.value;
    }
    case "date":
      return new Date(mark.value);
    case "text":
      return mark.value;
  }
}
function compareDecimalText(a, b) {
  const parse = (s) => {
    const t2 = s.trim();
    const negative = t2.startsWith("-");
    const [int2 = "0", frac = ""] = t2.replace(/^[-+]/, "").split(".");
    return { negative, int: int2.replace(/^0+(?=\d)/, ""), frac: frac.replace(/0+$/, "") };
  };
  const x = parse(a);
  const y = parse(b);
  const zero = (p) => /^0*$/.test(p.int) && p.frac === "";
  if (zero(x) && zero(y)) return 0;
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  let magnitude = x.int.length - y.int.length || (x.int < y.int ? -1 : x.int > y.int ? 1 : 0);
  if (magnitude === 0) {
    const width = Math.max(x.frac.length, y.frac.length);
    const fx = x.frac.padEnd(width, "0");
    const fy = y.frac.padEnd(width, "0");
    magnitude = fx < fy ? -1 : fx > fy ? 1 : 0;
  }
  return x.negative ? -magnitude : magnitude;
}
function temporalKey(value) {
  if (value instanceof Date) return value.toISOString().replace("T", " ").replace("Z", "");
  const text = String(value).trim().replace("T", " ");
  const [date2, time = ""] = text.split(" ");
  return `${date2} ${time.padEnd(15, "0")}`;
}
function compareWatermarkValues(type, a, b) {
  if (type.kind === "date" || type.kind === "timestamp" || type.kind === "timestamptz") {
    if (type.kind === "timestamptz" && (a instanceof Date || b instanceof Date || /[+-]\d\d(:?\d\d)?$|Z$/.test(String(a)))) {
      const da = a instanceof Date ? a.getTime() : Date.parse(String(a));
      const db = b instanceof Date ? b.getTime() : Date.parse(String(b));
      return da - db;
    }
    const ka = temporalKey(a);
    const kb = temporalKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }
  if (typeof a === "number" && typeof b === "number") return a - b;
  return compareDecimalText(numberText2(a), numberText2(b));
}
function numberText2(value) {
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value).toString() : value.toFixed(20);
  return String(value);
}
function canBeWatermark(type) {
  return ["integer", "bigint", "decimal", "double", "date", "timestamp", "timestamptz"].includes(type.kind);
}

// mcp/lakehouse/sync/sync-table.ts
var SyncRequestError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "SyncRequestError";
  }
};
var DEFAULT_BATCH = 5e3;
async function startSync(engine2, request) {
  const { record: source, connector } = await engine2.source(request.connectionId);
  const { record: warehouseRecord, connector: warehouse } = await resolveWarehouse(engine2, request.warehouseConnectionId, request.tenantId);
  assertWarehouseWritable(warehouseRecord, "loading tables into it");
  if (!connector.streamBatches) throw new SyncRequestError(`Connection "${source.id}" (${source.kind}) cannot stream rows, so it cannot be synced.`);
  const { schema, name } = splitTableName(request.tableName, connector.dialect);
  const columns = await connector.describeTable(schema, name);
  if (columns.length === 0) {
    throw new SyncRequestError(`Table "${request.tableName}" was not found in connection "${source.id}". Call list_source_tables to see the names.`);
  }
  const fields = planFields(columns, connector);
  const watermark = request.watermarkColumn ? findWatermark(fields, request.watermarkColumn, request.tableName) : void 0;
  if (request.syncMode === "incremental" && !watermark) {
    throw new SyncRequestError("An incremental sync needs watermark_column: a column that only grows as rows are added or changed (an id, or a last-modified date).");
  }
  const target = lakeTableName(request.bronzeTable ?? name);
  const targetKey = `${warehouse.location}/bronze/${target}`;
  const plan = { engine: engine2, source, connector, warehouse, warehouseRecord, schema, table: name, fields, watermark, target, targetKey, request };
  const job2 = await engine2.jobs.start(
    {
      kind: "sync",
      tenantId: warehouse.tenantId,
      sourceConnectionId: source.id,
      warehouseConnectionId: warehouseRecord.id,
      targetKey,
      targetTable: warehouse.qualifiedName("bronze", target),
      args: { connection_id: source.id, table_name: request.tableName, sync_mode: request.syncMode, watermark_column: request.watermarkColumn ?? null }
    },
    (ctx) => runSync(plan, ctx)
  );
  return { job: job2, warehouse, source };
}
function planFields(columns, connector) {
  const names = lakeColumnNames(columns.map((c2) => c2.name));
  return columns.map((c2, i) => {
    const column = { name: names[i], type: lakeTypeFromDeclared(connector.dialect, c2.type), nullable: c2.nullable };
    return { source: c2.name, column };
  });
}
function findWatermark(fields, requested, table2) {
  const field = fields.find((f) => f.source === requested) ?? fields.find((f) => f.source.toLowerCase() === requested.toLowerCase());
  if (!field) throw new SyncRequestError(`Table "${table2}" has no column "${requested}". Its columns: ${fields.map((f) => f.source).join(", ")}.`);
  if (!canBeWatermark(field.column.type)) {
    throw new SyncRequestError(
      `Column "${field.source}" is ${duckdbType(field.column.type)}; a watermark must be a number, date or timestamp that grows as rows change (text does not order reliably).`
    );
  }
  return field;
}
async function runSync(plan, ctx) {
  const started = performance.now();
  const startedAt = (/* @__PURE__ */ new Date()).toISOString();
  const { connector, warehouse, fields, watermark } = plan;
  const workDir = warehouse.workDir(ctx.jobId);
  fs9.mkdirSync(workDir, { recursive: true, mode: 448 });
  try {
    const previous = plan.request.syncMode === "incremental" ? await previousWatermark(plan) : null;
    const mode = previous ? "append" : "replace";
    const dialect = connector.dialect;
    const from = qualifiedTable(dialect, plan.schema, plan.table);
    const list = fields.map((f) => quoteIdent(dialect, f.source)).join(", ");
    const where2 = previous && watermark ? ` WHERE ${quoteIdent(dialect, watermark.source)} > ?` : "";
    const params = previous ? [watermarkParameter(previous)] : [];
    let total = null;
    void countRows2(connector, `SELECT COUNT(*) AS n FROM ${from}${where2}`, params, ctx.signal).then((n) => total = n);
    const writer = ParquetWriter.open({ workDir, fields, zone: dialect === "tsql" ? "utc" : "local" });
    let high = null;
    try {
      ctx.progress(0, null, "extracting");
      for await (const batch of connector.streamBatches(`SELECT ${list} FROM ${from}${where2}`, params, plan.request.batchSize ?? DEFAULT_BATCH, ctx.signal)) {
        if (ctx.signal.aborted) throw new Error("The sync was stopped before it finished.");
        writer.write(batch);
        if (watermark) {
          for (const row of batch) {
            const value = row[watermark.source];
            if (value !== null && value !== void 0 && (high === null || compareWatermarkValues(watermark.column.type, value, high) > 0)) high = value;
          }
        }
        ctx.progress(writer.rows, total && total >= writer.rows ? total : null, "extracting");
      }
    } catch (err) {
      writer.abort();
      throw err;
    }
    ctx.progress(writer.rows, writer.rows, "writing Parquet");
    const file = await writer.finish(path9.join(workDir, `${plan.target}.parquet`));
    ctx.progress(file.rows, file.rows, `loading into ${warehouse.qualifiedName("bronze", plan.target)}`);
    const loaded = mode === "append" && file.rows === 0 ? await nothingNew(warehouse, plan.target, file.path) : await warehouse.load({
      layer: "bronze",
      name: plan.target,
      file,
      mode,
      source: { kind: "sync", connection_id: plan.source.id, table: `${plan.schema}.${plan.table}`, sync_mode: plan.request.syncMode, watermark_column: watermark?.source ?? null },
      jobId: ctx.jobId,
      signal: ctx.signal
    });
    const after = watermarkFromValue(high) ?? previous;
    const durationMs = Math.round(performance.now() - started);
    return {
      rows: file.rows,
      result: {
        bronze_table: loaded.qualified_name,
        rows_loaded: file.rows,
        table_rows: loaded.row_count,
        sync_mode: plan.request.syncMode,
        load: mode === "append" ? "appended" : "replaced",
        watermark_column: watermark?.source ?? null,
        watermark_before: previous?.value ?? null,
        watermark_after: after?.value ?? null,
        file_sha256: file.sha256,
        file_bytes: file.bytes,
        duration_ms: durationMs,
        rows_per_second: durationMs > 0 ? Math.round(file.rows * 1e3 / durationMs) : null,
        columns: file.columns.map((c2) => ({ name: c2.name, type: duckdbType(c2.type) }))
      },
      publish: async (tx) => {
        await loaded.publish(tx);
        await recordRun(tx, {
          jobId: ctx.jobId,
          kind: "sync",
          tenantId: warehouse.tenantId,
          sourceConnectionId: plan.source.id,
          sourceName: `${plan.schema}.${plan.table}`,
          warehouseConnectionId: plan.warehouseRecord.id,
          targetKey: plan.targetKey,
          targetTable: loaded.qualified_name,
          syncMode: plan.request.syncMode,
          watermarkColumn: watermark?.source ?? null,
          watermarkBefore: previous,
          watermarkAfter: after,
          rows: file.rows,
          fileSha256: file.sha256,
          fileBytes: file.bytes,
          durationMs,
          startedAt
        });
      },
      afterPublish: loaded.afterPublish,
      discard: loaded.discard
    };
  } finally {
    fs9.rmSync(workDir, { recursive: true, force: true });
  }
}
async function previousWatermark(plan) {
  const last2 = await lastRun(plan.engine.store, plan.targetKey);
  if (!last2 || last2.kind !== "sync" || last2.source_connection_id !== plan.source.id) return null;
  if (last2.source_name !== `${plan.schema}.${plan.table}` || last2.watermark_column !== plan.watermark?.source) return null;
  if (await plan.warehouse.tableColumns("bronze", plan.target) === null) return null;
  return last2.watermark_after;
}
async function nothingNew(warehouse, target, file) {
  fs9.rmSync(file, { force: true });
  const table2 = (await warehouse.listLayerTables("bronze")).find((t2) => t2.name === target);
  return { qualified_name: warehouse.qualifiedName("bronze", target), row_count: table2?.row_count ?? 0, publish: async () => void 0 };
}
async function countRows2(connector, sql, params, signal) {
  try {
    const result = await connector.query(sql, params, { maxRows: 1, timeoutMs: 1e4, signal });
    const n = Number(Object.values(result.rows[0] ?? {})[0]);
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

// .scratch/sync-prof.ts
import fs10 from "node:fs";
var dir = "/tmp/sync-prof-home";
fs10.rmSync(dir, { recursive: true, force: true });
var engine = await Engine.open({ dataDir: dir, env: { PACS_MCP_SECRETS: "memory" }, initDemo: false });
await engine.connections.upsert({ id: "pg", kind: "postgres", role: "other", description: "", config: parseConnectionConfig("postgres", { host: "127.0.0.1", port: 55432, database: "postgres", user: "postgres" }) });
var t = performance.now();
var c0 = process.cpuUsage();
var { job } = await startSync(engine, { connectionId: "pg", tableName: "parcel_values", syncMode: "full" });
var last = "";
var timer = setInterval(async () => {
  const j = await engine.jobs.get(job.job_id);
  const m = `${Math.round(performance.now() - t)}ms ${j.progress.message} ${j.progress.done}`;
  if (j.progress.message !== last.split(" ")[1]) console.log(m);
  last = m;
}, 100);
var done = await engine.jobs.waitFor(job.job_id, 6e5);
clearInterval(timer);
var c = process.cpuUsage(c0);
console.log(done.status, done.rows, "wall", Math.round(performance.now() - t), "cpu user", Math.round(c.user / 1e3), "sys", Math.round(c.system / 1e3), "peak MB", Math.round(process.resourceUsage().maxRSS / 1024), done.error ?? "");
await engine.close();
