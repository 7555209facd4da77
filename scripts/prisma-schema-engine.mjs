#!/usr/bin/env node
/**
 * Stand-in for Prisma's native `schema-engine` binary, so that `prisma
 * migrate`, `prisma db push` and `prisma migrate diff` work without
 * downloading it. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here.
 *
 * The Prisma CLI (7.10) spawns this file with the arguments it gives the
 * native engine. It speaks JSON-RPC 2.0 to it, one JSON object per line on
 * stdin and stdout, and reads JSON log lines from stderr. Each request is handed
 * to the same engine compiled to WebAssembly (@prisma/schema-engine-wasm),
 * which reaches PostgreSQL through @prisma/adapter-pg. The adapter is
 * wrapped to fix what the engine needs and adapter-pg 7.10.1 lacks:
 * - columns of PostgreSQL's internal "char" type (OID 18) are reported as
 *   ColumnTypeEnum.Character instead of failing to deserialize;
 * - a migration script is sent as one query, so PostgreSQL runs it as one
 *   implicit transaction (adapter-pg splits it on every ";", which breaks
 *   $$ bodies and leaves a failed migration half-applied);
 * - the shadow database is created and dropped here, on the server named
 *   by the URL (adapter-pg's own shadow path would reuse the main
 *   database), or, when `shadowDatabaseUrl` is configured, that database's
 *   public schema is emptied before use.
 *
 * Set DEBUG_SCHEMA_ENGINE=1 to copy every request and response to stderr.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import readline from "node:readline";

import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
} from "@prisma/driver-adapter-utils";
import pg from "pg";

const CHAR_OID = 18;
const TEXT_OID = 25;
const PANIC_EXIT_CODE = 101;
const debugEnabled = Boolean(process.env.DEBUG_SCHEMA_ENGINE);

// ---------------------------------------------------------------- logging

/** Writes one log line in the native engine's format, which the CLI parses. */
function logLine(level, message, extraFields = {}) {
  const line = {
    timestamp: new Date().toISOString(),
    level,
    fields: { message, ...extraFields },
    target: "schema_engine::logger",
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

function debug(label, value) {
  if (debugEnabled) {
    process.stderr.write(
      `[schema-engine stand-in] ${label} ${JSON.stringify(value)}\n`,
    );
  }
}

// ------------------------------------------------------------- arguments

function parseArguments(argv) {
  const options = {
    datamodelPaths: [],
    datasource: undefined,
    cliCommand: undefined,
  };

  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    switch (argument) {
      case "--datamodels":
        options.datamodelPaths.push(argv[++index]);
        break;
      case "--datasource":
        options.datasource = JSON.parse(argv[++index]);
        break;
      case "--enabled-preview-features":
      case "--extension-types":
        // Accepted for compatibility; the Wasm engine takes neither.
        index++;
        break;
      case "--version":
      case "-V":
        options.cliCommand = "version";
        break;
      case "cli":
        options.cliCommand = argv[++index];
        break;
      default:
        throw new Error(`Unknown schema engine argument "${argument}"`);
    }
  }
  return options;
}

// ------------------------------------------------- driver adapter wrapper

/**
 * Runs adapter-pg's queryRaw but reports "char" columns as Character. The
 * view object inherits everything from the adapter except performIO, so
 * each call keeps its own list of char columns even when calls overlap.
 */
async function queryRawWithCharColumns(queryable, query) {
  const charColumns = [];
  const view = Object.create(queryable, {
    performIO: {
      value: async (innerQuery) => {
        const result = await queryable.performIO(innerQuery);
        result.fields.forEach((field, index) => {
          if (field.dataTypeID === CHAR_OID) {
            charColumns.push(index);
            // Text passes adapter-pg's type check; corrected below.
            field.dataTypeID = TEXT_OID;
          }
        });
        return result;
      },
    },
  });

  const resultSet = await queryable.queryRaw.call(view, query);
  for (const index of charColumns) {
    resultSet.columnTypes[index] = ColumnTypeEnum.Character;
  }
  return resultSet;
}

function wrapTransaction(transaction) {
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: (query) => queryRawWithCharColumns(transaction, query),
    executeRaw: (query) => transaction.executeRaw(query),
    commit: () => transaction.commit(),
    rollback: () => transaction.rollback(),
    createSavepoint: (name) => transaction.createSavepoint(name),
    rollbackToSavepoint: (name) => transaction.rollbackToSavepoint(name),
    releaseSavepoint: (name) => transaction.releaseSavepoint(name),
  };
}

function wrapAdapter(adapter, onDispose = async () => {}) {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => queryRawWithCharColumns(adapter, query),
    executeRaw: (query) => adapter.executeRaw(query),
    // One simple-protocol query: PostgreSQL runs a multi-statement string
    // as one implicit transaction, so a failing migration leaves nothing.
    executeScript: async (script) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (error) {
        adapter.onError(error);
      }
    },
    startTransaction: async (isolationLevel) =>
      wrapTransaction(await adapter.startTransaction(isolationLevel)),
    getConnectionInfo: () => adapter.getConnectionInfo(),
    dispose: async () => {
      await adapter.dispose();
      await onDispose();
    },
  };
}

function withDatabaseName(url, databaseName) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(databaseName)}`;
  return parsed.toString();
}

async function runAdminStatement(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Drops of the shadow databases still alive, run on a fatal error too. */
const shadowDatabaseDrops = new Set();

const missingUrlMessage =
  "No database URL: set DATABASE_URL (prisma.config.ts reads it as datasource.url).";

// PostgreSQL version assumed when no database is configured.
const offlineServerVersionNumber = 180000;

/**
 * An adapter for runs without a URL, such as `migrate diff --from-empty
 * --to-schema`. The Wasm engine sends one probe query when it starts: does
 * the schema exist, and which server version is it. This adapter returns
 * the result a PostgreSQL 18 server with a public schema would return, and
 * rejects any other query.
 */
function createMissingUrlAdapter() {
  const reject = async () => {
    throw new Error(missingUrlMessage);
  };
  const queryRaw = async (query) => {
    if (!query.sql.includes("current_setting('server_version_num')")) {
      return reject();
    }
    return {
      columnNames: ["exists", "version", "numeric_version"],
      columnTypes: [
        ColumnTypeEnum.Boolean,
        ColumnTypeEnum.Text,
        ColumnTypeEnum.Int32,
      ],
      rows: [
        [
          true,
          "PostgreSQL 18 (assumed: no database URL)",
          offlineServerVersionNumber,
        ],
      ],
    };
  };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    queryRaw,
    executeRaw: reject,
    executeScript: reject,
    startTransaction: reject,
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => {},
  };
}

/** Creates the migration-aware adapter factory that the Wasm engine calls. */
function createAdapterFactory(datasource) {
  const url = datasource?.url;
  const shadowDatabaseUrl = datasource?.shadowDatabaseUrl;

  const requireUrl = () => {
    if (!url) {
      throw new Error(missingUrlMessage);
    }
    return url;
  };

  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",

    // The engine connects when it starts, even for commands that need no
    // database such as `migrate diff --from-empty --to-schema`.
    async connect() {
      if (!url) {
        return createMissingUrlAdapter();
      }
      const adapter = await new PrismaPg({ connectionString: url }).connect();
      return wrapAdapter(adapter);
    },

    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        const adapter = await new PrismaPg({
          connectionString: shadowDatabaseUrl,
        }).connect();
        // The Wasm engine does not empty a configured shadow database.
        await adapter
          .underlyingDriver()
          .query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
        return wrapAdapter(adapter);
      }

      // A throwaway database on the same server; needs the CREATEDB privilege.
      const mainUrl = requireUrl();
      const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      await runAdminStatement(mainUrl, `CREATE DATABASE "${name}"`);
      const drop = async () => {
        shadowDatabaseDrops.delete(drop);
        await runAdminStatement(
          mainUrl,
          `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
        );
        debug("dropped shadow database", name);
      };
      shadowDatabaseDrops.add(drop);
      debug("created shadow database", name);

      const adapter = await new PrismaPg({
        connectionString: withDatabaseName(mainUrl, name),
      }).connect();
      return wrapAdapter(adapter, drop);
    },
  };
}

// ------------------------------------------------------------ Wasm engine

/**
 * Loads the engine by instantiating the .wasm bytes directly: the package's
 * entry point imports the .wasm file as an ES module, which Node.js accepts
 * only from version 24.5 on (and behind a flag before).
 */
async function loadWasmEngine() {
  const bindingsUrl = import.meta
    .resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bindings = await import(bindingsUrl);
  const wasmBytes = await fs.readFile(
    new URL("schema_engine_bg.wasm", bindingsUrl),
  );
  const { instance } = await WebAssembly.instantiate(wasmBytes, {
    "./schema_engine_bg.js": bindings,
  });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bindings;
}

/** Receives the message of a Rust panic; the Wasm code calls set_message. */
const panicRegistry = {
  message: "",
  get() {
    return this.message;
  },
  set_message(message) {
    this.message = `RuntimeError: ${message}`;
  },
};
globalThis.PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

function isWasmPanic(error) {
  return (
    error instanceof WebAssembly.RuntimeError || error?.name === "RuntimeError"
  );
}

// The id of the request being handled, so that a fatal error can still send
// its error response.
let requestInFlight;

/**
 * Reports a panic (or any other uncaught error) and exits with 101, the
 * native engine's panic status. The pending request gets an error response
 * first: when the engine only exits, the CLI (7.10) drops the failure of
 * some commands such as `migrate diff` silently and exits with 0.
 */
async function exitWithPanic(error) {
  const message = panicRegistry.get() || (error?.stack ?? String(error));
  logLine("ERROR", message);

  // A panic abandons the request, so its shadow database would stay behind.
  // Drop it before responding, because the CLI kills the engine on a response.
  await Promise.allSettled([...shadowDatabaseDrops].map((drop) => drop()));

  if (requestInFlight !== undefined) {
    writeMessage({
      jsonrpc: "2.0",
      id: requestInFlight,
      error: {
        code: userFacingErrorCode,
        message,
        data: { is_panic: true, message },
      },
    });
  }
  process.exit(PANIC_EXIT_CODE);
}

process.on("uncaughtException", exitWithPanic);
process.on("unhandledRejection", exitWithPanic);

function writeMessage(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

// RPC method names the CLI sends that the Wasm engine names differently.
const methodAliases = { getDatabaseVersion: "version" };

const userFacingErrorCode = 4466;

/** Turns an error from the Wasm engine into a JSON-RPC error object. */
function toRpcError(error, adapterFactory) {
  const message = describeEngineError(error, adapterFactory);
  const data = { is_panic: false, message, meta: error?.meta ?? null };
  if (typeof error?.code === "string") {
    data.error_code = error.code;
  }
  return { code: userFacingErrorCode, message, data };
}

function describeEngineError(error, adapterFactory) {
  if (!(error instanceof Error)) {
    return String(error);
  }

  // A plain JavaScript error thrown inside the adapter reaches the engine
  // as { kind: "GenericJs", id }, comes back as "External error id#N",
  // and the original stays in the factory's error registry.
  const idMatch = /External error id#(\d+)/.exec(error.message);
  if (idMatch) {
    const original = adapterFactory.errorRegistry.consumeError(
      Number(idMatch[1]),
    );
    if (original?.error instanceof Error) {
      return original.error.message;
    }
  }
  return error.message;
}

// ------------------------------------------------------- CLI subcommands

function describeTarget(url) {
  const parsed = new URL(url);
  return {
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")),
    location: `${parsed.hostname}:${parsed.port || "5432"}`,
  };
}

/** Maps a connection failure to the Prisma error code the CLI acts on. */
function connectionErrorFields(error, url) {
  const { database, location } = describeTarget(url);
  switch (error.code) {
    case "3D000":
      return {
        error_code: "P1003",
        message: `Database \`${database}\` does not exist on the database server at \`${location}\`.`,
      };
    case "28P01":
    case "28000":
      return {
        error_code: "P1000",
        message: `Authentication failed against database server at \`${location}\`: ${error.message}`,
      };
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "ETIMEDOUT":
      return {
        error_code: "P1001",
        message: `Can't reach database server at \`${location}\`.`,
      };
    default:
      return { message: error.message };
  }
}

async function runCliCommand(command, datasource) {
  // `prisma version` shows this line.
  if (command === "version") {
    const { version } = await loadWasmEngine();
    process.stdout.write(`schema-engine-cli ${version()} (Wasm stand-in)\n`);
    return 0;
  }

  // The CLI skips the first stderr line, where the native engine logs its
  // start, and reads JSON log lines after it.
  logLine("INFO", `Starting schema engine CLI: ${command}`);

  const url = datasource?.url;
  if (!url) {
    logLine("ERROR", "No database URL: set DATABASE_URL.");
    return 1;
  }

  try {
    if (command === "can-connect-to-database") {
      await runAdminStatement(url, "SELECT 1");
      return 0;
    }

    if (command === "create-database") {
      const { database } = describeTarget(url);
      const maintenanceUrl = withDatabaseName(url, "postgres");
      await runAdminStatement(
        maintenanceUrl,
        `CREATE DATABASE "${database.replaceAll('"', '""')}"`,
      );
      process.stdout.write(
        `Database '${database}' was successfully created.\n`,
      );
      return 0;
    }
  } catch (error) {
    const { message, ...fields } = connectionErrorFields(error, url);
    logLine("ERROR", message, fields);
    return 1;
  }

  logLine("ERROR", `Unknown schema engine command "cli ${command}"`);
  return 1;
}

// ------------------------------------------------------------- JSON-RPC

async function readDatamodels(paths) {
  if (paths.length === 0) {
    return undefined;
  }
  return Promise.all(
    paths.map(async (filePath) => [
      filePath,
      await fs.readFile(filePath, "utf8"),
    ]),
  );
}

async function serveJsonRpc(options) {
  const bindings = await loadWasmEngine();
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(
    createAdapterFactory(options.datasource),
  );
  const datamodels = await readDatamodels(options.datamodelPaths);

  // The engine connects and queries the database while starting. When that
  // fails, every request gets the failure as its error response.
  let engine;
  let startupError;
  try {
    engine = await bindings.SchemaEngine.new(
      { datamodels },
      (logMessage) => {
        process.stderr.write(
          logMessage.endsWith("\n") ? logMessage : `${logMessage}\n`,
        );
      },
      adapterFactory,
    );
  } catch (error) {
    if (isWasmPanic(error)) {
      await exitWithPanic(error);
    }
    startupError = error;
    logLine("ERROR", describeEngineError(error, adapterFactory));
  }

  const pendingPrints = new Map();
  let nextPrintId = 1;

  // The native engine prints `migrate diff` output through a "print"
  // request to the CLI; the Wasm engine returns it as `stdout` instead.
  const printThroughCli = (content) =>
    new Promise((resolve) => {
      const id = `print-${nextPrintId++}`;
      pendingPrints.set(id, resolve);
      writeMessage({
        jsonrpc: "2.0",
        id,
        method: "print",
        params: { content },
      });
    });

  const handleRequest = async (request) => {
    if (startupError) {
      writeMessage({
        jsonrpc: "2.0",
        id: request.id,
        error: toRpcError(startupError, adapterFactory),
      });
      return;
    }

    const method = methodAliases[request.method] ?? request.method;
    if (typeof engine[method] !== "function") {
      writeMessage({
        jsonrpc: "2.0",
        id: request.id,
        error: { code: -32601, message: `Method not found: ${request.method}` },
      });
      return;
    }

    requestInFlight = request.id;
    try {
      const result = await engine[method](request.params);
      if (result && typeof result.stdout === "string" && result.stdout !== "") {
        await printThroughCli(result.stdout.replace(/\n$/, ""));
        result.stdout = null;
      }
      debug("response", { id: request.id, result });
      writeMessage({ jsonrpc: "2.0", id: request.id, result: result ?? null });
    } catch (error) {
      if (isWasmPanic(error)) {
        await exitWithPanic(error);
      }
      debug("error", {
        id: request.id,
        message: error?.message,
        cause: error?.cause,
      });
      writeMessage({
        jsonrpc: "2.0",
        id: request.id,
        error: toRpcError(error, adapterFactory),
      });
    } finally {
      requestInFlight = undefined;
    }
  };

  // Requests run one at a time, in arrival order, like the native engine.
  let queue = Promise.resolve();
  const input = readline.createInterface({
    input: process.stdin,
    crlfDelay: Infinity,
  });
  input.on("line", (line) => {
    if (line.trim() === "") {
      return;
    }
    const message = JSON.parse(line);
    debug("received", message);

    if (message.method === undefined && pendingPrints.has(message.id)) {
      pendingPrints.get(message.id)();
      pendingPrints.delete(message.id);
      return;
    }
    queue = queue.then(() => handleRequest(message));
  });

  await new Promise((resolve) => input.once("close", resolve));
  await queue;
  engine?.free();
  // Idle pool connections would keep the process alive for seconds.
  process.exit(0);
}

const options = parseArguments(process.argv.slice(2));
if (options.cliCommand) {
  process.exitCode = await runCliCommand(
    options.cliCommand,
    options.datasource,
  );
} else {
  await serveJsonRpc(options);
}
